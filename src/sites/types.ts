/**
 * What a forum adapter tells the rest of Threadnote. Adapters are the only code that knows a
 * forum's markup; features work on these shapes and never on selectors.
 */
import type { ThreadRef } from '../shared/model';

export interface CommentFlags {
  dead: boolean;
  flagged: boolean;
  deleted: boolean;
  /** Folded by the forum itself (its own toggle, or a moderator), not by Threadnote. */
  collapsedBySite: boolean;
}

export interface SiteComment {
  /** `<site>:<id>`. */
  key: string;
  id: string;
  /** The thread the comment belongs to, which on list pages differs from row to row. */
  thread: ThreadRef;
  /** Null where the forum shows no author (deleted comments). */
  author: string | null;
  parentKey: string | null;
  /** 0 for the shallowest comment shown on the page. */
  depth: number;
  /** The comment and its replies, as the forum counts them where it says so. */
  subtreeSize: number;
  permalink: string;
  /** The element that gets `data-tn-comment` and is hidden with its subthread. */
  element: HTMLElement;
  /** The comment header, where Threadnote's chips and control go. */
  header(): HTMLElement | null;
  /** The comment's text and reply links, hidden while the comment is collapsed. */
  body(): HTMLElement | null;
  /** The comment's text as plain text, paragraphs separated by blank lines. */
  text(): string;
  flags(): CommentFlags;
}

/** A link to a user's profile outside any comment (a story's submitter, say). */
export interface UserLink {
  name: string;
  element: Element;
}

export type PageKind = 'thread' | 'comment' | 'list';

export interface SitePage {
  kind: PageKind;
  /** The thread the page shows; null on pages that list comments from many threads. */
  thread: ThreadRef | null;
  /** In page order, parents before their replies. */
  comments: SiteComment[];
}

export interface SiteAdapter {
  /** Key prefix: `hn`, `lobsters`, `reddit`, `discourse/<host>`. */
  site: string;
  name: string;
  /** Match patterns of the pages the adapter reads (as in the manifest). */
  matches: readonly string[];
  /** Whether the URL is a page of this forum that can show comments. */
  handles(url: URL): boolean;
  /**
   * The key of the item a URL shows (a thread, or a comment whose own page it is), read from the
   * URL alone so the worker can be asked about folds before the page is parsed; null if the URL
   * names none.
   */
  itemKeyFromUrl(url: URL): string | null;
  /** Where thread-level bars go: they are inserted before this element. */
  threadBarAnchor(doc: Document): Element | null;
  /** Links to users outside comments, where the reader's user tags show too. Never throws. */
  userLinks(doc: Document): UserLink[];
  /** Never throws: a page it does not understand gives no comments. */
  parsePage(doc: Document, url: URL): SitePage;
  /**
   * Nodes whose children change when the forum adds or removes comments, and whether their
   * subtrees must be watched too. Threadnote's own decorations are never added to these nodes'
   * direct children, so watching them does not see Threadnote's writes.
   */
  commentContainers(doc: Document): { node: Node; subtree: boolean }[];
}
