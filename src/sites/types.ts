/**
 * What a forum adapter tells the rest of Threadnote. Adapters are the only code that knows a
 * forum's markup; features work on these shapes and never on selectors.
 */
import type { ThreadRef } from '../shared/model';
import type { ForumLook } from './forum-look';

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
  /**
   * The comment and its replies on the page (through `parentKey`, which on flat streams such as
   * Discourse's are not next to each other).
   */
  subtreeSize: number;
  permalink: string;
  /** The element that gets `data-tn-comment` and is hidden with its subthread. */
  element: HTMLElement;
  /** The comment header, where Threadnote's chips and control go. */
  header(): HTMLElement | null;
  /**
   * The header's child that stays last (Discourse's date, at the header's far end): chips, the
   * stub and the control go before it, beside the author's name. Null: they go at the end.
   */
  headerTail(): HTMLElement | null;
  /** The comment's text; Threadnote's note goes right above it. */
  body(): HTMLElement | null;
  /** What a collapse hides in the comment itself: its text and the links under it. */
  foldedParts(): HTMLElement[];
  /**
   * The comment's text as plain text, paragraphs separated by blank lines: its start, as far as
   * the bounds of src/sites/text.ts read (enough for quotes and excerpts, never a whole
   * 100,000-character comment).
   */
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
   * Which page a URL shows: two URLs with the same answer are the same page. Forums that change
   * the address without loading a page (Discourse, as the reader scrolls from post to post or
   * opens another topic) are read again only when the answer changes.
   */
  pageOf(url: URL): string;
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
   * subtrees must be watched too (forums that nest replies inside their parent, or re-render
   * posts in place). Threadnote ignores its own `tn-*` elements coming and going there.
   */
  commentContainers(doc: Document): { node: Node; subtree: boolean }[];
  /** The forum's font, sizes and colours, light and dark (`<forum>-style.ts`). */
  look: ForumLook;
  /** The forum's own fold toggle, where Threadnote keeps it in agreement with its folds. */
  ownFold?: OwnFold;
}

/** A forum's own per-comment fold (HN's [–]/[+N]), driven through the forum's own markup. */
export interface OwnFold {
  /** The comment element whose own toggle `target` is (or is in), if it is one. */
  toggled(target: Element): HTMLElement | null;
  isFolded(element: HTMLElement): boolean;
  /** Folds or opens the comment as the forum's own toggle would. */
  setFolded(element: HTMLElement, folded: boolean): void;
}

/**
 * Forum software that runs on many hosts (Discourse). Threadnote reads such a host only after
 * the reader enables it there, which grants the host permission at run time; its records are
 * keyed `<engine>/<host>:<id>`.
 */
export interface ForumEngine {
  engine: string;
  name: string;
  /** Whether the URL has the shape of the engine's thread pages: a guess, until `probe` says. */
  looksLike(url: URL): boolean;
  /** The adapter for one host. */
  forHost(host: string): SiteAdapter;
  /**
   * Run in the page itself (injected on its own, so it must not use anything from outside its
   * body): whether the page really is built by this engine.
   */
  probe: () => boolean;
}
