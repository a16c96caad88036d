/**
 * What a page's features share. Each feature is started with the session's context and an
 * AbortSignal, registers its listeners with `{ signal }`, and undoes its marks on the page when
 * the signal aborts: the session stops them all at once when the forum moves to another page.
 */
import type { Annotator, AnnotatorUi } from './annotator';
import type { moveToNew } from './moves';
import type { CommentNavigator } from './navigator';

/** What one feature offers the others and the extension; a feature not started offers nothing. */
export interface SessionCommands {
  /** Opens the Threadnote panel on a comment. */
  openPanel(key: string): void;
  /** Filters the page by a tag, or clears the filter with null; returns how many comments match. */
  setFilter(tag: string | null): number;
  /** Undoes the latest action that removed something (undo.ts). */
  undo(): Promise<void>;
}

export interface SessionContext {
  readonly annotator: Annotator;
  /** The comment the reader is on, and moves between comments. */
  readonly navigator: CommentNavigator;
  readonly commands: SessionCommands;
  /** The UI script, asked for once for the document (lazy/load.ts). */
  ui(): Promise<LazyUi>;
}

/**
 * A feature that shows something on page load returns a promise that resolves once it did: the
 * session holds the comments back until then.
 */
export type Feature = (context: SessionContext, signal: AbortSignal) => void | Promise<void>;

/**
 * What the UI script (lazy/ui.ts) hands the content script once the worker injected it: the
 * interactive parts of Threadnote and the making of edits (outbox, toast), which a page load does
 * not need. Only their types are known
 * here: the content script must not import them, or it would carry Preact into every page load.
 */
export interface LazyUi extends AnnotatorUi {
  /** The control and its panel (tag picker, fold and note actions) on the hovered comment. */
  readonly startCommentControl: Feature;
  /** Filtering the thread by a tag, with its bar. */
  readonly startTagFilter: Feature;
  /** The bar of hidden subthreads. */
  readonly startHiddenBar: Feature;
  /** The keys, with those pressed before the script arrived (key-catch.ts) run first. */
  readonly startKeyboard: (context: SessionContext, signal: AbortSignal, held: string[]) => void;
  /** Moves to the next or previous new comment, for `N`, `P` and the popup (moves.ts). */
  readonly moveToNew: typeof moveToNew;
  /** Undo toasts and the `u` command (undo.ts). */
  readonly startUndo: Feature;
  /** The one-time hint on the first thread opened after install. */
  readonly startFirstRunHint: Feature;
}

/** The hook a waiting content script puts on its isolated world's global object. */
export type UiHook = (ui: LazyUi) => void;
