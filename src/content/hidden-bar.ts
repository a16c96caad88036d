/**
 * The thread's bar listing the subthreads Threadnote hides, each one click from back. Whether
 * anything is hidden is known on page load; the bar itself is drawn by the UI script, which is
 * loaded at once when something is, so the session holds the comments back until it shows.
 */
import type { SessionContext } from './context';
import type { HiddenBarHost, HiddenItem } from './ui/HiddenBar';

export function startHiddenBar(context: SessionContext, signal: AbortSignal): Promise<void> {
  const { annotator } = context;
  const { model, edits } = annotator;
  let bar: HiddenBarHost | null = null;

  const items = (): HiddenItem[] =>
    model
      .comments()
      .filter((comment) => model.foldOf(comment.key) === 'hidden')
      .map((comment) => {
        const replies = model.replies(comment.key);
        return {
          key: comment.key,
          author: comment.author,
          comments: 1 + replies.length,
          fresh: [comment, ...replies].filter((reply) => model.isNew(reply.key)).length,
          excerpt: model.annotation(comment.key)?.quote || comment.text(),
        };
      });

  const draw = async (): Promise<void> => {
    if (!bar && (!model.anyFold() || items().length === 0)) return;
    const ui = await context.ui();
    if (signal.aborted) return;
    bar ??= new ui.HiddenBarHost(() => annotator.adapter.threadBarAnchor(document));
    // Read again: the folds may have changed while the UI loaded.
    bar.draw(items(), (keys) => edits.reporting(edits.unfold(keys)));
  };
  const report = (error: unknown): void => console.warn('Threadnote:', error);

  annotator.onShown(() => void draw().catch(report), signal);
  signal.addEventListener('abort', () => {
    bar?.remove();
    bar = null;
  });
  return draw().catch(report);
}
