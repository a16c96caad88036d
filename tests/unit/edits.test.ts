/**
 * Edits as the worker applies them: operations on what is stored when their transaction runs, so
 * edits from two tabs, or two keys pressed at once, never erase each other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editComments, editUser } from '../../src/background/edits';
import { route } from '../../src/background/router';
import { threadSummary } from '../../src/background/store';
import { envelope } from '../../src/shared/messages';
import {
  PAGE_LIMITS,
  isEmptyAnnotation,
  userKeyOf,
  type CommentAnnotation,
} from '../../src/shared/model';
import type { CommentOp } from '../../src/shared/operations';
import {
  addTags,
  commentRef,
  contentSender,
  editComment,
  editUserNamed,
  freshDatabase,
  routerDeps,
  setFold,
  setNote,
  thread,
} from './helpers';

const T0 = '2026-11-29T10:00:00.000Z';
const T1 = '2026-11-29T11:00:00.000Z';
const T2 = '2026-11-29T12:00:00.000Z';

describe('concurrent edits', () => {
  it('keeps both tags when two tabs tag one comment at once', async () => {
    const deps = routerDeps(await freshDatabase());
    // Each tab built its edit from the same state: the comment had no annotation.
    const tab = (tag: string) =>
      route(
        envelope('comments.edit', { edits: [{ comment: commentRef('1'), ops: addTags(tag) }] }),
        contentSender,
        deps,
      );
    const answers = await Promise.all([tab('rust'), tab('ops')]);
    expect(answers.every((answer) => answer.ok)).toBe(true);
    const db = await deps.database();
    expect((await db.get('comments', 'hn:1'))?.tags.sort()).toEqual(['ops', 'rust']);
  });

  it('keeps both tags when two tabs tag one user at once', async () => {
    const deps = routerDeps(await freshDatabase());
    const tab = (tag: string) =>
      route(
        envelope('user.edit', { user: { key: 'hn:alice', name: 'alice' }, ops: addTags(tag) }),
        contentSender,
        deps,
      );
    const answers = await Promise.all([tab('rust'), tab('ops')]);
    expect(answers.every((answer) => answer.ok)).toBe(true);
    const db = await deps.database();
    expect((await db.get('users', 'hn:alice'))?.tags.sort()).toEqual(['ops', 'rust']);
  });

  it('keeps every tag of quick-tag keys pressed in quick succession', async () => {
    const db = await freshDatabase();
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    await Promise.all(names.map((name) => editComment(db, commentRef('2'), addTags(name), T0)));
    await Promise.all([
      editComment(db, commentRef('2'), [{ op: 'tag.remove', tag: 'e' }], T1),
      editComment(db, commentRef('2'), addTags('a'), T1),
      editUserNamed(db, 'bob', addTags('x'), T1),
      editUserNamed(db, 'bob', addTags('y'), T1),
    ]);
    expect((await db.get('comments', 'hn:2'))?.tags.sort()).toEqual(
      names.filter((name) => name !== 'e'),
    );
    expect((await db.get('users', 'hn:bob'))?.tags.sort()).toEqual(['x', 'y']);
    // Each tag was defined once, by the edit that used it first.
    expect((await db.getAll('tags')).map((tag) => tag.name).sort()).toEqual([...names, 'x', 'y']);
  });
});

describe('notes written over each other', () => {
  it('keeps the text a writer never saw, and restores or forgets it on request', async () => {
    const db = await freshDatabase();
    await editComment(db, commentRef('3'), [setNote('from tab one')], T0);
    // Tab two still shows the comment without a note, and saves its own.
    const second = await editComment(db, commentRef('3'), [setNote('from tab two', '')], T1);
    expect(second.kept).toBe(1);
    expect(second.annotation).toMatchObject({
      note: 'from tab two',
      conflicts: [{ note: 'from tab one', updatedAt: T0 }],
    });

    const restored = await editComment(
      db,
      commentRef('3'),
      [{ op: 'note.restore', version: T0 }],
      T2,
    );
    expect(restored.kept).toBe(0);
    expect(restored.annotation).toMatchObject({
      note: 'from tab one',
      conflicts: [{ note: 'from tab two', updatedAt: T1 }],
    });

    const dismissed = await editComment(
      db,
      commentRef('3'),
      [{ op: 'note.dismiss', version: T1 }],
      T2,
    );
    expect(dismissed.annotation?.note).toBe('from tab one');
    expect(dismissed.annotation).not.toHaveProperty('conflicts');
    expect(await db.get('comments', 'hn:3')).not.toHaveProperty('conflicts');
  });

  it('keeps no version when the writer saw the stored note', async () => {
    const db = await freshDatabase();
    await editComment(db, commentRef('4'), [setNote('draft')], T0);
    const edited = await editComment(db, commentRef('4'), [setNote('final', 'draft')], T1);
    expect(edited.kept).toBe(0);
    expect(edited.annotation).not.toHaveProperty('conflicts');
  });

  it('keeps a record whose only content is a kept version, counted as annotated only', async () => {
    const db = await freshDatabase();
    await editComment(db, commentRef('5'), [setNote('theirs')], T0);
    // Cleared by a tab that never saw “theirs”: the text is kept, and so is the record.
    const cleared = await editComment(db, commentRef('5'), [setNote('', 'older')], T1);
    expect(cleared.annotation).toMatchObject({ note: '', tags: [], fold: 'none' });
    expect(cleared.annotation?.conflicts).toHaveLength(1);
    expect((await threadSummary(db, thread.key)).counts).toEqual({
      annotated: 1,
      tagged: 0,
      noted: 0,
      collapsed: 0,
      hidden: 0,
    });
    // Forgetting the version leaves nothing: the record goes.
    const gone = await editComment(db, commentRef('5'), [{ op: 'note.dismiss', version: T0 }], T2);
    expect(gone.annotation).toBeNull();
    expect(await db.get('comments', 'hn:5')).toBeUndefined();
    expect((await threadSummary(db, thread.key)).counts.annotated).toBe(0);
  });

  it('counts kept versions across a bulk edit and for users', async () => {
    const db = await freshDatabase();
    await editComment(db, commentRef('6'), [setNote('six')], T0);
    await editComment(db, commentRef('7'), [setNote('seven')], T0);
    const bulk = await editComments(
      db,
      ['6', '7', '8'].map((id) => ({ comment: commentRef(id), ops: [setNote('mine')] })),
      T1,
    );
    expect(bulk.kept).toBe(2);
    await editUserNamed(db, 'carol', [setNote('theirs')], T0);
    const user = await editUserNamed(db, 'carol', [setNote('mine')], T1);
    expect(user).toMatchObject({
      kept: 1,
      annotation: { note: 'mine', conflicts: [{ note: 'theirs', updatedAt: T0 }] },
    });
  });
});

describe('page text', () => {
  it('cuts a long author instead of refusing the edit', async () => {
    const deps = routerDeps(await freshDatabase());
    const author = 'a'.repeat(300);
    const result = await route(
      envelope('comments.edit', {
        edits: [{ comment: commentRef('9', author, 'q'.repeat(5_000)), ops: addTags('long') }],
      }),
      contentSender,
      deps,
    );
    expect(result.ok).toBe(true);
    const stored = await (await deps.database()).get('comments', 'hn:9');
    expect(stored?.author).toBe('a'.repeat(PAGE_LIMITS.author));
    expect(stored?.quote).toHaveLength(280);
  });

  it('accepts a long user name under the key the page derives from it', async () => {
    const deps = routerDeps(await freshDatabase());
    const name = 'b'.repeat(300);
    const key = userKeyOf('hn', name);
    const result = await route(
      envelope('user.edit', { user: { key, name }, ops: addTags('long') }),
      contentSender,
      deps,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { annotation: { key, name: 'b'.repeat(PAGE_LIMITS.author), tags: ['long'] } },
    });
    expect(deps.broadcast).toHaveBeenCalledWith('hn', 'users.changed', {
      changes: [{ key, annotation: expect.objectContaining({ key }) }],
    });
  });
});

describe('every edit of every stored state', () => {
  const tag = fc.constantFrom('a', 'b', 'c');
  const note = fc.constantFrom('', 'one', 'two');
  const op: fc.Arbitrary<CommentOp> = fc.oneof(
    tag.map((name) => ({ op: 'tag.add' as const, tag: name })),
    tag.map((name) => ({ op: 'tag.remove' as const, tag: name })),
    fc.record({ op: fc.constant('note.set' as const), note, base: note }),
    fc.constantFrom(T0, T1).map((version) => ({ op: 'note.restore' as const, version })),
    fc.constantFrom(T0, T1).map((version) => ({ op: 'note.dismiss' as const, version })),
    fc.constantFrom('none', 'collapsed', 'hidden' as const).map((fold) => setFold(fold)),
  );
  // A stored state is made by edits too: none (no record), or some, at two moments.
  const history = fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { maxLength: 3 });

  it('stores exactly the valid record it answers, or none when it is empty', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.array(op, { minLength: 1, maxLength: 4 }), async (past, ops) => {
        const db = await freshDatabase();
        for (const [index, earlier] of past.entries()) {
          await editComment(db, commentRef('1'), earlier, index % 2 === 0 ? T0 : T1);
        }
        const { annotation } = await editComment(db, commentRef('1'), ops, T2);
        const stored = await db.get('comments', 'hn:1');
        const entry = await db.get('search', 'comment:hn:1');
        if (annotation === null) {
          expect(stored).toBeUndefined();
          expect(entry).toBeUndefined();
          return;
        }
        expect(stored).toEqual(annotation);
        expect(entry).toBeDefined();
        expect(isEmptyAnnotation(annotation)).toBe(false);
        expectValid(annotation);
        expect(await db.count('threadStats')).toBe(1);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps users valid too', async () => {
    const db = await freshDatabase();
    const user = { key: 'hn:dave', name: 'dave' };
    await editUser(db, { user, ops: [setNote('one'), ...addTags('a')] }, T0);
    const edited = await editUser(db, { user, ops: [setNote('two', '')] }, T1);
    expect(edited.annotation).toMatchObject({ note: 'two', conflicts: [{ note: 'one' }] });
    const emptied = await editUser(
      db,
      {
        user,
        ops: [
          { op: 'tag.remove', tag: 'a' },
          setNote('', 'two'),
          { op: 'note.dismiss', version: T0 },
        ],
      },
      T2,
    );
    expect(emptied.annotation).toBeNull();
    expect(await db.get('users', 'hn:dave')).toBeUndefined();
    expect(await db.get('search', 'user:hn:dave')).toBeUndefined();
  });
});

function expectValid(record: CommentAnnotation): void {
  expect(new Set(record.tags).size).toBe(record.tags.length);
  if (Object.hasOwn(record, 'conflicts')) expect(record.conflicts?.length).toBeGreaterThan(0);
  expect(record.conflicts?.length ?? 0).toBeLessThanOrEqual(5);
}
