/**
 * Writes records that arrived by sync into the store, through the same code as local edits: the
 * search index, thread counts and missing tag definitions follow in the same transaction. A record
 * with a local change not yet sent is left alone: the next sync sends the change, merged with what
 * arrived, and brings the result back here.
 */
import type {
  CommentAnnotation,
  Settings,
  Tag,
  ThreadRecord,
  UserAnnotation,
} from '../../shared/model';
import { committed } from '../db';
import { createMissingTags } from '../edits';
import type { ThreadnoteDB } from '../schema';
import { indexComment, indexUser } from '../search';
import { refreshThreadStats, statsStores } from '../thread-stats';
import { logId, type SyncKind, type SyncedRecords } from './changelog';

export interface Incoming<K extends SyncKind = SyncKind> {
  kind: K;
  key: string;
  record: SyncedRecords[K] | null;
}

/** What changed, for open tabs to show without a reload. */
export interface Applied {
  comments: { thread: string; key: string; annotation: CommentAnnotation | null }[];
  users: { key: string; annotation: UserAnnotation | null }[];
  /** Tags, threads or settings changed: pages read their state again. */
  vocabulary: boolean;
}

const STORES = [
  'comments',
  'users',
  'tags',
  'threads',
  'settings',
  'search',
  'threadStats',
  'syncLog',
] as const;

export async function applyIncoming(
  db: ThreadnoteDB,
  incoming: readonly Incoming[],
  now: string,
): Promise<Applied> {
  const tx = db.transaction([...STORES], 'readwrite');
  return committed(tx, async () => {
    const applied: Applied = { comments: [], users: [], vocabulary: false };
    const searchStore = tx.objectStore('search');
    const touchedThreads = new Set<string>();
    const created = new Map<string, Tag>();
    for (const { kind, key, record } of incoming) {
      if ((await tx.objectStore('syncLog').getKey(logId(kind, key))) !== undefined) continue;
      if (kind === 'comment') {
        const comments = tx.objectStore('comments');
        const existing = await comments.get(key);
        const next = record as CommentAnnotation | null;
        if (next) await comments.put(next);
        else if (existing) await comments.delete(key);
        else continue;
        await indexComment(searchStore, key, next);
        if (next) await createMissingTags(tx.objectStore('tags'), null, next.tags, now, created);
        const thread = next?.thread ?? existing?.thread ?? '';
        touchedThreads.add(thread);
        applied.comments.push({ thread, key, annotation: next });
      } else if (kind === 'user') {
        const users = tx.objectStore('users');
        const next = record as UserAnnotation | null;
        if (next) await users.put(next);
        else if ((await users.getKey(key)) !== undefined) await users.delete(key);
        else continue;
        await indexUser(searchStore, key, next);
        if (next) await createMissingTags(tx.objectStore('tags'), null, next.tags, now, created);
        applied.users.push({ key, annotation: next });
      } else if (kind === 'tag') {
        const tags = tx.objectStore('tags');
        if (record) await tags.put(record as Tag);
        else await tags.delete(key);
        applied.vocabulary = true;
      } else if (kind === 'thread') {
        if (record) await tx.objectStore('threads').put(record as ThreadRecord);
        else await tx.objectStore('threads').delete(key);
        touchedThreads.add(key);
      } else if (record) {
        await tx.objectStore('settings').put(record as Settings, 'settings');
        applied.vocabulary = true;
      }
    }
    if (created.size > 0) applied.vocabulary = true;
    await refreshThreadStats(statsStores(tx), touchedThreads);
    return applied;
  });
}
