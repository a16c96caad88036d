/**
 * DESIGN.md's promise, over generated stores: export, wipe, import, export again gives the same
 * document but for `exportedAt`, byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportText } from '../../src/background/export';
import { importText } from '../../src/background/import';
import { wipeAll } from '../../src/background/store';
import {
  FOLDS,
  isEmptyUser,
  parseTagName,
  type CommentAnnotation,
  type Tag,
  type ThreadRecord,
  type UserAnnotation,
} from '../../src/shared/model';
import { dumpStore, fillStore } from './fixture-store';
import { freshDatabase } from './helpers';

const SITES = ['hn', 'lobsters', 'reddit', 'discourse/meta.discourse.org'];

const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ maxLength, unit: 'grapheme' }),
    fc.string({ maxLength, unit: 'binary' }),
    fc.constantFrom('', '=1+1', '<img src=x>', '[a](javascript:x)', 'line\r\nbreak\n\n# h'),
  );

const time = fc
  .date({
    min: new Date('2000-01-01T00:00:00.000Z'),
    max: new Date('2099-12-31T23:59:59.999Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());

const tagName = fc
  .oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }))
  .map((raw) => parseTagName(raw))
  .filter((parsed) => parsed.ok)
  .map((parsed) => (parsed.ok ? parsed.name : ''));

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);

const tag: fc.Arbitrary<Tag> = fc.record({
  name: tagName,
  color: fc.stringMatching(/^#[0-9a-f]{6}$/),
  description: anyText(200),
  createdAt: time,
});

interface GeneratedStore {
  tags: Tag[];
  threads: ThreadRecord[];
  comments: CommentAnnotation[];
  users: UserAnnotation[];
}

const store: fc.Arbitrary<GeneratedStore> = fc
  .record({
    tags: fc.uniqueArray(tag, { selector: (t) => t.name, maxLength: 8 }),
    threads: fc.uniqueArray(
      fc.record({
        site: fc.constantFrom(...SITES),
        id,
        title: anyText(120),
        url: fc.webUrl({ withQueryParameters: true, withFragments: true }),
        firstVisitedAt: time,
        lastVisitedAt: time,
        seen: fc.array(id, { maxLength: 5 }),
      }),
      { selector: (t) => `${t.site}:${t.id}`, minLength: 1, maxLength: 5 },
    ),
  })
  .chain(({ tags, threads }) => {
    const threadRecords: ThreadRecord[] = threads.map((t) => ({
      key: `${t.site}:${t.id}`,
      title: t.title,
      url: t.url,
      firstVisitedAt: t.firstVisitedAt,
      lastVisitedAt: t.lastVisitedAt,
      seenCommentKeys: t.seen.map((seen) => `${t.site}:${seen}`),
    }));
    const tagNames = tags.map((t) => t.name);
    const tagSubset =
      tagNames.length > 0
        ? fc.uniqueArray(fc.constantFrom(...tagNames), { maxLength: 4 })
        : fc.constant<string[]>([]);
    const comment = fc
      .record({
        thread: fc.constantFrom(...threadRecords),
        id,
        author: anyText(30),
        url: fc.webUrl(),
        quote: anyText(280),
        note: anyText(400),
        tags: tagSubset,
        fold: fc.constantFrom(...FOLDS),
        createdAt: time,
        updatedAt: time,
      })
      .map(({ thread, id: commentId, ...rest }): CommentAnnotation => ({
        key: `${thread.key.slice(0, thread.key.lastIndexOf(':'))}:c${commentId}`,
        thread: thread.key,
        ...rest,
      }))
      // Threadnote never keeps an annotation with nothing in it.
      .filter((c) => c.note !== '' || c.tags.length > 0 || c.fold !== 'none');
    const user = fc
      .record({
        site: fc.constantFrom(...SITES),
        name: id,
        tags: tagSubset,
        note: anyText(300),
        createdAt: time,
        updatedAt: time,
      })
      .map(({ site, ...rest }): UserAnnotation => ({
        key: `${site}:${rest.name}`,
        ...rest,
      }));
    return fc.record({
      tags: fc.constant(tags),
      threads: fc.constant(threadRecords),
      comments: fc.uniqueArray(comment, { selector: (c) => c.key, maxLength: 25 }),
      users: fc.uniqueArray(user, { selector: (u) => u.key, maxLength: 6 }),
    });
  });

const FIRST = '2026-11-29T10:00:00.000Z';
const SECOND = '2027-01-02T03:04:05.006Z';

describe('export → wipe → import → export', () => {
  it('gives the same document but for exportedAt, for any store', async () => {
    await fc.assert(
      fc.asyncProperty(store, async (generated) => {
        const db = await freshDatabase();
        await fillStore(db, generated);
        const first = await exportText(db, 'json', null, FIRST);
        const index = await db.getAll('search');
        await wipeAll(db);
        expect(await db.count('comments')).toBe(0);
        const outcome = await importText(db, first, 'apply', SECOND);
        expect(outcome.kind).toBe('done');
        const second = await exportText(db, 'json', null, SECOND);
        expect(second).toBe(first.replace(`"exportedAt": "${FIRST}"`, `"exportedAt": "${SECOND}"`));
        // The search index is rebuilt as it was.
        expect(await db.getAll('search')).toEqual(index);
        // And importing it again changes nothing at all.
        const dump = await dumpStore(db);
        await importText(db, second, 'apply', SECOND);
        expect(await dumpStore(db)).toBe(dump);
        db.close();
      }),
      { numRuns: 150 },
    );
    // 150 imports, each now also writing sync's change log: more than the default 5 s when the
    // whole suite shares the machine's cores.
  }, 30_000);

  it('is the same with note versions kept in the store, which no export writes', async () => {
    const kept = fc.array(
      fc.record({ note: anyText(50).filter((note) => note !== ''), updatedAt: time }),
      { minLength: 1, maxLength: 5 },
    );
    await fc.assert(
      fc.asyncProperty(store, fc.infiniteStream(fc.option(kept)), async (generated, picks) => {
        const plain = await freshDatabase();
        await fillStore(plain, generated);
        const withKept = await freshDatabase();
        const comments: CommentAnnotation[] = [];
        const users: UserAnnotation[] = [];
        const empty = { note: '', tags: [] };
        // Some records get kept versions; each of those has a twin holding nothing else.
        for (const comment of generated.comments) {
          const conflicts = picks.next().value;
          comments.push(conflicts ? { ...comment, conflicts } : comment);
          if (conflicts) {
            const twin = {
              ...comment,
              ...empty,
              key: `${comment.key}~kept`,
              fold: 'none' as const,
            };
            comments.push({ ...twin, conflicts });
          }
        }
        for (const user of generated.users) {
          // Versions are only ever kept on a record that holds something (this generator also
          // makes users holding nothing, which an import may bring).
          const conflicts = isEmptyUser(user) ? null : picks.next().value;
          users.push(conflicts ? { ...user, conflicts } : user);
          if (conflicts) users.push({ ...user, ...empty, key: `${user.key}~kept`, conflicts });
        }
        await fillStore(withKept, { ...generated, comments, users });
        for (const format of ['json', 'markdown', 'csv'] as const) {
          const selection = { threads: generated.threads.map((thread) => thread.key), tags: [] };
          expect(await exportText(withKept, format, selection, FIRST)).toBe(
            await exportText(plain, format, selection, FIRST),
          );
        }
        const json = await exportText(withKept, 'json', null, FIRST);
        expect(json).toBe(await exportText(plain, 'json', null, FIRST));
        expect((await importText(await freshDatabase(), json, 'apply', SECOND)).kind).toBe('done');
        plain.close();
        withKept.close();
      }),
      { numRuns: 40 },
    );
  }, 30_000);
});
