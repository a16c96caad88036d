/**
 * Forum-neutral helpers that every adapter builds on, so that what is the same on every forum is
 * written once: the comment object, plain text, the tree links, the never-throws guarantee.
 * No forum selector lives here; each adapter passes its own.
 */
import type { ThreadRef } from '../shared/model';
import type { CommentFlags, SiteComment, SitePage } from './types';

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
  author: string | null;
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
  readonly author: string | null;
  readonly permalink: string;
  parentKey: string | null = null;
  depth = 0;
  subtreeSize = 1;
  private readonly parts: CommentParts;
  private readonly readFlags: ((comment: DomComment) => CommentFlags) | undefined;
  private cachedFlags: CommentFlags | null = null;

  constructor(init: CommentInit) {
    this.key = `${init.site}:${init.id}`;
    this.id = init.id;
    this.element = init.element;
    this.thread = init.thread;
    this.author = init.author;
    this.permalink = init.permalink;
    this.parts = init.parts;
    this.readFlags = init.flags;
  }

  private find(selector: string | undefined): HTMLElement | null {
    return selector ? this.element.querySelector<HTMLElement>(selector) : null;
  }

  header(): HTMLElement | null {
    return this.find(this.parts.header);
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

const BLOCKS = new Set([
  'P',
  'PRE',
  'DIV',
  'BLOCKQUOTE',
  'UL',
  'OL',
  'LI',
  'TABLE',
  'TR',
  'ASIDE',
  'SECTION',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
]);

/**
 * The text of a comment with its paragraphs kept, separated by blank lines, whatever the forum
 * wraps them in (HN leaves the first paragraph bare, others use <p>, quotes nest blocks).
 * Elements matching `skip` (controls inside the text) are left out.
 */
export function plainText(node: Element | null, skip?: string): string {
  if (!node) return '';
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  const walk = (parent: Node) => {
    for (const child of Array.from(parent.childNodes)) {
      if (child.nodeType === 1) {
        const element = child as Element;
        if (skip && element.matches(skip)) continue;
        if (element.tagName === 'BR') {
          current += ' ';
          continue;
        }
        if (BLOCKS.has(element.tagName)) {
          flush();
          walk(element);
          flush();
          continue;
        }
        walk(element);
      } else if (child.nodeType === 3) {
        current += child.textContent ?? '';
      }
    }
  };
  walk(node);
  flush();
  return paragraphs.join('\n\n');
}

/** SiteAdapter.pageOf for forums whose every page is a page load: the address but its fragment. */
export function pageByAddress(url: URL): string {
  return `${url.origin}${url.pathname}${url.search}`;
}

/** Trimmed text content, or null when there is none. */
export function textOf(node: Element | null | undefined): string | null {
  const text = node?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
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
 * parent): each comment's parent is the nearest earlier comment one level up, and each subtree
 * counts the comments after it that are deeper.
 */
export function nestByDepth(comments: readonly DomComment[]): void {
  const stack: DomComment[] = [];
  for (const comment of comments) {
    while (stack.length > 0 && (stack.at(-1)?.depth ?? -1) >= comment.depth) stack.pop();
    comment.parentKey = stack.at(-1)?.key ?? comment.parentKey;
    for (const ancestor of stack) ancestor.subtreeSize++;
    stack.push(comment);
  }
}

/**
 * Links comments given in page order by their parent keys (flat streams, where a reply can come
 * long after its parent): depth is the length of the chain of parents on the page, and a subtree
 * is every comment whose chain reaches the root. A parent not on the page starts a new tree.
 */
export function nestByParent(comments: readonly DomComment[]): void {
  const byKey = new Map<string, DomComment>();
  for (const comment of comments) {
    const parent = comment.parentKey ? byKey.get(comment.parentKey) : undefined;
    comment.depth = parent ? parent.depth + 1 : 0;
    for (let up = parent; up; up = up.parentKey ? byKey.get(up.parentKey) : undefined) {
      up.subtreeSize++;
    }
    byKey.set(comment.key, comment);
  }
}

/**
 * Links comments of forums that nest each reply inside its parent's markup: a comment's parent
 * is the nearest recognised comment whose subtree holds it. `subtreeOf` names the element that
 * holds a comment and its replies (the comment itself on Reddit, its list item on Lobsters).
 */
export function nestByAncestors(
  comments: readonly DomComment[],
  subtreeOf: (comment: DomComment) => Element,
): void {
  const bySubtree = new Map<Element, DomComment>();
  for (const comment of comments) bySubtree.set(subtreeOf(comment), comment);
  for (const comment of comments) {
    let parent: DomComment | undefined;
    for (let up = subtreeOf(comment).parentElement; up && !parent; up = up.parentElement) {
      parent = bySubtree.get(up);
    }
    comment.parentKey = parent?.key ?? null;
  }
  nestByParent(comments);
}

/** Runs an adapter's reading of the page so that no failure escapes it (SiteAdapter.parsePage). */
export function neverThrows(
  forum: string,
  parse: (doc: Document, url: URL) => SitePage,
): (doc: Document, url: URL) => SitePage {
  return (doc, url) => {
    try {
      return parse(doc, url);
    } catch (error) {
      console.warn(`Threadnote could not read this ${forum} page:`, error);
      return emptyPage();
    }
  };
}
