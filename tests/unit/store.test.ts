import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPage, threadSummary } from '../../src/background/store';
import {
  addTags,
  commentRef,
  editComment,
  freshDatabase,
  setFold,
  setNote,
  thread,
} from './helpers';

const T0 = '2026-11-29T10:00:00.000Z';
const T1 = '2026-11-29T11:00:00.000Z';
const T2 = '2026-11-29T12:00:00.000Z';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('comment annotations', () => {
  it('creates an annotation with the quote of the comment as it was first annotated', async () => {
    const db = await freshDatabase();
    const first = await editComment(
      db,
      commentRef('1', 'a', 'original text'),
      addTags('insightful'),
      T0,
    );
    expect(first.annotation).toEqual({
      key: 'hn:1',
      thread: thread.key,
      author: 'a',
      url: 'https://news.ycombinator.com/item?id=1',
      quote: 'original text',
      note: '',
      tags: ['insightful'],
      fold: 'none',
      createdAt: T0,
      updatedAt: T0,
    });
    expect(first.createdTags).toEqual([
      expect.objectContaining({
        name: 'insightful',
        color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      }),
    ]);

    const edited = await editComment(db, commentRef('1', 'a', 'edited text'), [setNote('why')], T1);
    expect(edited.annotation).toMatchObject({
      quote: 'original text',
      note: 'why',
      tags: ['insightful'],
      createdAt: T0,
      updatedAt: T1,
    });
    expect(edited.createdTags).toEqual([]);
  });

  it('keeps only the first 280 characters of the quote', async () => {
    const db = await freshDatabase();
    const { annotation } = await editComment(
      db,
      commentRef('2', 'a', 'x'.repeat(1000)),
      [setNote('n')],
      T0,
    );
    expect(annotation?.quote).toHaveLength(280);
  });

  it('deletes an annotation once nothing is left in it', async () => {
    const db = await freshDatabase();
    await editComment(db, commentRef('3'), addTags('a', 'a', 'b'), T0);
    expect((await db.get('comments', 'hn:3'))?.tags).toEqual(['a', 'b']);
    const cleared = await editComment(
      db,
      commentRef('3'),
      [
        { op: 'tag.remove', tag: 'a' },
        { op: 'tag.remove', tag: 'b' },
      ],
      T1,
    );
    expect(cleared.annotation).toBeNull();
    expect(await db.get('comments', 'hn:3')).toBeUndefined();
    // Tags outlive the comments that used them: they are the reader's vocabulary.
    expect((await db.getAll('tags')).map((tag) => tag.name)).toEqual(['a', 'b']);
  });

  it('records the thread when its first comment is annotated', async () => {
    const db = await freshDatabase();
    await editComment(db, commentRef('4'), [setFold('collapsed')], T0);
    expect(await db.get('threads', thread.key)).toMatchObject({
      title: thread.title,
      firstVisitedAt: T0,
    });
  });
});

describe('page visits', () => {
  it('returns the thread’s annotations, users and tags, and remembers what was seen', async () => {
    const db = await freshDatabase();
    await editComment(db, commentRef('10'), addTags('source'), T0);
    await editComment(
      db,
      { ...commentRef('99'), thread: { ...thread, key: 'hn:777' } },
      [setNote('elsewhere')],
      T0,
    );
    await db.put('users', {
      key: 'hn:motoboi',
      name: 'motoboi',
      tags: ['expert'],
      note: '',
      createdAt: T0,
      updatedAt: T0,
    });

    const first = await openPage(
      db,
      {
        threadKeys: [thread.key],
        userKeys: ['hn:motoboi', 'hn:nobody'],
        usersOf: 'hn',
        visit: { thread, commentKeys: ['hn:10', 'hn:11'] },
      },
      T1,
    );
    expect(first.comments.map((c) => c.key)).toEqual(['hn:10']);
    expect(first.users.map((u) => u.key)).toEqual(['hn:motoboi']);
    // The site's annotated users, by key only: the page reads authors only if there are any.
    expect(first.siteUsers).toEqual(['hn:motoboi']);
    expect(first.tags.map((t) => t.name)).toEqual(['source']);
    // Known only from an annotation, the thread has no record of what was seen: nothing is new.
    expect(first.previousVisit).toBeNull();

    const second = await openPage(
      db,
      {
        threadKeys: [thread.key],
        userKeys: [],
        usersOf: null,
        visit: { thread, commentKeys: ['hn:12'] },
      },
      T2,
    );
    expect(second.previousVisit).toEqual({
      lastVisitedAt: T1,
      seenCommentKeys: ['hn:10', 'hn:11'],
    });
    expect(await db.get('threads', thread.key)).toMatchObject({
      firstVisitedAt: T0,
      lastVisitedAt: T2,
      seenCommentKeys: ['hn:10', 'hn:11', 'hn:12'],
    });
  });

  it('gives a page its annotations when the visit cannot be written (a full disk)', async () => {
    const db = await freshDatabase();
    await editComment(db, commentRef('30'), addTags('kept'), T0);
    const open = (commentKeys: string[], now: string) =>
      openPage(
        db,
        { threadKeys: [thread.key], userKeys: [], usersOf: null, visit: { thread, commentKeys } },
        now,
      );
    await open(['hn:30'], T1);

    // IndexedDB refuses the visit's write as Chrome does when the quota is used up.
    const put = IDBObjectStore.prototype.put;
    const refused = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<typeof put>
    ) {
      if (this.name === 'threads') throw new DOMException('', 'QuotaExceededError');
      return put.apply(this, args);
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const state = await open(['hn:30', 'hn:31'], T2);
    expect(refused).toHaveBeenCalled();
    expect(state.comments.map((comment) => comment.key)).toEqual(['hn:30']);
    expect(state.tags.map((tag) => tag.name)).toEqual(['kept']);
    expect(state.previousVisit).toEqual({ lastVisitedAt: T1, seenCommentKeys: ['hn:30'] });
    expect(console.warn).toHaveBeenCalledOnce();
    // Nothing of the visit was half written: the next one still finds the last that was.
    expect(await db.get('threads', thread.key)).toMatchObject({ lastVisitedAt: T1 });
    expect((await db.get('threadStats', thread.key))?.activityAt).toBe(T1);
  });

  it('moves a visited thread up the list without recounting it', async () => {
    const db = await freshDatabase();
    await editComment(db, commentRef('40'), [...addTags('a'), setNote('n')], T0);
    const before = await db.get('threadStats', thread.key);
    await openPage(
      db,
      { threadKeys: [], userKeys: [], usersOf: null, visit: { thread, commentKeys: [] } },
      T1,
    );
    expect(await db.get('threadStats', thread.key)).toEqual({
      ...before,
      activityAt: T1,
      tagKeys: [`a\u0000${T1}\u0000${thread.key}`],
      siteTagKeys: [`hn\u0000a\u0000${T1}\u0000${thread.key}`],
    });
  });

  it('summarises a thread from its index', async () => {
    const db = await freshDatabase();
    await editComment(db, commentRef('20'), [...addTags('a'), setNote('n')], T0);
    await editComment(db, commentRef('21'), [setFold('collapsed')], T0);
    await editComment(db, commentRef('22'), [setNote('only a note')], T0);
    const summary = await threadSummary(db, thread.key);
    expect(summary.counts).toEqual({ annotated: 3, tagged: 1, noted: 2, collapsed: 1, hidden: 0 });
    expect(summary.thread).toMatchObject({ key: thread.key, title: thread.title });
    expect(summary.thread).not.toHaveProperty('seenCommentKeys');
    expect((await threadSummary(db, 'hn:0')).thread).toBeNull();
  });
});
