import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { CommentAnnotation, UserAnnotation } from '../shared/model';
import { commentEntry, userEntry } from './search';

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
];
