/**
 * The keyboard, one listener on the document. j/k move between visible comments; on the current
 * one, x collapses or expands, h hides, t opens the Threadnote panel, n its note, 1–9 toggle the quick
 * tags. N and P move to the next and previous comment new since the last visit. X/E/R collapse
 * all top-level, expand all and collapse read; u undoes the last fold action. Keys never act while
 * the reader types in a field. The options page lists these from src/shared/page-keys.ts: keep
 * both in step.
 */
import type { BulkFoldAction } from '../shared/messages';
import type { SessionContext } from './context';
import { foldOp } from './edits';
import { focusedWithin } from './shadow';
import { trusted } from './trusted';

const BULK_KEYS: Record<string, BulkFoldAction> = {
  X: 'collapse-top',
  E: 'expand-all',
  R: 'collapse-read',
};

function isTyping(event: KeyboardEvent): boolean {
  const first = event.composedPath()[0];
  if (!(first instanceof Element)) return false;
  // In Threadnote's own fields the path ends at their closed root's host: look inside.
  const target = focusedWithin(first);
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function startKeyboard(
  { annotator, navigator, commands }: SessionContext,
  signal: AbortSignal,
): void {
  const { model, edits } = annotator;
  // A key press that failed says so on the page, not only in the console.
  const report = (error: unknown): void => edits.report(error);

  const onKey = trusted((event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event)) return;
    const bulk = BULK_KEYS[event.key];
    if (bulk) {
      event.preventDefault();
      void edits.bulk(bulk).catch(report);
      return;
    }
    const comment = model.comments()[navigator.currentIndex()];
    switch (event.key) {
      case 'u':
        event.preventDefault();
        void commands.undo().catch(report);
        return;
      case 'j':
      case 'k':
        event.preventDefault();
        navigator.move(event.key === 'j' ? 1 : -1);
        return;
      case 'N':
      case 'P':
        event.preventDefault();
        navigator.moveToNew(event.key === 'N' ? 1 : -1);
        return;
      case 'x':
        if (!comment) return;
        event.preventDefault();
        void edits
          .edit(comment.key, [
            foldOp(edits.askedFold(comment.key) === 'none' ? 'collapsed' : 'none'),
          ])
          .catch(report);
        return;
      case 'h':
        if (!comment) return;
        event.preventDefault();
        void edits
          .edit(comment.key, [foldOp('hidden')])
          .then(() => navigator.afterHiding(comment.key))
          .catch(report);
        return;
      case 't':
        if (!comment) return;
        event.preventDefault();
        commands.openPanel(comment.key);
        return;
      case 'n':
        if (!comment) return;
        event.preventDefault();
        void annotator.openNoteEditor(comment.key, 'comment').catch(report);
        return;
      default: {
        const quick = /^[1-9]$/.test(event.key)
          ? model.quickTags()[Number(event.key) - 1]
          : undefined;
        if (!comment || quick === undefined) return;
        event.preventDefault();
        void edits.toggleTag(comment.key, quick).catch(report);
      }
    }
  });
  document.addEventListener('keydown', onKey, { signal });
}
