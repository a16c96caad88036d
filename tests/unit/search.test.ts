import { describe, expect, it } from 'vitest';
import { commentEntry, search, termsOf } from '../../src/background/search';
import { deleteTag, mergeTags } from '../../src/background/vocabulary';
import {
  addTags,
  commentRef,
  editComment,
  editUserNamed,
  freshDatabase,
  setNote,
  thread,
} from './helpers';

describe('termsOf', () => {
  it('splits any script into lowercase words of two characters or more, once each', () => {
    expect(termsOf('Rust’s borrow-checker, RUST!', 'Zürich 東京 a')).toEqual([
      'rust',
      'borrow',
      'checker',
      'zürich',
      '東京',
    ]);
  });
});

describe('search', () => {
  async function seeded() {
    const db = await freshDatabase();
    await editComment(
      db,
      commentRef('1', 'alice', 'Compilers are fun'),
      [setNote('Asked about the licence by mail')],
      '2026-11-01T00:00:00.000Z',
    );
    await editComment(
      db,
      commentRef('2', 'bob', 'On licences'),
      [setNote('Contradicts the licence FAQ'), ...addTags('wrong')],
      '2026-11-02T00:00:00.000Z',
    );
    await editUserNamed(
      db,
      'alice',
      [setNote('Works at a compiler shop')],
      '2026-11-03T00:00:00.000Z',
    );
    return db;
  }

  it('finds notes by words, newest first, with their thread', async () => {
    const db = await seeded();
    const results = await search(db, 'licence', 10);
    expect(results.map((r) => r.key)).toEqual(['hn:2', 'hn:1']);
    expect(results[0]).toMatchObject({
      kind: 'comment',
      author: 'bob',
      thread: { key: thread.key, title: thread.title },
    });
  });

  it('matches every word, each as a prefix, and authors and tags too', async () => {
    const db = await seeded();
    expect((await search(db, 'licen mail', 10)).map((r) => r.key)).toEqual(['hn:1']);
    expect((await search(db, 'alice', 10)).map((r) => r.key)).toEqual(['hn:alice', 'hn:1']);
    expect((await search(db, 'compil', 10)).map((r) => `${r.kind}:${r.key}`)).toEqual([
      'user:hn:alice',
      'comment:hn:1',
    ]);
    expect((await search(db, 'wrong', 10)).map((r) => r.key)).toEqual(['hn:2']);
    expect(await search(db, 'nothing-like-this', 10)).toEqual([]);
    expect(await search(db, '  ', 10)).toEqual([]);
    expect(await search(db, 'licence', 1)).toHaveLength(1);
  });

  it('follows edits, deletions and tag renames', async () => {
    const db = await seeded();
    await editComment(
      db,
      commentRef('1', 'alice'),
      [setNote('', 'Asked about the licence by mail')],
      '2026-11-04T00:00:00.000Z',
    );
    expect((await search(db, 'mail', 10)).map((r) => r.key)).toEqual([]);
    await mergeTags(db, ['wrong'], 'disputed', '2026-11-05T00:00:00.000Z');
    expect((await search(db, 'disputed', 10)).map((r) => r.key)).toEqual(['hn:2']);
    expect(await search(db, 'wrong', 10)).toEqual([]);
    await editComment(
      db,
      commentRef('2', 'bob'),
      [setNote('', 'Contradicts the licence FAQ')],
      '2026-11-06T00:00:00.000Z',
    );
    await deleteTag(db, 'disputed', '2026-11-07T00:00:00.000Z');
    expect(await search(db, 'bob', 10)).toEqual([]);
    expect(await db.count('search')).toBe(1);
  });

  it('finds a word in thousands of notes newest first, as it does a rare one', async () => {
    const db = await freshDatabase();
    const minute = (m: number) => new Date(Date.UTC(2026, 10, 1, 0, m)).toISOString();
    // Written straight into the stores (the store's own writes are covered above): note i was
    // written at minute i.
    const tx = db.transaction(['comments', 'search'], 'readwrite');
    for (let i = 0; i < 2_200; i++) {
      const record = {
        key: `hn:${1_000 + i}`,
        thread: thread.key,
        author: 'alice',
        url: `https://news.ycombinator.com/item?id=${1_000 + i}`,
        quote: 'quoted',
        note: i % 1_000 === 7 ? 'common and rare' : 'common',
        tags: [],
        fold: 'none' as const,
        createdAt: minute(i),
        updatedAt: minute(i),
      };
      void tx.objectStore('comments').put(record);
      void tx.objectStore('search').put(commentEntry(record));
    }
    await tx.done;
    const common = await search(db, 'common', 3);
    expect(common.map((r) => r.key)).toEqual(['hn:3199', 'hn:3198', 'hn:3197']);
    const rare = await search(db, 'common rare', 10);
    expect(rare.map((r) => r.key)).toEqual(['hn:3007', 'hn:2007', 'hn:1007']);
    // Every word common: found walking newest first, each word a prefix.
    expect((await search(db, 'comm', 2)).map((r) => r.key)).toEqual(['hn:3199', 'hn:3198']);
    expect((await search(db, 'rare comm', 2)).map((r) => r.key)).toEqual(['hn:3007', 'hn:2007']);
  });

  it('merges the words a prefix stands for by date, and walks everything past fifty of them', async () => {
    const db = await freshDatabase();
    const tx = db.transaction(['comments', 'search'], 'readwrite');
    // Note i holds the word "word<i % 60>" and was written at minute i.
    for (let i = 0; i < 120; i++) {
      const record = {
        key: `hn:${100 + i}`,
        thread: thread.key,
        author: 'alice',
        url: `https://news.ycombinator.com/item?id=${100 + i}`,
        quote: 'quoted',
        note: `word${String(i % 60).padStart(2, '0')}`,
        tags: [],
        fold: 'none' as const,
        createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
        updatedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
      };
      void tx.objectStore('comments').put(record);
      void tx.objectStore('search').put(commentEntry(record));
    }
    await tx.done;
    // "word0" stands for word00–word09, held by notes 0–9 and 60–69: the newest three.
    expect((await search(db, 'word0', 3)).map((r) => r.key)).toEqual([
      'hn:169',
      'hn:168',
      'hn:167',
    ]);
    // "word" stands for sixty words: every note, newest first.
    expect((await search(db, 'word', 2)).map((r) => r.key)).toEqual(['hn:219', 'hn:218']);
  });
});
