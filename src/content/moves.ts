/**
 * Moves between visible comments, for the keyboard, the panel and the popup: in the UI script, as
 * a page load only needs the current comment (navigator.ts).
 */
import type { Annotator } from './annotator';
import { flash } from './decorations';
import { isVisible, type CommentNavigator } from './navigator';

/** The part of the session's context a move needs. */
interface Moving {
  annotator: Annotator;
  navigator: CommentNavigator;
}

/** Moves to the nearest visible comment after (step 1) or before (step -1) the current one. */
export function move(
  { annotator, navigator }: Moving,
  step: 1 | -1,
  from = navigator.currentIndex(),
): boolean {
  const comments = annotator.model.comments();
  for (let i = from + step; i >= 0 && i < comments.length; i += step) {
    const comment = comments[i];
    if (comment && isVisible(comment)) {
      navigator.focus(comment);
      return true;
    }
  }
  return false;
}

/**
 * Moves to the nearest new comment that can be seen after (1) or before (-1) the current one;
 * new replies inside a fold stay counted on the fold's stub until the reader opens it.
 */
export function moveToNew(
  { annotator: { model }, navigator }: Moving,
  step: 1 | -1,
): { key: string | null; position: number; total: number } {
  const fresh = model
    .comments()
    .map((comment, index) => ({ comment, index }))
    .filter(({ comment }) => model.isNew(comment.key) && isVisible(comment));
  const from = navigator.currentIndex();
  const target =
    step === 1
      ? fresh.find(({ index }) => index > from)
      : fresh.findLast(({ index }) => index < from || from < 0);
  if (!target) return { key: null, position: 0, total: fresh.length };
  navigator.focus(target.comment);
  flash(target.comment);
  return { key: target.comment.key, position: fresh.indexOf(target) + 1, total: fresh.length };
}

/** After a subthread disappears, the reader lands on what follows it, or else what precedes it. */
export function afterHiding(moving: Moving, key: string): void {
  const index = moving.annotator.model.comments().findIndex((comment) => comment.key === key);
  if (index < 0) return;
  if (!move(moving, 1, index)) move(moving, -1, index);
}
