/**
 * The one Threadnote control on the page. It is not put into every comment up front: one
 * delegated listener moves it into the header of the comment under the pointer or focus.
 */
import { render } from 'preact';
import type { Annotator } from './annotator';
import type { CommentNavigator } from './keyboard';
import { createShadowHost, shadowOf } from './shadow';
import { trusted } from './trusted';
import { ControlPanel } from './ui/ControlPanel';
import { controlCss } from './ui/styles';

export class CommentControl {
  private readonly host = createShadowHost('tn-control', controlCss);
  private key: string | null = null;
  private open = false;

  constructor(
    private readonly annotator: Annotator,
    private readonly navigator: CommentNavigator,
  ) {
    // mousemove, not mouseover: a comment the forum inserts under a resting pointer (Reddit's
    // "load more comments") gets no mouseover until the pointer leaves the element it is on.
    document.addEventListener('mousemove', this.follow, { passive: true });
    document.addEventListener('focusin', this.follow);
    annotator.onChange((key) => {
      if (key === null || key === this.key) this.render();
    });
  }

  /** Opens the panel on a comment, as the keyboard's `t` does. */
  openOn(key: string): void {
    const header = this.annotator.comment(key)?.header();
    if (!header) return;
    header.appendChild(this.host);
    this.key = key;
    this.open = true;
    this.render();
  }

  private readonly follow = trusted((event: Event): void => {
    if (!(event.target instanceof Element)) return;
    // A comment the forum took off the page (or rendered again) took the control, open or not.
    if (!this.host.isConnected) this.open = false;
    if (this.open) return;
    const key = event.target.closest('[data-tn-comment]')?.getAttribute('data-tn-comment');
    if (!key || (key === this.key && this.host.isConnected)) return;
    const header = this.annotator.comment(key)?.header();
    if (!header) return;
    header.appendChild(this.host);
    this.key = key;
    this.render();
  });

  /** The page this control served is gone (the forum moved to another one in place). */
  stop(): void {
    document.removeEventListener('mousemove', this.follow);
    document.removeEventListener('focusin', this.follow);
    render(null, shadowOf(this.host));
    this.host.remove();
    this.key = null;
  }

  private render(): void {
    const key = this.key;
    const comment = key ? this.annotator.comment(key) : undefined;
    if (!key || !comment) {
      render(null, shadowOf(this.host));
      return;
    }
    render(
      <ControlPanel
        target={{
          key,
          author: comment.author,
          replies: this.annotator.replyCount(key),
          annotation: this.annotator.annotation(key),
          user: this.annotator.user(comment.author),
        }}
        knownTags={this.annotator.knownTags()}
        quickTags={this.annotator.quickTags()}
        open={this.open}
        onOpenChange={(open) => {
          this.open = open;
          this.render();
        }}
        onEdit={async (ops) => {
          await this.annotator.edit(key, ops);
          if (ops.some((op) => op.op === 'fold.set' && op.fold === 'hidden')) {
            this.navigator.afterHiding(key);
          }
        }}
        onOpenNote={(kind) => {
          this.open = false;
          this.render();
          void this.annotator.openNoteEditor(key, kind);
        }}
        onUserEdit={async (ops) => {
          if (comment.author) await this.annotator.editUser(comment.author, ops);
        }}
      />,
      shadowOf(this.host),
    );
  }
}
