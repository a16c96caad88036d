import { describe, expect, it } from 'vitest';
import {
  deleteTag,
  mergeTags,
  readSettings,
  tagUsage,
  updateTag,
  writeSettings,
} from '../../src/background/vocabulary';
import type { ThreadnoteDB } from '../../src/background/schema';
import { editUser } from '../../src/background/edits';
import { addTags, commentRef, editComment, editUserNamed, freshDatabase, setNote } from './helpers';

const T0 = '2026-11-29T10:00:00.000Z';
const T1 = '2026-11-29T11:00:00.000Z';

async function seeded(): Promise<ThreadnoteDB> {
  const db = await freshDatabase();
  await editComment(db, commentRef('1'), addTags('insightful', 'source'), T0);
  await editComment(db, commentRef('2'), [...addTags('insightful'), setNote('n')], T0);
  await editComment(db, commentRef('3'), addTags('wrong'), T0);
  await editUserNamed(db, 'alice', addTags('insightful', 'expert'), T0);
  await editUserNamed(db, 'bob', addTags('wrong'), T0);
  await writeSettings(db, { quickTags: ['insightful', 'wrong'] });
  return db;
}

const usage = async (db: ThreadnoteDB) =>
  Object.fromEntries(
    (await tagUsage(db)).map(({ name, comments, users }) => [name, [comments, users]]),
  );

describe('tag vocabulary', () => {
  it('counts each tag’s comments and users from the indexes', async () => {
    expect(await usage(await seeded())).toEqual({
      expert: [0, 1],
      insightful: [2, 1],
      source: [1, 0],
      wrong: [1, 1],
    });
  });

  it('renames a tag everywhere, keeping its colour, and follows it in quick tags', async () => {
    const db = await seeded();
    const color = (await db.get('tags', 'insightful'))?.color;
    expect(await mergeTags(db, ['insightful'], 'great', T1)).toEqual({ comments: 2, users: 1 });
    expect((await db.get('comments', 'hn:1'))?.tags).toEqual(['great', 'source']);
    expect((await db.get('comments', 'hn:1'))?.updatedAt).toBe(T1);
    expect((await db.get('users', 'hn:alice'))?.tags).toEqual(['great', 'expert']);
    expect(await db.get('tags', 'insightful')).toBeUndefined();
    expect((await db.get('tags', 'great'))?.color).toBe(color);
    expect((await readSettings(db)).quickTags).toEqual(['great', 'wrong']);
  });

  it('merges tags into one, keeping the union without duplicates', async () => {
    const db = await seeded();
    const target = await db.get('tags', 'insightful');
    expect(await mergeTags(db, ['source', 'wrong'], 'insightful', T1)).toEqual({
      comments: 2,
      users: 1,
    });
    expect((await db.get('comments', 'hn:1'))?.tags).toEqual(['insightful']);
    expect((await db.get('comments', 'hn:3'))?.tags).toEqual(['insightful']);
    expect((await db.get('users', 'hn:bob'))?.tags).toEqual(['insightful']);
    expect(await db.get('tags', 'insightful')).toEqual(target);
    expect(await usage(db)).toEqual({ expert: [0, 1], insightful: [3, 2] });
    expect((await readSettings(db)).quickTags).toEqual(['insightful']);
  });

  it('deletes a tag from every record, dropping the records it leaves empty', async () => {
    const db = await seeded();
    expect(await deleteTag(db, 'wrong', T1)).toEqual({ comments: 1, users: 1 });
    expect(await db.get('comments', 'hn:3')).toBeUndefined();
    expect(await db.get('users', 'hn:bob')).toBeUndefined();
    expect(await db.get('tags', 'wrong')).toBeUndefined();
    expect((await readSettings(db)).quickTags).toEqual(['insightful']);
  });

  it('keeps the reader’s choice on tag names in pages, on by default', async () => {
    const db = await seeded();
    expect((await readSettings(db)).tagNamesInPage).toBe(true);
    await writeSettings(db, { tagNamesInPage: false });
    await writeSettings(db, { quickTags: ['insightful'] });
    expect(await readSettings(db)).toMatchObject({
      tagNamesInPage: false,
      quickTags: ['insightful'],
    });
  });

  it('refuses unknown tags and changes nothing', async () => {
    const db = await seeded();
    const before = await usage(db);
    await expect(mergeTags(db, ['nope'], 'x', T1)).rejects.toThrow('There is no tag “nope”.');
    await expect(deleteTag(db, 'nope', T1)).rejects.toThrow('There is no tag “nope”.');
    await expect(updateTag(db, 'nope', { color: '#000000' })).rejects.toThrow('nope');
    await expect(writeSettings(db, { quickTags: ['nope'] })).rejects.toThrow('nope');
    expect(await usage(db)).toEqual(before);
  });

  it('edits a tag’s colour and description', async () => {
    const db = await seeded();
    expect(
      await updateTag(db, 'source', { color: '#123456', description: 'has a link' }),
    ).toMatchObject({
      name: 'source',
      color: '#123456',
      description: 'has a link',
    });
  });
});

describe('user annotations', () => {
  it('creates, edits and drops a user annotation once it is empty', async () => {
    const db = await freshDatabase();
    const user = { key: 'hn:carol', name: 'carol' };
    const first = await editUser(db, { user, ops: [{ op: 'tag.add', tag: 'compilers' }] }, T0);
    expect(first.annotation).toEqual({
      key: 'hn:carol',
      name: 'carol',
      tags: ['compilers'],
      note: '',
      createdAt: T0,
      updatedAt: T0,
    });
    expect(first.createdTags.map((tag) => tag.name)).toEqual(['compilers']);
    const cleared = await editUser(db, { user, ops: [{ op: 'tag.remove', tag: 'compilers' }] }, T1);
    expect(cleared.annotation).toBeNull();
    expect(await db.get('users', 'hn:carol')).toBeUndefined();
  });
});
