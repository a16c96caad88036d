/**
 * The reader's note under the comment: text, http(s) links and line breaks, never HTML. Versions
 * written elsewhere that a save replaced unseen are said next to it, one click from the editor that
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

function button(className: string, text: string, label: string, onClick: () => void) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  element.setAttribute('aria-label', label);
  element.addEventListener('click', trusted(onClick));
  return element;
}

/** The note's text, with its links. */
function noteText(note: string): HTMLSpanElement {
  const text = document.createElement('span');
  text.className = 'text';
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

/** Draws the note into its shadow root, in place of what it showed. */
export function renderCommentNote(root: ShadowRoot, { note, versions, onEdit }: CommentNoteProps) {
  const box = document.createElement('div');
  box.className = 'note';
  box.setAttribute('role', 'note');
  box.setAttribute('aria-label', 'Your Threadnote note');
  if (note) box.append(noteText(note), button('edit', 'edit', 'Edit your note', onEdit));
  if (versions > 0) {
    const label = keptLabel(versions);
    box.append(button('kept', `${label} · show`, `${label}: show them in the note editor`, onEdit));
  }
  root.replaceChildren(box);
}
