import { describe, expect, it } from 'vitest';
import { openWithMigrations } from '../../src/background/db';
import { migrations, type Migration } from '../../src/background/migrations';
import { editComments } from '../../src/background/edits';
import type { ThreadnoteDB } from '../../src/background/schema';
import { commentRef, thread } from './helpers';

describe('numbered migrations', () => {
  it('creates the stores and indexes of DESIGN.md, and settings, search, drafts and stats', async () => {
    const db = await openWithMigrations('migrations-latest', migrations);
    expect(db.version).toBe(migrations.length);
    expect([...db.objectStoreNames].sort()).toEqual([
      'comments',
      'drafts',
      'search',
      'settings',
      'syncLog',
      'syncMeta',
      'tags',
      'threadStats',
      'threads',
      'users',
    ]);
    const tx = db.transaction(['comments', 'users', 'threads'], 'readonly');
    expect([...tx.objectStore('comments').indexNames].sort()).toEqual([
      'author',
      'tags',
      'thread',
      'updatedAt',
    ]);
    expect(tx.objectStore('comments').index('tags').multiEntry).toBe(true);
    expect([...tx.objectStore('users').indexNames].sort()).toEqual(['name', 'tags', 'updatedAt']);
    expect([...tx.objectStore('threads').indexNames]).toEqual(['lastVisitedAt']);
    db.close();
  });

  it('upgrades a database made by version 1 without losing its records', async () => {
    const name = 'migrations-upgrade';
    const v1 = await openWithMigrations(name, migrations.slice(0, 1));
    await v1.put('comments', {
      key: 'hn:1',
      thread: 'hn:0',
      author: 'pg',
      url: 'https://news.ycombinator.com/item?id=1',
      quote: 'first',
      note: 'kept',
      tags: ['old'],
      fold: 'none',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    v1.close();

    // A later version: a migration that adds an index and rewrites existing records.
    const addFoldIndex: Migration = (_db, tx) => {
      const comments = tx.objectStore('comments');
      comments.createIndex('fold', 'fold');
      void comments.openCursor().then(async function visit(cursor): Promise<void> {
        if (!cursor) return;
        await cursor.update({ ...(cursor.value as object), migrated: true });
        return visit(await cursor.continue());
      });
    };
    const v2 = await openWithMigrations(name, [...migrations, addFoldIndex]);
    expect(v2.version).toBe(migrations.length + 1);
    const record = (await v2.get('comments', 'hn:1')) as Record<string, unknown>;
    expect(record).toMatchObject({ note: 'kept', tags: ['old'], migrated: true });
    // Migration 2 ran on the version 1 database too.
    expect(v2.objectStoreNames.contains('settings')).toBe(true);
    expect(await v2.getAllFromIndex('comments', 'fold', 'none')).toHaveLength(1);
    v2.close();
  });

  it('migration 3 indexes the notes of a database made by version 2', async () => {
    const name = 'migrations-v2-to-v3';
    const v2 = await openWithMigrations(name, migrations.slice(0, 2));
    await v2.put('comments', {
      key: 'hn:7',
      thread: 'hn:1',
      author: 'alice',
      url: 'https://news.ycombinator.com/item?id=7',
      quote: 'Borrow checkers everywhere',
      note: 'Asked her about the compiler paper',
      tags: ['follow-up'],
      fold: 'none',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    await v2.put('users', {
      key: 'hn:bob',
      name: 'bob',
      tags: [],
      note: 'Works on databases',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    v2.close();
    const v3 = await openWithMigrations(name, migrations.slice(0, 3));
    expect(await v3.get('comments', 'hn:7')).toMatchObject({
      note: 'Asked her about the compiler paper',
    });
    expect(await v3.getAllKeysFromIndex('search', 'terms', 'compiler')).toEqual(['comment:hn:7']);
    expect(await v3.getAllKeysFromIndex('search', 'terms', 'databases')).toEqual(['user:hn:bob']);
    expect(await v3.getAllKeysFromIndex('search', 'terms', 'alice')).toEqual(['comment:hn:7']);
    v3.close();
  });

  it('migration 4 counts the threads of a database made by version 3', async () => {
    const name = 'migrations-v3-to-v4';
    const v3 = await openWithMigrations(name, migrations.slice(0, 3));
    const annotation = (key: string, thread: string, tags: string[], updatedAt: string) => ({
      key,
      thread,
      author: 'alice',
      url: `https://news.ycombinator.com/item?id=${key.slice(3)}`,
      quote: 'quoted',
      note: tags.length === 0 ? 'a note' : '',
      tags,
      fold: tags.length === 0 ? 'collapsed' : 'none',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt,
    });
    await v3.put(
      'comments',
      annotation('hn:11', 'hn:10', ['rust', 'ops'], '2026-01-05T00:00:00.000Z'),
    );
    await v3.put('comments', annotation('hn:12', 'hn:10', ['rust'], '2026-01-02T00:00:00.000Z'));
    await v3.put('comments', annotation('hn:21', 'hn:20', [], '2026-01-03T00:00:00.000Z'));
    await v3.put('threads', {
      key: 'hn:20',
      title: 'Visited later',
      url: 'https://news.ycombinator.com/item?id=20',
      firstVisitedAt: '2026-01-01T00:00:00.000Z',
      lastVisitedAt: '2026-01-09T00:00:00.000Z',
      seenCommentKeys: ['hn:21'],
    });
    v3.close();

    const v4 = await openWithMigrations(name, migrations.slice(0, 4));
    expect(await v4.get('threadStats', 'hn:10')).toEqual({
      thread: 'hn:10',
      site: 'hn',
      activityAt: '2026-01-05T00:00:00.000Z',
      counts: { annotated: 2, tagged: 2, noted: 0, collapsed: 0, hidden: 0 },
      tags: [
        { name: 'rust', comments: 2 },
        { name: 'ops', comments: 1 },
      ],
      tagKeys: [
        'rust\u00002026-01-05T00:00:00.000Z\u0000hn:10',
        'ops\u00002026-01-05T00:00:00.000Z\u0000hn:10',
      ],
      siteTagKeys: [
        'hn\u0000rust\u00002026-01-05T00:00:00.000Z\u0000hn:10',
        'hn\u0000ops\u00002026-01-05T00:00:00.000Z\u0000hn:10',
      ],
    });
    expect(await v4.get('threadStats', 'hn:20')).toMatchObject({
      activityAt: '2026-01-09T00:00:00.000Z',
      counts: { annotated: 1, tagged: 0, noted: 1, collapsed: 1, hidden: 0 },
    });
    expect(await v4.getAllKeysFromIndex('threadStats', 'activity')).toEqual(['hn:10', 'hn:20']);
    expect(
      await v4.getAllKeysFromIndex(
        'threadStats',
        'tagActivity',
        IDBKeyRange.bound('rust\u0000', 'rust\u0000\uffff'),
      ),
    ).toEqual(['hn:10']);
    v4.close();
  });

  it('migration 5 dates the search terms of a database made by version 4', async () => {
    const name = 'migrations-v4-to-v5';
    const v4 = await openWithMigrations(name, migrations.slice(0, 4));
    // As version 4 wrote them: terms without dates.
    await v4.put('search', {
      key: 'comment:hn:7',
      terms: ['compiler', 'alice'],
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    v4.close();
    const v5 = await openWithMigrations(name, migrations.slice(0, 5));
    expect(await v5.get('search', 'comment:hn:7')).toEqual({
      key: 'comment:hn:7',
      terms: ['compiler', 'alice'],
      timedTerms: ['compiler\u00002026-01-02T00:00:00.000Z', 'alice\u00002026-01-02T00:00:00.000Z'],
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(
      await v5.getAllKeysFromIndex('search', 'timedTerms', IDBKeyRange.bound('comp', 'comp\uffff')),
    ).toEqual(['comment:hn:7']);
    expect(v5.transaction('search').store.indexNames.contains('terms')).toBe(false);
    v5.close();
  });

  it('migration 6 adds an empty change log to a database made by version 5, and edits fill it', async () => {
    const name = 'migrations-v5-to-v6';
    const v5 = await openWithMigrations(name, migrations.slice(0, 5));
    await v5.put('tags', { name: 'kept', color: '#2f9e44', description: '', createdAt: 'x' });
    v5.close();
    const v6 = (await openWithMigrations(name, migrations.slice(0, 6))) as ThreadnoteDB;
    expect(await v6.get('tags', 'kept')).toMatchObject({ name: 'kept' });
    // Records from before need no entry: the first sync sends every record.
    expect(await v6.count('syncLog')).toBe(0);
    await editComments(
      v6,
      [{ comment: commentRef('6'), ops: [{ op: 'tag.add', tag: 'kept' }] }],
      '2026-02-01T00:00:00.000Z',
    );
    expect(await v6.getAllKeys('syncLog')).toEqual(['comment:hn:6', `thread:${thread.key}`]);
    expect(await v6.get('syncLog', 'comment:hn:6')).toMatchObject({ base: null, rev: 1 });
    v6.close();
  });
});
