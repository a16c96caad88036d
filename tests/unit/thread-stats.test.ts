import { describe, expect, it } from 'vitest';
import type { ThreadnoteDB } from '../../src/background/schema';
import { mergeDocument } from '../../src/background/import';
import { editComments } from '../../src/background/edits';
import { openPage, wipeAll } from '../../src/background/store';
import { listThreads, listedSites } from '../../src/background/thread-stats';
import { deleteTag, mergeTags } from '../../src/background/vocabulary';
import type { ThreadListInput } from '../../src/shared/messages';
import type { ThreadRef } from '../../src/shared/model';
import type { CommentOp } from '../../src/shared/operations';
import { addTags, freshDatabase, setFold, setNote } from './helpers';

function at(minute: number): string {
  return new Date(Date.UTC(2026, 10, 29, 10, minute)).toISOString();
}

function threadRef(site: string, id: number): ThreadRef {
  return { key: `${site}:${id}`, title: `Thread ${id}`, url: `https://example.org/t/${id}` };
}

async function annotate(
  db: ThreadnoteDB,
  thread: ThreadRef,
  id: number,
  ops: CommentOp[],
  minute: number,
) {
  const site = thread.key.slice(0, thread.key.lastIndexOf(':'));
  const comment = {
    key: `${site}:${id}`,
    thread,
    author: 'alice',
    url: `https://example.org/c/${id}`,
    quote: 'quoted',
  };
  return editComments(db, [{ comment, ops }], at(minute));
}

const ALL: ThreadListInput = { site: null, tag: null, after: null, limit: 50 };

describe('the all-threads list', () => {
  it('keeps each thread’s counts and top tags in step with its annotations', async () => {
    const db = await freshDatabase();
    const story = threadRef('hn', 1);
    await annotate(db, story, 11, addTags('rust', 'ops'), 1);
    await annotate(db, story, 12, [...addTags('rust'), setNote('read later')], 2);
    await annotate(db, story, 13, [setFold('hidden')], 3);
    await annotate(db, story, 14, [setFold('collapsed')], 4);

    const page = await listThreads(db, ALL);
    expect(page).toEqual({
      total: 1,
      next: null,
      threads: [
        {
          key: 'hn:1',
          site: 'hn',
          title: 'Thread 1',
          url: 'https://example.org/t/1',
          activityAt: at(4),
          counts: { annotated: 4, tagged: 2, noted: 1, collapsed: 1, hidden: 1 },
          tags: [
            { name: 'rust', comments: 2, color: expect.stringMatching(/^#/) },
            { name: 'ops', comments: 1, color: expect.stringMatching(/^#/) },
          ],
          moreTags: 0,
        },
      ],
    });

    // Emptying every annotation takes the thread off the list.
    for (const id of [11, 12, 13, 14]) {
      const removals: CommentOp[] = [
        { op: 'tag.remove', tag: 'rust' },
        { op: 'tag.remove', tag: 'ops' },
        setNote('', 'read later'),
        setFold('none'),
      ];
      await annotate(db, story, id, removals, 5);
    }
    expect(await listThreads(db, ALL)).toEqual({ total: 0, next: null, threads: [] });
  });

  it('pages newest activity first, and a visit counts as activity', async () => {
    const db = await freshDatabase();
    for (let id = 1; id <= 7; id++) await annotate(db, threadRef('hn', id), id * 10, [], id);
    for (let id = 1; id <= 7; id++) {
      await annotate(db, threadRef('hn', id), id * 10, addTags('x'), id);
    }
    const first = await listThreads(db, { ...ALL, limit: 3 });
    expect(first.threads.map((t) => t.key)).toEqual(['hn:7', 'hn:6', 'hn:5']);
    expect(first.total).toBe(7);
    const second = await listThreads(db, { ...ALL, limit: 3, after: first.next });
    expect(second.threads.map((t) => t.key)).toEqual(['hn:4', 'hn:3', 'hn:2']);
    expect(second.total).toBeNull();
    const third = await listThreads(db, { ...ALL, limit: 3, after: second.next });
    expect(third.threads.map((t) => t.key)).toEqual(['hn:1']);
    expect(third.next).toBeNull();

    await openPage(
      db,
      {
        threadKeys: ['hn:2'],
        userKeys: [],
        usersOf: null,
        visit: { thread: threadRef('hn', 2), commentKeys: ['hn:20'] },
      },
      at(30),
    );
    const after = await listThreads(db, { ...ALL, limit: 2 });
    expect(after.threads.map((t) => t.key)).toEqual(['hn:2', 'hn:7']);
    expect(after.threads[0]?.activityAt).toBe(at(30));
    // The tag filter's keys follow the new activity too.
    const tagged = await listThreads(db, { ...ALL, tag: 'x', limit: 2 });
    expect(tagged.threads.map((t) => t.key)).toEqual(['hn:2', 'hn:7']);

    // A visit to a thread the page did not ask the annotations of is recounted from the store.
    await openPage(
      db,
      {
        threadKeys: [],
        userKeys: [],
        usersOf: null,
        visit: { thread: threadRef('hn', 5), commentKeys: ['hn:50'] },
      },
      at(40),
    );
    expect(
      (await listThreads(db, { ...ALL, tag: 'x', limit: 2 })).threads.map((t) => t.key),
    ).toEqual(['hn:5', 'hn:2']);
  });

  it('filters by site and by tag, each paged the same way', async () => {
    const db = await freshDatabase();
    await annotate(db, threadRef('hn', 1), 10, addTags('rust'), 1);
    await annotate(db, threadRef('lobsters', 2), 20, addTags('rust'), 2);
    await annotate(db, threadRef('discourse/forum.example.org', 3), 30, addTags('go'), 3);
    await annotate(db, threadRef('hn', 4), 40, addTags('go', 'rust'), 4);
    await annotate(db, threadRef('hn', 5), 50, [setNote('n')], 5);

    const keys = async (input: Partial<ThreadListInput>) =>
      (await listThreads(db, { ...ALL, ...input })).threads.map((t) => t.key);
    expect(await keys({ site: 'hn' })).toEqual(['hn:5', 'hn:4', 'hn:1']);
    expect(await keys({ site: 'discourse/forum.example.org' })).toEqual([
      'discourse/forum.example.org:3',
    ]);
    expect(await keys({ tag: 'rust' })).toEqual(['hn:4', 'lobsters:2', 'hn:1']);
    expect(await keys({ tag: 'rust', site: 'hn' })).toEqual(['hn:4', 'hn:1']);
    const byBoth = await listThreads(db, { ...ALL, tag: 'rust', site: 'hn', limit: 1 });
    expect(
      (await listThreads(db, { ...ALL, tag: 'rust', site: 'hn', after: byBoth.next })).threads.map(
        (t) => t.key,
      ),
    ).toEqual(['hn:1']);
    expect(await keys({ tag: 'nothing' })).toEqual([]);

    const bySite = await listThreads(db, { ...ALL, site: 'hn', limit: 2 });
    // Under a filter the list is not counted: that would read every entry it covers.
    expect(bySite.total).toBeNull();
    expect(
      (await listThreads(db, { ...ALL, site: 'hn', limit: 2, after: bySite.next })).threads.map(
        (t) => t.key,
      ),
    ).toEqual(['hn:1']);
    const byTag = await listThreads(db, { ...ALL, tag: 'rust', limit: 2 });
    expect(byTag.threads.map((t) => t.key)).toEqual(['hn:4', 'lobsters:2']);
    expect(
      (await listThreads(db, { ...ALL, tag: 'rust', limit: 2, after: byTag.next })).threads.map(
        (t) => t.key,
      ),
    ).toEqual(['hn:1']);

    expect(await listedSites(db)).toEqual(['discourse/forum.example.org', 'hn', 'lobsters']);
  });

  it('follows tag renames, merges and deletes, imports and a wipe', async () => {
    const db = await freshDatabase();
    await annotate(db, threadRef('hn', 1), 10, addTags('rust'), 1);
    await annotate(db, threadRef('hn', 1), 11, addTags('rustlang', 'ops'), 2);
    await annotate(db, threadRef('hn', 2), 20, addTags('ops'), 3);

    await mergeTags(db, ['rustlang'], 'rust', at(10));
    let [one] = (await listThreads(db, { ...ALL, site: 'hn', tag: 'rust' })).threads;
    expect(one?.tags.map((t) => [t.name, t.comments])).toEqual([
      ['rust', 2],
      ['ops', 1],
    ]);
    expect(one?.activityAt).toBe(at(10));

    await deleteTag(db, 'ops', at(11));
    expect((await listThreads(db, ALL)).threads.map((t) => t.key)).toEqual(['hn:1']);
    [one] = (await listThreads(db, ALL)).threads;
    expect(one?.counts.tagged).toBe(2);

    await mergeDocument(
      db,
      {
        format: 'threadnote',
        version: 1,
        exportedAt: at(20),
        tags: [],
        threads: [
          {
            key: 'lobsters:9',
            title: 'Imported',
            url: 'https://lobste.rs/s/9',
            firstVisitedAt: at(0),
            lastVisitedAt: at(25),
          },
        ],
        comments: [
          {
            key: 'lobsters:91',
            thread: 'lobsters:9',
            author: 'bob',
            url: 'https://lobste.rs/c/91',
            quote: 'q',
            note: 'imported note',
            tags: ['imported'],
            fold: 'none',
            createdAt: at(0),
            updatedAt: at(21),
          },
        ],
        users: [],
      },
      true,
      at(30),
    );
    const listed = await listThreads(db, ALL);
    expect(listed.threads.map((t) => [t.key, t.title, t.activityAt])).toEqual([
      ['lobsters:9', 'Imported', at(25)],
      ['hn:1', 'Thread 1', at(11)],
    ]);

    await wipeAll(db);
    expect(await listThreads(db, ALL)).toEqual({ total: 0, next: null, threads: [] });
    expect(await listedSites(db)).toEqual([]);
  });
});
