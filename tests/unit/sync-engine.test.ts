// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { editComments, editUser } from '../../src/background/edits';
import { mergeTags } from '../../src/background/vocabulary';
import { commentRef, thread } from './helpers';
import { createDatabase, device, serverDocuments, serverForSuite, tick } from './sync-kit';

// Each device derives its keys with 600,000 PBKDF2 rounds, as the extension does.
vi.setConfig({ testTimeout: 120_000 });

const server = serverForSuite();

describe('sync between two devices through a real server', () => {
  it('carries tags, notes, folds, user tags, renames and deletions, and stores no plaintext', async () => {
    const target = await createDatabase(server, 'two-devices');
    const a = await device(target, 'correct horse battery staple');
    const b = await device(target, 'correct horse battery staple');

    await editComments(
      a.db,
      [
        {
          comment: commentRef('101', 'secretauthor', 'a quoted secret'),
          ops: [
            { op: 'tag.add', tag: 'secret-tag' },
            { op: 'note.set', note: 'my private note', base: '' },
            { op: 'fold.set', fold: 'collapsed' },
          ],
        },
        { comment: commentRef('102'), ops: [{ op: 'tag.add', tag: 'doomed' }] },
      ],
      tick(),
    );
    await editUser(
      a.db,
      {
        user: { key: 'hn:someoneprivate', name: 'someoneprivate' },
        ops: [{ op: 'tag.add', tag: 'usertag' }],
      },
      tick(),
    );
    await a.sync();
    await b.sync();

    const comment = await b.db.get('comments', 'hn:101');
    expect(comment?.tags).toEqual(['secret-tag']);
    expect(comment?.note).toBe('my private note');
    expect(comment?.fold).toBe('collapsed');
    expect((await b.db.get('users', 'hn:someoneprivate'))?.tags).toEqual(['usertag']);
    expect((await b.db.get('tags', 'secret-tag'))?.name).toBe('secret-tag');
    expect((await b.db.get('threads', thread.key))?.title).toBe(thread.title);
    // The search index and thread counts follow, as for a local edit.
    expect(await b.db.get('search', 'comment:hn:101')).toBeDefined();
    expect((await b.db.get('threadStats', thread.key))?.counts.annotated).toBe(2);

    // A rename and a deletion on A.
    await mergeTags(a.db, ['secret-tag'], 'renamed-tag', tick());
    await editComments(
      a.db,
      [{ comment: commentRef('102'), ops: [{ op: 'tag.remove', tag: 'doomed' }] }],
      tick(),
    );
    await a.sync();
    await b.sync();
    expect((await b.db.get('comments', 'hn:101'))?.tags).toEqual(['renamed-tag']);
    expect(await b.db.get('tags', 'secret-tag')).toBeUndefined();
    expect(await b.db.get('comments', 'hn:102')).toBeUndefined();

    const stored = await serverDocuments(target);
    for (const secret of [
      'my private note',
      'secret-tag',
      'renamed-tag',
      'usertag',
      'someoneprivate',
      'secretauthor',
      'a quoted secret',
      thread.title,
      'news.ycombinator.com',
      'hn:101',
    ]) {
      expect(stored).not.toContain(secret);
    }
    expect(stored).toContain('threadnote-key-check');
  });
});
