/**
 * The one Threadnote control on the page. It is not put into every comment up front: one
 * delegated listener moves it into the header of the comment under the pointer or focus.
 */
import { render } from 'preact';
import type { Annotator } from './annotator';
import type { CommentNavigator } from './keyboard';
import { createShadowHost, shadowOf } from './shadow';
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
    document.addEventListener('mouseover', this.follow, { passive: true });
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

  private readonly follow = (event: Event): void => {
    if (this.open || !(event.target instanceof Element)) return;
    const key = event.target.closest('[data-tn-comment]')?.getAttribute('data-tn-comment');
    if (!key || key === this.key) return;
    const header = this.annotator.comment(key)?.header();
    if (!header) return;
    header.appendChild(this.host);
    this.key = key;
    this.render();
  };

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
          replies: comment.subtreeSize - 1,
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
        onUpdate={async (patch) => {
          await this.annotator.update(key, patch);
          if (patch.fold === 'hidden') this.navigator.afterHiding(key);
        }}
        onOpenNote={(kind) => {
          this.open = false;
          this.render();
          void this.annotator.openNoteEditor(key, kind);
        }}
        onUserTags={async (tags) => {
          if (comment.author) await this.annotator.updateUser(comment.author, { tags });
        }}
      />,
      shadowOf(this.host),
    );
  }
}
