/**
 * The comment the reader is on (the last one focused, by the keyboard or in the page) and moves
 * between visible comments, for the keyboard, the tag filter, the panel and the popup.
 */
import type { SiteComment } from '../sites/types';
import { flash } from './decorations';
import type { PageModel } from './page-model';
import { trusted } from './trusted';

function isVisible(comment: SiteComment): boolean {
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
    setTimeout(() => {
      const active = document.activeElement;
      if (this.current !== key || (active !== null && active !== document.body)) return;
      let comment = this.model.comment(key);
      if (!comment || isVisible(comment)) return;
      while (comment && !isVisible(comment)) {
        comment = comment.parentKey ? this.model.comment(comment.parentKey) : undefined;
      }
      if (comment) this.focus(comment);
    }, 0);
  });

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

  /** Moves to the nearest visible comment after (step 1) or before (step -1) the current one. */
  move(step: 1 | -1, from = this.currentIndex()): boolean {
    const comments = this.model.comments();
    for (let i = from + step; i >= 0 && i < comments.length; i += step) {
      const comment = comments[i];
      if (comment && isVisible(comment)) {
        this.focus(comment);
        return true;
      }
    }
    return false;
  }

  /**
   * Moves to the nearest new comment that can be seen after (1) or before (-1) the current one;
   * new replies inside a fold stay counted on the fold's stub until the reader opens it.
   */
  moveToNew(step: 1 | -1): { key: string | null; position: number; total: number } {
    const fresh = this.model
      .comments()
      .map((comment, index) => ({ comment, index }))
      .filter(({ comment }) => this.model.isNew(comment.key) && isVisible(comment));
    const from = this.currentIndex();
    const target =
      step === 1
        ? fresh.find(({ index }) => index > from)
        : fresh.findLast(({ index }) => index < from || from < 0);
    if (!target) return { key: null, position: 0, total: fresh.length };
    this.focus(target.comment);
    flash(target.comment);
    return {
      key: target.comment.key,
      position: fresh.indexOf(target) + 1,
      total: fresh.length,
    };
  }

  /** After a subthread disappears, the reader lands on what follows it, or else what precedes it. */
  afterHiding(key: string): void {
    const comments = this.model.comments();
    const index = comments.findIndex((comment) => comment.key === key);
    if (index < 0) return;
    if (!this.move(1, index)) this.move(-1, index);
  }
}
