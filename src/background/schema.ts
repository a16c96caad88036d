/**
 * The database's shape: its stores, their indexes and the records they hold. Every background
 * module types its reads and writes from here, so this module imports no other of them.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { SyncLogEntry } from './sync/changelog';
import type { Draft } from '../shared/messages';
import type {
  CommentAnnotation,
  Settings,
  Tag,
  ThreadCounts,
  ThreadRecord,
  UserAnnotation,
} from '../shared/model';

/** A record's entry in the search index (see search.ts). */
export interface SearchEntry {
  /** `comment:<key>` or `user:<key>`. */
  key: string;
  terms: string[];
  /**
   * `<term>\0<updatedAt>` per term, behind the multi-entry index searches walk: along it, the
   * entries holding a term come newest last, so the newest matches are the first read backwards.
   */
  timedTerms: string[];
  updatedAt: string;
}

/** A thread's counts, kept beside its records (see thread-stats.ts). */
export interface ThreadStats {
  thread: string;
  site: string;
  /** The later of the newest annotation change and the last visit: the list's order. */
  activityAt: string;
  counts: ThreadCounts;
  /** Tags on the thread's comments with how many comments carry each, most used first. */
  tags: { name: string; comments: number }[];
  /**
   * `<tag>\0<activityAt>\0<thread>` per tag, and the same after `<site>\0`: multi-entry indexes
   * cannot hold arrays, so these strings make "carrying this tag (on this site), newest first" one
   * walk along an index. Tag names and site keys never contain \0.
   */
  tagKeys: string[];
  siteTagKeys: string[];
}

/** The current shape of the database, as the last migration leaves it. */
export interface ThreadnoteSchema extends DBSchema {
  comments: {
    key: string;
    value: CommentAnnotation;
    indexes: { thread: string; tags: string; author: string; updatedAt: string };
  };
  users: {
    key: string;
    value: UserAnnotation;
    indexes: { tags: string; name: string; updatedAt: string };
  };
  tags: { key: string; value: Tag };
  settings: { key: 'settings'; value: Settings };
  search: {
    key: string;
    value: SearchEntry;
    indexes: { timedTerms: string; updatedAt: string };
  };
  drafts: { key: string; value: Draft };
  threads: {
    key: string;
    value: ThreadRecord;
    indexes: { lastVisitedAt: string };
  };
  syncLog: { key: string; value: SyncLogEntry };
  /** Sync settings, keys and state under the keys of `SyncMetaValues` (sync/config.ts). */
  syncMeta: { key: string; value: unknown };
  threadStats: {
    key: string;
    value: ThreadStats;
    indexes: {
      activity: [string, string];
      site: [string, string, string];
      tagActivity: string;
      siteTagActivity: string;
    };
  };
}

export type ThreadnoteDB = IDBPDatabase<ThreadnoteSchema>;
