/**
 * What a page's features share. Each feature is started with the session's context and an
 * AbortSignal, registers its listeners with `{ signal }`, and undoes its marks on the page when
 * the signal aborts: the session stops them all at once when the forum moves to another page.
 */
import type { Annotator } from './annotator';
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
}

export type Feature = (context: SessionContext, signal: AbortSignal) => void;
