/**
 * The change log: every local write of a synced record leaves an entry here, in the same
 * transaction, so a change made while the worker sleeps or the server is away is still sent on
 * the next sync. One entry per record: later writes keep the first entry's `base` (the record as
 * it was before the first unsent change), so a sync can tell which tags the reader added and
 * removed here, apart from what arrived from other devices meanwhile.
 */
import type {
  CommentAnnotation,
  Settings,
  Tag,
  ThreadRecord,
  UserAnnotation,
} from '../../shared/model';

export interface SyncedRecords {
  comment: CommentAnnotation;
  user: UserAnnotation;
  tag: Tag;
  thread: ThreadRecord;
  settings: Settings;
}
export type SyncKind = keyof SyncedRecords;
export const SYNC_KINDS: readonly SyncKind[] = ['comment', 'user', 'tag', 'thread', 'settings'];

export interface SyncLogEntry<K extends SyncKind = SyncKind> {
  /** `<kind>:<record key>`, one entry per record. */
  id: string;
  kind: K;
  key: string;
  /** The record before the first change not yet sent; null when it did not exist. */
  base: SyncedRecords[K] | null;
  /** When it was last changed. */
  at: string;
  /** Counts the changes, so a sync removes only entries that did not change while it ran. */
  rev: number;
}

export interface SyncLogStore {
  get(id: string): Promise<SyncLogEntry | undefined>;
  put(entry: SyncLogEntry): Promise<unknown>;
}

export function logId(kind: SyncKind, key: string): string {
  return `${kind}:${key}`;
}

/**
 * Records that `key` changed, inside the caller's readwrite transaction. `before` is the record
 * as the transaction found it (undefined or null when it did not exist).
 */
export async function logChange<K extends SyncKind>(
  store: SyncLogStore,
  kind: K,
  key: string,
  before: SyncedRecords[K] | null | undefined,
  now: string,
): Promise<void> {
  const id = logId(kind, key);
  const existing = await store.get(id);
  await store.put({
    id,
    kind,
    key,
    base: existing ? existing.base : (before ?? null),
    at: now,
    rev: (existing?.rev ?? 0) + 1,
  });
}
