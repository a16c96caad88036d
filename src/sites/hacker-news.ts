/**
 * Hacker News. Every HN selector lives in this file and in hacker-news.css, which keeps the comment
 * area out of sight until folds are applied. Checked against:
 * - tests/fixtures/hn/item-36817231-2023-07.html (a story page, July 2023 markup)
 * - tests/fixtures/hn/item-44533403-story-2025-07.html and item-44536000-comment-2025-07.html
 *   (today's markup: single-quoted attributes, div.commtext, [flagged]/[dead]/[deleted] rows)
 * - tests/fixtures/hn/threads-motoboi-2025-07.html and newcomments-2025-07.html (list pages)
 * - tests/fixtures/hn/item-36817231-story-old-markup.html and item-36818754-comment-old-markup.html
 *   (the 2023 page in older markup: no `comtr`, no `indent` attribute, `a.storylink` titles)
 */
import type { ThreadRef } from '../shared/model';
import { DepthNesting, DomComment, neverThrows, pageByAddress, userLinksOf } from './kit';
import { hackerNewsLook } from './hacker-news-style';
import { textOf } from './text';
import type { CommentFlags, OwnFold, PageKind, SiteAdapter, SitePage } from './types';

const ORIGIN = 'https://news.ycombinator.com';
const SITE = 'hn';

const SELECTORS = {
  /**
   * Story pages mark comment rows `comtr`; list pages (newcomments, threads), the focused comment
   * of a comment page and HN's older markup do not, and story rows are `tr.athing` too.
   */
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
  toggle: 'a.togg',
} as const;

/** HN's fold classes: `coll` on a folded row, `noshow` on the rows under it. */
const FOLDED = 'coll';
const UNDER_FOLD = 'noshow';

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
  return { key: `${SITE}:${id}`, title: textOf(link) ?? '', url: itemUrl(id) };
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
  const header = textOf(comment.header()) ?? '';
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
    // Read when first asked, and within bounds: the page decides what a user link holds.
    author: () => textOf(row.querySelector(SELECTORS.author)),
    permalink: itemUrl(id),
    parts: PARTS,
    flags: readFlags,
  });
}

/**
 * Comment rows, `comtr` or not, have an indent cell (empty on list rows) and a comment body, so
 * either will do; story rows have neither. Story rows cannot be told by what they have: a link
 * story's site name is a `span.sitebit.comhead`, and its title was `a.storylink` before
 * `.titleline`, so "a comhead and no title" took older link stories for comments.
 */
function isCommentRow(row: Element): boolean {
  return (
    row.classList.contains(SELECTORS.commentRowClass) ||
    row.querySelector(`${SELECTORS.indent}, ${SELECTORS.body}`) !== null
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
  const focusIsComment = focusRow !== null && isCommentRow(focusRow);

  let kind: PageKind = 'list';
  let thread: ThreadRef | null = null;
  const comments: DomComment[] = [];

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
      (link) => textOf(link) === 'parent',
    );
    const parentId = itemIdFromHref(parentLink?.getAttribute('href'));
    const focus = commentOf(focusRow, focusId, thread);
    focus.parentKey = parentId ? `${SITE}:${parentId}` : null;
    comments.push(focus);
  } else if (pageItemId) {
    kind = 'thread';
    const storyId = focusRow && DIGITS.test(focusRow.id) ? focusRow.id : pageItemId;
    const title = textOf(focusRow?.querySelector(SELECTORS.storyTitle)) ?? titleFromDocument(doc);
    thread = { key: `${SITE}:${storyId}`, title, url: itemUrl(storyId) };
  }

  const baseDepth = comments.length;
  const nesting = new DepthNesting();
  for (const focus of comments) nesting.add(focus);
  // Story pages mark every comment row: selecting those spares checking each row's classList.
  const marked = doc.querySelectorAll<HTMLElement>(
    `${SELECTORS.rows}.${SELECTORS.commentRowClass}`,
  );
  const rows = marked.length > 0 ? marked : doc.querySelectorAll<HTMLElement>(SELECTORS.rows);
  const checkRows = marked.length === 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as HTMLElement;
    const id = row.id;
    if (row === focusRow || !DIGITS.test(id) || (checkRows && !isCommentRow(row))) continue;
    // On list pages a reply without an "on:" link of its own belongs to its parent's story.
    const own = thread ?? threadFromStoryLink(row.querySelector(SELECTORS.storyLink));
    const comment = commentOf(
      row,
      id,
      own ?? { key: `${SITE}:${id}`, title: '', url: itemUrl(id) },
    );
    comment.depth = readIndent(row) + baseDepth;
    const parent = nesting.add(comment);
    if (!own && parent) comment.thread = parent.thread;
    comments.push(comment);
  }
  nesting.finish();
  // The focused comment's parent is off the page; a "parent" link naming one of its replies
  // (markup HN never serves) would make each the other's ancestor, and a walk up them endless.
  const [focus] = comments;
  if (
    kind === 'comment' &&
    focus &&
    comments.some((c) => c !== focus && c.key === focus.parentKey)
  ) {
    focus.parentKey = null;
  }
  return { kind, thread, comments };
}

/**
 * HN's own [–]: a folded row has `coll` and its link reads `[+N]` (N from its `n` attribute), the
 * rows under it (the next rows with a greater indent) have `noshow`. Threadnote's fold hides those
 * rows itself, so folding sets only the row's own marks: marking a 1,000-reply subthread twice
 * cost a second restyle of every row (npm run bench). Opening shows the rows HN hid again but for
 * those under a row that is itself still folded, as HN's script does.
 */
const ownFold: OwnFold = {
  toggled(target) {
    const link = target.closest(SELECTORS.toggle);
    return link?.closest<HTMLElement>(SELECTORS.rows) ?? null;
  },
  isFolded: (row) => row.classList.contains(FOLDED),
  setFolded(row, folded) {
    const link = row.querySelector(SELECTORS.toggle);
    row.classList.toggle(FOLDED, folded);
    const n = link?.getAttribute('n');
    if (link) link.textContent = folded ? `[+${n ?? ''}]` : '[–]';
    // Only HN's own fold puts rows out of sight with `noshow`: none on the page, nothing to undo.
    if (folded || !row.parentNode?.querySelector(`.${UNDER_FOLD}`)) return;
    const depth = readIndent(row);
    let foldedAt: number | null = null;
    for (let next = row.nextElementSibling; next; next = next.nextElementSibling) {
      if (!next.classList.contains(SELECTORS.commentRowClass)) continue;
      const d = readIndent(next);
      if (d <= depth) break;
      if (foldedAt !== null && d > foldedAt) continue;
      foldedAt = next.classList.contains(FOLDED) ? d : null;
      if (next.classList.contains(UNDER_FOLD)) next.classList.remove(UNDER_FOLD);
    }
  },
};

export const hackerNews: SiteAdapter = {
  site: SITE,
  name: 'Hacker News',
  look: hackerNewsLook,
  matches: ['https://news.ycombinator.com/*'],
  handles: (url) => url.protocol === 'https:' && url.hostname === 'news.ycombinator.com',
  pageOf: pageByAddress,
  itemKeyFromUrl(url) {
    const id = url.pathname === '/item' ? url.searchParams.get('id') : null;
    return id && DIGITS.test(id) ? `${SITE}:${id}` : null;
  },
  threadBarAnchor: (doc) =>
    doc.querySelector(SELECTORS.commentTree) ?? firstCommentRow(doc)?.closest('table') ?? null,
  userLinks: (doc) => userLinksOf(doc, SELECTORS.submitter),
  parsePage: neverThrows('Hacker News', parsePage),
  commentContainers(doc) {
    const parent = firstCommentRow(doc)?.parentNode;
    return parent ? [{ node: parent, subtree: false }] : [];
  },
  ownFold,
};
