/**
 * Classic Reddit (old.reddit.com, and www.reddit.com where it still serves the classic markup).
 * Every Reddit selector lives in this file and in reddit.css, which keeps the comments out of
 * sight until folds are applied. Checked against:
 * - tests/fixtures/reddit-old/579v6t-2016-10.html (an AMA's comment page, Slovak UI: nested
 *   `div.thing.comment[data-fullname=t1_…]` in `div.child > div.sitetable`, `a.expand` toggles,
 *   one `morechildren` stub, one deleted comment with no fullname, collapsed by Reddit)
 * - tests/fixtures/reddit-old/morechildren-d8q6yaj.html (what "load more comments" inserts)
 * New Reddit's markup has none of these: its pages give no comments.
 */
import type { ThreadRef } from '../shared/model';
import {
  DomComment,
  absoluteUrl,
  emptyPage,
  nestByAncestors,
  neverThrows,
  pageByAddress,
  userLinksOf,
} from './kit';
import { textOf } from './text';
import { redditLook } from './reddit-style';
import type { CommentFlags, OwnFold, SiteAdapter, SitePage } from './types';

const SITE = 'reddit';
const HOSTS = new Set(['old.reddit.com', 'www.reddit.com']);

const SELECTORS = {
  commentArea: '.commentarea > .sitetable',
  comment: 'div.thing.comment',
  linkTitle: '.thing.link a.title',
  /** The submitter of the post the comments are about. */
  submitter: '.thing.link > .entry .tagline a.author',
  author: ':scope > .entry .tagline a.author',
  permalink: ':scope > .entry a.bylink[data-event-action="permalink"]',
  reportForm: ':scope > .entry > .reportform',
  /** The [–] / [+] fold toggle at the start of a comment's tagline. */
  toggle: ':scope > .entry .tagline a.expand',
} as const;

/** Reddit's fold classes on a comment's `.thing`. */
const FOLDED = 'collapsed';
const OPEN = 'noncollapsed';

const PARTS = {
  header: ':scope > .entry > p.tagline',
  body: ':scope > .entry > .usertext',
  actions: ':scope > .entry > ul.buttons',
  text: ':scope > .entry > .usertext .md',
};

const THREAD_PATH = /^\/r\/([^/]+)\/comments\/([a-z0-9]+)(?:\/([^/]*))?/i;

/** A deleted comment loses its fullname; its report form still carries the id. */
function fullnameOf(element: Element): string | null {
  const fullname = element.getAttribute('data-fullname');
  if (fullname?.startsWith('t1_')) return fullname;
  const fromClass = /\bid-(t1_[a-z0-9]+)\b/.exec(element.className)?.[1];
  if (fromClass) return fromClass;
  const form = element.querySelector(SELECTORS.reportForm)?.className ?? '';
  return /\breport-(t1_[a-z0-9]+)\b/.exec(form)?.[1] ?? null;
}

function readFlags(comment: DomComment): CommentFlags {
  const classes = comment.element.classList;
  return {
    dead: false,
    flagged: false,
    deleted: classes.contains('deleted'),
    collapsedBySite: classes.contains(FOLDED),
  };
}

/**
 * Reddit's own fold, as its `togglecomment` leaves it: `collapsed` (not `noncollapsed`) on the
 * comment's `.thing`, which Reddit's stylesheet hides the text and replies of, and [+] on its
 * toggle; [–] when open.
 */
const ownFold: OwnFold = {
  toggled(target) {
    const thing = target.closest<HTMLElement>(SELECTORS.comment);
    const toggle = thing?.querySelector(SELECTORS.toggle);
    return toggle && toggle.contains(target) ? thing : null;
  },
  isFolded: (thing) => thing.classList.contains(FOLDED),
  setFolded(thing, folded) {
    thing.classList.toggle(FOLDED, folded);
    thing.classList.toggle(OPEN, !folded);
    const toggle = thing.querySelector(SELECTORS.toggle);
    if (toggle) toggle.textContent = folded ? '[+]' : '[–]';
  },
};

function threadOf(doc: Document, url: URL): ThreadRef | null {
  const match = THREAD_PATH.exec(url.pathname);
  if (!match) return null;
  const [, subreddit, id, slug] = match;
  const title =
    textOf(doc.querySelector(SELECTORS.linkTitle)) ?? doc.title.replace(/\s*:\s*[^:]+$/, '').trim();
  const path = `/r/${subreddit}/comments/${id}/${slug ? `${slug}/` : ''}`;
  return { key: `${SITE}:t3_${id?.toLowerCase()}`, title, url: `${url.origin}${path}` };
}

function parsePage(doc: Document, url: URL): SitePage {
  const thread = threadOf(doc, url);
  const area = doc.querySelector(SELECTORS.commentArea);
  if (!thread || !area) return emptyPage();
  const comments: DomComment[] = [];
  for (const element of Array.from(area.querySelectorAll<HTMLElement>(SELECTORS.comment))) {
    const fullname = fullnameOf(element);
    if (!fullname) continue;
    const author =
      element.getAttribute('data-author') ?? textOf(element.querySelector(SELECTORS.author));
    const permalink = element.querySelector(SELECTORS.permalink)?.getAttribute('href');
    comments.push(
      new DomComment({
        site: SITE,
        id: fullname,
        element,
        thread,
        author,
        permalink: absoluteUrl(permalink, url) ?? `${thread.url}${fullname.slice(3)}/`,
        parts: PARTS,
        flags: readFlags,
      }),
    );
  }
  nestByAncestors(comments, (comment) => comment.element);
  return { kind: 'thread', thread, comments };
}

export const classicReddit: SiteAdapter = {
  site: SITE,
  name: 'Reddit',
  look: redditLook,
  matches: ['https://old.reddit.com/*', 'https://www.reddit.com/*'],
  handles: (url) =>
    url.protocol === 'https:' && HOSTS.has(url.hostname) && THREAD_PATH.test(url.pathname),
  pageOf: pageByAddress,
  // A comment's permalink (/r/<sub>/comments/<post>/<slug>/<comment>/) shows the same thread.
  itemKeyFromUrl(url) {
    const id = THREAD_PATH.exec(url.pathname)?.[2];
    return id ? `${SITE}:t3_${id.toLowerCase()}` : null;
  },
  threadBarAnchor: (doc) => doc.querySelector(SELECTORS.commentArea),
  userLinks: (doc) => userLinksOf(doc, SELECTORS.submitter),
  parsePage: neverThrows('Reddit', parsePage),
  commentContainers(doc) {
    const area = doc.querySelector(SELECTORS.commentArea);
    return area ? [{ node: area, subtree: true }] : [];
  },
  ownFold,
};
