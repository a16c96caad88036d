import { describe, expect, it } from 'vitest';
import { describeReplies, foldedAway } from '../../src/content/folds';
import type { Fold } from '../../src/shared/model';

const tree = [
  { key: 'a', depth: 0 },
  { key: 'a1', depth: 1 },
  { key: 'a1x', depth: 2 },
  { key: 'a2', depth: 1 },
  { key: 'b', depth: 0 },
  { key: 'b1', depth: 1 },
];

function folds(map: Record<string, Fold>) {
  return (key: string): Fold => map[key] ?? 'none';
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
    expect(describeReplies(3, ['alice'], 2)).toBe('3 replies by alice, 2 new');
  });
});
