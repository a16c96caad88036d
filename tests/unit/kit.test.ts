import { describe, expect, it, vi } from 'vitest';
import {
  DomComment,
  absoluteUrl,
  nestByAncestors,
  nestByDepth,
  nestByParent,
  neverThrows,
} from '../../src/sites/kit';
import { plainText } from '../../src/sites/text';
import { testComments, testThread } from './adapter-checks';
import { pageFromHtml } from './load-page';

function comments(html: string, depthOf?: (element: HTMLElement) => number): DomComment[] {
  const list = testComments(pageFromHtml(html), '[data-id]', { header: '.h', body: '.b' });
  if (depthOf) for (const comment of list) comment.depth = depthOf(comment.element);
  return list;
}

describe('plainText', () => {
  const text = (html: string, skip?: string) => plainText(pageFromHtml(html).body, skip);

  it('keeps paragraphs, however the forum wraps them', () => {
    expect(text('First, bare.<p>Second.<p>Third.')).toBe('First, bare.\n\nSecond.\n\nThird.');
    expect(text('<blockquote><p>quoted</p></blockquote><p>answer</p>')).toBe('quoted\n\nanswer');
    expect(text('<ol><li>one</li><li>two</li></ol>')).toBe('one\n\ntwo');
    expect(text('<p>line<br>break,   and\n spaces</p>')).toBe('line break, and spaces');
  });

  it('leaves out the controls inside the text', () => {
    expect(text('<p>words</p><div class="reply"><a>reply</a></div>', '.reply')).toBe('words');
    expect(plainText(null)).toBe('');
  });
});

describe('tree links', () => {
  it('nests by depth: parent one level up, subtree of everything deeper after it', () => {
    const list = comments(
      '<i data-id="a" d="0"></i><i data-id="b" d="1"></i><i data-id="c" d="2"></i><i data-id="d" d="1"></i><i data-id="e" d="0"></i>',
      (element) => Number(element.getAttribute('d')),
    );
    nestByDepth(list);
    expect(list.map((c) => [c.id, c.parentKey, c.subtreeSize])).toEqual([
      ['a', null, 4],
      ['b', 'x:a', 2],
      ['c', 'x:b', 1],
      ['d', 'x:a', 1],
      ['e', null, 1],
    ]);
  });

  it('nests by parent keys on flat streams, a parent off the page starting a tree', () => {
    const list = comments(
      '<i data-id="1"></i><i data-id="2"></i><i data-id="3"></i><i data-id="4"></i>',
    );
    const [one, two, three, four] = list;
    if (!one || !two || !three || !four) throw new Error('four comments');
    three.parentKey = 'x:1';
    four.parentKey = 'x:3';
    two.parentKey = 'x:gone';
    nestByParent(list);
    expect(list.map((c) => [c.id, c.depth, c.subtreeSize])).toEqual([
      ['1', 0, 3],
      ['2', 0, 1],
      ['3', 1, 2],
      ['4', 2, 1],
    ]);
  });

  it('nests by the markup that holds each reply inside its parent', () => {
    const list = comments(
      '<div data-id="a"><div class="child"><div data-id="b"><div data-id="c"></div></div></div></div><div data-id="d"></div>',
    );
    nestByAncestors(list, (comment) => comment.element);
    expect(list.map((c) => [c.id, c.parentKey, c.depth, c.subtreeSize])).toEqual([
      ['a', null, 0, 3],
      ['b', 'x:a', 1, 2],
      ['c', 'x:b', 2, 1],
      ['d', null, 0, 1],
    ]);
  });
});

describe('adapter helpers', () => {
  it('keeps only http(s) links, made absolute', () => {
    expect(absoluteUrl('/c/abc', 'https://lobste.rs/s/x')).toBe('https://lobste.rs/c/abc');
    expect(absoluteUrl('javascript:void(0)', 'https://old.reddit.com/')).toBeNull();
    expect(absoluteUrl(null, 'https://old.reddit.com/')).toBeNull();
  });

  it('turns a failure while reading a page into an empty page', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const parse = neverThrows('Example', () => {
      throw new Error('markup changed');
    });
    expect(parse(pageFromHtml(''), new URL('https://example.org/'))).toEqual({
      kind: 'list',
      thread: null,
      comments: [],
    });
    expect(warn).toHaveBeenCalledWith(
      'Threadnote could not read this Example page:',
      expect.any(Error),
    );
    warn.mockRestore();
  });

  it('reads flags once, when first asked', () => {
    const doc = pageFromHtml('<div data-id="a" class="gone"><p class="h"></p></div>');
    const element = doc.querySelector<HTMLElement>('[data-id]');
    if (!element) throw new Error('no comment');
    const readFlags = vi.fn(() => ({
      dead: false,
      flagged: false,
      deleted: true,
      collapsedBySite: false,
    }));
    const comment = new DomComment({
      site: 'x',
      id: 'a',
      element,
      thread: testThread,
      author: null,
      permalink: 'https://example.org/a',
      parts: { header: '.h', body: '.b' },
      flags: readFlags,
    });
    expect(readFlags).not.toHaveBeenCalled();
    expect(comment.flags().deleted).toBe(true);
    expect(comment.flags().deleted).toBe(true);
    expect(readFlags).toHaveBeenCalledTimes(1);
    expect(comment.foldedParts()).toEqual([]);
    expect(comment.header()?.tagName).toBe('P');
  });
});
