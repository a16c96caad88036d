import { describe, expect, it } from 'vitest';
import { describeReplies, foldedDescendants } from '../../src/content/folds';
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

describe('foldedDescendants', () => {
  it('hides every reply under a collapsed comment and nothing beyond it', () => {
    expect([...foldedDescendants(tree, folds({ a: 'collapsed' }))]).toEqual(['a1', 'a1x', 'a2']);
    expect([...foldedDescendants(tree, folds({ a1: 'collapsed' }))]).toEqual(['a1x']);
  });

  it('keeps an inner fold’s replies hidden when the outer one opens', () => {
    const both = folds({ a: 'collapsed', a1: 'collapsed' });
    expect([...foldedDescendants(tree, both)]).toEqual(['a1', 'a1x', 'a2']);
    expect([...foldedDescendants(tree, folds({ a1: 'collapsed' }))]).toEqual(['a1x']);
  });

  it('hides nothing without folds', () => {
    expect(foldedDescendants(tree, folds({})).size).toBe(0);
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
