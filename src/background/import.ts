/**
 * Import of a JSON export. The whole document is parsed and checked before anything is read from
 * the store; then it is merged in ONE transaction, so a failure, a stopped worker or a closed tab
 * leaves the store exactly as it was. A preview runs the same merge read-only and writes nothing.
 *
 * Merging, per kind of record:
 * - comments and users: by key; the newer `updatedAt` wins; when both are as recent, the record
 *   already here stays. Note versions kept here (`conflicts`, never exported) stay either way.
 * - threads: by key; first visit is the earlier of the two, last visit the later, and title and
 *   link come from the more recent visit (a title is never replaced by an empty one).
 * - tags: by name; a colour or description chosen here stays; one still at its default (the
 *   name's default colour, an empty description) takes the imported one. Tags that records use
 *   but the file does not define are created with their default colour.
 * Nothing is ever deleted by an import. Each comment and user written gets its search-index entry
 * in the same transaction, so search finds what was imported and nothing else.
 */
import type { IDBPTransaction } from 'idb';
import type { ImportOutcome, ImportProblem, ImportSummary, KindSummary } from '../shared/messages';
import {
  defaultTagColor,
  type CommentAnnotation,
  type ExportDocument,
  type ExportedThread,
  type Tag,
  type ThreadRecord,
  type UserAnnotation,
} from '../shared/model';
import type { ThreadnoteDB } from './schema';
import { parseDocument } from './format';
import type { ThreadnoteSchema } from './schema';
import { indexComment, indexUser } from './search';
import { logChange, type SyncKind } from './sync/changelog';
import { refreshThreadStats, statsStores } from './thread-stats';

/** More problems than this are counted, not listed: the first ones say what is wrong. */
export const MAX_PROBLEMS_LISTED = 200;
const BATCH = 2_000;
/** Beyond this many stored keys in a batch's range, each record is simply read by its key. */
const KEYS_PER_RANGE = 4 * BATCH;

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ImportProgress {
  phase: 'checking' | 'writing';
  done: number;
  total: number;
}

type Outcome = 'new' | 'updated' | 'unchanged' | 'older';
type RecordStore = 'tags' | 'threads' | 'comments' | 'users';
type Stores = (RecordStore | 'search' | 'threadStats' | 'syncLog')[];
/** What sync calls the records of each store (see sync/changelog.ts). */
const SYNC_KIND: Record<RecordStore, SyncKind> = {
  tags: 'tag',
  threads: 'thread',
  comments: 'comment',
  users: 'user',
};
type AnyTx = IDBPTransaction<ThreadnoteSchema, Stores, 'readonly' | 'readwrite'>;
type WriteTx = IDBPTransaction<ThreadnoteSchema, Stores, 'readwrite'>;

function emptySummary(): KindSummary {
  return { total: 0, new: 0, updated: 0, unchanged: 0, older: 0 };
}

function byTime(incoming: { updatedAt: string }, existing: { updatedAt: string }): Outcome {
  if (incoming.updatedAt > existing.updatedAt) return 'updated';
  return incoming.updatedAt < existing.updatedAt ? 'older' : 'unchanged';
}

function sameRecord(a: object, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function mergeTag(existing: Tag | undefined, incoming: Tag): [Tag, Outcome] {
  if (!existing) return [incoming, 'new'];
  const merged: Tag = {
    ...existing,
    color:
      existing.color.toLowerCase() === defaultTagColor(existing.name)
        ? incoming.color
        : existing.color,
    description: existing.description === '' ? incoming.description : existing.description,
    createdAt: incoming.createdAt < existing.createdAt ? incoming.createdAt : existing.createdAt,
  };
  return [merged, sameRecord(merged, existing) ? 'unchanged' : 'updated'];
}

export function mergeThread(
  existing: ThreadRecord | undefined,
  incoming: ExportedThread,
): [ThreadRecord, Outcome] {
  if (!existing) return [{ ...incoming, seenCommentKeys: [] }, 'new'];
  const newer = incoming.lastVisitedAt > existing.lastVisitedAt;
  const merged: ThreadRecord = {
    ...existing,
    title: (newer && incoming.title) || existing.title || incoming.title,
    url: newer ? incoming.url : existing.url,
    firstVisitedAt:
      incoming.firstVisitedAt < existing.firstVisitedAt
        ? incoming.firstVisitedAt
        : existing.firstVisitedAt,
    lastVisitedAt: newer ? incoming.lastVisitedAt : existing.lastVisitedAt,
  };
  return [merged, sameRecord(merged, existing) ? 'unchanged' : 'updated'];
}

export function mergeAnnotation<T extends CommentAnnotation | UserAnnotation>(
  existing: T | undefined,
  incoming: T,
): [T, Outcome] {
  if (!existing) return [incoming, 'new'];
  const outcome = byTime(incoming, existing);
  if (outcome !== 'updated') return [existing, outcome];
  // The imported note wins; a kept version with its very text would only repeat it.
  const conflicts = (existing.conflicts ?? []).filter((version) => version.note !== incoming.note);
  return [conflicts.length > 0 ? { ...incoming, conflicts } : incoming, outcome];
}

/** Tags that records use but the document does not define, at their defaults. */
function impliedTags(document: ExportDocument, now: string): Tag[] {
  const defined = new Set(document.tags.map((tag) => tag.name));
  const used = new Set<string>();
  for (const record of [...document.comments, ...document.users]) {
    for (const name of record.tags) if (!defined.has(name)) used.add(name);
  }
  return [...used].map((name) => ({
    name,
    color: defaultTagColor(name),
    description: '',
    createdAt: now,
  }));
}

/**
 * Merges the document into the store inside `tx`, writing only when `write` is set. Records are
 * read and written in batches; every request belongs to the one transaction.
 */
async function merge(
  tx: AnyTx,
  document: ExportDocument,
  write: boolean,
  now: string,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const implied = impliedTags(document, now);
  const total =
    document.tags.length +
    implied.length +
    document.threads.length +
    document.comments.length +
    document.users.length;
  let done = 0;
  const phase = write ? 'writing' : 'checking';

  const searchStore = write ? (tx as WriteTx).objectStore('search') : null;
  const log = write ? (tx as WriteTx).objectStore('syncLog') : null;

  async function run<S extends RecordStore, In, Out>(
    store: S,
    records: readonly In[],
    keyOf: (record: In) => string,
    decide: (existing: Out | undefined, incoming: In) => [Out, Outcome],
    summary: KindSummary,
    {
      countAs = (outcome) => outcome,
      indexRecord,
    }: {
      countAs?: (outcome: Outcome) => Outcome | null;
      /** Keeps the search index in step with a record written. */
      indexRecord?: (search: NonNullable<typeof searchStore>, record: Out) => Promise<void>;
    } = {},
  ): Promise<void> {
    const objectStore = tx.objectStore(store);
    const writable = write ? (tx as WriteTx).objectStore(store) : null;
    // In key order, a batch covers one key range: what the store holds there is known from its
    // keys alone, so records that are new cost no read (all of them, restoring a new profile).
    const ordered = [...records].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
    for (let start = 0; start < ordered.length; start += BATCH) {
      const slice = ordered.slice(start, start + BATCH);
      const first = keyOf(slice[0] as In);
      const last = keyOf(slice.at(-1) as In);
      const stored = await objectStore.getAllKeys(IDBKeyRange.bound(first, last), KEYS_PER_RANGE);
      const present = stored.length < KEYS_PER_RANGE ? new Set<string>(stored as string[]) : null;
      const existing = (await Promise.all(
        slice.map((r) =>
          present && !present.has(keyOf(r)) ? undefined : objectStore.get(keyOf(r)),
        ),
      )) as (Out | undefined)[];
      const puts: Promise<unknown>[] = [];
      slice.forEach((incoming, index) => {
        const [record, outcome] = decide(existing[index], incoming);
        const counted = countAs(outcome);
        if (counted) {
          summary.total++;
          summary[counted]++;
        }
        if (writable && (outcome === 'new' || outcome === 'updated')) {
          puts.push(writable.put(record as never));
          if (log) {
            const before = existing[index] as never;
            puts.push(logChange(log, SYNC_KIND[store], keyOf(incoming), before, now));
          }
          if (indexRecord && searchStore) puts.push(indexRecord(searchStore, record));
        }
      });
      await Promise.all(puts);
      done += slice.length;
      onProgress({ phase, done, total });
    }
  }

  const summary: ImportSummary = {
    exportedAt: document.exportedAt,
    tags: emptySummary(),
    threads: emptySummary(),
    comments: emptySummary(),
    users: emptySummary(),
  };
  const nameOf = (tag: Tag) => tag.name;
  const keyOf = (record: { key: string }) => record.key;
  await run('tags', document.tags, nameOf, mergeTag, summary.tags);
  // An implied tag only counts when it is created; one already here is simply used.
  await run(
    'tags',
    implied,
    nameOf,
    (existing: Tag | undefined, tag: Tag) => (existing ? [existing, 'unchanged'] : [tag, 'new']),
    summary.tags,
    { countAs: (outcome) => (outcome === 'new' ? 'new' : null) },
  );
  await run('threads', document.threads, keyOf, mergeThread, summary.threads);
  await run(
    'comments',
    document.comments,
    keyOf,
    mergeAnnotation<CommentAnnotation>,
    summary.comments,
    { indexRecord: (search, record) => indexComment(search, record.key, record) },
  );
  await run('users', document.users, keyOf, mergeAnnotation<UserAnnotation>, summary.users, {
    indexRecord: (search, record) => indexUser(search, record.key, record),
  });
  if (write) {
    await refreshThreadStats(statsStores(tx as WriteTx), [
      ...document.threads.map((thread) => thread.key),
      ...document.comments.map((comment) => comment.thread),
    ]);
  }
  return summary;
}

/** Runs the merge in one transaction; anything that throws aborts it, so nothing is kept. */
export async function mergeDocument(
  db: ThreadnoteDB,
  document: ExportDocument,
  write: boolean,
  now: string,
  onProgress: (progress: ImportProgress) => void = () => undefined,
): Promise<ImportSummary> {
  const stores: Stores = ['tags', 'threads', 'comments', 'users'];
  const tx = (
    write
      ? db.transaction([...stores, 'search', 'threadStats', 'syncLog'], 'readwrite')
      : db.transaction(stores, 'readonly')
  ) as AnyTx;
  // Observed here so an abort below is not also reported as an unhandled rejection.
  const finished = tx.done.then(
    () => null,
    (error: unknown) => error,
  );
  let summary: ImportSummary;
  try {
    summary = await merge(tx, document, write, now, onProgress);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by the failure itself: nothing was committed either way.
    }
    await finished;
    throw error;
  }
  const failure = await finished;
  if (failure) throw failure;
  return summary;
}

export function invalid(problems: ImportProblem[]): ImportOutcome {
  return {
    kind: 'invalid',
    problems: problems.slice(0, MAX_PROBLEMS_LISTED),
    more: Math.max(0, problems.length - MAX_PROBLEMS_LISTED),
  };
}

/** Checks a file's text and previews or applies it. Invalid documents never reach the store. */
export async function importText(
  db: ThreadnoteDB,
  text: string,
  mode: 'preview' | 'apply',
  now: string,
  onProgress: (progress: ImportProgress) => void = () => undefined,
): Promise<ImportOutcome> {
  const read = parseDocument(text);
  if (!read.ok) return invalid(read.problems);
  const summary = await mergeDocument(db, read.document, mode === 'apply', now, onProgress);
  return mode === 'apply' ? { kind: 'done', summary } : { kind: 'preview', summary };
}
