/**
 * The one Threadnote control on the page. It is not put into every comment up front: one
 * delegated listener moves it into the header of the comment under the pointer or focus.
 */
import type { SessionContext } from './context';
import { ShadowUi } from './shadow';
import { trusted } from './trusted';
import { ControlPanel } from './ui/ControlPanel';
import { controlCss } from './ui/styles';

export function startCommentControl(
  { annotator, navigator, commands }: SessionContext,
  signal: AbortSignal,
): void {
  const { model, edits } = annotator;
  const ui = new ShadowUi('tn-control', controlCss);
  let key: string | null = null;
  let open = false;

  const draw = (): void => {
    const shown = key;
    const comment = shown ? model.comment(shown) : undefined;
    if (!shown || !comment) {
      ui.render(null);
      return;
    }
    ui.render(
      <ControlPanel
        target={{
          key: shown,
          author: comment.author,
          replies: model.replyCount(shown),
          annotation: model.annotation(shown),
          user: model.user(comment.author),
        }}
        knownTags={model.knownTags()}
        quickTags={model.quickTags()}
        open={open}
        onOpenChange={(next) => {
          open = next;
          draw();
        }}
        onEdit={async (ops) => {
          await edits.edit(shown, ops);
          if (ops.some((op) => op.op === 'fold.set' && op.fold === 'hidden')) {
            navigator.afterHiding(shown);
          }
        }}
        onOpenNote={(kind) => {
          open = false;
          draw();
          void annotator.openNoteEditor(shown, kind);
        }}
        onUserEdit={async (ops) => {
          if (comment.author) await edits.editUser(comment.author, ops);
        }}
      />,
    );
  };

  const follow = trusted((event: Event): void => {
    if (!(event.target instanceof Element)) return;
    // A comment the forum took off the page (or rendered again) took the control, open or not.
    if (!ui.host.isConnected) open = false;
    if (open) return;
    const target = event.target.closest('[data-tn-comment]')?.getAttribute('data-tn-comment');
    if (!target || (target === key && ui.host.isConnected)) return;
    const header = model.comment(target)?.header();
    if (!header) return;
    header.appendChild(ui.host);
    key = target;
    draw();
  });

  // mousemove, not mouseover: a comment the forum inserts under a resting pointer (Reddit's
  // "load more comments") gets no mouseover until the pointer leaves the element it is on.
  document.addEventListener('mousemove', follow, { passive: true, signal });
  document.addEventListener('focusin', follow, { signal });
  annotator.onChange((changed) => {
    if (changed === null || changed === key) draw();
  }, signal);
  // Opens the panel on a comment, as the keyboard's `t` does.
  commands.openPanel = (target) => {
    const header = model.comment(target)?.header();
    if (!header) return;
    header.appendChild(ui.host);
    key = target;
    open = true;
    draw();
  };
  signal.addEventListener('abort', () => {
    ui.remove();
    key = null;
  });
}
