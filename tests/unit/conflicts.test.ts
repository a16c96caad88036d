/**
 * Kept note versions (`conflicts`) live in the store only: exports never write them, imports keep
 * the ones stored, tag changes leave them be, search does not read them, and a record holding only
 * them counts as annotated but neither noted nor tagged.
 */
import { describe, expect, it } from 'vitest';
import { exportText, startExport } from '../../src/background/export';
import { readDocument } from '../../src/background/format';
import { mergeDocument } from '../../src/background/import';
import { search } from '../../src/background/search';
import { countsOf } from '../../src/background/thread-stats';
import { deleteTag, mergeTags } from '../../src/background/vocabulary';
import type { CommentAnnotation, NoteVersion, UserAnnotation } from '../../src/shared/model';
import {
  EXPORTED_AT,
  fillFixtureStore,
  fillStore,
  kimiThread,
  motoboiComment,
  motoboiUser,
} from './fixture-store';
import { freshDatabase } from './helpers';

const LATER = '2026-12-01T10:00:00.000Z';
const KEPT: NoteVersion[] = [{ note: 'zanzibar was here', updatedAt: '2026-11-02T10:00:00.000Z' }];

/** A comment whose note was cleared over another tab's text, which is all it holds now. */
const keptOnlyComment: CommentAnnotation = {
  ...motoboiComment,
  key: 'hn:44537000',
  author: 'keptonly',
  note: '',
  tags: [],
  fold: 'none',
  conflicts: KEPT,
};
const keptOnlyUser: UserAnnotation = {
  ...motoboiUser,
  key: 'hn:keptonly',
  name: 'keptonly',
  note: '',
  tags: [],
  conflicts: KEPT,
};

async function storeWithConflicts() {
  const db = await freshDatabase();
  await fillFixtureStore(db);
  await fillStore(db, {
    comments: [{ ...motoboiComment, conflicts: KEPT }, keptOnlyComment],
    users: [{ ...motoboiUser, conflicts: KEPT }, keptOnlyUser],
  });
  return db;
}

describe('exports', () => {
  it('write no kept versions, and leave out records that hold nothing else', async () => {
    const plain = await freshDatabase();
    await fillFixtureStore(plain);
    const db = await storeWithConflicts();
    for (const selection of [null, { threads: [motoboiComment.thread], tags: ['founder'] }]) {
      const json = await exportText(db, 'json', selection, EXPORTED_AT);
      expect(json).not.toContain('conflicts');
      expect(json).not.toContain('keptonly');
      // Format v1 exactly as without them, so the file imports (it never holds an empty record).
      expect(json).toBe(await exportText(plain, 'json', selection, EXPORTED_AT));
      expect(readDocument(JSON.parse(json)).ok).toBe(true);
      const csv = await exportText(db, 'csv', selection, EXPORTED_AT);
      expect(csv).toBe(await exportText(plain, 'csv', selection, EXPORTED_AT));
      const markdown = await exportText(db, 'markdown', selection, EXPORTED_AT);
      expect(markdown).not.toContain('zanzibar');
      expect(markdown).not.toContain('keptonly');
    }
    // A selection counts what it writes up front; a whole-store export once it has been read.
    const markdown = await exportText(
      db,
      'markdown',
      { threads: [], tags: ['founder'] },
      EXPORTED_AT,
    );
    expect(markdown).toBe(
      await exportText(plain, 'markdown', { threads: [], tags: ['founder'] }, EXPORTED_AT),
    );
    const { counts, chunks } = await startExport(db, 'json', null, EXPORTED_AT);
    let last = { done: -1, total: -2 };
    for await (const chunk of chunks) last = chunk;
    expect(counts).toEqual({ tags: 5, threads: 3, comments: 5, users: 2 });
    expect(last.done).toBe(last.total);
  });
});

describe('imports', () => {
  it('keep the versions kept here, whichever record wins', async () => {
    const db = await storeWithConflicts();
    const { seenCommentKeys: _seen, ...thread } = kimiThread;
    const { conflicts: _kept, ...newer } = { ...motoboiComment, note: 'newer', updatedAt: LATER };
    const summary = await mergeDocument(
      db,
      {
        format: 'threadnote',
        version: 1,
        exportedAt: LATER,
        tags: [],
        threads: [thread],
        comments: [newer],
        users: [{ ...motoboiUser, note: 'older', updatedAt: '2026-10-01T10:00:00.000Z' }],
      },
      true,
      LATER,
    );
    expect(summary.comments.updated).toBe(1);
    expect(summary.users.older).toBe(1);
    expect(await db.get('comments', motoboiComment.key)).toEqual({ ...newer, conflicts: KEPT });
    expect((await db.get('users', motoboiUser.key))?.conflicts).toEqual(KEPT);
  });

  it('refuse a file whose records carry kept versions: the format has none', () => {
    const { seenCommentKeys: _seen, ...thread } = kimiThread;
    const read = readDocument({
      format: 'threadnote',
      version: 1,
      exportedAt: EXPORTED_AT,
      tags: [],
      threads: [thread],
      comments: [{ ...motoboiComment, tags: [], conflicts: KEPT }],
      users: [],
    });
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problems).toContainEqual({
        where: `comments[0] (${motoboiComment.key}).conflicts`,
        message: 'is not a field of this record',
      });
    }
  });
});

describe('kept versions elsewhere', () => {
  it('stay through tag renames and deletes, even on a record holding nothing else', async () => {
    const db = await storeWithConflicts();
    await mergeTags(db, ['insightful'], 'sharp', LATER);
    expect(await db.get('comments', motoboiComment.key)).toMatchObject({
      tags: ['sharp', 'follow-up'],
      conflicts: KEPT,
    });
    await fillStore(db, { comments: [{ ...keptOnlyComment, tags: ['sharp'] }] });
    await deleteTag(db, 'sharp', LATER);
    expect(await db.get('comments', keptOnlyComment.key)).toMatchObject({
      tags: [],
      conflicts: KEPT,
    });
    expect((await db.get('users', motoboiUser.key))?.conflicts).toEqual(KEPT);
  });

  it('are not searched', async () => {
    const db = await storeWithConflicts();
    expect(await search(db, 'zanzibar', 10)).toEqual([]);
  });

  it('count a record holding only them as annotated, not noted or tagged', () => {
    expect(countsOf([keptOnlyComment, { ...motoboiComment, conflicts: KEPT }])).toEqual({
      annotated: 2,
      tagged: 1,
      noted: 1,
      collapsed: 1,
      hidden: 0,
    });
  });
});
