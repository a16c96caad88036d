/**
 * One sync run: local changes are sealed into a local PouchDB, which replicates once each way with
 * the server (never a live feed, which a stopped worker would cut), and what came back (new
 * records, and conflicting revisions merged) is written into the store. Each step keeps its place
 * in IndexedDB or PouchDB, so a run cut anywhere is finished by the next, with nothing twice.
 */
import type { PouchDatabase, PouchDoc, PouchStatic } from 'pouchdb-core';
import type { ThreadnoteDB } from '../schema';
import { applyIncoming, type Applied, type Incoming } from './apply';
import { logId, type SyncKind, type SyncLogEntry, type SyncedRecords } from './changelog';
import { documentId, seal, unseal, type Sealed, type SyncKeys } from './crypto';
import { canonical, mergePayloads } from './merge';
import { advance, toRecord, type Payload } from './payload';
import { describeFailure, remoteDatabase, type SyncTarget } from './remote';

const BATCH = 500;
/** Old revisions kept per document: enough for replication to find common ancestors. */
export const REVS_LIMIT = 20;
const RECORD_ID = /^[0-9a-f]{64}$/;

export interface SyncProgress {
  phase: 'sending' | 'replicating' | 'receiving';
  done: number;
}

export interface SyncRunDeps {
  db: ThreadnoteDB;
  Pouch: PouchStatic;
  /** `indexeddb` in the browser; tests may use another. */
  localAdapter: string;
  /** Put before the local sync database's name: tests keep several devices in one process. */
  localPrefix?: string;
  now: () => string;
  onProgress?: (progress: SyncProgress) => void;
}

/** Where the last run stopped, per local sync database, kept in `syncMeta`. */
interface Cursor {
  local: string;
  /** Every record was sent once (the first sync of a profile). */
  sentAll: boolean;
  seq: number | string;
}

export interface SyncRunResult {
  sent: number;
  received: number;
  merged: number;
  applied: Applied;
}

export async function localName(keys: SyncKeys, target: SyncTarget): Promise<string> {
  const id = await documentId(keys, `local:${target.url}|${target.database}`);
  return `threadnote-sync-${id.slice(0, 16)}`;
}

const STORE_OF: Record<SyncKind, 'comments' | 'users' | 'tags' | 'threads' | 'settings'> = {
  comment: 'comments',
  user: 'users',
  tag: 'tags',
  thread: 'threads',
  settings: 'settings',
};

type Change = Pick<SyncLogEntry, 'kind' | 'key' | 'base' | 'at'> & { rev?: number };

/**
 * Seals a batch of local changes over what the local sync database holds for them. Returns how
 * many were sent, and the records of changes that changed nothing there (a tag removed that was
 * not on): those are written back as the document has them, so every device holds the same.
 */
async function sendBatch(
  deps: SyncRunDeps,
  local: PouchDatabase,
  keys: SyncKeys,
  changes: readonly Change[],
): Promise<{ sent: number; unchanged: Incoming[] }> {
  const ids = await Promise.all(changes.map((c) => documentId(keys, logId(c.kind, c.key))));
  const tx = deps.db.transaction(['comments', 'users', 'tags', 'threads', 'settings'], 'readonly');
  const currents = await Promise.all(
    changes.map((c) => tx.objectStore(STORE_OF[c.kind]).get(c.key as never)),
  );
  const { rows } = await local.allDocs({ keys: ids, include_docs: true });
  const docs: PouchDoc[] = [];
  const unchanged: Incoming[] = [];
  for (const [index, change] of changes.entries()) {
    const row = rows[index];
    const stored = row?.doc ?? null;
    const prev = stored ? await openDoc(keys, stored) : null;
    const current = (currents[index] ?? null) as SyncedRecords[SyncKind] | null;
    const payload = advance(change.kind, change.key, prev, change.base, current, change.at);
    if (prev && canonical(prev) === canonical(payload)) {
      const record = toRecord(payload);
      if (canonical(record) !== canonical(current)) {
        unchanged.push({ kind: change.kind, key: change.key, record });
      }
      continue;
    }
    docs.push({
      _id: ids[index] as string,
      ...(stored?._rev ? { _rev: stored._rev } : {}),
      ...(await seal(keys, payload)),
    });
  }
  if (docs.length > 0) await local.bulkDocs(docs);
  return { sent: docs.length, unchanged };
}

async function openDoc(keys: SyncKeys, doc: PouchDoc): Promise<Payload | null> {
  if (doc._deleted || typeof doc['iv'] !== 'string') return null;
  try {
    return await unseal<Payload>(keys, doc as unknown as Sealed);
  } catch {
    // Sealed under another key: not ours to read, and never written over by this device.
    return null;
  }
}

/** The time a record counts as changed at when it is sent whole (the first sync). */
function changedAt(kind: SyncKind, record: SyncedRecords[SyncKind]): string {
  const value = record as unknown as Partial<Record<string, unknown>>;
  const at = value['updatedAt'] ?? value['lastVisitedAt'] ?? value['createdAt'];
  return typeof at === 'string' ? at : kind === 'settings' ? '1970-01-01T00:00:00.000Z' : '';
}

/** Sends every record once, store by store, in key order, resuming after the last sent key. */
async function sendAll(deps: SyncRunDeps, local: PouchDatabase, keys: SyncKeys): Promise<number> {
  let sent = 0;
  for (const kind of ['tag', 'thread', 'comment', 'user', 'settings'] as const) {
    let after: string | null = null;
    for (;;) {
      const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
      const tx = deps.db.transaction(STORE_OF[kind], 'readonly');
      const store = tx.objectStore(STORE_OF[kind]);
      const [records, recordKeys]: [unknown[], IDBValidKey[]] = await Promise.all([
        store.getAll(range, BATCH),
        store.getAllKeys(range, BATCH),
      ]);
      if (records.length === 0) break;
      const changes = records.map((record, index) => ({
        kind,
        key: String(recordKeys[index]),
        base: null,
        at: changedAt(kind, record as SyncedRecords[SyncKind]),
      }));
      const batch = await sendBatch(deps, local, keys, changes);
      sent += batch.sent;
      await applyIncoming(deps.db, batch.unchanged, deps.now());
      deps.onProgress?.({ phase: 'sending', done: sent });
      after = String(recordKeys.at(-1));
      if (records.length < BATCH) break;
    }
  }
  return sent;
}

/** Sends the change log, removing each entry that did not change again meanwhile. */
async function sendLog(deps: SyncRunDeps, local: PouchDatabase, keys: SyncKeys): Promise<number> {
  let sent = 0;
  let after: string | null = null;
  for (;;) {
    const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
    const entries: SyncLogEntry[] = await deps.db.getAll('syncLog', range, BATCH);
    if (entries.length === 0) break;
    const batch = await sendBatch(deps, local, keys, entries);
    sent += batch.sent;
    const tx = deps.db.transaction('syncLog', 'readwrite');
    await Promise.all(
      entries.map(async (entry) => {
        const now = await tx.store.get(entry.id);
        if (now?.rev === entry.rev) await tx.store.delete(entry.id);
      }),
    );
    await tx.done;
    await applyIncoming(deps.db, batch.unchanged, deps.now());
    deps.onProgress?.({ phase: 'sending', done: sent });
    after = entries.at(-1)?.id ?? null;
    if (entries.length < BATCH) break;
  }
  return sent;
}

/** Merges a document's conflicting revisions into one, and removes the losing ones. */
async function resolve(
  local: PouchDatabase,
  keys: SyncKeys,
  doc: PouchDoc,
): Promise<{ payload: Payload | null; merged: boolean }> {
  const winner = await openDoc(keys, doc);
  const losers = doc._conflicts ?? [];
  if (losers.length === 0) return { payload: winner, merged: false };
  const revisions = await Promise.all(losers.map((rev) => local.get(doc._id, { rev })));
  const payloads = (await Promise.all(revisions.map((rev) => openDoc(keys, rev)))).filter(
    (payload): payload is Payload => payload !== null,
  );
  if (winner) payloads.push(winner);
  if (payloads.length === 0) return { payload: null, merged: false };
  const merged = mergePayloads(payloads);
  const writes: PouchDoc[] = losers.map((rev) => ({ _id: doc._id, _rev: rev, _deleted: true }));
  // Writing an unchanged merge would only start another round of conflicts between devices.
  if (!winner || canonical(winner) !== canonical(merged)) {
    writes.push({ _id: doc._id, _rev: doc._rev, ...(await seal(keys, merged)) });
  }
  await local.bulkDocs(writes);
  return { payload: merged, merged: true };
}

/** Reads what changed in the local sync database since the last run, merged, into the store. */
async function receive(
  deps: SyncRunDeps,
  local: PouchDatabase,
  keys: SyncKeys,
  cursor: Cursor,
  applied: Applied,
): Promise<{ received: number; merged: number }> {
  let received = 0;
  let merged = 0;
  for (;;) {
    const { results, last_seq } = await local.changes({
      since: cursor.seq,
      limit: BATCH,
      include_docs: true,
      conflicts: true,
    });
    const incoming: Incoming[] = [];
    for (const change of results) {
      if (!RECORD_ID.test(change.id) || !change.doc || change.doc._deleted) continue;
      const result = await resolve(local, keys, change.doc);
      if (result.merged) merged++;
      if (!result.payload) continue;
      incoming.push({
        kind: result.payload.kind,
        key: result.payload.key,
        record: toRecord(result.payload),
      });
    }
    const batch = await applyIncoming(deps.db, incoming, deps.now());
    applied.comments.push(...batch.comments);
    applied.users.push(...batch.users);
    applied.vocabulary ||= batch.vocabulary;
    received += incoming.length;
    cursor.seq = last_seq;
    await deps.db.put('syncMeta', { ...cursor }, 'cursor');
    deps.onProgress?.({ phase: 'receiving', done: received });
    if (results.length < BATCH) break;
  }
  return { received, merged };
}

async function readCursor(db: ThreadnoteDB, local: string): Promise<Cursor> {
  const stored = (await db.get('syncMeta', 'cursor')) as Cursor | undefined;
  return stored?.local === local ? stored : { local, sentAll: false, seq: 0 };
}

/** One complete sync with the server, with keys from `unlock`. */
export async function syncOnce(
  deps: SyncRunDeps,
  target: SyncTarget,
  keys: SyncKeys,
): Promise<SyncRunResult> {
  const name = `${deps.localPrefix ?? ''}${await localName(keys, target)}`;
  const local = new deps.Pouch(name, {
    adapter: deps.localAdapter,
    revs_limit: REVS_LIMIT,
    auto_compaction: true,
  });
  const remote = remoteDatabase(deps.Pouch, target);
  try {
    const cursor = await readCursor(deps.db, name);
    let sent = 0;
    if (!cursor.sentAll) {
      sent += await sendAll(deps, local, keys);
      cursor.sentAll = true;
      await deps.db.put('syncMeta', { ...cursor }, 'cursor');
    }
    sent += await sendLog(deps, local, keys);
    await replicate(deps, local, remote);
    const applied: Applied = { comments: [], users: [], vocabulary: false };
    const { received, merged } = await receive(deps, local, keys, cursor, applied);
    // Merges are new revisions: the server gets them now rather than at the next run.
    if (merged > 0) await replicate(deps, local, remote, 'to');
    return { sent, received, merged, applied };
  } catch (error) {
    throw describeFailure(error);
  } finally {
    await Promise.all([local.close(), remote.close()]).catch(() => undefined);
  }
}

async function replicate(
  deps: SyncRunDeps,
  local: PouchDatabase,
  remote: PouchDatabase,
  only?: 'to',
): Promise<void> {
  let done = 0;
  const report = (info: { docs_written: number }) => {
    done += info.docs_written;
    deps.onProgress?.({ phase: 'replicating', done });
  };
  const options = { batch_size: BATCH, retry: false } as const;
  await local.replicate.to(remote, options).on('change', report);
  if (only !== 'to') await local.replicate.from(remote, options).on('change', report);
}
