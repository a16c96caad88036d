import { describe, expect, it } from 'vitest';
import { exportText } from '../../src/background/export';
import { readDocument, type UpgradeStep } from '../../src/background/format';
import { importText, mergeDocument } from '../../src/background/import';
import { search } from '../../src/background/search';
import { openPage, wipeAll } from '../../src/background/store';
import { defaultTagColor, type ExportDocument } from '../../src/shared/model';
import {
  EMPTY_DUMP,
  EXPORTED_AT,
  dumpStore,
  fillFixtureStore,
  fillStore,
  fixtureComments,
  fixtureTags,
  fixtureThreads,
  insightfulTag,
  kimiThread,
  motoboiComment,
  motoboiUser,
} from './fixture-store';
import { freshDatabase } from './helpers';

const LATER = '2026-12-01T10:00:00.000Z';
const EARLIER = '2026-10-01T10:00:00.000Z';

function emptyDocument(): ExportDocument {
  return {
    format: 'threadnote',
    version: 1,
    exportedAt: EXPORTED_AT,
    tags: [],
    threads: [],
    comments: [],
    users: [],
  };
}

async function fixtureExport(): Promise<string> {
  const db = await freshDatabase();
  await fillFixtureStore(db);
  return exportText(db, 'json', null, EXPORTED_AT);
}

describe('import', () => {
  it('restores an export into an empty store, and says everything is new', async () => {
    const text = await fixtureExport();
    const db = await freshDatabase();
    const outcome = await importText(db, text, 'apply', LATER);
    expect(outcome).toEqual({
      kind: 'done',
      summary: {
        exportedAt: EXPORTED_AT,
        tags: { total: 5, new: 5, updated: 0, unchanged: 0, older: 0 },
        threads: { total: 3, new: 3, updated: 0, unchanged: 0, older: 0 },
        comments: { total: 5, new: 5, updated: 0, unchanged: 0, older: 0 },
        users: { total: 2, new: 2, updated: 0, unchanged: 0, older: 0 },
      },
    });
    expect(await exportText(db, 'json', null, EXPORTED_AT)).toBe(text);
    // Imported threads have no record of what was seen: the next visit marks nothing as new.
    expect((await db.get('threads', 'hn:44533403'))?.seenCommentKeys).toEqual([]);
    const visit = await openPage(
      db,
      {
        threadKeys: ['hn:44533403'],
        userKeys: [],
        usersOf: null,
        visit: {
          thread: kimiThread,
          commentKeys: ['hn:44536000'],
        },
      },
      LATER,
    );
    expect(visit.previousVisit).toBeNull();
    expect(visit.comments).toHaveLength(3);
  });

  it('previews exactly what it would write, and writes nothing', async () => {
    const text = await fixtureExport();
    const db = await freshDatabase();
    await fillStore(db, { comments: [{ ...motoboiComment, updatedAt: LATER }] });
    const before = await dumpStore(db);
    const preview = await importText(db, text, 'preview', LATER);
    expect(await dumpStore(db)).toBe(before);
    const applied = await importText(db, text, 'apply', LATER);
    expect(preview.kind).toBe('preview');
    expect(applied.kind).toBe('done');
    if (preview.kind === 'preview' && applied.kind === 'done') {
      expect(preview.summary).toEqual(applied.summary);
      expect(preview.summary.comments).toEqual({
        total: 5,
        new: 4,
        updated: 0,
        unchanged: 0,
        older: 1,
      });
    }
  });

  it('imports the same file twice without changing anything the second time', async () => {
    const text = await fixtureExport();
    const db = await freshDatabase();
    await importText(db, text, 'apply', LATER);
    const once = await dumpStore(db);
    const again = await importText(db, text, 'apply', LATER);
    expect(await dumpStore(db)).toBe(once);
    expect(again.kind === 'done' && again.summary.comments).toEqual({
      total: 5,
      new: 0,
      updated: 0,
      unchanged: 5,
      older: 0,
    });
  });

  it('keeps the newer of two versions of a comment or user', async () => {
    const db = await freshDatabase();
    const [a, b, c] = fixtureComments.slice(0, 3).map((comment) => ({ ...comment }));
    if (!a || !b || !c) throw new Error('the fixture has three comments');
    await fillStore(db, {
      threads: fixtureThreads,
      comments: [
        { ...a, note: 'mine, newer', updatedAt: LATER },
        { ...b, note: 'mine, older', updatedAt: EARLIER },
        { ...c, note: 'mine, same time' },
      ],
      users: [{ ...motoboiUser, note: 'mine, older', updatedAt: EARLIER }],
    });
    const document = emptyDocument();
    document.threads = fixtureThreads.map(({ seenCommentKeys: _seen, ...thread }) => thread);
    document.comments = [
      { ...a, note: 'theirs, older', updatedAt: EXPORTED_AT },
      { ...b, note: 'theirs, newer', updatedAt: EXPORTED_AT },
      { ...c, note: 'theirs, same time' },
    ];
    document.users = [{ ...motoboiUser, note: 'theirs, newer' }];
    const summary = await mergeDocument(db, document, true, LATER);
    expect(summary.comments).toEqual({ total: 3, new: 0, updated: 1, unchanged: 1, older: 1 });
    expect(summary.users).toEqual({ total: 1, new: 0, updated: 1, unchanged: 0, older: 0 });
    expect((await db.get('comments', a.key))?.note).toBe('mine, newer');
    expect((await db.get('comments', b.key))?.note).toBe('theirs, newer');
    expect((await db.get('comments', c.key))?.note).toBe('mine, same time');
    expect((await db.get('users', 'hn:motoboi'))?.note).toBe('theirs, newer');
  });

  it('keeps the search index in step: imported words are found, replaced ones are not', async () => {
    const db = await freshDatabase();
    await fillStore(db, {
      threads: fixtureThreads,
      comments: [{ ...motoboiComment, note: 'about the licence', updatedAt: EARLIER }],
      users: [{ ...motoboiUser, note: 'maintainer of zlib', updatedAt: EARLIER }],
    });
    const document = emptyDocument();
    document.threads = [kimiThread].map(({ seenCommentKeys: _seen, ...thread }) => thread);
    document.comments = [{ ...motoboiComment, note: 'asked about benchmarks' }];
    document.users = [{ ...motoboiUser, note: 'works on compilers' }];
    await importText(db, JSON.stringify(document), 'preview', LATER);
    expect((await search(db, 'licence', 10)).map((r) => r.key)).toEqual([motoboiComment.key]);
    expect((await importText(db, JSON.stringify(document), 'apply', LATER)).kind).toBe('done');
    expect(await search(db, 'licence', 10)).toEqual([]);
    expect(await search(db, 'zlib', 10)).toEqual([]);
    expect((await search(db, 'benchm', 10)).map((r) => r.key)).toEqual([motoboiComment.key]);
    expect((await search(db, 'compilers', 10)).map((r) => [r.kind, r.key])).toEqual([
      ['user', motoboiUser.key],
    ]);
  });

  it('merges threads by visit: earliest first visit, latest last visit and its title', async () => {
    const db = await freshDatabase();
    const mine = kimiThread;
    await fillStore(db, { threads: [mine] });
    const document = emptyDocument();
    document.threads = [
      {
        key: mine.key,
        title: 'Renamed since',
        url: `${mine.url}&p=2`,
        firstVisitedAt: EARLIER,
        lastVisitedAt: LATER,
      },
    ];
    const summary = await mergeDocument(db, document, true, LATER);
    expect(summary.threads).toMatchObject({ total: 1, updated: 1 });
    expect(await db.get('threads', mine.key)).toEqual({
      ...mine,
      title: 'Renamed since',
      url: `${mine.url}&p=2`,
      firstVisitedAt: EARLIER,
      lastVisitedAt: LATER,
    });

    document.threads = document.threads.map((t) => ({
      ...t,
      title: 'Older title',
      lastVisitedAt: EARLIER,
    }));
    await mergeDocument(db, document, true, LATER);
    expect((await db.get('threads', mine.key))?.title).toBe('Renamed since');
  });

  it('keeps tag colours and descriptions chosen here, and fills in defaults', async () => {
    const db = await freshDatabase();
    await fillStore(db, {
      tags: [
        { name: 'chosen', color: '#111111', description: 'mine', createdAt: EXPORTED_AT },
        {
          name: 'default',
          color: defaultTagColor('default'),
          description: '',
          createdAt: EXPORTED_AT,
        },
      ],
    });
    const document = emptyDocument();
    document.tags = [
      { name: 'chosen', color: '#222222', description: 'theirs', createdAt: EARLIER },
      { name: 'default', color: '#333333', description: 'theirs', createdAt: LATER },
    ];
    const summary = await mergeDocument(db, document, true, LATER);
    expect(summary.tags).toEqual({ total: 2, new: 0, updated: 2, unchanged: 0, older: 0 });
    expect(await db.get('tags', 'chosen')).toEqual({
      name: 'chosen',
      color: '#111111',
      description: 'mine',
      createdAt: EARLIER,
    });
    expect(await db.get('tags', 'default')).toEqual({
      name: 'default',
      color: '#333333',
      description: 'theirs',
      createdAt: EXPORTED_AT,
    });
  });

  it('creates tags that records use but the file does not define', async () => {
    const db = await freshDatabase();
    await fillStore(db, { tags: [insightfulTag] });
    const document = emptyDocument();
    document.threads = [kimiThread].map(({ seenCommentKeys: _s, ...thread }) => thread);
    document.comments = [{ ...motoboiComment, tags: ['insightful', 'undefined-here'] }];
    const summary = await mergeDocument(db, document, true, LATER);
    expect(summary.tags).toEqual({ total: 1, new: 1, updated: 0, unchanged: 0, older: 0 });
    expect(await db.get('tags', 'undefined-here')).toEqual({
      name: 'undefined-here',
      color: defaultTagColor('undefined-here'),
      description: '',
      createdAt: LATER,
    });
    expect(await db.get('tags', 'insightful')).toEqual(fixtureTags[0]);
  });

  it('aborts its one transaction on any failure, leaving the store as it was', async () => {
    const text = await fixtureExport();
    const db = await freshDatabase();
    await fillStore(db, { tags: [{ ...insightfulTag, description: '' }] });
    const before = await dumpStore(db);
    let calls = 0;
    await expect(
      importText(db, text, 'apply', LATER, () => {
        calls++;
        if (calls === 3) throw new Error('the tab was closed');
      }),
    ).rejects.toThrow('the tab was closed');
    expect(await dumpStore(db)).toBe(before);
    await wipeAll(db);
    expect(await dumpStore(db)).toBe(EMPTY_DUMP);
  });
});

describe('format versions', () => {
  it('refuses a newer version and says what to do', async () => {
    const document = { ...emptyDocument(), version: 2 };
    expect(readDocument(document)).toEqual({
      ok: false,
      problems: [
        {
          where: 'document',
          message:
            'It was made by a newer Threadnote (format version 2); this one reads versions up to 1. Update Threadnote, then import the file again.',
        },
      ],
    });
  });

  it('refuses files that are not Threadnote exports, and unknown versions', () => {
    const problemOf = (value: unknown) => {
      const result = readDocument(value);
      return result.ok ? null : result.problems[0]?.message;
    };
    expect(problemOf([1, 2])).toMatch(/not a Threadnote export: the file holds a list/);
    expect(problemOf({ ...emptyDocument(), format: 'res' })).toMatch(/“format” is the text “res”/);
    expect(problemOf({ ...emptyDocument(), version: '1' })).toMatch(/whole number/);
    expect(problemOf({ ...emptyDocument(), version: 1.5 })).toMatch(/whole number/);
    expect(problemOf({ ...emptyDocument(), version: -1 })).toMatch(/version -1 is not one/);
  });

  it('reads an older version through its upgrade steps', () => {
    // As a future version will: a step keyed by the version it reads, here a made-up version 0
    // whose comments called their note "text".
    const steps: Record<number, UpgradeStep> = {
      0: (document) => ({
        ...document,
        version: 1,
        comments: (document.comments as Record<string, unknown>[]).map(({ text, ...rest }) => ({
          ...rest,
          note: text,
        })),
      }),
    };
    const { note, ...comment } = motoboiComment;
    const thread = kimiThread;
    const v0 = {
      ...emptyDocument(),
      version: 0,
      threads: [
        {
          key: thread.key,
          title: thread.title,
          url: thread.url,
          firstVisitedAt: thread.firstVisitedAt,
          lastVisitedAt: thread.lastVisitedAt,
        },
      ],
      comments: [{ ...comment, text: note }],
    };
    const read = readDocument(v0, steps);
    expect(read.ok && read.document.comments[0]?.note).toBe(note);
    expect(readDocument(v0)).toEqual({
      ok: false,
      problems: [
        { where: 'document', message: 'Format version 0 is not one this Threadnote can read.' },
      ],
    });
  });
});
