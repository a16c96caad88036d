import { describe, expect, it } from 'vitest';
import { lobsters } from '../../src/sites/lobsters';
import { depthHistogram, expectConsistentTree } from './adapter-checks';
import { loadPage, pageFromHtml } from './load-page';

const STORY = 'https://lobste.rs/s/tdfoqh/ranking_comments_by_sum_replies_scores';

function parse(url = STORY) {
  return lobsters.parsePage(loadPage('lobsters/s-tdfoqh-2022-07.html'), new URL(url));
}

describe('Lobsters adapter on a story page (2022 story, markup as served logged out)', () => {
  const page = parse();
  const byId = (id: string) => page.comments.find((comment) => comment.id === id);

  it('finds the story and its 10 comments, 6 of them at the top', () => {
    expect(page.kind).toBe('thread');
    expect(page.thread).toEqual({
      key: 'lobsters:s/tdfoqh',
      title: "Ranking comments by sum of replies' scores",
      url: STORY,
    });
    expect(page.comments).toHaveLength(10);
    expect(depthHistogram(page)).toEqual({ 0: 6, 1: 3, 2: 1 });
    expectConsistentTree(page, 'lobsters');
  });

  it('reads authors, parents and depths in page order', () => {
    expect(page.comments.map((c) => [c.id, c.author, c.parentKey, c.depth])).toEqual([
      ['ncdsfc', 'dpercy', null, 0],
      ['m3wyu5', 'friendlysock', null, 0],
      ['pcvbcd', 'gioele', 'lobsters:m3wyu5', 1],
      ['9vyyu5', 'kghose', null, 0],
      ['owddle', 'gioele', 'lobsters:9vyyu5', 1],
      ['lqqn3a', 'kghose', 'lobsters:owddle', 2],
      ['7b0jgw', 'FeepingCreature', null, 0],
      ['ei3nck', 'FRIGN', null, 0],
      ['4l8mzk', 'feoh', null, 0],
      ['qy0l9k', 'pushcx', 'lobsters:4l8mzk', 1],
    ]);
    expect(byId('9vyyu5')?.subtreeSize).toBe(3);
  });

  it('reads the parts Threadnote decorates and the text with its paragraphs', () => {
    const comment = byId('9vyyu5');
    expect(comment?.element.id).toBe('c_9vyyu5');
    expect(comment?.header()?.classList.contains('byline')).toBe(true);
    expect(comment?.body()?.classList.contains('comment_text')).toBe(true);
    expect(comment?.foldedParts()).toEqual([comment?.body()]);
    expect(comment?.permalink).toBe('https://lobste.rs/c/9vyyu5');
    expect(comment?.text()).toBe(
      'Just like to point out that the assumption here is that upvotes is a metric of quality. On lobste.rs as in any other social context, upvotes/support is a measure of popularity.\n\nThere are many instances where the two are correlated, and some important instances where they are not.',
    );
    // A quoted paragraph stays a paragraph of its own.
    expect(byId('ncdsfc')?.text()).toMatch(
      /^to avoid giving importance to superficial back-and-forth discussions\n\nMaybe take the max/,
    );
    // The hat next to pushcx's name is not his name.
    expect(byId('qy0l9k')?.author).toBe('pushcx');
    expect(byId('ncdsfc')?.flags()).toEqual({
      dead: false,
      flagged: false,
      deleted: false,
      collapsedBySite: false,
    });
  });

  it('tells a comment folded with Lobsters’ own checkbox', () => {
    const doc = loadPage('lobsters/s-tdfoqh-2022-07.html');
    (doc.getElementById('comment_folder_owddle') as HTMLInputElement).checked = true;
    const folded = lobsters.parsePage(doc, new URL(STORY));
    expect(folded.comments.find((c) => c.id === 'owddle')?.flags().collapsedBySite).toBe(true);
    expect(folded.comments.find((c) => c.id === 'lqqn3a')?.flags().collapsedBySite).toBe(false);
  });

  it('drives Lobsters’ own fold through its checkbox, and knows its label’s clicks', () => {
    const doc = loadPage('lobsters/s-tdfoqh-2022-07.html');
    const own = lobsters.ownFold;
    const comment = doc.getElementById('c_owddle') as HTMLElement;
    const folder = doc.getElementById('comment_folder_owddle') as HTMLInputElement;
    const label = comment.querySelector('label.comment_folder') as HTMLElement;
    expect(own?.toggled(label)).toBe(comment);
    // The checkbox's own click, which the label's causes, and anything else are not the toggle.
    expect(own?.toggled(folder)).toBeNull();
    expect(own?.toggled(comment.querySelector('.comment_text') as HTMLElement)).toBeNull();
    expect(own?.isFolded(comment)).toBe(false);
    own?.setFolded(comment, true);
    expect(folder.checked).toBe(true);
    expect(own?.isFolded(comment)).toBe(true);
    own?.setFolded(comment, false);
    expect(folder.checked).toBe(false);
  });

  it('watches the story’s comment tree, replies included', () => {
    const doc = loadPage('lobsters/s-tdfoqh-2022-07.html');
    const containers = lobsters.commentContainers(doc);
    expect(containers).toHaveLength(1);
    expect((containers[0]?.node as Element).id).toBe('story_comments');
    expect(containers[0]?.subtree).toBe(true);
  });
});

describe('Lobsters adapter around the comments', () => {
  it('names the story from its address alone, comment pages and others not', () => {
    const key = (href: string) => lobsters.itemKeyFromUrl(new URL(href));
    expect(key(STORY)).toBe('lobsters:s/tdfoqh');
    expect(key('https://lobste.rs/s/tdfoqh')).toBe('lobsters:s/tdfoqh');
    expect(key('https://lobste.rs/c/owddle')).toBeNull();
    expect(key('https://lobste.rs/')).toBeNull();
  });

  it('puts thread bars above the comments and finds the story’s submitter', () => {
    const doc = loadPage('lobsters/s-tdfoqh-2022-07.html');
    expect(lobsters.threadBarAnchor(doc)?.id).toBe('story_comments');
    const links = lobsters.userLinks(doc);
    expect(links.map((link) => link.name)).toEqual(['gioele']);
    expect(links[0]?.element.closest('.story')).not.toBeNull();
    expect(lobsters.userLinks(pageFromHtml('<p>nothing</p>'))).toEqual([]);
  });
});

describe('Lobsters adapter never throws', () => {
  it('handles story pages only', () => {
    expect(lobsters.handles(new URL(STORY))).toBe(true);
    expect(lobsters.handles(new URL('https://lobste.rs/s/tdfoqh'))).toBe(true);
    expect(lobsters.handles(new URL('https://lobste.rs/'))).toBe(false);
    expect(lobsters.handles(new URL('https://lobste.rs/t/meta'))).toBe(false);
    expect(lobsters.handles(new URL('http://lobste.rs/s/tdfoqh'))).toBe(false);
    expect(lobsters.handles(new URL('https://lobste.rs.evil.example/s/tdfoqh'))).toBe(false);
  });

  it.each([
    ['an empty page', ''],
    ['a comment with an odd id', '<div class="comment" id="c_!!"><div class="byline"></div></div>'],
    ['a comment outside any story', '<p><div class="comment"></div></p>'],
  ])('on %s', (_name, html) => {
    expect(lobsters.parsePage(pageFromHtml(html), new URL(STORY)).comments).toEqual([]);
  });

  it('reads a removed comment, which has no author', () => {
    const html =
      '<ol id="story_comments"><li class="comments_subtree"><div class="comment" id="c_abc123"><div class="byline"></div><div class="comment_text"><p><span class="na">[Comment removed by author]</span></p></div></div></li></ol>';
    const page = lobsters.parsePage(pageFromHtml(html), new URL(STORY));
    expectConsistentTree(page, 'lobsters');
    expect(page.comments).toHaveLength(1);
    expect(page.comments[0]).toMatchObject({ author: null, parentKey: null });
    expect(page.comments[0]?.flags().deleted).toBe(true);
    expect(page.comments[0]?.text()).toBe('[Comment removed by author]');
  });

  it('gives no comments off story pages', () => {
    expect(parse('https://lobste.rs/recent').comments).toEqual([]);
  });
});
