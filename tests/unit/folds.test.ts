import { describe, expect, it } from 'vitest';
import { CommentTree, describeReplies, foldedAway, repliesOnPage } from '../../src/content/folds';
import type { Fold } from '../../src/shared/model';

/** A nested thread, in page order. */
const tree = [
  { key: 'a', parentKey: null },
  { key: 'a1', parentKey: 'a' },
  { key: 'a1x', parentKey: 'a1' },
  { key: 'a2', parentKey: 'a' },
  { key: 'b', parentKey: null },
  { key: 'b1', parentKey: 'b' },
];

const node = (key: string, parentKey: string | null, author: string | null = key) => ({
  key,
  parentKey,
  author,
});

/** A flat stream, where replies come long after their parent. */
const stream = [
  node('p1', null, 'alice'),
  node('p2', null, 'bob'),
  node('p3', 'p1', 'carol'),
  node('p4', 'p2', 'alice'),
  node('p5', 'p3', 'dan'),
];

function folds(map: Record<string, Fold>) {
  return (key: string): Fold => map[key] ?? 'none';
}

function treeOf(comments: ReturnType<typeof node>[]): CommentTree {
  const learned = new CommentTree();
  learned.learn(comments);
  return learned;
}

describe('foldedAway', () => {
  it('hides every reply under a collapsed comment and nothing beyond it', () => {
    expect([...foldedAway(tree, folds({ a: 'collapsed' }))]).toEqual(['a1', 'a1x', 'a2']);
    expect([...foldedAway(tree, folds({ a1: 'collapsed' }))]).toEqual(['a1x']);
  });

  it('keeps an inner fold’s replies hidden when the outer one opens', () => {
    const both = folds({ a: 'collapsed', a1: 'collapsed' });
    expect([...foldedAway(tree, both)]).toEqual(['a1', 'a1x', 'a2']);
    expect([...foldedAway(tree, folds({ a1: 'collapsed' }))]).toEqual(['a1x']);
  });

  it('hides a hidden comment itself along with its replies', () => {
    expect([...foldedAway(tree, folds({ a1: 'hidden' }))]).toEqual(['a1', 'a1x']);
    expect([...foldedAway(tree, folds({ a: 'hidden', b1: 'collapsed' }))]).toEqual([
      'a',
      'a1',
      'a1x',
      'a2',
    ]);
  });

  it('hides nothing without folds', () => {
    expect(foldedAway(tree, folds({})).size).toBe(0);
  });

  it('follows reply links on a flat stream', () => {
    expect([...foldedAway(stream, folds({ p1: 'collapsed' }))]).toEqual(['p3', 'p5']);
    expect([...foldedAway(stream, folds({ p2: 'hidden' }))]).toEqual(['p2', 'p4']);
  });
});

describe('repliesOnPage', () => {
  it('lists the replies under a comment, nested or far down a stream', () => {
    const sized = (comments: { key: string; parentKey: string | null }[]) =>
      comments.map((comment) => ({
        author: comment.key,
        ...comment,
        subtreeSize:
          1 + treeOf(comments.map((c) => node(c.key, c.parentKey))).descendants(comment.key).length,
      }));
    expect(repliesOnPage(sized(tree), 0).map((reply) => reply.key)).toEqual(['a1', 'a1x', 'a2']);
    expect(repliesOnPage(sized(tree), 4).map(({ key, author }) => ({ key, author }))).toEqual([
      { key: 'b1', author: 'b1' },
    ]);
    expect(repliesOnPage(sized(stream), 0).map((reply) => reply.key)).toEqual(['p3', 'p5']);
    expect(repliesOnPage(sized(stream), 3)).toEqual([]);
    expect(repliesOnPage(sized(stream), 9)).toEqual([]);
  });

  it('hands back the comments themselves, leaving authors unread until asked for', () => {
    let reads = 0;
    const comments = tree.map((comment, index) => ({
      ...comment,
      subtreeSize: index === 0 ? 4 : 1,
      get author() {
        reads++;
        return comment.key;
      },
    }));
    const replies = repliesOnPage(comments, 0);
    expect(replies).toHaveLength(3);
    expect(reads).toBe(0);
    expect(replies[0]?.author).toBe('a1');
    expect(reads).toBe(1);
  });
});

describe('CommentTree', () => {
  it('hides every reply under a collapsed comment and nothing beyond it', () => {
    const learned = treeOf(tree.map((comment) => node(comment.key, comment.parentKey)));
    expect([...learned.hiddenBy(folds({ a: 'collapsed' }))]).toEqual(['a1', 'a1x', 'a2']);
    expect([...learned.hiddenBy(folds({ a1: 'collapsed' }))]).toEqual(['a1x']);
    const both = learned.hiddenBy(folds({ a: 'collapsed', a1: 'collapsed' }));
    expect([...both].sort()).toEqual(['a1', 'a1x', 'a2']);
    expect([...learned.hiddenBy(folds({ a1: 'hidden' }))]).toEqual(['a1', 'a1x']);
    expect(learned.hiddenBy(folds({})).size).toBe(0);
  });

  it('follows reply links on a flat stream, where replies are far from their parent', () => {
    const learned = treeOf(stream);
    expect(learned.descendants('p1')).toEqual(['p3', 'p5']);
    expect([...learned.hiddenBy(folds({ p1: 'collapsed' }))]).toEqual(['p3', 'p5']);
    expect(learned.replies('p1')).toEqual([
      { key: 'p3', author: 'carol' },
      { key: 'p5', author: 'dan' },
    ]);
    expect(learned.replies('p4')).toEqual([]);
  });

  it('keeps what it learned when the page drops a comment and reads its replies again', () => {
    const learned = treeOf([node('p1', null), node('p3', 'p1'), node('p5', 'p3')]);
    // p1 went off the page: its reply no longer finds it, and says less, not something else.
    learned.learn([node('p3', null), node('p5', 'p3')]);
    expect([...learned.hiddenBy(folds({ p1: 'collapsed' }))]).toEqual(['p3', 'p5']);
  });

  it('learns a parent it could not see at first, and never loops', () => {
    const learned = treeOf([node('x', null), node('y', 'x')]);
    learned.learn([node('x', 'y')]);
    expect(learned.descendants('x')).toEqual(['y']);
    expect(learned.descendants('y')).toEqual(['x']);
    expect([...learned.hiddenBy(folds({ x: 'collapsed' }))]).toEqual(['y']);
  });
});

describe('describeReplies', () => {
  it('names up to two authors and counts the rest', () => {
    expect(describeReplies(0, [])).toBe('');
    expect(describeReplies(1, ['alice'])).toBe('1 reply by alice');
    expect(describeReplies(3, ['alice', 'bob', 'alice'])).toBe('3 replies by alice and bob');
    expect(describeReplies(5, ['alice', 'bob', 'carol', 'dan', 'carol'])).toBe(
      '5 replies by alice, bob and 2 others',
    );
    expect(describeReplies(4, ['alice', 'bob', 'carol'])).toBe(
      '4 replies by alice, bob and 1 other',
    );
    expect(describeReplies(2, [])).toBe('2 replies');
    expect(describeReplies(3, ['alice'], 2)).toBe('3 replies by alice · 2 new');
  });
});
