/**
 * Properties of the operations every edit is made of (shared/operations.ts), over every kind of
 * stored state: absent, tagged, noted, folded, with kept versions or not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNormalTagName, type CommentAnnotation, type NoteVersion } from '../../src/shared/model';
import {
  MAX_NOTE_VERSIONS,
  applyCommentOps,
  type CommentOp,
  type TagOp,
} from '../../src/shared/operations';

const NOW = '2026-12-01T00:00:00.000Z';
const TAGS = ['rust', 'go', 'ops', 'follow-up', 'wrong'];
const TEXTS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh'];

const tag = fc.constantFrom(...TAGS);
const text = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 12 }));
const stamp = fc
  .integer({ min: 0, max: 10_000 })
  .map((minute) => new Date(Date.UTC(2026, 10, 1) + minute * 60_000).toISOString());

const versions: fc.Arbitrary<NoteVersion[]> = fc
  .uniqueArray(fc.record({ note: fc.constantFrom(...TEXTS.slice(1)), updatedAt: stamp }), {
    maxLength: MAX_NOTE_VERSIONS,
    selector: (version) => version.note,
  })
  .filter((list) => new Set(list.map((version) => version.updatedAt)).size === list.length);

/** What a blank annotation is when the comment has none stored. */
const BLANK: CommentAnnotation = {
  key: 'hn:1',
  thread: 'hn:0',
  author: 'alice',
  url: 'https://news.ycombinator.com/item?id=1',
  quote: 'q',
  note: '',
  tags: [],
  fold: 'none',
  createdAt: NOW,
  updatedAt: NOW,
};

const stored: fc.Arbitrary<CommentAnnotation> = fc.oneof(
  fc.constant(BLANK),
  fc
    .record({
      note: fc.constantFrom(...TEXTS),
      tags: fc.uniqueArray(tag, { maxLength: 3 }),
      fold: fc.constantFrom('none', 'collapsed', 'hidden' as const),
      conflicts: versions,
      updatedAt: stamp,
    })
    .map(({ conflicts, ...fields }) => {
      // As operations leave it: no kept version repeats the note.
      const others = conflicts.filter((version) => version.note !== fields.note);
      return { ...BLANK, ...fields, ...(others.length > 0 && { conflicts: others }) };
    }),
);

function opOf(record: CommentAnnotation): fc.Arbitrary<CommentOp> {
  const known = (record.conflicts ?? []).map((version) => version.updatedAt);
  const version = known.length > 0 ? fc.oneof(fc.constantFrom(...known), stamp) : stamp;
  return fc.oneof(
    tag.map((name) => ({ op: 'tag.add' as const, tag: name })),
    tag.map((name) => ({ op: 'tag.remove' as const, tag: name })),
    fc.record({
      op: fc.constant('note.set' as const),
      note: text,
      base: fc.oneof(fc.constant(record.note), text),
    }),
    version.map((at) => ({ op: 'note.restore' as const, version: at })),
    version.map((at) => ({ op: 'note.dismiss' as const, version: at })),
    fc
      .constantFrom('none', 'collapsed', 'hidden' as const)
      .map((fold) => ({ op: 'fold.set' as const, fold })),
  );
}

const withOps = stored.chain((record) =>
  fc.tuple(fc.constant(record), fc.array(opOf(record), { maxLength: 8 })),
);

function expectValid(record: CommentAnnotation): void {
  expect(new Set(record.tags).size).toBe(record.tags.length);
  expect(record.tags.every(isNormalTagName)).toBe(true);
  if (Object.hasOwn(record, 'conflicts')) {
    // A record without kept versions carries no `conflicts` key at all, not an undefined one.
    expect(record.conflicts?.length).toBeGreaterThan(0);
  }
  const conflicts = record.conflicts ?? [];
  expect(conflicts.length).toBeLessThanOrEqual(MAX_NOTE_VERSIONS);
  expect(conflicts.every((version) => version.note !== '')).toBe(true);
  // Nor does a kept version repeat the note or another kept version.
  expect(new Set(conflicts.map((version) => version.note)).size).toBe(conflicts.length);
  expect(conflicts.some((version) => version.note === record.note)).toBe(false);
  expect(record.updatedAt).toBe(NOW);
}

describe('comment operations', () => {
  it('leave a valid record whatever was stored and whatever is applied', () => {
    fc.assert(
      fc.property(withOps, ([record, ops]) => {
        const { next, kept } = applyCommentOps(record, ops, NOW);
        expectValid(next);
        expect(kept.every((version) => version.note !== '')).toBe(true);
      }),
    );
  });

  it('commute for tag operations on different tags', () => {
    const tagOp: fc.Arbitrary<(name: string) => TagOp> = fc.constantFrom(
      (name: string) => ({ op: 'tag.add', tag: name }),
      (name: string) => ({ op: 'tag.remove', tag: name }),
    );
    const twoTags = fc.uniqueArray(tag, { minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(stored, tagOp, tagOp, twoTags, (record, first, second, [a = '', b = '']) => {
        const one = applyCommentOps(record, [first(a), second(b)], NOW).next;
        const other = applyCommentOps(record, [second(b), first(a)], NOW).next;
        expect(new Set(one.tags)).toEqual(new Set(other.tags));
        expect(one).toEqual({ ...other, tags: one.tags });
      }),
    );
  });

  it('add a tag once however often it is added', () => {
    fc.assert(
      fc.property(stored, tag, (record, name) => {
        const add: TagOp = { op: 'tag.add', tag: name };
        const once = applyCommentOps(record, [add], NOW).next;
        expect(applyCommentOps(record, [add, add], NOW).next).toEqual(once);
        expect(applyCommentOps(once, [add], NOW).next).toEqual(once);
        expect(once.tags.filter((t) => t === name)).toHaveLength(1);
      }),
    );
  });

  it('keep no version when the writer saw the stored note', () => {
    fc.assert(
      fc.property(stored, text, (record, note) => {
        const { next, kept } = applyCommentOps(
          record,
          [{ op: 'note.set', note, base: record.note }],
          NOW,
        );
        expect(kept).toEqual([]);
        expect(next.note).toBe(note);
        // Only a kept version with the text written goes: that text is the note again.
        const left = (record.conflicts ?? []).filter((version) => version.note !== note);
        expect(next.conflicts ?? []).toEqual(left);
      }),
    );
  });

  it('lose no text written over by writers who never saw it, within the kept versions', () => {
    const staleWrites = fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(stored, staleWrites, (record, writes) => {
        let current = record;
        // The texts written over, most recently replaced first, each once; a text written again
        // is the note, no longer a replaced one.
        let replaced: string[] = [];
        for (const [note, seen] of writes) {
          // A stale base: anything but the note stored at that moment.
          const base = seen === current.note ? `${seen}~` : seen;
          const before = current.note;
          current = applyCommentOps(current, [{ op: 'note.set', note, base }], NOW).next;
          replaced = replaced.filter((old) => old !== note && old !== before);
          if (before !== '' && before !== note) replaced.unshift(before);
          // The oldest past the cap is forgotten then, and does not come back later.
          replaced = replaced.slice(0, MAX_NOTE_VERSIONS);
        }
        const conflicts = (current.conflicts ?? []).map((version) => version.note);
        const expected = replaced;
        expect(conflicts.slice(0, expected.length)).toEqual(expected);
        expect(current.note).toBe(writes.at(-1)?.[0]);
      }),
    );
  });

  it('swap the note with a kept version on restore, and drop the version on dismiss', () => {
    const record: CommentAnnotation = {
      ...BLANK,
      note: 'mine',
      updatedAt: '2026-11-02T00:00:00.000Z',
      conflicts: [{ note: 'theirs', updatedAt: '2026-11-01T00:00:00.000Z' }],
    };
    const restored = applyCommentOps(
      record,
      [{ op: 'note.restore', version: '2026-11-01T00:00:00.000Z' }],
      NOW,
    ).next;
    expect(restored.note).toBe('theirs');
    expect(restored.conflicts).toEqual([{ note: 'mine', updatedAt: '2026-11-02T00:00:00.000Z' }]);
    const dismissed = applyCommentOps(
      record,
      [{ op: 'note.dismiss', version: '2026-11-01T00:00:00.000Z' }],
      NOW,
    ).next;
    expect(dismissed.note).toBe('mine');
    expect(dismissed).not.toHaveProperty('conflicts');
  });
});
