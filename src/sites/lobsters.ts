/**
 * Lobsters. Every Lobsters selector lives in this file and in lobsters.css, which keeps the
 * comments out of sight until folds are applied. Checked against:
 * - tests/fixtures/lobsters/s-tdfoqh-2022-07.html (a story page as served logged out: nested
 *   `li.comments_subtree`, `input.comment_folder_button` before each `div.comment#c_<id>`,
 *   `div.byline` with `/~user` links, `div.comment_text`)
 * - the comment template of lobsters/lobsters (app/views/comments/_comment.html.erb): `/u/user`
 *   links in newer markup, `span.na` in the text of removed comments, `bad` on flagged ones
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
import { lobstersLook } from './lobsters-style';
import type { CommentFlags, OwnFold, SiteAdapter, SitePage } from './types';

const ORIGIN = 'https://lobste.rs';
const SITE = 'lobsters';

const SELECTORS = {
  storyComments: 'ol#story_comments',
  comment: 'div.comment[id^="c_"]',
  subtree: 'li.comments_subtree',
  author: '.byline a[href^="/~"]:not([aria-hidden]), .byline a[href^="/u/"]:not([aria-hidden])',
  permalink: '.byline a[href^="/c/"]',
  storyTitle: '.story .link a.u-url',
  submitter:
    '.story .byline a[href^="/~"]:not([aria-hidden]), .story .byline a[href^="/u/"]:not([aria-hidden])',
  removed: '.comment_text .na',
  /** The fold's label in the comment, which ticks the hidden checkbox right before it. */
  folderLabel: 'label.comment_folder[for^="comment_folder_"]',
} as const;

const FOLDER_ID = 'comment_folder_';

const PARTS = { header: 'div.byline', body: 'div.comment_text' };

const STORY_PATH = /^\/s\/([a-z0-9]+)(?:\/([^/]*))?/;

/** A comment's own fold checkbox, found by the comment's id (`c_<id>`, `comment_folder_<id>`). */
function folderOf(element: Element): HTMLInputElement | null {
  const folder = element.ownerDocument.getElementById(`${FOLDER_ID}${element.id.slice(2)}`);
  return folder instanceof HTMLInputElement ? folder : null;
}

/** The native fold is a checkbox right before the comment; Lobsters ticks it on low scores. */
function readFlags(comment: DomComment): CommentFlags {
  return {
    dead: false,
    flagged: comment.element.classList.contains('bad'),
    deleted: comment.element.querySelector(SELECTORS.removed) !== null,
    collapsedBySite: folderOf(comment.element)?.checked ?? false,
  };
}

/**
 * Lobsters' own fold, which its stylesheet draws from the checkbox alone: ticked, the comment's
 * text and replies are hidden and its label reads [+]. The checkbox itself is hidden; the
 * reader clicks the label, whose click is the one followed (the checkbox's own click that it
 * causes is not, so that one click is one toggle).
 */
const ownFold: OwnFold = {
  toggled(target) {
    const label = target.closest(SELECTORS.folderLabel);
    const id = label?.getAttribute('for')?.slice(FOLDER_ID.length);
    const comment = id ? target.ownerDocument.getElementById(`c_${id}`) : null;
    return comment?.matches(SELECTORS.comment) ? comment : null;
  },
  isFolded: (element) => folderOf(element)?.checked ?? false,
  setFolded(element, folded) {
    const folder = folderOf(element);
    if (folder) folder.checked = folded;
  },
};

function storyThread(doc: Document, url: URL): ThreadRef | null {
  const match = STORY_PATH.exec(url.pathname);
  if (!match) return null;
  const [, id, slug] = match;
  const title =
    textOf(doc.querySelector(SELECTORS.storyTitle)) ??
    doc.title.replace(/\s*\|\s*Lobsters\s*$/, '').trim();
  return { key: `${SITE}:s/${id}`, title, url: `${ORIGIN}/s/${id}${slug ? `/${slug}` : ''}` };
}

function parsePage(doc: Document, url: URL): SitePage {
  const thread = storyThread(doc, url);
  if (!thread) return emptyPage();
  const comments: DomComment[] = [];
  for (const element of Array.from(doc.querySelectorAll<HTMLElement>(SELECTORS.comment))) {
    const id = element.id.slice(2);
    if (!/^[a-z0-9]+$/.test(id)) continue;
    comments.push(
      new DomComment({
        site: SITE,
        id,
        element,
        thread,
        author: textOf(element.querySelector(SELECTORS.author)),
        permalink:
          absoluteUrl(element.querySelector(SELECTORS.permalink)?.getAttribute('href'), ORIGIN) ??
          `${ORIGIN}/c/${id}`,
        parts: PARTS,
        flags: readFlags,
      }),
    );
  }
  nestByAncestors(
    comments,
    (comment) => comment.element.closest(SELECTORS.subtree) ?? comment.element,
  );
  return { kind: 'thread', thread, comments };
}

export const lobsters: SiteAdapter = {
  site: SITE,
  name: 'Lobsters',
  look: lobstersLook,
  matches: ['https://lobste.rs/*'],
  handles: (url) =>
    url.protocol === 'https:' && url.hostname === 'lobste.rs' && STORY_PATH.test(url.pathname),
  pageOf: pageByAddress,
  itemKeyFromUrl(url) {
    const id = STORY_PATH.exec(url.pathname)?.[1];
    return id ? `${SITE}:s/${id}` : null;
  },
  threadBarAnchor: (doc) => doc.querySelector(SELECTORS.storyComments),
  userLinks: (doc) => userLinksOf(doc, SELECTORS.submitter),
  parsePage: neverThrows('Lobsters', parsePage),
  commentContainers(doc) {
    const tree = doc.querySelector(SELECTORS.storyComments);
    return tree ? [{ node: tree, subtree: true }] : [];
  },
  ownFold,
};
