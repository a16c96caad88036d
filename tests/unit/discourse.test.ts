import { afterEach, describe, expect, it } from 'vitest';
import { discourse } from '../../src/sites/discourse';
import type { SitePage } from '../../src/sites/types';
import { FILE, FIRST_CHUNK, POSTS as POST_ROWS, SLUG, TOPIC_ID } from '../kit/discourse-page.mjs';
import { depthHistogram, expectConsistentTree } from './adapter-checks';
import { loadPage, pageFromHtml } from './load-page';

const HOST = 'forum.example.org';
const SITE = `discourse/${HOST}`;
const TOPIC = `https://${HOST}/t/${SLUG}/${TOPIC_ID}`;
const adapter = discourse.forHost(HOST);

/** [number, post id, username, number replied to, paragraphs], from the script that made the page. */
const POSTS = POST_ROWS as unknown as [number, number, string, number | null, string[]][];
/** Post number → post id. */
const idOf = new Map(POSTS.map(([number, id]) => [number, String(id)]));
const keyOf = (number: number) => `${SITE}:${idOf.get(number)}`;

function load(): Document {
  return loadPage(`discourse/${FILE}`);
}

/** What Discourse does when the reader reaches the end of the stream: the next posts come. */
function loadMore(doc: Document): void {
  const more = doc.querySelector<HTMLTemplateElement>('template#more-posts');
  doc.querySelector('.post-stream')?.append(more?.content ?? '');
  more?.remove();
}

/** Post number → the post number its parent has, as the adapter reads them. */
function parents(page: SitePage): Record<number, number | null> {
  const numberOf = new Map([...idOf].map(([number, id]) => [`${SITE}:${id}`, number]));
  return Object.fromEntries(
    page.comments.map((comment) => [
      numberOf.get(comment.key),
      comment.parentKey === null ? null : (numberOf.get(comment.parentKey) ?? -1),
    ]),
  );
}

describe('Discourse adapter on a topic page (Discourse 3.5 markup, made from its templates)', () => {
  const page = adapter.parsePage(load(), new URL(TOPIC));

  it('is an adapter of its own per host, keyed discourse/<host>', () => {
    expect(adapter.site).toBe(SITE);
    expect(adapter.name).toBe(`Discourse (${HOST})`);
    expect(adapter.matches).toEqual([`https://${HOST}/*`]);
    expect(discourse.forHost(HOST)).toBe(adapter);
    expect(discourse.forHost('meta.discourse.org').site).toBe('discourse/meta.discourse.org');
  });

  it('finds the topic and the 20 posts rendered at first', () => {
    expect(page.kind).toBe('thread');
    expect(page.thread).toEqual({
      key: `${SITE}:t/${TOPIC_ID}`,
      title: 'Offline-first sync: CRDTs or server-authoritative?',
      url: TOPIC,
    });
    expect(page.comments).toHaveLength(FIRST_CHUNK);
    expect(page.comments.map((comment) => comment.key)).toEqual(
      POSTS.slice(0, FIRST_CHUNK).map(([number]) => keyOf(number)),
    );
    expect(page.comments.map((comment) => comment.author).slice(0, 5)).toEqual([
      'alice',
      'bram',
      'chioma',
      'dmitri',
      'bram',
    ]);
    expectConsistentTree(page, SITE);
  });

  it('links replies through the “in reply to” tab, to the nearest earlier post by that user', () => {
    expect(parents(page)).toEqual({
      1: null,
      2: null,
      3: null,
      4: 2,
      // Replies to the post right above carry no tab on Discourse: read as replies to the topic.
      5: null,
      6: 3,
      7: 4,
      8: null,
      9: 6,
      10: 8,
      11: 7,
      12: null,
      13: 9,
      14: 12,
      15: 11,
      16: null,
      17: 10,
      18: null,
      19: 14,
      20: 15,
    });
    expect(depthHistogram(page)).toEqual({ 0: 8, 1: 4, 2: 4, 3: 2, 4: 1, 5: 1 });
    const bram = page.comments.find((comment) => comment.key === keyOf(2));
    expect(bram?.subtreeSize).toBe(6);
  });

  it('reads the parts Threadnote decorates, the permalink and the text', () => {
    const post = page.comments.find((comment) => comment.key === keyOf(4));
    expect(post?.element.id).toBe('post_4');
    expect(post?.header()?.classList.contains('topic-meta-data')).toBe(true);
    expect(post?.headerTail()?.parentElement).toBe(post?.header());
    expect(post?.headerTail()?.classList.contains('post-infos')).toBe(true);
    expect(post?.body()?.classList.contains('regular')).toBe(true);
    expect(post?.foldedParts()).toEqual([post?.body()]);
    expect(post?.permalink).toBe(`${TOPIC}/4`);
    expect(post?.text()).toBe(
      'How do you handle an intent that the server rejects after the client has shown it as done for two days? That is the part that burned us.',
    );
    expect(page.comments[0]?.permalink).toBe(TOPIC);
    expect(page.comments[0]?.text().split('\n\n')).toHaveLength(2);
  });

  it('takes in the posts added when the reader reaches the end', () => {
    const doc = load();
    loadMore(doc);
    const all = adapter.parsePage(doc, new URL(TOPIC));
    expect(all.comments).toHaveLength(POSTS.length);
    expect(parents(all)).toMatchObject({ 21: null, 22: 16, 23: 19, 24: 22, 25: null, 26: null });
    expectConsistentTree(all, SITE);
  });

  it('drops cloaked posts; their replies then say less, not something else', () => {
    const doc = load();
    // Discourse "cloaks" a post far from the viewport: the article goes, the wrapper stays.
    doc.querySelector('#post_4')?.remove();
    const cloaked = adapter.parsePage(doc, new URL(TOPIC));
    expect(cloaked.comments).toHaveLength(FIRST_CHUNK - 1);
    expect(parents(cloaked)).toMatchObject({ 7: null, 11: 7 });
    expectConsistentTree(cloaked, SITE);
  });

  it('matches a tab that shows the full name, and skips embedded posts', () => {
    const doc = load();
    const tab = doc.querySelector('#post_9 a.reply-to-tab span');
    if (tab) tab.textContent = 'Elif Demir';
    const embedded = doc.createElement('section');
    embedded.className = 'embedded-posts top topic-body';
    embedded.innerHTML = '<article id="post_3" data-post-id="57319"></article>';
    doc.querySelector('#post_13 .row')?.before(embedded);
    const read = adapter.parsePage(doc, new URL(TOPIC));
    expect(parents(read)).toMatchObject({ 9: 6, 13: 9 });
    expect(read.comments).toHaveLength(FIRST_CHUNK);
  });

  it('watches what holds the stream, which stays while Discourse draws topics in it', () => {
    const [root] = adapter.commentContainers(load());
    expect((root?.node as Element).id).toBe('main-outlet');
    expect(root?.subtree).toBe(true);
    const bare = pageFromHtml('<div class="post-stream"></div>');
    expect(adapter.commentContainers(bare)[0]?.node).toBe(bare.body);
  });

  it('is one page per topic, wherever in it the address points', () => {
    const page = (href: string) => adapter.pageOf(new URL(href));
    expect(page(`${TOPIC}/15`)).toBe(page(TOPIC));
    expect(page(`https://${HOST}/t/${SLUG}/4243`)).not.toBe(page(TOPIC));
    expect(page(`https://${HOST}/latest`)).not.toBe(page(TOPIC));
  });

  it('leaves out the posts of the topic the reader just left, still on the page', () => {
    const doc = load();
    doc.querySelector('#post_2')?.setAttribute('data-topic-id', '4100');
    const read = adapter.parsePage(doc, new URL(TOPIC));
    expect(read.comments).toHaveLength(FIRST_CHUNK - 1);
    expect(read.comments.some((comment) => comment.key === keyOf(2))).toBe(false);
  });
});

describe('Discourse adapter around the posts', () => {
  it('names the topic from its address alone, on its own host only', () => {
    const key = (href: string) => adapter.itemKeyFromUrl(new URL(href));
    expect(key(TOPIC)).toBe(`${SITE}:t/${TOPIC_ID}`);
    expect(key(`${TOPIC}/7`)).toBe(`${SITE}:t/${TOPIC_ID}`);
    expect(key(`https://${HOST}/latest`)).toBeNull();
    expect(key(`https://other.example.org/t/${SLUG}/${TOPIC_ID}`)).toBeNull();
  });

  it('puts thread bars above the post stream, and has no user links outside posts', () => {
    const doc = load();
    expect(adapter.threadBarAnchor(doc)?.classList.contains('post-stream')).toBe(true);
    expect(adapter.userLinks(doc)).toEqual([]);
  });
});

describe('Discourse engine', () => {
  afterEach(() => {
    document.head.innerHTML = '';
  });

  it('recognises topic URLs, under a subfolder too', () => {
    for (const url of [
      TOPIC,
      `${TOPIC}/7`,
      `${TOPIC}/7/`,
      `https://example.com/forum/t/${SLUG}/${TOPIC_ID}/3`,
    ]) {
      expect(discourse.looksLike(new URL(url))).toBe(true);
    }
    for (const url of [
      `http://${HOST}/t/${SLUG}/${TOPIC_ID}`,
      `https://${HOST}:8443/t/${SLUG}/${TOPIC_ID}`,
      `https://${HOST}/latest`,
      `https://${HOST}/t/${SLUG}`,
      `https://${HOST}/u/alice`,
    ]) {
      expect(discourse.looksLike(new URL(url))).toBe(false);
    }
    expect(adapter.handles(new URL(TOPIC))).toBe(true);
    expect(adapter.handles(new URL(`https://other.example/t/${SLUG}/1`))).toBe(false);
  });

  it('confirms a page by the marks Discourse puts in every page', () => {
    expect(discourse.probe()).toBe(false);
    document.head.innerHTML = '<meta name="generator" content="Discourse 3.5.0 - https://…">';
    expect(discourse.probe()).toBe(true);
    document.head.innerHTML = '<meta id="data-discourse-setup" data-base-url="https://x">';
    expect(discourse.probe()).toBe(true);
  });

  it.each([
    ['an empty page', ''],
    [
      'a crawler view without the app',
      '<div class="topic-body crawler-post"><div class="post">Hi</div></div>',
    ],
    [
      'a post without an id',
      '<div class="post-stream"><article data-post-id="x" id="post_1"></article></div>',
    ],
  ])('never throws: %s', (_name, html) => {
    expect(adapter.parsePage(pageFromHtml(html), new URL(TOPIC)).comments).toEqual([]);
  });

  it('reads a post by a deleted user, and a deleted post', () => {
    const html = `<div class="post-stream"><div class="topic-post deleted" data-post-number="2"><article id="post_2" data-post-id="77"><div class="row"><div class="topic-body"><div class="topic-meta-data"><div class="names"></div></div><div class="regular"><div class="cooked"><p>(post deleted by author)</p></div></div></div></div></article></div></div>`;
    const page = adapter.parsePage(pageFromHtml(html), new URL(TOPIC));
    expect(page.comments).toHaveLength(1);
    expect(page.comments[0]).toMatchObject({ key: `${SITE}:77`, author: null });
    expect(page.comments[0]?.flags().deleted).toBe(true);
    expect(page.comments[0]?.permalink).toBe(`${TOPIC}/2`);
  });
});
