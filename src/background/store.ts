/** Reads and writes of Threadnote's records. Only the service worker calls these. */
import type {
  DataOverview,
  PageState,
  RecordCounts,
  ThreadSummary,
  WorkerInput,
} from '../shared/messages';
import {
  QUOTE_LENGTH,
  defaultTagColor,
  isEmptyAnnotation,
  type CommentAnnotation,
  type Tag,
  type ThreadCounts,
} from '../shared/model';
import type { ThreadnoteDB } from './db';

export async function openPage(
  db: ThreadnoteDB,
  input: WorkerInput<'page.open'>,
  now: string,
): Promise<PageState> {
  const tx = db.transaction(['comments', 'users', 'tags', 'threads'], 'readwrite');
  const byThread = tx.objectStore('comments').index('thread');
  const users = tx.objectStore('users');

  const [commentLists, userRecords, tags, previous] = await Promise.all([
    Promise.all(unique(input.threadKeys).map((thread) => byThread.getAll(thread))),
    Promise.all(unique(input.userKeys).map((user) => users.get(user))),
    tx.objectStore('tags').getAll(),
    input.visit ? tx.objectStore('threads').get(input.visit.thread.key) : undefined,
  ]);

  if (input.visit) {
    const { thread, commentKeys } = input.visit;
    const seen = new Set(previous?.seenCommentKeys);
    for (const comment of commentKeys) seen.add(comment);
    await tx.objectStore('threads').put({
      key: thread.key,
      title: thread.title || previous?.title || '',
      url: thread.url,
      firstVisitedAt: previous?.firstVisitedAt ?? now,
      lastVisitedAt: now,
      seenCommentKeys: [...seen],
    });
  }
  await tx.done;

  return {
    comments: commentLists.flat(),
    users: userRecords.filter((user) => user !== undefined),
    tags,
    // A thread known only from an annotation or an import has no record of what was seen, and
    // marking all of its comments new would say nothing.
    previousVisit:
      previous && previous.seenCommentKeys.length > 0
        ? { lastVisitedAt: previous.lastVisitedAt, seenCommentKeys: previous.seenCommentKeys }
        : null,
  };
}

export interface CommentUpdate {
  annotation: CommentAnnotation | null;
  createdTags: Tag[];
}

/**
 * Applies a patch to a comment's annotation, creating it (with the comment's quote as it is now)
 * on first use and deleting it once nothing is left in it, all in one transaction.
 */
export async function updateComment(
  db: ThreadnoteDB,
  { comment, patch }: WorkerInput<'comment.update'>,
  now: string,
): Promise<CommentUpdate> {
  const tx = db.transaction(['comments', 'tags', 'threads'], 'readwrite');
  const comments = tx.objectStore('comments');
  const existing = await comments.get(comment.key);

  const base: CommentAnnotation = existing ?? {
    key: comment.key,
    thread: comment.thread.key,
    author: comment.author,
    url: comment.url,
    quote: comment.quote.slice(0, QUOTE_LENGTH),
    note: '',
    tags: [],
    fold: 'none',
    createdAt: now,
    updatedAt: now,
  };
  const next: CommentAnnotation = {
    ...base,
    ...(patch.tags !== undefined && { tags: unique(patch.tags) }),
    ...(patch.note !== undefined && { note: patch.note }),
    ...(patch.fold !== undefined && { fold: patch.fold }),
    updatedAt: now,
  };

  const createdTags: Tag[] = [];
  let annotation: CommentAnnotation | null = next;
  if (isEmptyAnnotation(next)) {
    annotation = null;
    if (existing) await comments.delete(comment.key);
  } else {
    await comments.put(next);
    const tagStore = tx.objectStore('tags');
    for (const name of next.tags) {
      if ((await tagStore.getKey(name)) !== undefined) continue;
      const tag: Tag = { name, color: defaultTagColor(name), description: '', createdAt: now };
      await tagStore.put(tag);
      createdTags.push(tag);
    }
    const threads = tx.objectStore('threads');
    if ((await threads.getKey(comment.thread.key)) === undefined) {
      await threads.put({
        key: comment.thread.key,
        title: comment.thread.title,
        url: comment.thread.url,
        firstVisitedAt: now,
        lastVisitedAt: now,
        seenCommentKeys: [],
      });
    }
  }
  await tx.done;
  return { annotation, createdTags };
}

export async function threadSummary(db: ThreadnoteDB, threadKey: string): Promise<ThreadSummary> {
  const tx = db.transaction(['threads', 'comments'], 'readonly');
  const [thread, comments] = await Promise.all([
    tx.objectStore('threads').get(threadKey),
    tx.objectStore('comments').index('thread').getAll(threadKey),
  ]);
  const counts: ThreadCounts = { annotated: 0, tagged: 0, noted: 0, collapsed: 0, hidden: 0 };
  for (const comment of comments) {
    counts.annotated++;
    if (comment.tags.length > 0) counts.tagged++;
    if (comment.note !== '') counts.noted++;
    if (comment.fold === 'collapsed') counts.collapsed++;
    if (comment.fold === 'hidden') counts.hidden++;
  }
  let summaryThread: ThreadSummary['thread'] = null;
  if (thread) {
    const { seenCommentKeys: _seen, ...rest } = thread;
    summaryThread = rest;
  }
  return { thread: summaryThread, counts };
}

export function listTags(db: ThreadnoteDB): Promise<Tag[]> {
  return db.getAll('tags');
}

const ALL_STORES = ['tags', 'threads', 'comments', 'users'] as const;

export async function dataOverview(db: ThreadnoteDB): Promise<DataOverview> {
  const tx = db.transaction([...ALL_STORES], 'readonly');
  const comments = tx.objectStore('comments');
  const threadKeys: string[] = [];
  let cursor = await comments.index('thread').openKeyCursor(null, 'nextunique');
  while (cursor) {
    threadKeys.push(cursor.key);
    cursor = await cursor.continue();
  }
  const threadStore = tx.objectStore('threads');
  const [tags, totals, threads] = await Promise.all([
    tx.objectStore('tags').getAll(),
    Promise.all(ALL_STORES.map((store) => tx.objectStore(store).count())),
    Promise.all(
      threadKeys.map(async (key) => {
        const [record, count] = await Promise.all([
          threadStore.get(key),
          comments.index('thread').count(key),
        ]);
        if (!record) return null;
        const { seenCommentKeys: _seen, ...thread } = record;
        return { ...thread, comments: count };
      }),
    ),
  ]);
  const userTags = tx.objectStore('users').index('tags');
  const tagCounts = await Promise.all(
    tags.map((tag) =>
      Promise.all([comments.index('tags').count(tag.name), userTags.count(tag.name)]),
    ),
  );
  const [tagTotal = 0, threadTotal = 0, commentTotal = 0, userTotal = 0] = totals;
  return {
    totals: { tags: tagTotal, threads: threadTotal, comments: commentTotal, users: userTotal },
    threads: threads
      .filter((thread) => thread !== null)
      .sort((a, b) => (a.lastVisitedAt < b.lastVisitedAt ? 1 : -1)),
    tags: tags.map((tag, index) => ({
      ...tag,
      comments: tagCounts[index]?.[0] ?? 0,
      users: tagCounts[index]?.[1] ?? 0,
    })),
  };
}

/** Deletes every record in one transaction, and says how many of each there were. */
export async function wipeAll(db: ThreadnoteDB): Promise<RecordCounts> {
  const tx = db.transaction([...ALL_STORES], 'readwrite');
  const [tags = 0, threads = 0, comments = 0, users = 0] = await Promise.all(
    ALL_STORES.map((store) => tx.objectStore(store).count()),
  );
  await Promise.all(ALL_STORES.map((store) => tx.objectStore(store).clear()));
  await tx.done;
  return { tags, threads, comments, users };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
