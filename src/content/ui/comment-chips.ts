/**
 * Tag chips and the collapsed stub in a comment's header. These go on every tagged comment and
 * on every comment by a tagged user, hundreds on a big thread, so they are built with plain DOM
 * calls: `npm run bench` measured Preact's render at about 0.13 ms per header, several times
 * this. The interactive panel, shown one at a time, stays in Preact.
 */
import type { Tag } from '../../shared/model';
import { displayText, firstLine } from '../../shared/note-text';
import { trusted } from '../trusted';

/** What a note's kept versions are called next to it. */
export function keptLabel(versions: number): string {
  return versions === 1 ? 'another version kept' : `${versions} other versions kept`;
}

/** What each root last showed: the same again leaves the page untouched. */
const shown = new WeakMap<ShadowRoot, string>();

/**
 * Callbacks are kept from the render that built the chips, so they must read any state they need
 * when called, not when passed.
 */
export interface CommentChipsProps {
  tags: readonly Tag[];
  userTags: readonly Tag[];
  /** The reader's note on the author: its first line shows, the rest on hover or focus. */
  userNote: string;
  /** How many versions of the user note a save replaced unseen and kept. */
  userVersions: number;
  /** Opens the user note's editor, where kept versions are restored or dismissed. */
  onUserVersions: () => void;
  /**
   * Set while the comment is collapsed: what is folded away ("16 replies by a, b and 3 others ·
   * 1 new"), and how to bring it back.
   */
  collapsed: { summary: string; onExpand: () => void; ownToggle: boolean } | null;
  onRemoveTag: (name: string) => void;
  /** Clicking a tag's name filters the thread by it. */
  onTagClick: (name: string) => void;
}

/**
 * A small, muted chip in the forum's greys; the tag's own colour only in its swatch. A user tag's
 * swatch is round and its name slanted, a comment tag's square and framed.
 */
function chip(tag: Tag, className: string, title: string, onClick: () => void): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  swatch.style.background = tag.color;
  element.append(swatch);
  const name = button('name', tag.name, onClick);
  name.title = title
    ? `${title} — show only comments with this tag`
    : 'Show only comments with this tag';
  element.append(name);
  return element;
}

function button(className: string, text: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  element.addEventListener('click', trusted(onClick));
  return element;
}

/**
 * Draws the chips, unless they would look exactly as they do: the worker echoes every change back
 * to the tab that made it, and rewriting the same chips then costs the page another paint (on a
 * 3,000-comment thread, ~30 ms after each fold, npm run bench).
 */
export function renderCommentChips(root: ShadowRoot, props: CommentChipsProps): void {
  const look = JSON.stringify([
    props.tags.map(({ name, color, description }) => [name, color, description]),
    props.userTags.map(({ name, color }) => [name, color]),
    props.userNote,
    props.userVersions,
    props.collapsed?.summary ?? null,
    props.collapsed?.ownToggle ?? null,
  ]);
  if (shown.get(root) === look) return;
  shown.set(root, look);
  const children: Node[] = [];
  for (const tag of props.userTags) {
    children.push(
      chip(tag, 'chip user-chip', `User tag: ${tag.name}`, () => props.onTagClick(tag.name)),
    );
  }
  if (props.userNote) {
    const note = document.createElement('span');
    note.className = 'user-note';
    note.tabIndex = 0;
    note.setAttribute('role', 'note');
    note.setAttribute('aria-label', `Your note on this user: ${displayText(props.userNote)}`);
    note.textContent = `nb: ${firstLine(props.userNote)}`;
    const full = document.createElement('span');
    full.className = 'full';
    full.textContent = displayText(props.userNote);
    note.append(full);
    children.push(note);
  }
  if (props.userVersions > 0) {
    const kept = button('kept', `${keptLabel(props.userVersions)} · show`, props.onUserVersions);
    kept.setAttribute(
      'aria-label',
      `Your note on this user: ${keptLabel(props.userVersions)}; show them in the note editor`,
    );
    children.push(kept);
  }
  for (const tag of props.tags) {
    const element = chip(tag, 'chip', tag.description, () => props.onTagClick(tag.name));
    const remove = button('remove', '×', () => props.onRemoveTag(tag.name));
    remove.setAttribute('aria-label', `Remove tag ${tag.name}`);
    element.append(remove);
    children.push(element);
  }
  if (props.collapsed) {
    const stub = document.createElement('span');
    stub.className = 'stub';
    // In the forums' own idiom: "[+] 16 replies by a, b and 3 others · 1 new". Where the forum
    // has its own toggle beside it (HN's [+16], kept in agreement), that is the one control.
    if (props.collapsed.ownToggle) {
      stub.append(props.collapsed.summary);
    } else {
      const expand = button('expand', '[+]', props.collapsed.onExpand);
      expand.setAttribute('aria-label', `Expand: ${props.collapsed.summary}`);
      expand.title = 'Expand';
      stub.append(expand, ' ', props.collapsed.summary);
    }
    children.push(stub);
  }
  root.replaceChildren(...children);
}
