import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { CommentAnnotation, ThreadRecord, UserAnnotation } from '../shared/model';
import { commentEntry, timedTermsOf, userEntry } from './search';
import { statsOf } from './thread-stats';

/**
 * Migration N (at index N - 1) takes a database from version N - 1 to version N. Migrations are
 * written against the untyped database on purpose: each one sees the schema its predecessors left,
 * not today's.
 */
export type Migration = (
  db: IDBPDatabase<unknown>,
  tx: IDBPTransaction<unknown, StoreNames<unknown>[], 'versionchange'>,
) => void;

export const migrations: readonly Migration[] = [
  // 1: the stores and indexes of DESIGN.md's data model.
  (db) => {
    const comments = db.createObjectStore('comments', { keyPath: 'key' });
    comments.createIndex('thread', 'thread');
    comments.createIndex('tags', 'tags', { multiEntry: true });
    comments.createIndex('author', 'author');
    comments.createIndex('updatedAt', 'updatedAt');

    const users = db.createObjectStore('users', { keyPath: 'key' });
    users.createIndex('tags', 'tags', { multiEntry: true });
    users.createIndex('name', 'name');
    users.createIndex('updatedAt', 'updatedAt');

    db.createObjectStore('tags', { keyPath: 'name' });

    const threads = db.createObjectStore('threads', { keyPath: 'key' });
    threads.createIndex('lastVisitedAt', 'lastVisitedAt');
  },
  // 2: the reader's settings (quick tags), one record under the key `settings`.
  (db) => {
    db.createObjectStore('settings');
  },
  // 3: the search index over notes, quotes, authors and tags, filled from the existing records;
  // and drafts of notes being written.
  (db, tx) => {
    const search = db.createObjectStore('search', { keyPath: 'key' });
    search.createIndex('terms', 'terms', { multiEntry: true });
    search.createIndex('updatedAt', 'updatedAt');
    db.createObjectStore('drafts', { keyPath: 'key' });
    void tx
      .objectStore('comments')
      .getAll()
      .then((records) => {
        for (const record of records) void search.put(commentEntry(record as CommentAnnotation));
      });
    void tx
      .objectStore('users')
      .getAll()
      .then((records) => {
        for (const record of records) void search.put(userEntry(record as UserAnnotation));
      });
  },
  // 4: per-thread counts for the all-threads list, newest activity first, within one site, one
  // tag or both, filled from the existing annotations and visits.
  (db, tx) => {
    const stats = db.createObjectStore('threadStats', { keyPath: 'thread' });
    stats.createIndex('activity', ['activityAt', 'thread']);
    stats.createIndex('site', ['site', 'activityAt', 'thread']);
    stats.createIndex('tagActivity', 'tagKeys', { multiEntry: true });
    stats.createIndex('siteTagActivity', 'siteTagKeys', { multiEntry: true });
    void Promise.all([
      tx.objectStore('comments').getAll(),
      tx.objectStore('threads').getAll(),
    ]).then(([comments, threads]) => {
      const byThread = new Map<string, CommentAnnotation[]>();
      for (const comment of comments as CommentAnnotation[]) {
        const list = byThread.get(comment.thread) ?? [];
        list.push(comment);
        byThread.set(comment.thread, list);
      }
      const visits = new Map((threads as ThreadRecord[]).map((thread) => [thread.key, thread]));
      for (const [thread, list] of byThread) {
        const record = statsOf(thread, list, visits.get(thread));
        if (record) void stats.put(record);
      }
    });
  },
  // 5: search entries keep their terms with their date, behind one index, so the newest matches
  // of a word are read first and a search stops after a page of them.
  (_db, tx) => {
    const search = tx.objectStore('search');
    search.deleteIndex('terms');
    search.createIndex('timedTerms', 'timedTerms', { multiEntry: true });
    void search.openCursor().then(async function visit(cursor): Promise<void> {
      if (!cursor) return;
      const entry = cursor.value as { terms: string[]; updatedAt: string };
      await cursor.update({ ...entry, timedTerms: timedTermsOf(entry.terms, entry.updatedAt) });
      return visit(await cursor.continue());
    });
  },
  // 6: sync. `syncLog` holds one entry per record changed since it was last sent to the sync
  // database, written in the same transaction as the change, with the record as it was before
  // the first unsent change (see sync/changelog.ts); `syncMeta` holds the sync settings, keys
  // and state. Existing records need no entry: the first sync sends every record.
  (db) => {
    db.createObjectStore('syncLog', { keyPath: 'id' });
    db.createObjectStore('syncMeta');
  },
];
