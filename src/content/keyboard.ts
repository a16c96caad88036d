/**
 * The keyboard, one listener on the document, in the UI script. j/k move between visible
 * comments; on the current one, x collapses or expands, h hides, t opens the Threadnote panel, n
 * its note, 1–9 toggle the quick tags. N and P move to the next and previous comment new since the
 * last visit. X/E/R collapse all top-level, expand all and collapse read; u undoes the latest
 * removal or fold (undo.ts); ? shows the keys. Which keys act, and the click that makes a comment
 * the current one, are in key-catch.ts, which a page load carries. The options page and the `?`
 * overlay list the keys from src/shared/page-keys.ts: keep all three in step.
 */
import type { BulkFoldAction } from '../shared/messages';
import { KeyHelpHost } from './key-help';
import type { SessionContext } from './context';
import { foldOp } from './edits';
import { acts } from './key-catch';
import { afterHiding, move, moveToNew } from './moves';
import { trusted } from './trusted';

const BULK_KEYS: Record<string, BulkFoldAction> = {
  X: 'collapse-top',
  E: 'expand-all',
  R: 'collapse-read',
};

/**
 * Starts the keys in the UI script; `held` are those pressed before it arrived (key-catch.ts), run
 * first, in order.
 */
export function startKeyboard(
  context: SessionContext,
  signal: AbortSignal,
  held: readonly string[],
): void {
  const { annotator, navigator, commands } = context;
  const { model } = annotator;
  // A key press that failed says so on the page, not only in the console.
  const report = (error: unknown): void => annotator.report(error);
  // The `?` overlay; closing it puts the focus back on the current comment.
  let help: KeyHelpHost | null = null;
  const toggleHelp = (): void => {
    help ??= new KeyHelpHost(() => {
      const current = model.comments()[navigator.currentIndex()];
      if (current) navigator.focus(current, false);
    });
    help.toggle();
  };

  /** Runs a key the keyboard acts on (key-catch.ts, `acts`). */
  const run = (key: string): void => {
    const bulk = BULK_KEYS[key];
    if (bulk) {
      annotator.editing((edits) => edits.bulk(bulk));
      return;
    }
    const comment = model.comments()[navigator.currentIndex()];
    switch (key) {
      case '?':
        toggleHelp();
        return;
      case 'u':
        void commands.undo().catch(report);
        return;
      case 'j':
      case 'k':
        move(context, key === 'j' ? 1 : -1);
        return;
      case 'N':
      case 'P':
        moveToNew(context, key === 'N' ? 1 : -1);
        return;
      case 'x':
        if (!comment) return;
        annotator.editing((edits) =>
          edits.edit(comment.key, [
            foldOp(edits.askedFold(comment.key) === 'none' ? 'collapsed' : 'none'),
          ]),
        );
        return;
      case 'h':
        if (!comment) return;
        annotator.editing(async (edits) => {
          await edits.edit(comment.key, [foldOp('hidden')]);
          afterHiding(context, comment.key);
        });
        return;
      case 't':
        if (!comment) return;
        commands.openPanel(comment.key);
        return;
      case 'n':
        if (!comment) return;
        void annotator.openNoteEditor(comment.key, 'comment').catch(report);
        return;
      default: {
        const quick = /^[1-9]$/.test(key) ? model.quickTags()[Number(key) - 1] : undefined;
        if (comment && quick !== undefined) {
          annotator.editing((edits) => edits.toggleTag(comment.key, quick));
        }
      }
    }
  };

  for (const key of held) run(key);
  const onKey = trusted((event: KeyboardEvent): void => {
    const onComment = model.comments()[navigator.currentIndex()] !== undefined;
    if (help?.isOpen() || !acts(event, context, onComment)) return;
    event.preventDefault();
    run(event.key);
  });
  document.addEventListener('keydown', onKey, { signal });
  signal.addEventListener('abort', () => help?.close(false));
}
