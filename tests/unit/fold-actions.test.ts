import { describe, expect, it } from 'vitest';
import { bulkFoldChanges } from '../../src/content/fold-actions';
import type { Fold } from '../../src/shared/model';

const page = [
  { key: 'a', depth: 0, parentKey: null },
  { key: 'a1', depth: 1, parentKey: 'a' },
  { key: 'a1x', depth: 2, parentKey: 'a1' },
  { key: 'b', depth: 0, parentKey: null },
  { key: 'b1', depth: 1, parentKey: 'b' },
  { key: 'c', depth: 0, parentKey: null },
];
const folds = (map: Record<string, Fold>) => (key: string) => map[key] ?? 'none';

describe('bulkFoldChanges', () => {
  it('collapses every top-level comment not folded yet', () => {
    expect(bulkFoldChanges('collapse-top', page, folds({ b: 'hidden' }), null)).toEqual([
      { key: 'a', fold: 'collapsed' },
      { key: 'c', fold: 'collapsed' },
    ]);
  });

  it('treats the shallowest comment on the page as top level (a comment’s own page)', () => {
    const deeper = page.map((comment) => ({ ...comment, depth: comment.depth + 1 }));
    expect(bulkFoldChanges('collapse-top', deeper, folds({}), null)).toHaveLength(3);
  });

  it('expands everything folded, whatever the depth', () => {
    expect(
      bulkFoldChanges('expand-all', page, folds({ a1: 'collapsed', b: 'hidden' }), null),
    ).toEqual([
      { key: 'a1', fold: 'none' },
      { key: 'b', fold: 'none' },
    ]);
  });

  it('collapses only subthreads with nothing new since the last visit', () => {
    const isNew = (key: string) => key === 'a1x';
    expect(bulkFoldChanges('collapse-read', page, folds({}), isNew)).toEqual([
      { key: 'b', fold: 'collapsed' },
      { key: 'c', fold: 'collapsed' },
    ]);
    expect(bulkFoldChanges('collapse-read', page, folds({}), null)).toEqual([]);
  });

  it('finds what is new under a post far down a flat stream', () => {
    const stream = [
      { key: 'p1', depth: 0, parentKey: null },
      { key: 'p2', depth: 0, parentKey: null },
      { key: 'p3', depth: 1, parentKey: 'p1' },
      { key: 'p4', depth: 2, parentKey: 'p3' },
    ];
    const isNew = (key: string) => key === 'p4';
    expect(bulkFoldChanges('collapse-read', stream, folds({}), isNew)).toEqual([
      { key: 'p2', fold: 'collapsed' },
    ]);
  });
});
