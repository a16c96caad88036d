/**
 * The reader's note under the comment: text, http(s) links and line breaks, never HTML, clamped to
 * three lines with "more"/"less" so that a long note never takes over the thread. Versions written
 * elsewhere that a save replaced unseen are said next to it, one click from the editor that
 * restores or dismisses them. Built with plain DOM calls, like the chips: notes show on page load,
 * and the script that runs then carries no Preact (docs/architecture.md, "What a forum page loads").
 */
import { trusted } from '../trusted';
import { noteParts } from '../../shared/note-text';
import { keptLabel } from './comment-chips';

export interface CommentNoteProps {
  note: string;
  versions: number;
  onEdit: () => void;
}

function button(className: string, text: string, label: string | null, onClick: () => void) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  if (label) element.setAttribute('aria-label', label);
  element.addEventListener('click', trusted(onClick));
  return element;
}

/** The note's text, with its links. */
function noteText(note: string): HTMLSpanElement {
  const text = document.createElement('span');
  text.className = 'text clamped';
  text.dir = 'auto';
  for (const part of noteParts(note)) {
    if (part.kind === 'link') {
      const link = document.createElement('a');
      link.href = part.href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer nofollow';
      link.textContent = part.text;
      text.append(link);
    } else {
      text.append(part.text);
    }
  }
  return text;
}

/**
 * Offers "more" once the clamp cuts the text. Whether it does is read when the browser lays the
 * note out (a ResizeObserver reports each note once it has a box, and again when it changes):
 * reading its size while the page is being decorated would force a layout of the whole thread per
 * note (npm run bench: 60 annotations took 750 ms instead of 10). A note drawn hidden (its editor
 * open, or folded away) is measured when it shows.
 */
function clampToggle(text: HTMLSpanElement, before: Element): void {
  const more = button('more', 'more', null, () => {
    const open = text.classList.toggle('clamped') === false;
    more.textContent = open ? 'less' : 'more';
    more.setAttribute('aria-expanded', String(open));
  });
  more.setAttribute('aria-expanded', 'false');
  more.hidden = true;
  before.before(more);
  const watcher = new ResizeObserver(() => {
    if (!text.isConnected) {
      watcher.disconnect();
      return;
    }
    if (text.classList.contains('clamped')) {
      more.hidden = text.scrollHeight <= text.clientHeight + 1;
    }
  });
  watcher.observe(text);
}

/** Draws the note into its shadow root, in place of what it showed. */
export function renderCommentNote(root: ShadowRoot, { note, versions, onEdit }: CommentNoteProps) {
  const box = document.createElement('div');
  box.className = 'note';
  box.setAttribute('role', 'note');
  box.setAttribute('aria-label', 'Your Threadnote note');
  const actions = document.createElement('span');
  actions.className = 'actions';
  if (note) {
    const text = noteText(note);
    const edit = button('edit', 'edit', 'Edit your note', onEdit);
    actions.append(edit);
    box.append(text, actions);
    clampToggle(text, edit);
  } else {
    box.append(actions);
  }
  if (versions > 0) {
    const label = keptLabel(versions);
    actions.append(
      button('kept', `${label} · show`, `${label}: show them in the note editor`, onEdit),
    );
  }
  root.replaceChildren(box);
}
