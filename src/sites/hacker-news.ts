/**
 * Hacker News. Every HN selector lives in this file. Checked against:
 * - tests/fixtures/hn/item-36817231-2023-07.html (a story page, July 2023 markup)
 * - tests/fixtures/hn/item-44533403-story-2025-07.html and item-44536000-comment-2025-07.html
 *   (today's markup: single-quoted attributes, div.commtext, [flagged]/[dead]/[deleted] rows)
 * - tests/fixtures/hn/threads-motoboi-2025-07.html and newcomments-2025-07.html (list pages)
 */
import type { ThreadRef } from '../shared/model';
import { DomComment, nestByDepth, neverThrows, pageByAddress, textOf } from './kit';
import type { CommentFlags, PageKind, SiteAdapter, SitePage } from './types';

const ORIGIN = 'https://news.ycombinator.com';
const SITE = 'hn';

const SELECTORS = {
  /** Story pages mark comment rows `comtr`; list pages (newcomments) and saved pages may not. */
  rows: 'tr.athing',
  commentRowClass: 'comtr',
  focusTable: 'table.fatitem',
  focusItem: 'table.fatitem tr.athing',
  storyTitle: '.titleline > a',
  indent: 'td.ind',
  author: 'a.hnuser',
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

/** Flagged, dead and deleted comments have no `.commtext`: their body holds only a marker. */
function readFlags(comment: DomComment): CommentFlags {
  const header = comment.header()?.textContent ?? '';
  const marker = NOT_SHOWN.exec(comment.text())?.[1];
  const row = comment.element.classList;
  return {
    dead: header.includes('[dead]') || marker === 'dead',
    flagged: header.includes('[flagged]') || marker === 'flagged',
    deleted: marker === 'deleted' || (comment.author === null && header.includes('[deleted]')),
    collapsedBySite: row.contains('coll') || row.contains('noshow'),
  };
}

const PARTS = {
  header: SELECTORS.header,
  body: SELECTORS.body,
  text: SELECTORS.text,
  notText: SELECTORS.reply,
};

function commentOf(row: HTMLElement, id: string, thread: ThreadRef): DomComment {
  return new DomComment({
    site: SITE,
    id,
    element: row,
    thread,
    author: textOf(row.querySelector(SELECTORS.author)),
    permalink: itemUrl(id),
    parts: PARTS,
    flags: readFlags,
  });
}

function isCommentRow(row: Element): boolean {
  if (row.classList.contains(SELECTORS.commentRowClass)) return true;
  return (
    row.querySelector(SELECTORS.header) !== null && row.querySelector(SELECTORS.storyTitle) === null
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
  const comments: DomComment[] = [];

  if (pageItemId && focusRow && focusIsComment) {
    // A comment's own page: the thread is the story named by "on: <title>", so notes taken here
    // and on the story's page are the same notes.
    kind = 'comment';
    const focusId = /^\d+$/.test(focusRow.id) ? focusRow.id : pageItemId;
    thread = threadFromStoryLink(focusRow.querySelector(SELECTORS.storyLink)) ?? {
      key: `${SITE}:${focusId}`,
      title: titleFromDocument(doc),
      url: itemUrl(focusId),
    };
    const parentLink = Array.from(focusRow.querySelectorAll(SELECTORS.navLinks)).find(
      (link) => link.textContent?.trim() === 'parent',
    );
    const parentId = itemIdFromHref(parentLink?.getAttribute('href'));
    const focus = commentOf(focusRow, focusId, thread);
    focus.parentKey = parentId ? `${SITE}:${parentId}` : null;
    comments.push(focus);
  } else if (pageItemId) {
    kind = 'thread';
    const storyId = focusRow && /^\d+$/.test(focusRow.id) ? focusRow.id : pageItemId;
    const title =
      focusRow?.querySelector(SELECTORS.storyTitle)?.textContent?.trim() || titleFromDocument(doc);
    thread = { key: `${SITE}:${storyId}`, title, url: itemUrl(storyId) };
  }

  // On list pages a reply without an "on:" link of its own belongs to its parent's story.
  const inheritsThread = new Set<DomComment>();
  const baseDepth = comments.length;
  for (const row of Array.from(doc.querySelectorAll<HTMLElement>(SELECTORS.rows))) {
    const id = row.id;
    if (!/^\d+$/.test(id) || row === focusRow || !isCommentRow(row)) continue;
    const own = thread ?? threadFromStoryLink(row.querySelector(SELECTORS.storyLink));
    const comment = commentOf(
      row,
      id,
      own ?? { key: `${SITE}:${id}`, title: '', url: itemUrl(id) },
    );
    if (!own) inheritsThread.add(comment);
    comment.depth = readIndent(row) + baseDepth;
    comments.push(comment);
  }
  nestByDepth(comments);
  const byKey = new Map(comments.map((comment) => [comment.key, comment]));
  for (const comment of inheritsThread) {
    const parent = comment.parentKey ? byKey.get(comment.parentKey) : undefined;
    if (parent) comment.thread = parent.thread;
  }
  return { kind, thread, comments };
}

export const hackerNews: SiteAdapter = {
  site: SITE,
  name: 'Hacker News',
  matches: ['https://news.ycombinator.com/*'],
  handles: (url) => url.protocol === 'https:' && url.hostname === 'news.ycombinator.com',
  pageOf: pageByAddress,
  parsePage: neverThrows('Hacker News', parsePage),
  commentContainers(doc) {
    const first = Array.from(doc.querySelectorAll(SELECTORS.rows)).find(
      (row) => !row.closest(SELECTORS.focusTable) && isCommentRow(row),
    );
    return first?.parentNode ? [{ node: first.parentNode, subtree: false }] : [];
  },
};
