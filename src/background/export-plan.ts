/**
 * Which records an export takes: everything, or what a selection of threads and tags reaches,
 * with the counts it reports.
 */
import type { RecordCounts } from '../shared/messages';
import type { ExportSelection } from '../shared/worker-streams';
import {
  isEmptyAnnotation,
  isEmptyUser,
  siteOfKey,
  type CommentAnnotation,
  type Tag,
  type UserAnnotation,
} from '../shared/model';
import type { ThreadnoteDB } from './schema';

/** Every record of a store, or these keys (sorted) of it. */
export type Keys = { all: true } | { all: false; keys: string[] };

export interface ExportPlan {
  tags: Tag[];
  threads: Keys;
  comments: Keys;
  users: Keys;
  /** For a selection, the threads its comments belong to (for Markdown and CSV). */
  commentThreads: string[];
  /**
   * What the export writes. Counting every record for kept versions would read the store twice,
   * so a whole-store export counts the stores, and records it leaves out (see `onlyKeptVersions`)
   * are taken off these counts as they are read.
   */
  counts: RecordCounts;
}

/**
 * Kept note versions (`conflicts`) are not part of export format v1, which never holds an empty
 * record (an import refuses one): a record that holds nothing but kept versions is left out.
 */
export function onlyKeptVersions(record: CommentAnnotation | UserAnnotation): boolean {
  if (!record.conflicts?.length) return false;
  const { note, tags } = record;
  return 'fold' in record
    ? isEmptyAnnotation({ note, tags, fold: record.fold })
    : isEmptyUser({ note, tags });
}

function sorted(keys: Iterable<string>): string[] {
  // Code-unit order, the order IndexedDB keeps string keys in, so both paths agree.
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function some(keys: Iterable<string>): { all: false; keys: string[] } {
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
      if (onlyKeptVersions(comment)) continue;
      commentKeys.add(comment.key);
      threadKeys.add(comment.thread);
      commentThreads.add(comment.thread);
      for (const tag of comment.tags) tagNames.add(tag);
      if (comment.author) authors.add(`${siteOfKey(comment.key)}:${comment.author}`);
    }
  };
  const takeUsers = (users: (UserAnnotation | undefined)[]) => {
    for (const user of users) {
      if (!user || onlyKeptVersions(user)) continue;
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
