/** Undo's pure parts: the inverse operations restore the record exactly; losses are named. */
import { describe, expect, it } from 'vitest';
import type { CommentAnnotation } from '../../src/shared/model';
import { applyCommentOps, inverseOps, type CommentOp } from '../../src/shared/operations';
import { describeLoss } from '../../src/content/undo';

const record: CommentAnnotation = {
  key: 'hn:1',
  thread: 'hn:0',
  author: 'pg',
  url: 'https://news.ycombinator.com/item?id=1',
  quote: 'text',
  note: 'A note',
  tags: ['alpha', 'beta', 'gamma'],
  fold: 'collapsed',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};
const LATER = '2026-06-01T00:00:00.000Z';

function roundTrip(ops: CommentOp[]): CommentAnnotation {
  const after = applyCommentOps(record, ops, LATER).next;
  return applyCommentOps(after, inverseOps(record, after), '2026-07-01T00:00:00.000Z').next;
}

describe('inverseOps', () => {
  it('puts a removed tag back in its place, with the record’s own times', () => {
    expect(roundTrip([{ op: 'tag.remove', tag: 'beta' }])).toEqual(record);
    expect(
      roundTrip([
        { op: 'tag.remove', tag: 'alpha' },
        { op: 'tag.add', tag: 'x' },
      ]),
    ).toEqual(record);
  });

  it('brings back a deleted note and an unfolded fold', () => {
    expect(roundTrip([{ op: 'note.set', note: '', base: 'A note' }])).toEqual(record);
    expect(roundTrip([{ op: 'fold.set', fold: 'none' }])).toEqual(record);
  });

  it('empties a record that did not exist before', () => {
    const created = applyCommentOps(
      { ...record, tags: [], note: '', fold: 'none' },
      [{ op: 'fold.set', fold: 'collapsed' }],
      LATER,
    ).next;
    expect(inverseOps(null, created)).toEqual([{ op: 'fold.set', fold: 'none' }]);
  });

  it('has nothing to do when nothing changed', () => {
    expect(inverseOps(record, record)).toEqual([]);
  });
});

describe('describeLoss', () => {
  it('names what an edit took away, and nothing else', () => {
    const after = { ...record, tags: ['alpha', 'gamma'] };
    expect(describeLoss([{ op: 'tag.remove', tag: 'beta' }], record, after)).toBe(
      'Removed tag ‘beta’',
    );
    expect(describeLoss([], record, { ...record, note: '' })).toBe('Deleted the note');
    expect(
      describeLoss([{ op: 'fold.set', fold: 'none' }], record, { ...record, fold: 'none' }),
    ).toBe('Expanded the subthread');
    expect(describeLoss([{ op: 'tag.add', tag: 'x' }], record, record)).toBeNull();
  });
});
