/**
 * Markup no forum serves but any page can hold: reading it stays within bounds, never recurses
 * with the page's depth, and never throws.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  HOSTILE,
  LONG_AUTHOR,
  nestPlaceholders,
  renderHostilePage,
} from '../kit/hostile-pages.mjs';
import { bulkFoldChanges } from '../../src/content/fold-actions';
import { CommentTree } from '../../src/content/folds';
import { QUOTE_LENGTH } from '../../src/shared/model';
import { hackerNews } from '../../src/sites/hacker-news';
import { nestByAncestors, nestByParent } from '../../src/sites/kit';
import { NODE_BUDGET, TEXT_LIMIT, plainText } from '../../src/sites/text';
import type { SitePage } from '../../src/sites/types';
import { testComments } from './adapter-checks';
import { loadPage, pageFromHtml } from './load-page';

const HN = 'https://news.ycombinator.com';

/**
 * A hostile page read by the adapter, and then as the browser has it once its script has nested
 * its placeholders. Not in the other order: happy-dom's own querySelectorAll recurses over the
 * tree and overflows on it (the browser test reads the page whole). The comments' text is read
 * after, as when a forum fills a comment in late.
 */
function hostilePage(name: keyof typeof HOSTILE): SitePage {
  const id = HOSTILE[name];
  const doc = pageFromHtml(renderHostilePage(id) ?? '');
  const page = hackerNews.parsePage(doc, new URL(`${HN}/item?id=${id}`));
  nestPlaceholders(doc);
  return page;
}

function commentBy(page: SitePage, author: string) {
  const found = page.comments.find((comment) => comment.author === author);
  if (!found) throw new Error(`no comment by ${author}`);
  return found;
}

/** `depth` nested elements under a fresh <div>, each holding `text` before its child. */
function nested(depth: number, text = ''): HTMLElement {
  const root = document.createElement('div');
  let node: HTMLElement = root;
  for (let level = 0; level < depth; level++) {
    if (text) node.append(text);
    node = node.appendChild(document.createElement(level % 2 ? 'div' : 'span'));
  }
  node.append('the bottom');
  return root;
}

describe('reading text within bounds', () => {
  it('reads a 10,000-deep element without recursing, up to its budget', () => {
    expect(plainText(nested(10_000))).toBe('');
    const words = plainText(nested(10_000, 'word '));
    expect(words.length).toBeGreaterThan(QUOTE_LENGTH);
    expect(words.length).toBeLessThanOrEqual(TEXT_LIMIT);
    expect(words.startsWith('word word')).toBe(true);
  });

  it('visits at most its node budget, however many elements follow', () => {
    const wide = document.createElement('div');
    wide.innerHTML = `${'<i></i>'.repeat(NODE_BUDGET)}<b>too far</b>`;
    expect(plainText(wide)).toBe('');
  });

  it('cuts a 100,000-character text without asking the browser for all of it', () => {
    const long = document.createElement('div');
    long.append('a'.repeat(100_000));
    const textContent = vi.spyOn(Node.prototype, 'textContent', 'get');
    expect(plainText(long)).toBe('a'.repeat(TEXT_LIMIT));
    expect(textContent).not.toHaveBeenCalled();
    textContent.mockRestore();
  });

  it('squeezes runs of whitespace before counting', () => {
    const spaced = document.createElement('div');
    spaced.append(`one${' '.repeat(5 * TEXT_LIMIT)}two`);
    expect(plainText(spaced)).toBe('one two');
  });

  it('leaves out what no reader sees', () => {
    const page = pageFromHtml('<p>shown<script>hidden()</script><style>p{}</style></p>');
    expect(plainText(page.body)).toBe('shown');
  });
});

describe('Hacker News adapter on hostile pages', () => {
  it('reads a comment holding 10,000 nested elements, and the comments around it', () => {
    const page = hostilePage('deepComment');
    expect(page.comments).toHaveLength(6);
    expect(commentBy(page, 'deep').text()).toBe('Ten thousand boxes follow.');
    expect(commentBy(page, 'after').text()).toBe('The comment after the hostile one.');
  });

  it('reads the start of a 100,000-character comment', () => {
    const page = hostilePage('longText');
    expect(page.comments).toHaveLength(6);
    const verbose = commentBy(page, 'verbose').text();
    expect(verbose).toHaveLength(TEXT_LIMIT);
    expect(verbose.slice(0, QUOTE_LENGTH)).toBe('word '.repeat(QUOTE_LENGTH / 5));
  });

  it('passes a 300-character author name through, for the store to cut', () => {
    expect(commentBy(hostilePage('longAuthor'), LONG_AUTHOR).author).toHaveLength(300);
  });

  it("drops a focused comment's parent link that names one of its replies", () => {
    const doc = loadPage('hn/item-44536000-comment-2025-07.html');
    const reply = doc.querySelector('table.comment-tree tr.athing')?.id ?? '';
    const parentLink = [...doc.querySelectorAll('table.fatitem span.navs a')].find(
      (link) => link.textContent === 'parent',
    );
    parentLink?.setAttribute('href', `item?id=${reply}`);
    const page = hackerNews.parsePage(doc, new URL(`${HN}/item?id=44536000`));
    expect(page.comments[0]?.parentKey).toBeNull();
    expect(page.comments.find((c) => c.id === reply)?.parentKey).toBe('hn:44536000');
  });

  it('keeps the first of two rows with the same id', () => {
    const page = hostilePage('duplicateIds');
    const keys = page.comments.map((comment) => comment.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(6);
    const shared = page.comments.find((comment) => comment.id === String(HOSTILE.duplicateIds + 3));
    expect(shared?.author).toBe('first');
    expect(shared?.element).toBe(
      shared?.element.ownerDocument.querySelectorAll(`[id="${shared.id}"]`)[0],
    );
  });
});

describe('comment trees of any depth', () => {
  it('lists the replies of a 100,000-deep chain without recursing', () => {
    const tree = new CommentTree();
    const chain = Array.from({ length: 100_000 }, (_, i) => ({
      key: `x:${i}`,
      parentKey: i === 0 ? null : `x:${i - 1}`,
      author: null,
    }));
    tree.learn(chain);
    expect(tree.descendants('x:0')).toHaveLength(99_999);
    expect(tree.hiddenBy((key) => (key === 'x:1' ? 'hidden' : 'none')).size).toBe(99_999);
  });

  it('finds the top level among 300,000 comments', () => {
    const comments = Array.from({ length: 300_000 }, (_, i) => ({
      key: `x:${i}`,
      depth: i % 3,
      parentKey: null,
    }));
    const changes = bulkFoldChanges('collapse-top', comments, () => 'none', null);
    expect(changes).toHaveLength(100_000);
  });

  it('looks for a parent in the markup only a few levels up', () => {
    const doc = pageFromHtml(
      `<div data-id="a"><div data-id="b"></div>${'<div>'.repeat(100)}<div data-id="c"></div></div>`,
    );
    const comments = testComments(doc, '[data-id]', { header: '.h', body: '.b' });
    nestByAncestors(comments, (comment) => comment.element);
    expect(comments.map((comment) => comment.parentKey)).toEqual([null, 'x:a', null]);
  });

  it('starts a tree at a reply whose parent comes later, so that no walk up loops', () => {
    const doc = pageFromHtml('<div data-id="a"></div><div data-id="b"></div>');
    const [a, b] = testComments(doc, '[data-id]', { header: '.h', body: '.b' });
    if (!a || !b) throw new Error('no comments');
    a.parentKey = b.key;
    b.parentKey = a.key;
    nestByParent([a, b]);
    expect([a.parentKey, b.parentKey]).toEqual([null, a.key]);
    expect([a.depth, b.depth, a.subtreeSize]).toEqual([0, 1, 2]);
  });
});
