/**
 * The thread's bar listing the subthreads Threadnote hides, each one click from back. Part of the
 * UI script: whether anything is hidden is known on page load, and the session then waits for
 * that script (asked for while the page loaded) and for the bar before the comments show.
 */
import type { SessionContext } from './context';
import { HiddenBarHost, type HiddenItem } from './ui/HiddenBar';

export function startHiddenBar({ annotator }: SessionContext, signal: AbortSignal): void {
  const { model } = annotator;
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

  const draw = (): void => {
    if (!bar && (!model.anyFold() || items().length === 0)) return;
    bar ??= new HiddenBarHost(() => annotator.adapter.threadBarAnchor(document));
    bar.draw(items(), (keys) => annotator.editing((edits) => edits.unfold(keys)));
  };

  annotator.onShown(draw, signal);
  signal.addEventListener('abort', () => {
    bar?.remove();
    bar = null;
  });
  draw();
}
