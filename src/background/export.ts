/**
 * Exports: which records a selection takes, and the JSON, Markdown and CSV documents made from
 * them. Records are read in key order, a batch at a time, and text leaves in chunks of about a
 * mebibyte, so an export of any size holds one batch and one chunk, plus the keys it will write.
 */
import type { ExportSelection, RecordCounts } from '../shared/messages';
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
import type { ThreadnoteDB } from './db';
import { CSV_BOM, csvHeader, csvRows } from './export-csv';
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

/** Every record of a store, or these keys (sorted) of it. */
type Keys = { all: true } | { all: false; keys: string[] };

export interface ExportPlan {
  tags: Tag[];
  threads: Keys;
  comments: Keys;
  users: Keys;
  /** For a selection, the threads its comments belong to (for Markdown and CSV). */
  commentThreads: string[];
  counts: RecordCounts;
}

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

function sorted(keys: Iterable<string>): string[] {
  // Code-unit order, the order IndexedDB keeps string keys in, so both paths agree.
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function some(keys: Iterable<string>): { all: false; keys: string[] } {
  return { all: false, keys: sorted(keys) };
}

/**
 * Everything, or what a selection takes: the comments of the chosen threads and the comments and
 * users carrying a chosen tag; with them their threads, the user records of their authors and the
 * definitions of every tag they use.
 */
export async function planExport(
  db: ThreadnoteDB,
  selection: ExportSelection | null,
): Promise<ExportPlan> {
  if (!selection) {
    const tx = db.transaction(['tags', 'threads', 'comments', 'users'], 'readonly');
    const [tags, threads, comments, users] = await Promise.all([
      tx.objectStore('tags').getAll(),
      tx.objectStore('threads').count(),
      tx.objectStore('comments').count(),
      tx.objectStore('users').count(),
    ]);
    return {
      tags,
      threads: { all: true },
      comments: { all: true },
      users: { all: true },
      commentThreads: [],
      counts: { tags: tags.length, threads, comments, users },
    };
  }

  const tx = db.transaction(['tags', 'threads', 'comments', 'users'], 'readonly');
  const commentStore = tx.objectStore('comments');
  const userStore = tx.objectStore('users');
  const commentKeys = new Set<string>();
  const userKeys = new Set<string>();
  const threadKeys = new Set(selection.threads);
  const tagNames = new Set(selection.tags);
  const authors = new Set<string>();
  const commentThreads = new Set<string>();

  const takeComments = (comments: CommentAnnotation[]) => {
    for (const comment of comments) {
      commentKeys.add(comment.key);
      threadKeys.add(comment.thread);
      commentThreads.add(comment.thread);
      for (const tag of comment.tags) tagNames.add(tag);
      if (comment.author) authors.add(`${siteOfKey(comment.key)}:${comment.author}`);
    }
  };
  const takeUsers = (users: (UserAnnotation | undefined)[]) => {
    for (const user of users) {
      if (!user) continue;
      userKeys.add(user.key);
      for (const tag of user.tags) tagNames.add(tag);
    }
  };

  for (const thread of selection.threads) {
    takeComments(await commentStore.index('thread').getAll(thread));
  }
  for (const tag of selection.tags) {
    takeComments(await commentStore.index('tags').getAll(tag));
    takeUsers(await userStore.index('tags').getAll(tag));
  }
  takeUsers(await Promise.all([...authors].map((user) => userStore.get(user))));
  const threadStore = tx.objectStore('threads');
  const existingThreads = await Promise.all(
    [...threadKeys].map(async (key) =>
      (await threadStore.getKey(key)) === undefined ? null : key,
    ),
  );
  const tagStore = tx.objectStore('tags');
  const tags = (await Promise.all(sorted(tagNames).map((name) => tagStore.get(name)))).filter(
    (tag) => tag !== undefined,
  );
  const threads = some(existingThreads.filter((key) => key !== null));
  return {
    tags,
    threads,
    comments: some(commentKeys),
    users: some(userKeys),
    commentThreads: [...commentThreads],
    counts: {
      tags: tags.length,
      threads: threads.keys.length,
      comments: commentKeys.size,
      users: userKeys.size,
    },
  };
}

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

  async function* mapped<S extends RecordStore, T>(
    store: S,
    keys: Keys,
    pick: (record: StoredValue<S>) => T,
  ): AsyncGenerator<T[]> {
    for await (const batch of batches(db, store, keys)) yield batch.map(pick);
  }

  async function* tagBatches(): AsyncGenerator<Tag[]> {
    yield plan.tags.map(exported.tag);
  }

  yield* section('tags', tagBatches(), false);
  yield* section('threads', mapped('threads', plan.threads, exported.thread), false);
  yield* section('comments', mapped('comments', plan.comments, exported.comment), false);
  yield* section('users', mapped('users', plan.users, exported.user), true);
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
    const comments = (await db.getAllFromIndex('comments', 'thread', thread.key))
      .filter((comment) => !wanted || wanted.has(comment.key))
      .sort((a, b) => naturalOrder.compare(a.key, b.key));
    yield { thread, comments };
  }
}

async function* markdownPieces(
  db: ThreadnoteDB,
  plan: ExportPlan,
  exportedAt: string,
): AsyncGenerator<Piece> {
  const threads = await annotatedThreads(db, plan);
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
  for await (const users of batches(db, 'users', plan.users)) {
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
  const total =
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
        yield { text: buffer.join(''), done, total };
        buffer = [];
        size = 0;
      }
    }
    yield { text: buffer.join(''), done, total };
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
