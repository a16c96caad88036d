/**
 * Forum-neutral helpers that every adapter builds on, so that what is the same on every forum is
 * written once: the comment object, plain text, the tree links, the never-throws guarantee.
 * No forum selector lives here; each adapter passes its own.
 */
import type { ThreadRef } from '../shared/model';
import { plainText, textOf } from './text';
import type { CommentFlags, SiteComment, SitePage, UserLink } from './types';

export const NO_FLAGS: CommentFlags = Object.freeze({
  dead: false,
  flagged: false,
  deleted: false,
  collapsedBySite: false,
});

export function emptyPage(): SitePage {
  return { kind: 'list', thread: null, comments: [] };
}

/** Where a comment's parts are, as selectors relative to the comment's element. */
export interface CommentParts {
  header: string;
  /** The header's child that Threadnote's additions go before (SiteComment.headerTail). */
  headerTail?: string;
  body: string;
  /** Links under the text that a collapse hides with it, where they are not inside `body`. */
  actions?: string;
  /** The text itself, when it is narrower than `body`. */
  text?: string;
  /** Parts of the text that are controls, not words (HN's reply link). */
  notText?: string;
}

export interface CommentInit {
  site: string;
  id: string;
  element: HTMLElement;
  thread: ThreadRef;
  /** The name, or how to read it when first asked: most loads never ask (no user annotations). */
  author: string | null | (() => string | null);
  permalink: string;
  parts: CommentParts;
  /** Read only when asked, and once: most comments are never asked. */
  flags?: (comment: DomComment) => CommentFlags;
}

/**
 * A comment read from the page. Depth, parent and subtree size are filled in by `nestByDepth` or
 * `nestByParent` once every comment of the page is known.
 */
export class DomComment implements SiteComment {
  readonly key: string;
  readonly id: string;
  readonly element: HTMLElement;
  /** Set by the adapter after nesting where a reply takes its parent's thread. */
  thread: ThreadRef;
  readonly permalink: string;
  parentKey: string | null = null;
  depth = 0;
  subtreeSize = 1;
  private readonly parts: CommentParts;
  private readonly readFlags: ((comment: DomComment) => CommentFlags) | undefined;
  private cachedFlags: CommentFlags | null = null;
  private authorOrReader: string | null | (() => string | null);

  constructor(init: CommentInit) {
    this.key = `${init.site}:${init.id}`;
    this.id = init.id;
    this.element = init.element;
    this.thread = init.thread;
    this.authorOrReader = init.author;
    this.permalink = init.permalink;
    this.parts = init.parts;
    this.readFlags = init.flags;
  }

  get author(): string | null {
    if (typeof this.authorOrReader === 'function') this.authorOrReader = this.authorOrReader();
    return this.authorOrReader;
  }

  private find(selector: string | undefined): HTMLElement | null {
    return selector ? this.element.querySelector<HTMLElement>(selector) : null;
  }

  header(): HTMLElement | null {
    return this.find(this.parts.header);
  }

  headerTail(): HTMLElement | null {
    return this.find(this.parts.headerTail);
  }

  body(): HTMLElement | null {
    return this.find(this.parts.body);
  }

  foldedParts(): HTMLElement[] {
    return [this.body(), this.find(this.parts.actions)].filter((part) => part !== null);
  }

  text(): string {
    return plainText(this.find(this.parts.text) ?? this.body(), this.parts.notText);
  }

  flags(): CommentFlags {
    this.cachedFlags ??= this.readFlags ? this.readFlags(this) : NO_FLAGS;
    return this.cachedFlags;
  }
}

/** SiteAdapter.pageOf for forums whose every page is a page load: the address but its fragment. */
export function pageByAddress(url: URL): string {
  return `${url.origin}${url.pathname}${url.search}`;
}

/** Links to users outside comments (a story's submitter), found by `selector`. */
export function userLinksOf(doc: Document, selector: string): UserLink[] {
  const links: UserLink[] = [];
  for (const element of Array.from(doc.querySelectorAll(selector))) {
    const name = textOf(element);
    if (name) links.push({ name, element });
  }
  return links;
}

/** An absolute http(s) URL for a link on the page, or null. */
export function absoluteUrl(href: string | null | undefined, base: URL | string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Links comments given in page order by their depth (forums that nest replies under their
 * parent), one at a time as the page is read: each comment's parent is the nearest earlier
 * comment one level up. A comment's subtree ends where a comment at its depth or shallower
 * starts, so its size is known when it leaves the stack: one pass, and no loop over ancestors
 * per comment (3,000-comment Hacker News threads are read on every load).
 */
export class DepthNesting {
  /** The open ancestors of the next comment, and where each one started. */
  private readonly open: DomComment[] = [];
  private readonly starts: number[] = [];
  private count = 0;

  /** Links the next comment in page order, whose depth is set; returns its parent. */
  add(comment: DomComment): DomComment | undefined {
    let parent = this.open.at(-1);
    while (parent && parent.depth >= comment.depth) {
      this.close();
      parent = this.open.at(-1);
    }
    if (parent) comment.parentKey = parent.key;
    this.open.push(comment);
    this.starts.push(this.count);
    this.count++;
    return parent;
  }

  /** Sizes the subtrees still open, once the last comment is added. */
  finish(): void {
    while (this.open.length > 0) this.close();
  }

  private close(): void {
    const comment = this.open.pop();
    const start = this.starts.pop();
    if (comment && start !== undefined) comment.subtreeSize = this.count - start;
  }
}

/** `DepthNesting` over comments already read, in page order. */
export function nestByDepth(comments: readonly DomComment[]): void {
  const nesting = new DepthNesting();
  for (const comment of comments) nesting.add(comment);
  nesting.finish();
}

/**
 * Links comments given in page order by their parent keys (flat streams, where a reply can come
 * long after its parent): depth is the length of the chain of parents on the page, and a subtree
 * is every comment whose chain reaches the root. A parent not on the page starts a new tree.
 * Parents come before their replies, so sizes add up from the last comment to the first.
 */
export function nestByParent(comments: readonly DomComment[]): void {
  const byKey = new Map<string, DomComment>();
  const parents: (DomComment | undefined)[] = [];
  const unplaced: DomComment[] = [];
  for (const comment of comments) {
    const parent = comment.parentKey ? byKey.get(comment.parentKey) : undefined;
    comment.depth = parent ? parent.depth + 1 : 0;
    comment.subtreeSize = 1;
    parents.push(parent);
    if (comment.parentKey && !parent) unplaced.push(comment);
    byKey.set(comment.key, comment);
  }
  // A parent later on the page (markup no forum serves) could make two comments each other's
  // parent, and a walk up the parents endless: such a reply is read as starting a tree.
  for (const comment of unplaced) {
    if (comment.parentKey && byKey.has(comment.parentKey)) comment.parentKey = null;
  }
  for (let i = comments.length - 1; i >= 0; i--) {
    const parent = parents[i];
    if (parent) parent.subtreeSize += comments[i]?.subtreeSize ?? 0;
  }
}

/**
 * How many elements up from a comment's subtree its parent's may be. Forums put theirs a few
 * levels up (three on Reddit, two on Lobsters); the bound keeps a page that buries its comments
 * 100,000 elements deep from costing a climb to the top for each of them.
 */
const MAX_CLIMB = 64;

/**
 * Links comments of forums that nest each reply inside its parent's markup: a comment's parent
 * is the nearest recognised comment whose subtree holds it, within `MAX_CLIMB` levels.
 * `subtreeOf` names the element that holds a comment and its replies (the comment itself on
 * Reddit, its list item on Lobsters).
 */
export function nestByAncestors(
  comments: readonly DomComment[],
  subtreeOf: (comment: DomComment) => Element,
): void {
  const bySubtree = new Map<Element, DomComment>();
  for (const comment of comments) bySubtree.set(subtreeOf(comment), comment);
  for (const comment of comments) {
    let parent: DomComment | undefined;
    let up = subtreeOf(comment).parentElement;
    for (let level = 0; up && !parent && level < MAX_CLIMB; level++, up = up.parentElement) {
      parent = bySubtree.get(up);
    }
    comment.parentKey = parent?.key ?? null;
  }
  nestByParent(comments);
}

/**
 * Runs an adapter's reading of the page so that no failure escapes it (SiteAdapter.parsePage),
 * and no key comes twice. A page that repeats a comment's id (no forum does) shows that comment
 * once, at its first place: the key is the comment's identity in the store, and a second element
 * under it could be neither folded nor reached by the keyboard apart from the first (j would step
 * back onto the first forever).
 */
export function neverThrows(
  forum: string,
  parse: (doc: Document, url: URL) => SitePage,
): (doc: Document, url: URL) => SitePage {
  return (doc, url) => {
    try {
      const page = parse(doc, url);
      const keys = new Set<string>();
      const comments = page.comments.filter((comment) => {
        if (keys.has(comment.key)) return false;
        keys.add(comment.key);
        return true;
      });
      return comments.length === page.comments.length ? page : { ...page, comments };
    } catch (error) {
      console.warn(`Threadnote could not read this ${forum} page:`, error);
      return emptyPage();
    }
  };
}
