/** Reads and writes of Threadnote's records. Only the service worker calls these. */
import type {
  DataOverview,
  Draft,
  PageState,
  RecordCounts,
  ThreadSummary,
  WorkerInput,
} from '../shared/messages';
import { DEFAULT_SETTINGS, defaultTagColor, type Tag } from '../shared/model';
import { committed } from './db';
import type { ThreadnoteDB } from './schema';
import { errorData } from './errors';
import { logChange } from './sync/changelog';
import type { StorageHealth } from './storage-health';
import { countsOf, restampActivity, tagCountsOf } from './thread-stats';

/**
 * What a page needs of the store. It is read in a readonly transaction, and the visit recorded in
 * another one after it: a store that cannot be written (a full disk) still shows the reader every
 * annotation of the page, and only the visit goes unrecorded.
 */
export async function openPage(
  db: ThreadnoteDB,
  input: WorkerInput<'page.open'>,
  now: string,
  {
    rememberVisit = true,
    health,
  }: {
    rememberVisit?: boolean;
    /** Told whether the visit could be written. */ health?: StorageHealth;
  } = {},
): Promise<PageState> {
  const tx = db.transaction(['comments', 'users', 'tags', 'threads', 'settings'], 'readonly');
  const byThread = tx.objectStore('comments').index('thread');
  const users = tx.objectStore('users');

  const [commentLists, userRecords, siteUsers, tags, settings, previous] = await Promise.all([
    Promise.all(unique(input.threadKeys).map((thread) => byThread.getAll(thread))),
    Promise.all(unique(input.userKeys).map((user) => users.get(user))),
    input.usersOf === null
      ? []
      : users.getAllKeys(IDBKeyRange.bound(`${input.usersOf}:`, `${input.usersOf}:\uffff`)),
    tx.objectStore('tags').getAll(),
    tx.objectStore('settings').get('settings'),
    input.visit ? tx.objectStore('threads').get(input.visit.thread.key) : undefined,
  ]);
  await tx.done;

  if (input.visit && rememberVisit) {
    await recordVisit(db, input.visit, now).then(
      () => health?.worked(),
      (error: unknown) => {
        const data = errorData(error);
        if (data.code === 'storage') health?.failed(data.message);
        console.warn('Threadnote could not record this visit:', data.message);
      },
    );
  }

  return {
    comments: commentLists.flat(),
    users: userRecords.filter((user) => user !== undefined),
    siteUsers,
    tags,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    // A thread known only from an annotation or an import has no record of what was seen, and
    // marking all of its comments new would say nothing.
    previousVisit:
      previous && previous.seenCommentKeys.length > 0
        ? { lastVisitedAt: previous.lastVisitedAt, seenCommentKeys: previous.seenCommentKeys }
        : null,
  };
}

/**
 * Adds this visit to the thread's record, merged with the record as it is now (another tab may
 * have recorded a visit since the page's state was read), and moves the thread up the list.
 */
async function recordVisit(
  db: ThreadnoteDB,
  { thread, commentKeys }: NonNullable<WorkerInput<'page.open'>['visit']>,
  now: string,
): Promise<void> {
  const tx = db.transaction(['threads', 'threadStats', 'syncLog'], 'readwrite');
  await committed(tx, async () => {
    const threads = tx.objectStore('threads');
    const stored = await threads.get(thread.key);
    const seen = new Set(stored?.seenCommentKeys);
    for (const comment of commentKeys) seen.add(comment);
    await threads.put({
      key: thread.key,
      title: thread.title || stored?.title || '',
      url: thread.url,
      firstVisitedAt: stored?.firstVisitedAt ?? now,
      lastVisitedAt: now,
      seenCommentKeys: [...seen],
    });
    await logChange(tx.objectStore('syncLog'), 'thread', thread.key, stored, now);
    await restampActivity(tx.objectStore('threadStats'), thread.key, now);
  });
}

/**
 * How many folds the thread behind a page's item has: the item is a thread (a story) or an
 * annotated comment, whose thread is then the one.
 */
export async function foldsForItem(db: ThreadnoteDB, item: string): Promise<number> {
  const tx = db.transaction(['threads', 'comments'], 'readonly');
  let thread = item;
  if ((await tx.objectStore('threads').getKey(item)) === undefined) {
    const comment = await tx.objectStore('comments').get(item);
    if (!comment) return 0;
    thread = comment.thread;
  }
  const annotations = await tx.objectStore('comments').index('thread').getAll(thread);
  return annotations.filter((annotation) => annotation.fold !== 'none').length;
}

export async function threadSummary(db: ThreadnoteDB, threadKey: string): Promise<ThreadSummary> {
  const tx = db.transaction(['threads', 'comments', 'tags'], 'readonly');
  const [thread, comments] = await Promise.all([
    tx.objectStore('threads').get(threadKey),
    tx.objectStore('comments').index('thread').getAll(threadKey),
  ]);
  const tags = await Promise.all(
    tagCountsOf(comments).map(async ({ name, comments: count }) => ({
      name,
      color: (await tx.objectStore('tags').get(name))?.color ?? defaultTagColor(name),
      comments: count,
    })),
  );
  const counts = countsOf(comments);
  let summaryThread: ThreadSummary['thread'] = null;
  if (thread) {
    const { seenCommentKeys: _seen, ...rest } = thread;
    summaryThread = rest;
  }
  const annotations = comments
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .map(({ key, author, note, quote, url, tags: names, fold, updatedAt }) => ({
      key,
      author,
      note,
      quote,
      url,
      tags: names,
      fold,
      updatedAt,
    }));
  return { thread: summaryThread, counts, tags, annotations };
}

export function listTags(db: ThreadnoteDB): Promise<Tag[]> {
  return db.getAll('tags');
}

/** The stores an export writes, in the order of export format v1. */
const ALL_STORES = ['tags', 'threads', 'comments', 'users'] as const;
/**
 * What else a wipe clears: kept beside those records, never exported. Pending sync changes go
 * too, so a wipe empties this browser only and sends no deletions to the other devices.
 */
const UNEXPORTED_STORES = ['search', 'drafts', 'settings', 'threadStats', 'syncLog'] as const;

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

/**
 * Deletes every record in one transaction, and says how many of each kind there were: the search
 * index and drafts go with the notes, and the settings with the tags their quick tags name.
 */
export async function wipeAll(db: ThreadnoteDB): Promise<RecordCounts> {
  const tx = db.transaction([...ALL_STORES, ...UNEXPORTED_STORES], 'readwrite');
  const [tags = 0, threads = 0, comments = 0, users = 0] = await Promise.all(
    ALL_STORES.map((store) => tx.objectStore(store).count()),
  );
  await Promise.all(
    [...ALL_STORES, ...UNEXPORTED_STORES].map((store) => tx.objectStore(store).clear()),
  );
  await tx.done;
  return { tags, threads, comments, users };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Drafts of notes being written, kept until the note is saved or the draft discarded. */
export function getDraft(db: ThreadnoteDB, key: string): Promise<Draft | null> {
  return db.get('drafts', key).then((draft) => draft ?? null);
}

export async function saveDraft(
  db: ThreadnoteDB,
  key: string,
  text: string,
  now: string,
): Promise<Draft> {
  const draft = { key, text, savedAt: now };
  await db.put('drafts', draft);
  return draft;
}

export async function deleteDraft(db: ThreadnoteDB, key: string): Promise<null> {
  await db.delete('drafts', key);
  return null;
}
