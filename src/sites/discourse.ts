/**
 * Discourse, on whichever host the reader enables it. Every Discourse selector lives in this
 * file. Checked against:
 * - tests/fixtures/discourse/t-offline-first-sync-4242-2025.html, made by
 *   tests/kit/discourse-page.mjs from the templates of discourse/discourse
 *   (app/assets/javascripts/discourse/app/components/post.gjs, post/meta-data*.gjs,
 *   post/cooked-html.gjs, post-stream.gjs; the older widgets/post.js renders the same classes)
 *   and topic pages saved from forum.exercism.org and other Discourse forums in public repositories.
 *
 * Discourse renders only the posts near the viewport: the others are "cloaked" (their `article`
 * is removed and rendered again, as a new element, when the reader scrolls back), and more posts
 * are added above and below as the reader scrolls. The markup says whom a post replies to (the
 * "in reply to" tab names the user), not which post: a post's parent is taken to be the nearest
 * earlier post on the page by that user. Replies to the post right above carry no tab on most
 * forums (`suppress_reply_directly_above`), so they count as replies to the topic.
 */
import type { ThreadRef } from '../shared/model';
import { DomComment, absoluteUrl, emptyPage, nestByParent, neverThrows } from './kit';
import { discourseLook } from './discourse-style';
import { textOf } from './text';
import type { CommentFlags, ForumEngine, SiteAdapter, SitePage } from './types';

const ENGINE = 'discourse';

/** `/t/<slug>/<topic-id>` and `/t/<slug>/<topic-id>/<post-number>`, also under a subfolder. */
const TOPIC_PATH = /^((?:\/[^/]+)*?)\/t\/([^/]+)\/(\d+)(?:\/(\d+))?\/?$/;

const SELECTORS = {
  appRoot: '#main-outlet',
  stream: '.post-stream',
  post: 'article[data-post-id]',
  notInStream: '.embedded-posts, .small-action',
  wrapper: '.topic-post',
  username: ':scope > .row > .topic-body > .topic-meta-data .names a[data-user-card]',
  fullName: ':scope > .row > .topic-body > .topic-meta-data .names .full-name',
  replyToName: ':scope > .row > .topic-body > .topic-meta-data a.reply-to-tab span',
  postDate: ':scope > .row > .topic-body > .topic-meta-data a.post-date',
  title: '#topic-title .fancy-title',
  ogTitle: 'meta[property="og:title"]',
} as const;

const PARTS = {
  header: ':scope > .row > .topic-body > .topic-meta-data',
  /** The date and read state, at the header's far end: Threadnote's additions go before them. */
  headerTail: ':scope > .row > .topic-body > .topic-meta-data > .post-infos',
  body: ':scope > .row > .topic-body > .regular',
  text: ':scope > .row > .topic-body > .regular > .cooked',
};

function readFlags(comment: DomComment): CommentFlags {
  const wrapper = comment.element.closest(SELECTORS.wrapper)?.classList;
  return {
    dead: false,
    flagged: wrapper?.contains('post-hidden') ?? false,
    deleted: wrapper?.contains('deleted') ?? false,
    collapsedBySite: false,
  };
}

function topicOf(doc: Document, url: URL, site: string): ThreadRef | null {
  const match = TOPIC_PATH.exec(url.pathname);
  if (!match) return null;
  const [, base, slug, id] = match;
  const title =
    textOf(doc.querySelector(SELECTORS.title)) ??
    doc.querySelector(SELECTORS.ogTitle)?.getAttribute('content')?.trim() ??
    doc.title.replace(/\s+-\s+[^-]+$/, '').trim();
  return { key: `${site}:t/${id}`, title, url: `${url.origin}${base}/t/${slug}/${id}` };
}

function parseTopic(doc: Document, url: URL, site: string): SitePage {
  const thread = topicOf(doc, url, site);
  if (!thread) return emptyPage();
  const comments: DomComment[] = [];
  const namesOf = new Map<DomComment, string[]>();
  const topicId = thread.key.slice(thread.key.lastIndexOf('/') + 1);
  for (const element of Array.from(doc.querySelectorAll<HTMLElement>(SELECTORS.post))) {
    const id = element.getAttribute('data-post-id') ?? '';
    if (!/^\d+$/.test(id) || element.closest(SELECTORS.notInStream)) continue;
    // Right after an in-app move to another topic, the old topic's posts are still on the page.
    const postTopic = element.getAttribute('data-topic-id');
    if (postTopic && postTopic !== topicId) continue;
    const username = element.querySelector(SELECTORS.username)?.getAttribute('data-user-card');
    const fullName = textOf(element.querySelector(SELECTORS.fullName));
    const number = /^post_(\d+)$/.exec(element.id)?.[1];
    const permalink =
      absoluteUrl(element.querySelector(SELECTORS.postDate)?.getAttribute('href'), url) ??
      `${thread.url}/${number ?? ''}`;
    const comment = new DomComment({
      site,
      id,
      element,
      thread,
      author: username?.trim() || null,
      permalink,
      parts: PARTS,
      flags: readFlags,
    });
    const replyTo = textOf(element.querySelector(SELECTORS.replyToName))?.toLowerCase();
    const parent = replyTo
      ? comments.findLast((earlier) => namesOf.get(earlier)?.includes(replyTo))
      : undefined;
    comment.parentKey = parent?.key ?? null;
    namesOf.set(
      comment,
      [username, fullName].flatMap((name) => (name ? [name.toLowerCase()] : [])),
    );
    comments.push(comment);
  }
  nestByParent(comments);
  return { kind: 'thread', thread, comments };
}

const hostAdapters = new Map<string, SiteAdapter>();

function adapterForHost(host: string): SiteAdapter {
  let adapter = hostAdapters.get(host);
  if (!adapter) {
    const site = `${ENGINE}/${host}`;
    adapter = {
      site,
      name: `Discourse (${host})`,
      look: discourseLook,
      matches: [`https://${host}/*`],
      handles: (url) =>
        url.protocol === 'https:' && url.host === host && TOPIC_PATH.test(url.pathname),
      // The address follows the post the reader is on; the page is the topic.
      pageOf: (url) => {
        const match = TOPIC_PATH.exec(url.pathname);
        return match ? `topic ${match[3]}` : url.pathname;
      },
      itemKeyFromUrl: (url) => {
        const match = url.host === host ? TOPIC_PATH.exec(url.pathname) : null;
        return match ? `${site}:t/${match[3]}` : null;
      },
      threadBarAnchor: (doc) => doc.querySelector(SELECTORS.stream),
      // The topic's author is its first post's author: no user links outside the posts.
      userLinks: () => [],
      parsePage: neverThrows('Discourse', (doc, url) => parseTopic(doc, url, site)),
      commentContainers(doc) {
        // Discourse draws the stream after the page has loaded, and draws a new one in place
        // when the reader opens another topic: watch what holds it, not the stream itself.
        const root = doc.querySelector(SELECTORS.appRoot) ?? doc.body;
        return root ? [{ node: root, subtree: true }] : [];
      },
    };
    hostAdapters.set(host, adapter);
  }
  return adapter;
}

export const discourse: ForumEngine = {
  engine: ENGINE,
  name: 'Discourse',
  looksLike: (url) => url.protocol === 'https:' && url.port === '' && TOPIC_PATH.test(url.pathname),
  forHost: adapterForHost,
  probe: () =>
    document.querySelector('meta[name="generator"][content^="Discourse"]') !== null ||
    document.getElementById('data-discourse-setup') !== null,
};
