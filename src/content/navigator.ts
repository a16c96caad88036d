/**
 * The comment the reader is on: the last one focused, by the keyboard or in the page. Moves
 * between comments (moves.ts) come with the UI script.
 */
import type { SiteComment } from '../sites/types';
import type { PageModel } from './page-model';
import { trusted } from './trusted';

export function isVisible(comment: SiteComment): boolean {
  return comment.element.getClientRects().length > 0;
}

export class CommentNavigator {
  private current: string | null = null;

  constructor(
    private readonly model: PageModel,
    signal: AbortSignal,
  ) {
    const onFocus = trusted((event: FocusEvent): void => {
      const key = (event.target as Element | null)
        ?.closest?.('[data-tn-comment]')
        ?.getAttribute('data-tn-comment');
      if (key) this.current = key;
    });
    document.addEventListener('focusin', onFocus, { signal });
    document.addEventListener('focusout', this.onFocusLost, { signal });
    document.addEventListener('visibilitychange', this.onShown, { signal });
  }

  /**
   * A fold that lands after the reader moved on (`x`, then `j` into the subthread while the
   * worker was slow to answer, or a collapse from another tab) hides the focused comment, and
   * the browser drops the focus to the page: the keys would then act on a comment out of sight.
   * The focus goes to the nearest comment above it that shows, the one whose fold hid it.
   */
  private readonly onFocusLost = trusted((event: FocusEvent): void => {
    const key = (event.target as Element | null)?.getAttribute?.('data-tn-comment');
    if (event.relatedTarget !== null || !key || key !== this.current) return;
    // The browser lays the fold out before it moves the focus: look once it has.
    setTimeout(() => this.refocus(key), 0);
  });

  /**
   * A fold from another tab can land while this one is in the background. Firefox under load then
   * tells of no lost focus in time: the tab shows again with the comment hidden and the focus on
   * the page. The focus flow in tests/flows/folds.ts failed so in Firefox on a loaded machine.
   */
  private readonly onShown = trusted((): void => {
    const key = this.current;
    if (document.visibilityState !== 'visible' || key === null) return;
    // The browser puts the focus back as the tab shows: look once it has.
    setTimeout(() => this.refocus(key), 0);
  });

  /** Moves the focus from a comment gone out of sight to the nearest one above it that shows. */
  private refocus(key: string): void {
    const active = document.activeElement;
    if (this.current !== key || (active !== null && active !== document.body)) return;
    let comment = this.model.comment(key);
    if (!comment || isVisible(comment)) return;
    while (comment && !isVisible(comment)) {
      comment = comment.parentKey ? this.model.comment(comment.parentKey) : undefined;
    }
    if (comment) this.focus(comment);
  }

  currentKey(): string | null {
    return this.current;
  }

  /** Where the reader is among the page's comments; -1 before any. */
  currentIndex(): number {
    const comments = this.model.comments();
    return this.current === null ? -1 : comments.findIndex((c) => c.key === this.current);
  }

  /** Makes the comment the current one and focuses it; `scroll` brings it into view. */
  focus(comment: SiteComment, scroll = true): void {
    const element = comment.element;
    if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
    element.focus({ preventScroll: true });
    if (scroll) element.scrollIntoView({ block: 'nearest' });
    this.current = comment.key;
  }
}
