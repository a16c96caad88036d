import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hackerNews } from '../../src/sites/hacker-news';
import type { SitePage } from '../../src/sites/types';
import { expectConsistentTree as expectSharedChecks } from './adapter-checks';
import { fixturesDir, loadPage, pageFromHtml } from './load-page';

const HN = 'https://news.ycombinator.com';

function parse(file: string, url: string): SitePage {
  return hackerNews.parsePage(loadPage(`hn/${file}`), new URL(url));
}

/** The shared checks, and HN's own: permalinks are item pages, `a.togg[n]` counts the subtree. */
function expectConsistentTree(page: SitePage) {
  expectSharedChecks(page, 'hn');
  for (const comment of page.comments) {
    expect(comment.permalink).toBe(`${HN}/item?id=${comment.id}`);
    const n = comment.element.querySelector('a.togg')?.getAttribute('n');
    if (n && !comment.flags().collapsedBySite) expect(comment.subtreeSize).toBe(Number(n));
  }
}

describe('Hacker News adapter on the 2023 story page', () => {
  const page = parse('item-36817231-2023-07.html', `${HN}/item?id=36817231`);

  it('finds the story and its 100 comments', () => {
    expect(page.kind).toBe('thread');
    expect(page.thread).toEqual({
      key: 'hn:36817231',
      title: 'Ask HN: What are the best papers you read in your life?',
      url: `${HN}/item?id=36817231`,
    });
    expect(page.comments).toHaveLength(100);
    expect(Math.max(...page.comments.map((c) => c.depth))).toBe(4);
    expect(page.comments.filter((c) => c.depth === 0)).toHaveLength(58);
  });

  it('reads id, author, parent, depth, size and text of a comment', () => {
    const [first, reply] = page.comments;
    expect(first).toMatchObject({
      id: '36818754',
      author: 'PaulRobinson',
      parentKey: null,
      depth: 0,
      subtreeSize: 4,
    });
    expect(reply).toMatchObject({
      id: '36821956',
      author: 'cvwright',
      parentKey: 'hn:36818754',
      depth: 1,
    });
    expect(first?.text()).toMatch(
      /^Claude Shannon's "A Mathematical Theory of Communication"\[1\] is often/,
    );
    expect(first?.text()).toContain("\n\n1. It's quite readable as a narrative.");
    expect(first?.text()).not.toContain('reply');
    expect(first?.header()?.classList.contains('comhead')).toBe(true);
    expect(first?.body()?.classList.contains('comment')).toBe(true);
    expect(first?.flags()).toEqual({
      dead: false,
      flagged: false,
      deleted: false,
      collapsedBySite: false,
    });
  });

  it('keeps a consistent tree', () => expectConsistentTree(page));
});

describe('Hacker News adapter never throws', () => {
  // The generated 3,000-comment bench page is checked by bench/annotations.mjs instead.
  const files = readdirSync(`${fixturesDir}hn`).filter(
    (file) => file.endsWith('.html') && !file.startsWith('bench-'),
  );

  it.each(files)('%s', (file) => {
    const id = /item-(\d+)/.exec(file)?.[1];
    const url = id
      ? `${HN}/item?id=${id}`
      : `${HN}/${file.startsWith('threads') ? 'threads?id=motoboi' : 'newcomments'}`;
    const page = parse(file, url);
    expect(page.comments.length).toBeGreaterThan(0);
    expectConsistentTree(page);
  });

  it.each([
    ['an empty page', ''],
    ['a login page', '<html><body><form action="login"><input name="acct"></form></body></html>'],
    [
      'rows without ids',
      "<table><tr class='athing comtr'><td class='ind' indent='x'></td></tr></table>",
    ],
    [
      'a fat item without comhead',
      "<table class='fatitem'><tr class='athing' id='5'><td>?</td></tr></table>",
    ],
  ])('on %s', (_name, html) => {
    const page = hackerNews.parsePage(pageFromHtml(html), new URL(`${HN}/item?id=5`));
    expect(page.comments).toEqual([]);
  });

  it('falls back to the spacer width when a row has no indent attribute', () => {
    const row = (id: string, width: number) =>
      `<tr class="athing comtr" id="${id}"><td><table><tr><td class="ind"><img src="s.gif" width="${width}"></td><td><span class="comhead"><a class="hnuser">u${id}</a></span></td></tr></table></td></tr>`;
    const doc = pageFromHtml(
      `<table>${row('1', 0)}${row('2', 40)}${row('3', 80)}${row('4', 0)}</table>`,
    );
    const page = hackerNews.parsePage(doc, new URL(`${HN}/item?id=9`));
    expect(page.comments.map((c) => [c.id, c.depth, c.parentKey])).toEqual([
      ['1', 0, null],
      ['2', 1, 'hn:1'],
      ['3', 2, 'hn:2'],
      ['4', 0, null],
    ]);
  });
});

describe('Hacker News adapter on today’s story page', () => {
  const page = parse('item-44533403-story-2025-07.html', `${HN}/item?id=44533403`);
  const byId = (id: string) => page.comments.find((comment) => comment.id === id);

  it('finds the story and all its rows, odd ones included', () => {
    expect(page.kind).toBe('thread');
    expect(page.thread).toEqual({
      key: 'hn:44533403',
      title: 'Kimi K2: Open Agentic Intelligence',
      url: `${HN}/item?id=44533403`,
    });
    expect(page.comments).toHaveLength(34);
    expect(byId('44536000')).toMatchObject({ author: 'motoboi', depth: 0, subtreeSize: 15 });
    expect(byId('44536118')).toMatchObject({ parentKey: 'hn:44536000', depth: 1 });
  });

  it('flags flagged, dead, deleted and HN-collapsed comments', () => {
    expect(byId('44535461')?.flags()).toMatchObject({ flagged: true, dead: false });
    expect(byId('44535461')?.author).toBe('anon_4471');
    expect(byId('44535914')?.flags()).toMatchObject({ dead: true, flagged: false });
    expect(byId('44535305')?.author).toBeNull();
    expect(byId('44535305')?.flags()).toMatchObject({ deleted: true });
    expect(byId('44535305')?.text()).toBe('[deleted]');
    expect(byId('44535247')?.flags().collapsedBySite).toBe(true);
    expect(byId('44535536')?.flags().collapsedBySite).toBe(true);
    expect(byId('44535820')?.flags()).toEqual({
      dead: false,
      flagged: false,
      deleted: false,
      collapsedBySite: false,
    });
    expect(byId('44535820')?.text()).toMatch(/^Another week, another "open" model/);
  });
});

describe('Hacker News adapter on a comment’s own page (the seed)', () => {
  const page = parse('item-44536000-comment-2025-07.html', `${HN}/item?id=44536000`);

  it('files the page under the story named by “on:”, so both pages share notes', () => {
    expect(page.kind).toBe('comment');
    expect(page.thread).toEqual({
      key: 'hn:44533403',
      title: 'Kimi K2: Open Agentic Intelligence',
      url: `${HN}/item?id=44533403`,
    });
    expect(page.comments.every((comment) => comment.thread.key === 'hn:44533403')).toBe(true);
  });

  it('reads the focused comment as the root of the page’s tree', () => {
    const [focus, firstReply] = page.comments;
    expect(focus).toMatchObject({
      id: '44536000',
      author: 'motoboi',
      depth: 0,
      parentKey: 'hn:44533403',
    });
    expect(focus?.subtreeSize).toBe(page.comments.length);
    expect(focus?.text()).toBe(
      'What amazes me is why would someone spend millions to train this model and give it away for free. What is the business here?',
    );
    expect(firstReply).toMatchObject({ parentKey: 'hn:44536000', depth: 1 });
    expect(firstReply?.text()).toMatch(/^Chinese state that maybe sees open collaboration/);
    expect(Math.max(...page.comments.map((comment) => comment.depth))).toBe(3);
  });
});

describe('Hacker News adapter on pages listing many threads', () => {
  it('gives each threads?id= row the thread of its own “on:” link or its ancestor’s', () => {
    const page = parse('threads-motoboi-2025-07.html', `${HN}/threads?id=motoboi`);
    expect(page.kind).toBe('list');
    expect(page.thread).toBeNull();
    const threads = new Set(page.comments.map((comment) => comment.thread.key));
    expect(threads.size).toBe(4);
    for (const comment of page.comments) {
      const parent = page.comments.find((other) => other.key === comment.parentKey);
      if (parent) expect(comment.thread).toEqual(parent.thread);
      else expect(comment.thread.title).not.toBe('');
    }
  });

  it('reads newcomments rows, which are not marked comtr and have no indent', () => {
    const page = parse('newcomments-2025-07.html', `${HN}/newcomments`);
    expect(page.kind).toBe('list');
    expect(page.comments).toHaveLength(20);
    expect(page.comments.every((comment) => comment.depth === 0 && comment.author)).toBe(true);
    expect(new Set(page.comments.map((comment) => comment.thread.key)).size).toBe(11);
  });
});

describe('Hacker News adapter on older markup, whose comment rows are not marked comtr', () => {
  const storyUrl = new URL(`${HN}/item?id=36817231`);
  const ids = (page: SitePage) => page.comments.map((c) => [c.id, c.depth, c.parentKey]);
  const today = parse('item-36817231-2023-07.html', storyUrl.href);

  function expectStoryPage(doc: Document) {
    const page = hackerNews.parsePage(doc, storyUrl);
    const storyRow = doc.querySelector('table.fatitem tr.athing');
    expect(storyRow?.id).toBe('36817231');
    expect(page.kind).toBe('thread');
    expect(page.thread?.key).toBe('hn:36817231');
    expect(page.comments.some((c) => c.element === storyRow || c.id === '36817231')).toBe(false);
    expect(page.comments).toHaveLength(100);
    // The spacer image stands in for the missing indent attribute: the same tree as today's.
    expect(ids(page)).toEqual(ids(today));
    expectConsistentTree(page);
  }

  it('reads every comment of a story page and not the story', () => {
    expectStoryPage(loadPage('hn/item-36817231-story-old-markup.html'));
  });

  it('does not take a link story, whose site name is a comhead, for a comment', () => {
    const doc = loadPage('hn/item-36817231-story-old-markup.html');
    doc
      .querySelector('table.fatitem a.storylink')
      ?.insertAdjacentHTML(
        'afterend',
        '<span class="sitebit comhead"> (<a href="from?site=example.com"><span class="sitestr">example.com</span></a>)</span>',
      );
    expectStoryPage(doc);
  });

  it('reads a comment’s own page, focused comment once and first', () => {
    const page = parse('item-36818754-comment-old-markup.html', `${HN}/item?id=36818754`);
    expect(page.kind).toBe('comment');
    expect(page.thread?.key).toBe('hn:36817231');
    expect(ids(page)).toEqual([
      ['36818754', 0, 'hn:36817231'],
      ['36821956', 1, 'hn:36818754'],
      ['36823679', 1, 'hn:36818754'],
      ['36819339', 1, 'hn:36818754'],
    ]);
    const [focus] = page.comments;
    expect(focus?.element.closest('table.fatitem')).not.toBeNull();
    expect(focus?.author).toBe('PaulRobinson');
    expect(focus?.subtreeSize).toBe(4);
    expectConsistentTree(page);
  });

  it('reads threads?id= rows the same with or without comtr', () => {
    const html = readFileSync(`${fixturesDir}hn/threads-motoboi-2025-07.html`, 'utf8');
    const url = new URL(`${HN}/threads?id=motoboi`);
    const marked = hackerNews.parsePage(pageFromHtml(html), url);
    const bare = hackerNews.parsePage(pageFromHtml(html.replaceAll('athing comtr', 'athing')), url);
    expect(bare.comments.map((c) => [c.id, c.depth, c.parentKey, c.thread.key])).toEqual(
      marked.comments.map((c) => [c.id, c.depth, c.parentKey, c.thread.key]),
    );
    expectConsistentTree(bare);
  });

  it('finds no comments on a front page of link stories', () => {
    // Rows as HN served them with `a.storylink` (until 2022) and briefly `a.titlelink` after.
    const story = (id: number, titleClass: string) =>
      `<tr class='athing' id='${id}'><td align="right" valign="top" class="title"><span class="rank">${id % 10}.</span></td><td valign="top" class="votelinks"><center><a id='up_${id}' href='vote?id=${id}&amp;how=up&amp;goto=news'><div class='votearrow' title='upvote'></div></a></center></td><td class="title"><a href="https://example.com/${id}" class="${titleClass}">Story ${id}</a><span class="sitebit comhead"> (<a href="from?site=example.com"><span class="sitestr">example.com</span></a>)</span></td></tr><tr><td colspan="2"></td><td class="subtext"><span class="score" id="score_${id}">5 points</span> by <a href="user?id=someone" class="hnuser">someone</a> <span class="age"><a href="item?id=${id}">1 hour ago</a></span></td></tr>`;
    const doc = pageFromHtml(
      `<table class="itemlist">${story(12481701, 'storylink')}${story(32274072, 'titlelink')}</table>`,
    );
    const page = hackerNews.parsePage(doc, new URL(`${HN}/news`));
    expect(page.comments).toEqual([]);
    expect(hackerNews.commentContainers(doc)).toEqual([]);
    expect(hackerNews.threadBarAnchor(doc)).toBeNull();
  });
});
