/**
 * The keyboard, one listener on the document. j/k move between visible comments; on the current
 * one, x collapses or expands, h hides, t opens the Threadnote panel, n its note, 1–9 toggle the quick
 * tags. N and P move to the next and previous comment new since the last visit. X/E/R collapse
 * all top-level, expand all and collapse read; u undoes the last fold action. Keys never act while
 * the reader types in a field. The options page lists these from src/shared/page-keys.ts: keep
 * both in step.
 */
import type { BulkFoldAction } from '../shared/messages';
import type { SiteComment } from '../sites/types';
import { flash, type Annotator } from './annotator';
import { focusedWithin } from './shadow';
import { trusted } from './trusted';
import { foldOp } from './edits';

const BULK_KEYS: Record<string, BulkFoldAction> = {
  X: 'collapse-top',
  E: 'expand-all',
  R: 'collapse-read',
  u: 'undo',
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

function isVisible(comment: SiteComment): boolean {
  return comment.element.getClientRects().length > 0;
}

export class CommentNavigator {
  private current: string | null = null;
  /** Opens the Threadnote panel on a comment (set once the panel exists). */
  openPanel: (key: string) => void = () => undefined;

  constructor(private readonly annotator: Annotator) {
    document.addEventListener('keydown', this.onKey);
    document.addEventListener('focusin', this.onFocus);
    document.addEventListener('focusout', this.onFocusLost);
  }

  /** The page this served is gone (the forum moved to another one in place). */
  stop(): void {
    document.removeEventListener('keydown', this.onKey);
    document.removeEventListener('focusin', this.onFocus);
    document.removeEventListener('focusout', this.onFocusLost);
  }

  private readonly onFocus = trusted((event: FocusEvent): void => {
    const key = (event.target as Element | null)
      ?.closest?.('[data-tn-comment]')
      ?.getAttribute('data-tn-comment');
    if (key) this.current = key;
  });

  /**
   * A fold that lands after the reader moved on (`x`, then `j` into the subthread while the
   * worker was slow to answer) hides the focused comment, and the browser drops the focus to the
   * page: the keys would then act on a comment out of sight. The focus goes to the nearest
   * comment above it that shows, the one whose fold hid it.
   */
  private readonly onFocusLost = trusted((event: FocusEvent): void => {
    const key = (event.target as Element | null)?.getAttribute?.('data-tn-comment');
    if (event.relatedTarget !== null || !key || key !== this.current) return;
    // The browser lays the fold out before it moves the focus: look once it has.
    setTimeout(() => {
      const active = document.activeElement;
      if (this.current !== key || (active !== null && active !== document.body)) return;
      let comment = this.annotator.comment(key);
      if (!comment || isVisible(comment)) return;
      while (comment && !isVisible(comment)) {
        comment = comment.parentKey ? this.annotator.comment(comment.parentKey) : undefined;
      }
      if (comment) this.focus(comment);
    }, 0);
  });

  /** The comment the reader is on: the last one focused, by the keyboard or in the page. */
  currentKey(): string | null {
    return this.current;
  }

  private currentIndex(): number {
    const comments = this.annotator.comments();
    return this.current === null ? -1 : comments.findIndex((c) => c.key === this.current);
  }

  focus(comment: SiteComment): void {
    const element = comment.element;
    if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: 'nearest' });
    this.current = comment.key;
  }

  /** Moves to the nearest visible comment after (step 1) or before (step -1) the current one. */
  move(step: 1 | -1, from = this.currentIndex()): boolean {
    const comments = this.annotator.comments();
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
    const fresh = this.annotator
      .comments()
      .map((comment, index) => ({ comment, index }))
      .filter(({ comment }) => this.annotator.isNew(comment.key) && isVisible(comment));
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
    const comments = this.annotator.comments();
    const index = comments.findIndex((comment) => comment.key === key);
    if (index < 0) return;
    if (!this.move(1, index)) this.move(-1, index);
  }

  /** A key press that failed says so on the page, not only in the console. */
  private readonly report = (error: unknown): void => this.annotator.report(error);

  private readonly onKey = trusted((event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event)) return;
    const bulk = BULK_KEYS[event.key];
    if (bulk) {
      event.preventDefault();
      void this.annotator.bulk(bulk).catch(this.report);
      return;
    }
    const comment = this.annotator.comments()[this.currentIndex()];
    switch (event.key) {
      case 'j':
      case 'k':
        event.preventDefault();
        this.move(event.key === 'j' ? 1 : -1);
        return;
      case 'N':
      case 'P':
        event.preventDefault();
        this.moveToNew(event.key === 'N' ? 1 : -1);
        return;
      case 'x':
        if (!comment) return;
        event.preventDefault();
        void this.annotator
          .edit(comment.key, [
            foldOp(this.annotator.askedFold(comment.key) === 'none' ? 'collapsed' : 'none'),
          ])
          .catch(this.report);
        return;
      case 'h':
        if (!comment) return;
        event.preventDefault();
        void this.annotator
          .edit(comment.key, [foldOp('hidden')])
          .then(() => this.afterHiding(comment.key))
          .catch(this.report);
        return;
      case 't':
        if (!comment) return;
        event.preventDefault();
        this.openPanel(comment.key);
        return;
      case 'n':
        if (!comment) return;
        event.preventDefault();
        void this.annotator.openNoteEditor(comment.key, 'comment').catch(this.report);
        return;
      default: {
        const quick = /^[1-9]$/.test(event.key)
          ? this.annotator.quickTags()[Number(event.key) - 1]
          : undefined;
        if (!comment || quick === undefined) return;
        event.preventDefault();
        void this.annotator.toggleTag(comment.key, quick).catch(this.report);
      }
    }
  });
}
