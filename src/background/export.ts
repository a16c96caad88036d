/**
 * Exports: the JSON, Markdown and CSV documents made from the records a plan (export-plan.ts)
 * takes. Records are read in key order, a batch at a time, and text leaves in chunks of about a
 * mebibyte, so an export of any size holds one batch and one chunk, plus the keys it will write.
 */
import type { RecordCounts } from '../shared/messages';
import type { ExportSelection } from '../shared/worker-streams';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  siteOfKey,
  type CommentAnnotation,
  type ExportFormat,
  type ExportedThread,
  type Tag,
  type ThreadRecord,
  type UserAnnotation,
} from '../shared/model';
import { adapterForSite } from '../sites/registry';
import type { ThreadnoteDB } from './schema';
import { CSV_BOM, csvHeader, csvRows } from './export-csv';
import { onlyKeptVersions, planExport, some, type ExportPlan, type Keys } from './export-plan';
import {
  markdownComment,
  markdownHeader,
  markdownThread,
  markdownUser,
  markdownUsersHeading,
} from './export-markdown';

const BATCH = 1_000;
export const CHUNK_CHARS = 1 << 20;
/**
 * Writers hand over pieces of about this size, so a chunk ends within a piece of CHUNK_CHARS
 * whatever the records hold.
 */
const PIECE_CHARS = 64 * 1024;

type RecordStore = 'threads' | 'comments' | 'users';
type StoredValue<S extends RecordStore> = {
  threads: ThreadRecord;
  comments: CommentAnnotation;
  users: UserAnnotation;
}[S];

/** Record fields in DESIGN.md's order, and nothing else: the document is the same every time. */
export const exported = {
  tag: ({ name, color, description, createdAt }: Tag): Tag => ({
    name,
    color,
    description,
    createdAt,
  }),
  thread: (t: ExportedThread): ExportedThread => ({
    key: t.key,
    title: t.title,
    url: t.url,
    firstVisitedAt: t.firstVisitedAt,
    lastVisitedAt: t.lastVisitedAt,
  }),
  comment: (c: CommentAnnotation): CommentAnnotation => ({
    key: c.key,
    thread: c.thread,
    author: c.author,
    url: c.url,
    quote: c.quote,
    note: c.note,
    tags: c.tags,
    fold: c.fold,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }),
  user: (u: UserAnnotation): UserAnnotation => ({
    key: u.key,
    name: u.name,
    tags: u.tags,
    note: u.note,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  }),
};

/** The records of a store in key order, a batch per transaction. */
async function* batches<S extends RecordStore>(
  db: ThreadnoteDB,
  store: S,
  keys: Keys,
): AsyncGenerator<StoredValue<S>[]> {
  if (keys.all) {
    let after: string | undefined;
    for (;;) {
      const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
      const records = (await db.getAll(store, range, BATCH)) as StoredValue<S>[];
      if (records.length === 0) return;
      yield records;
      after = records.at(-1)?.key;
    }
  }
  for (let start = 0; start < keys.keys.length; start += BATCH) {
    const tx = db.transaction(store, 'readonly');
    const slice = keys.keys.slice(start, start + BATCH);
    const records = await Promise.all(slice.map((key) => tx.store.get(key)));
    yield records.filter((record) => record !== undefined) as StoredValue<S>[];
  }
}

/** An exported store's records, less those that hold only kept versions, which leave the counts. */
async function* annotations<S extends 'comments' | 'users'>(
  db: ThreadnoteDB,
  store: S,
  plan: ExportPlan,
): AsyncGenerator<StoredValue<S>[]> {
  for await (const batch of batches(db, store, plan[store])) {
    const written = batch.filter((record) => !onlyKeptVersions(record));
    plan.counts[store] -= batch.length - written.length;
    yield written;
  }
}

/** A piece of the document and how many records it completes. */
interface Piece {
  text: string;
  records: number;
}

async function* jsonPieces(
  db: ThreadnoteDB,
  plan: ExportPlan,
  exportedAt: string,
): AsyncGenerator<Piece> {
  const head = [
    `  "format": ${JSON.stringify(EXPORT_FORMAT)}`,
    `  "version": ${EXPORT_VERSION}`,
    `  "exportedAt": ${JSON.stringify(exportedAt)}`,
  ];
  yield { text: `{\n${head.join(',\n')},\n`, records: 0 };

  // One record per line: readable, diffable, and still one JSON document.
  async function* section<T>(
    name: string,
    records: AsyncIterable<T[]>,
    last: boolean,
  ): AsyncGenerator<Piece> {
    let first = true;
    yield { text: `  "${name}": [`, records: 0 };
    for await (const batch of records) {
      let lines: string[] = [];
      let size = 0;
      for (const record of batch) {
        const line = `${first ? '\n' : ',\n'}    ${JSON.stringify(record)}`;
        first = false;
        lines.push(line);
        size += line.length;
        if (size >= PIECE_CHARS) {
          yield { text: lines.join(''), records: lines.length };
          lines = [];
          size = 0;
        }
      }
      if (lines.length > 0) yield { text: lines.join(''), records: lines.length };
    }
    yield { text: `${first ? '' : '\n  '}]${last ? '\n' : ',\n'}`, records: 0 };
  }

  async function* mapped<T, U>(records: AsyncIterable<T[]>, pick: (record: T) => U) {
    for await (const batch of records) yield batch.map(pick);
  }

  async function* tagBatches(): AsyncGenerator<Tag[]> {
    yield plan.tags.map(exported.tag);
  }

  yield* section('tags', tagBatches(), false);
  yield* section('threads', mapped(batches(db, 'threads', plan.threads), exported.thread), false);
  yield* section('comments', mapped(annotations(db, 'comments', plan), exported.comment), false);
  yield* section('users', mapped(annotations(db, 'users', plan), exported.user), true);
  yield { text: '}\n', records: 0 };
}

/** Rows hold at most about 25,000 characters each, so a piece stays near PIECE_CHARS. */
const CSV_ROWS_PER_PIECE = 8;

const naturalOrder = new Intl.Collator('en', { numeric: true });

function siteName(key: string): string {
  const site = siteOfKey(key);
  return adapterForSite(site)?.name ?? site;
}

/** Threads with exported comments, most recently visited first. */
async function annotatedThreads(db: ThreadnoteDB, plan: ExportPlan): Promise<ExportedThread[]> {
  const keys = plan.comments.all ? await distinctCommentThreads(db) : plan.commentThreads;
  const threads: ExportedThread[] = [];
  for await (const batch of batches(db, 'threads', some(keys))) {
    threads.push(...batch.map(exported.thread));
  }
  return threads.sort(
    (a, b) =>
      (a.lastVisitedAt < b.lastVisitedAt ? 1 : a.lastVisitedAt > b.lastVisitedAt ? -1 : 0) ||
      naturalOrder.compare(a.key, b.key),
  );
}

async function distinctCommentThreads(db: ThreadnoteDB): Promise<string[]> {
  const keys: string[] = [];
  let cursor = await db
    .transaction('comments')
    .store.index('thread')
    .openKeyCursor(null, 'nextunique');
  while (cursor) {
    keys.push(cursor.key);
    cursor = await cursor.continue();
  }
  return keys;
}

/** Each thread's exported comments in natural key order (comment ids grow with time). */
async function* commentsByThread(
  db: ThreadnoteDB,
  plan: ExportPlan,
  threads: readonly ExportedThread[],
): AsyncGenerator<{ thread: ExportedThread; comments: CommentAnnotation[] }> {
  const wanted = plan.comments.all ? null : new Set(plan.comments.keys);
  for (const thread of threads) {
    const planned = (await db.getAllFromIndex('comments', 'thread', thread.key)).filter(
      (comment) => !wanted || wanted.has(comment.key),
    );
    const comments = planned.filter((comment) => !onlyKeptVersions(comment));
    plan.counts.comments -= planned.length - comments.length;
    if (comments.length === 0) continue;
    yield { thread, comments: comments.sort((a, b) => naturalOrder.compare(a.key, b.key)) };
  }
}

async function* markdownPieces(
  db: ThreadnoteDB,
  plan: ExportPlan,
  exportedAt: string,
): AsyncGenerator<Piece> {
  const threads = await annotatedThreads(db, plan);
  // Written before any record is read: in a whole-store export, the rare record holding only kept
  // versions is counted here though it is left out below (see ExportPlan.counts).
  yield {
    text: markdownHeader(exportedAt, {
      threads: threads.length,
      comments: plan.counts.comments,
      users: plan.counts.users,
    }),
    records: 0,
  };
  for await (const { thread, comments } of commentsByThread(db, plan, threads)) {
    yield { text: markdownThread(thread, siteName(thread.key)), records: 0 };
    for (const comment of comments) yield { text: markdownComment(comment), records: 1 };
  }
  if (plan.counts.users === 0) return;
  yield { text: markdownUsersHeading(), records: 0 };
  for await (const users of annotations(db, 'users', plan)) {
    for (const user of users.sort((a, b) => naturalOrder.compare(a.key, b.key))) {
      yield { text: markdownUser(user, siteName(user.key)), records: 1 };
    }
  }
}

async function* csvPieces(db: ThreadnoteDB, plan: ExportPlan): AsyncGenerator<Piece> {
  yield { text: CSV_BOM + csvHeader(), records: 0 };
  const threads = await annotatedThreads(db, plan);
  for await (const { thread, comments } of commentsByThread(db, plan, threads)) {
    for (let start = 0; start < comments.length; start += CSV_ROWS_PER_PIECE) {
      const rows = comments.slice(start, start + CSV_ROWS_PER_PIECE);
      yield { text: csvRows(thread, rows), records: rows.length };
    }
  }
}

export interface ExportChunk {
  text: string;
  done: number;
  total: number;
}

export interface StartedExport {
  /** Final once `chunks` is done: records found to hold only kept versions leave it meanwhile. */
  counts: RecordCounts;
  chunks: AsyncGenerator<ExportChunk>;
}

/** Plans an export and returns its text as chunks of about CHUNK_CHARS, with progress. */
export async function startExport(
  db: ThreadnoteDB,
  format: ExportFormat,
  selection: ExportSelection | null,
  exportedAt: string,
): Promise<StartedExport> {
  const plan = await planExport(db, selection);
  const { counts } = plan;
  const pieces =
    format === 'json'
      ? jsonPieces(db, plan, exportedAt)
      : format === 'markdown'
        ? markdownPieces(db, plan, exportedAt)
        : csvPieces(db, plan);
  const total = () =>
    format === 'json'
      ? counts.tags + counts.threads + counts.comments + counts.users
      : format === 'markdown'
        ? counts.comments + counts.users
        : counts.comments;

  async function* chunks(): AsyncGenerator<ExportChunk> {
    let buffer: string[] = [];
    let size = 0;
    let done = 0;
    for await (const piece of pieces) {
      buffer.push(piece.text);
      size += piece.text.length;
      done += piece.records;
      if (size >= CHUNK_CHARS) {
        yield { text: buffer.join(''), done, total: total() };
        buffer = [];
        size = 0;
      }
    }
    yield { text: buffer.join(''), done, total: total() };
  }
  return { counts, chunks: chunks() };
}

/** The whole export as one string: for tests and tools, which hold small stores. */
export async function exportText(
  db: ThreadnoteDB,
  format: ExportFormat,
  selection: ExportSelection | null,
  exportedAt: string,
): Promise<string> {
  const { chunks } = await startExport(db, format, selection, exportedAt);
  let text = '';
  for await (const chunk of chunks) text += chunk.text;
  return text;
}
