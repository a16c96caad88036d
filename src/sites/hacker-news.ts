/**
 * Hacker News. Every HN selector lives in this file and in hacker-news.css, which keeps the comment
 * area out of sight until folds are applied. Checked against:
 * - tests/fixtures/hn/item-36817231-2023-07.html (a story page, July 2023 markup)
 * - tests/fixtures/hn/item-44533403-story-2025-07.html and item-44536000-comment-2025-07.html
 *   (today's markup: single-quoted attributes, div.commtext, [flagged]/[dead]/[deleted] rows)
 * - tests/fixtures/hn/threads-motoboi-2025-07.html and newcomments-2025-07.html (list pages)
 */
import type { ThreadRef } from '../shared/model';
import type { CommentFlags, PageKind, SiteAdapter, SiteComment, SitePage, UserLink } from './types';

const ORIGIN = 'https://news.ycombinator.com';
const SITE = 'hn';

const SELECTORS = {
  /** Story pages mark comment rows `comtr`; list pages (newcomments) and saved pages may not. */
  rows: 'tr.athing',
  commentRowClass: 'comtr',
  focusTable: 'table.fatitem',
  commentTree: 'table.comment-tree',
  focusItem: 'table.fatitem tr.athing',
  storyTitle: '.titleline > a',
  indent: 'td.ind',
  author: 'a.hnuser',
  /** Story submitters, in story lists and above a story's comments. */
  submitter: 'td.subtext a.hnuser',
  header: 'span.comhead',
  body: 'div.comment',
  text: '.commtext',
  storyLink: 'span.onstory a[href*="item?id="]',
  navLinks: 'span.navs a',
  reply: '.reply',
} as const;

/** Old HN markup has no indent attribute; its spacer image is 40 px wide per level. */
const INDENT_WIDTH_PX = 40;

const NOT_SHOWN = /^\[(dead|flagged|deleted)\]$/;
const DIGITS = /^\d+$/;

function itemUrl(id: string): string {
  return `${ORIGIN}/item?id=${id}`;
}

function itemIdFromHref(href: string | null | undefined): string | null {
  if (!href) return null;
  const match = /[?&]id=(\d+)/.exec(href) ?? /#(\d+)$/.exec(href);
  return match?.[1] ?? null;
}

function threadFromStoryLink(link: Element | null): ThreadRef | null {
  const id = itemIdFromHref(link?.getAttribute('href'));
  if (!id) return null;
  return { key: `${SITE}:${id}`, title: link?.textContent?.trim() ?? '', url: itemUrl(id) };
}

function titleFromDocument(doc: Document): string {
  return doc.title.replace(/\s*\|\s*Hacker News\s*$/, '').trim();
}

function readIndent(row: Element): number {
  const cell = row.querySelector(SELECTORS.indent);
  const attribute = Number.parseInt(cell?.getAttribute('indent') ?? '', 10);
  if (Number.isFinite(attribute) && attribute >= 0) return attribute;
  const width = Number.parseInt(cell?.querySelector('img')?.getAttribute('width') ?? '', 10);
  return Number.isFinite(width) && width > 0 ? Math.round(width / INDENT_WIDTH_PX) : 0;
}

/** Plain text with paragraphs kept: HN puts every paragraph but the first in a <p>. */
function plainText(node: Element | null): string {
  if (!node) return '';
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  for (const child of Array.from(node.childNodes)) {
    if (child instanceof Element) {
      if (child.matches(SELECTORS.reply)) continue;
      if (child.tagName === 'P' || child.tagName === 'PRE' || child.tagName === 'DIV') {
        flush();
        current = child.textContent ?? '';
        flush();
        continue;
      }
    }
    current += child.textContent ?? '';
  }
  flush();
  return paragraphs.join('\n\n');
}

class HackerNewsComment implements SiteComment {
  readonly key: string;
  subtreeSize = 1;
  /** Index in the page's comment list, for sizing subtrees while parsing. */
  position = 0;
  private cachedFlags: CommentFlags | null = null;

  constructor(
    readonly id: string,
    readonly element: HTMLElement,
    readonly thread: ThreadRef,
    readonly author: string | null,
    readonly parentKey: string | null,
    readonly depth: number,
  ) {
    this.key = `${SITE}:${id}`;
  }

  get permalink(): string {
    return itemUrl(this.id);
  }

  header(): HTMLElement | null {
    return this.element.querySelector<HTMLElement>(SELECTORS.header);
  }

  body(): HTMLElement | null {
    return this.element.querySelector<HTMLElement>(SELECTORS.body);
  }

  /** Flagged, dead and deleted comments have no `.commtext`: their body holds only a marker. */
  text(): string {
    return plainText(this.element.querySelector(SELECTORS.text) ?? this.body());
  }

  flags(): CommentFlags {
    if (this.cachedFlags) return this.cachedFlags;
    const header = this.header()?.textContent ?? '';
    const marker = NOT_SHOWN.exec(this.text())?.[1];
    const row = this.element.classList;
    this.cachedFlags = {
      dead: header.includes('[dead]') || marker === 'dead',
      flagged: header.includes('[flagged]') || marker === 'flagged',
      deleted: marker === 'deleted' || (this.author === null && header.includes('[deleted]')),
      collapsedBySite: row.contains('coll') || row.contains('noshow'),
    };
    return this.cachedFlags;
  }
}

function isCommentRow(row: Element): boolean {
  if (row.classList.contains(SELECTORS.commentRowClass)) return true;
  return (
    row.querySelector(SELECTORS.header) !== null && row.querySelector(SELECTORS.storyTitle) === null
  );
}

/** The first comment row outside the page's focused item. */
function firstCommentRow(doc: Document): Element | undefined {
  return (
    doc.querySelector(`${SELECTORS.rows}.${SELECTORS.commentRowClass}`) ??
    Array.from(doc.querySelectorAll(SELECTORS.rows)).find(
      (row) => !row.closest(SELECTORS.focusTable) && isCommentRow(row),
    )
  );
}

function parsePage(doc: Document, url: URL): SitePage {
  const pageItemId = url.pathname === '/item' ? url.searchParams.get('id') : null;
  const focusRow = doc.querySelector<HTMLElement>(SELECTORS.focusItem);
  const focusIsComment =
    focusRow !== null &&
    focusRow.querySelector(SELECTORS.storyTitle) === null &&
    focusRow.querySelector(SELECTORS.header) !== null;

  let kind: PageKind = 'list';
  let thread: ThreadRef | null = null;
  const comments: HackerNewsComment[] = [];

  if (pageItemId && focusRow && focusIsComment) {
    // A comment's own page: the thread is the story named by "on: <title>", so notes taken here
    // and on the story's page are the same notes.
    kind = 'comment';
    const focusId = DIGITS.test(focusRow.id) ? focusRow.id : pageItemId;
    thread = threadFromStoryLink(focusRow.querySelector(SELECTORS.storyLink)) ?? {
      key: `${SITE}:${focusId}`,
      title: titleFromDocument(doc),
      url: itemUrl(focusId),
    };
    const parentLink = Array.from(focusRow.querySelectorAll(SELECTORS.navLinks)).find(
      (link) => link.textContent?.trim() === 'parent',
    );
    const parentId = itemIdFromHref(parentLink?.getAttribute('href'));
    const author = focusRow.querySelector(SELECTORS.author)?.textContent?.trim() || null;
    comments.push(
      new HackerNewsComment(
        focusId,
        focusRow,
        thread,
        author,
        parentId ? `${SITE}:${parentId}` : null,
        0,
      ),
    );
  } else if (pageItemId) {
    kind = 'thread';
    const storyId = focusRow && DIGITS.test(focusRow.id) ? focusRow.id : pageItemId;
    const title =
      focusRow?.querySelector(SELECTORS.storyTitle)?.textContent?.trim() || titleFromDocument(doc);
    thread = { key: `${SITE}:${storyId}`, title, url: itemUrl(storyId) };
  }

  const baseDepth = comments.length;
  // Open ancestors of the next row. A comment's subtree ends where a row at its depth or
  // shallower starts, so its size is known when it leaves the stack: one pass, no per-row loops.
  const stack: HackerNewsComment[] = [...comments];
  const close = (comment: HackerNewsComment) => {
    comment.subtreeSize = comments.length - comment.position;
  };
  const rows = doc.querySelectorAll<HTMLElement>(SELECTORS.rows);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as HTMLElement;
    const id = row.id;
    if (row === focusRow || !DIGITS.test(id) || !isCommentRow(row)) continue;
    const depth = readIndent(row) + baseDepth;
    let parent = stack.at(-1);
    while (parent && parent.depth >= depth) {
      close(parent);
      stack.pop();
      parent = stack.at(-1);
    }
    const rowThread = thread ??
      threadFromStoryLink(row.querySelector(SELECTORS.storyLink)) ??
      parent?.thread ?? { key: `${SITE}:${id}`, title: '', url: itemUrl(id) };
    const author = row.querySelector(SELECTORS.author)?.textContent || null;
    const comment = new HackerNewsComment(id, row, rowThread, author, parent?.key ?? null, depth);
    comment.position = comments.length;
    stack.push(comment);
    comments.push(comment);
  }
  for (const open of stack) close(open);
  return { kind, thread, comments };
}

export const hackerNews: SiteAdapter = {
  site: SITE,
  name: 'Hacker News',
  matches: ['https://news.ycombinator.com/*'],
  handles: (url) => url.protocol === 'https:' && url.hostname === 'news.ycombinator.com',
  itemKeyFromUrl(url) {
    const id = url.pathname === '/item' ? url.searchParams.get('id') : null;
    return id && DIGITS.test(id) ? `${SITE}:${id}` : null;
  },
  threadBarAnchor: (doc) =>
    doc.querySelector(SELECTORS.commentTree) ?? firstCommentRow(doc)?.closest('table') ?? null,
  parsePage(doc, url) {
    try {
      return parsePage(doc, url);
    } catch (error) {
      console.warn('Threadnote could not read this Hacker News page:', error);
      return { kind: 'list', thread: null, comments: [] };
    }
  },
  userLinks(doc) {
    const links: UserLink[] = [];
    for (const link of Array.from(doc.querySelectorAll(SELECTORS.submitter))) {
      const name = link.textContent?.trim();
      if (name) links.push({ name, element: link });
    }
    return links;
  },
  commentContainers(doc) {
    const parent = firstCommentRow(doc)?.parentNode;
    return parent ? [{ node: parent, subtree: false }] : [];
  },
};
