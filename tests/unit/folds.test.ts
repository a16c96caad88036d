import { describe, expect, it } from 'vitest';
import { CommentTree, describeReplies } from '../../src/content/folds';
import type { Fold } from '../../src/shared/model';

const node = (key: string, parentKey: string | null, author: string | null = key) => ({
  key,
  parentKey,
  author,
});

/** A nested thread, in page order. */
const nested = [
  node('a', null),
  node('a1', 'a'),
  node('a1x', 'a1'),
  node('a2', 'a'),
  node('b', null),
  node('b1', 'b'),
];

function treeOf(comments: ReturnType<typeof node>[]): CommentTree {
  const tree = new CommentTree();
  tree.learn(comments);
  return tree;
}

function folds(map: Record<string, Fold>) {
  return (key: string): Fold => map[key] ?? 'none';
}

describe('CommentTree', () => {
  it('hides every reply under a collapsed comment and nothing beyond it', () => {
    const tree = treeOf(nested);
    expect([...tree.hiddenBy(folds({ a: 'collapsed' }))]).toEqual(['a1', 'a1x', 'a2']);
    expect([...tree.hiddenBy(folds({ a1: 'collapsed' }))]).toEqual(['a1x']);
  });

  it('keeps an inner fold’s replies hidden when the outer one opens', () => {
    const tree = treeOf(nested);
    const both = tree.hiddenBy(folds({ a: 'collapsed', a1: 'collapsed' }));
    expect([...both].sort()).toEqual(['a1', 'a1x', 'a2']);
    expect([...tree.hiddenBy(folds({ a1: 'collapsed' }))]).toEqual(['a1x']);
  });

  it('hides nothing without folds', () => {
    expect(treeOf(nested).hiddenBy(folds({})).size).toBe(0);
  });

  it('follows reply links on a flat stream, where replies are far from their parent', () => {
    const stream = [
      node('p1', null, 'alice'),
      node('p2', null, 'bob'),
      node('p3', 'p1', 'carol'),
      node('p4', 'p2', 'alice'),
      node('p5', 'p3', 'dan'),
    ];
    const tree = treeOf(stream);
    expect(tree.descendants('p1')).toEqual(['p3', 'p5']);
    expect([...tree.hiddenBy(folds({ p1: 'collapsed' }))]).toEqual(['p3', 'p5']);
    expect(tree.describeReplies('p1')).toBe('2 replies by carol and dan');
    expect(tree.describeReplies('p4')).toBe('no replies');
  });

  it('keeps what it learned when the page drops a comment and reads its replies again', () => {
    const tree = treeOf([node('p1', null), node('p3', 'p1'), node('p5', 'p3')]);
    // p1 went off the page: its reply no longer finds it, and says less, not something else.
    tree.learn([node('p3', null), node('p5', 'p3')]);
    expect([...tree.hiddenBy(folds({ p1: 'collapsed' }))]).toEqual(['p3', 'p5']);
  });

  it('learns a parent it could not see at first, and never loops', () => {
    const tree = treeOf([node('x', null), node('y', 'x')]);
    tree.learn([node('x', 'y')]);
    expect(tree.descendants('x')).toEqual(['y']);
    expect(tree.descendants('y')).toEqual(['x']);
    expect([...tree.hiddenBy(folds({ x: 'collapsed' }))]).toEqual(['y']);
  });
});

describe('describeReplies', () => {
  it('names up to two authors and counts the rest', () => {
    expect(describeReplies(0, [])).toBe('no replies');
    expect(describeReplies(1, ['alice'])).toBe('1 reply by alice');
    expect(describeReplies(3, ['alice', 'bob', 'alice'])).toBe('3 replies by alice and bob');
    expect(describeReplies(5, ['alice', 'bob', 'carol', 'dan', 'carol'])).toBe(
      '5 replies by alice, bob and 2 others',
    );
    expect(describeReplies(4, ['alice', 'bob', 'carol'])).toBe(
      '4 replies by alice, bob and 1 other',
    );
    expect(describeReplies(2, [])).toBe('2 replies');
  });
});
