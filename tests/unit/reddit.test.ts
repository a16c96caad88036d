import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classicReddit } from '../../src/sites/reddit';
import { depthHistogram, expectConsistentTree } from './adapter-checks';
import { fixturesDir, loadPage, pageFromHtml } from './load-page';

const THREAD =
  'https://old.reddit.com/r/science/comments/579v6t/science_ama_series_hi_reddit_im_phil_klotzbach_a/';
const PERMALINK =
  'https://www.reddit.com/r/science/comments/579v6t/science_ama_series_hi_reddit_im_phil_klotzbach_a/';

function load() {
  return loadPage('reddit-old/579v6t-2016-10.html');
}

describe('classic Reddit adapter on an AMA’s comment page (2016, Slovak UI)', () => {
  const page = classicReddit.parsePage(load(), new URL(THREAD));
  const byId = (id: string) => page.comments.find((comment) => comment.id === id);

  it('finds the thread and its 72 comments, not the “load more” stub', () => {
    expect(page.kind).toBe('thread');
    expect(page.thread?.key).toBe('reddit:t3_579v6t');
    expect(page.thread?.url).toBe(THREAD);
    expect(page.thread?.title).toMatch(/^Science AMA Series: Hi Reddit, I'm Phil Klotzbach/);
    expect(page.comments).toHaveLength(72);
    expect(byId('t1_d8q6yaj')).toBeUndefined();
    expect(depthHistogram(page)).toEqual({ 0: 65, 1: 6, 2: 1 });
    expect(new Set(page.comments.map((comment) => comment.author)).size).toBe(68);
    expectConsistentTree(page, 'reddit');
  });

  it('reads authors, parents, depths and subtree sizes through div.child', () => {
    expect(byId('t1_d8q4lwg')).toMatchObject({ author: 'nate', depth: 0, parentKey: null });
    expect(byId('t1_d8q50n6')).toMatchObject({
      author: 'Redryanhood',
      depth: 0,
      subtreeSize: 3,
    });
    expect(byId('t1_d8q8wjo')).toMatchObject({
      author: 'deathstartrenchrun',
      depth: 1,
      parentKey: 'reddit:t1_d8q50n6',
    });
    expect(byId('t1_d8q98wu')).toMatchObject({
      author: 'Zberry1978',
      depth: 2,
      parentKey: 'reddit:t1_d8q8wjo',
    });
  });

  it('reads the tagline, the text and the buttons a collapse hides', () => {
    const comment = byId('t1_d8q50n6');
    expect(comment?.element.getAttribute('data-fullname')).toBe('t1_d8q50n6');
    expect(comment?.header()?.classList.contains('tagline')).toBe(true);
    expect(comment?.body()?.classList.contains('usertext')).toBe(true);
    expect(comment?.foldedParts().map((part) => part.className)).toEqual([
      'usertext warn-on-unload',
      'flat-list buttons',
    ]);
    expect(comment?.permalink).toBe(`${PERMALINK}d8q50n6`);
    expect(comment?.text()).toBe(
      'Good morning! Why is the European weather forecasting model considered to be so much better than the U.S. Model?',
    );
    // A reply's parts are its own, not its first reply's.
    expect(comment?.header()).not.toBe(byId('t1_d8q8wjo')?.header());
  });

  it('reads the deleted comment, which lost its fullname, and Reddit’s own fold', () => {
    const deleted = byId('t1_d8q7p9l');
    expect(deleted).toMatchObject({ author: null, depth: 0 });
    expect(deleted?.text()).toBe('[removed]');
    expect(deleted?.permalink).toBe(`${THREAD}d8q7p9l/`);
    expect(deleted?.flags()).toEqual({
      dead: false,
      flagged: false,
      deleted: true,
      collapsedBySite: true,
    });
  });

  it('drives Reddit’s own [–] as its togglecomment does, and knows its clicks', () => {
    const doc = load();
    const own = classicReddit.ownFold;
    const thing = doc.getElementById('thing_t1_d8q50n6') as HTMLElement;
    const toggle = thing.querySelector(':scope > .entry .tagline a.expand') as HTMLElement;
    expect(own?.toggled(toggle)).toBe(thing);
    // A reply's toggle is the reply's, and the comment's text is no toggle.
    const reply = doc.getElementById('thing_t1_d8q8wjo') as HTMLElement;
    expect(own?.toggled(reply.querySelector('a.expand') as HTMLElement)).toBe(reply);
    expect(own?.toggled(thing.querySelector('.usertext') as HTMLElement)).toBeNull();
    expect(own?.isFolded(thing)).toBe(false);
    own?.setFolded(thing, true);
    expect([...thing.classList].filter((name) => name.endsWith('collapsed'))).toEqual([
      'collapsed',
    ]);
    expect(toggle.textContent).toBe('[+]');
    own?.setFolded(thing, false);
    expect(thing.classList.contains('collapsed')).toBe(false);
    expect(thing.classList.contains('noncollapsed')).toBe(true);
    expect(toggle.textContent).toBe('[–]');
  });

  it('picks up the comments “load more comments” puts in place of its stub', () => {
    const doc = load();
    const stub = doc.querySelector('.thing.morechildren');
    const more = readFileSync(`${fixturesDir}reddit-old/morechildren-d8q6yaj.html`, 'utf8');
    stub?.insertAdjacentHTML('afterend', more);
    stub?.remove();
    const after = classicReddit.parsePage(doc, new URL(THREAD));
    expect(after.comments).toHaveLength(73);
    expect(after.comments.find((comment) => comment.id === 't1_d8q6yaj')).toMatchObject({
      author: 'gulfstream_kite',
      parentKey: 'reddit:t1_d8q4lwg',
      depth: 1,
    });
    expectConsistentTree(after, 'reddit');
    const [area] = classicReddit.commentContainers(doc);
    expect(area?.subtree).toBe(true);
    expect((area?.node as Element).contains(doc.querySelector('#thing_t1_d8q6yaj'))).toBe(true);
  });
});

describe('classic Reddit adapter around the comments', () => {
  it('names the post from its address alone, a comment’s permalink included', () => {
    const key = (href: string) => classicReddit.itemKeyFromUrl(new URL(href));
    expect(key(THREAD)).toBe('reddit:t3_579v6t');
    expect(key(`${PERMALINK}d8qbjjg/`)).toBe('reddit:t3_579v6t');
    expect(key('https://old.reddit.com/r/science/comments/579V6T/')).toBe('reddit:t3_579v6t');
    expect(key('https://old.reddit.com/r/science/')).toBeNull();
  });

  it('puts thread bars above the comments and finds the post’s submitter', () => {
    const doc = load();
    expect(classicReddit.threadBarAnchor(doc)?.matches('.commentarea > .sitetable')).toBe(true);
    expect(classicReddit.userLinks(doc).map((link) => link.name)).toEqual(['AmGeophysicalU-AMA']);
    expect(classicReddit.userLinks(pageFromHtml('<p>nothing</p>'))).toEqual([]);
  });
});

describe('classic Reddit adapter never throws', () => {
  it('handles comment pages on old.reddit.com and www.reddit.com only', () => {
    expect(classicReddit.handles(new URL(THREAD))).toBe(true);
    expect(classicReddit.handles(new URL(`${PERMALINK}d8q50n6/`))).toBe(true);
    expect(classicReddit.handles(new URL('https://old.reddit.com/r/science/'))).toBe(false);
    expect(classicReddit.handles(new URL('https://new.reddit.com/r/a/comments/b/c/'))).toBe(false);
    expect(
      classicReddit.handles(new URL('https://old.reddit.com.evil.example/r/a/comments/b/')),
    ).toBe(false);
  });

  it('gives no comments on new Reddit’s markup', () => {
    const html =
      '<shreddit-app><shreddit-post id="t3_579v6t"></shreddit-post><shreddit-comment-tree><shreddit-comment thingid="t1_d8q4lwg" author="nate" depth="0"><div slot="comment"><p>Science AMAs…</p></div></shreddit-comment></shreddit-comment-tree></shreddit-app>';
    const doc = pageFromHtml(html);
    expect(
      classicReddit.parsePage(doc, new URL(`https://www.reddit.com/r/science/comments/579v6t/x/`)),
    ).toMatchObject({ thread: null, comments: [] });
    expect(classicReddit.commentContainers(doc)).toEqual([]);
  });

  it.each([
    ['an empty page', ''],
    [
      'a comment area without things',
      '<div class="commentarea"><div class="sitetable"></div></div>',
    ],
    [
      'a comment thing without any id',
      '<div class="commentarea"><div class="sitetable"><div class="thing comment"><div class="entry"></div></div></div></div>',
    ],
  ])('on %s', (_name, html) => {
    expect(classicReddit.parsePage(pageFromHtml(html), new URL(THREAD)).comments).toEqual([]);
  });
});
