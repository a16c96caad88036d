/**
 * The keyboard, one listener on the document. j/k move between visible comments; on the current
 * one, x collapses or expands, h hides, t opens the Threadnote panel, n its note, 1–9 toggle the quick
 * tags. N and P move to the next and previous comment new since the last visit. X/E/R collapse
 * all top-level, expand all and collapse read; u undoes the latest removal or fold (undo.ts); ?
 * shows the keys. A click in a comment makes it the current one. Keys never act while the reader
 * types in a field. The options page and the `?` overlay list these from src/shared/page-keys.ts:
 * keep both in step.
 */
import type { BulkFoldAction } from '../shared/messages';
import type { KeyHelpHost } from './key-help';
import type { SessionContext } from './context';
import { foldOp } from './edits';
import { focusedWithin } from './shadow-roots';
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
  { annotator, navigator, commands, ui }: SessionContext,
  signal: AbortSignal,
): void {
  const { model, edits } = annotator;
  // A key press that failed says so on the page, not only in the console.
  const report = (error: unknown): void => edits.report(error);
  // The `?` overlay; closing it puts the focus back on the current comment.
  // It is drawn by the UI script, which the first `?` loads if it has not arrived yet.
  let help: KeyHelpHost | null = null;
  const toggleHelp = (): void => {
    void ui()
      .then((loaded) => {
        if (signal.aborted) return;
        help ??= new loaded.KeyHelpHost(() => {
          const current = model.comments()[navigator.currentIndex()];
          if (current) navigator.focus(current, false);
        });
        help.toggle();
      })
      .catch(report);
  };

  const onKey = trusted((event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event) || help?.isOpen()) return;
    const bulk = BULK_KEYS[event.key];
    if (bulk) {
      event.preventDefault();
      void edits.bulk(bulk).catch(report);
      return;
    }
    const comment = model.comments()[navigator.currentIndex()];
    switch (event.key) {
      case '?':
        event.preventDefault();
        toggleHelp();
        return;
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

  /**
   * A click in a comment makes it the one the keys act on, as j and k do, unless it lands on
   * something that acts itself (a link, a button, a field, Threadnote's own UI) or ends a text
   * selection.
   */
  const select = trusted((event: MouseEvent): void => {
    if (event.button !== 0 || !(event.target instanceof Element)) return;
    const target = event.target;
    if (target.closest('a, button, input, textarea, select, label, summary, [contenteditable]')) {
      return;
    }
    if (target.tagName.startsWith('TN-')) return;
    if (!(document.getSelection()?.isCollapsed ?? true)) return;
    const key = target.closest('[data-tn-comment]')?.getAttribute('data-tn-comment');
    const comment = key ? model.comment(key) : undefined;
    if (comment) navigator.focus(comment, false);
  });
  document.addEventListener('click', select, { signal });
  signal.addEventListener('abort', () => help?.close(false));
}
