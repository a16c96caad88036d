/** Reads and writes of Threadnote's records. Only the service worker calls these. */
import type { Draft, PageState, ThreadSummary, WorkerInput } from '../shared/messages';
import {
  DEFAULT_SETTINGS,
  QUOTE_LENGTH,
  defaultTagColor,
  isEmptyAnnotation,
  isEmptyUser,
  type UserAnnotation,
  type CommentAnnotation,
  type Tag,
  type ThreadCounts,
} from '../shared/model';
import type { ThreadnoteDB } from './db';
import { indexComment, indexUser } from './search';

export async function openPage(
  db: ThreadnoteDB,
  input: WorkerInput<'page.open'>,
  now: string,
): Promise<PageState> {
  const tx = db.transaction(['comments', 'users', 'tags', 'threads', 'settings'], 'readwrite');
  const byThread = tx.objectStore('comments').index('thread');
  const users = tx.objectStore('users');

  const [commentLists, userRecords, tags, settings, previous] = await Promise.all([
    Promise.all(unique(input.threadKeys).map((thread) => byThread.getAll(thread))),
    Promise.all(unique(input.userKeys).map((user) => users.get(user))),
    tx.objectStore('tags').getAll(),
    tx.objectStore('settings').get('settings'),
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
    settings: { ...DEFAULT_SETTINGS, ...settings },
    previousVisit: previous
      ? { lastVisitedAt: previous.lastVisitedAt, seenCommentKeys: previous.seenCommentKeys }
      : null,
  };
}

export interface CommentUpdates {
  /** One per update, in order: the annotation as stored, or null where it was emptied. */
  annotations: (CommentAnnotation | null)[];
  createdTags: Tag[];
}

type Update = WorkerInput<'comment.update'>;

/**
 * Applies patches to comments' annotations in one transaction: each is created (with the
 * comment's quote as it is now) on first use and deleted once nothing is left in it.
 */
export async function updateComments(
  db: ThreadnoteDB,
  updates: readonly Update[],
  now: string,
): Promise<CommentUpdates> {
  const tx = db.transaction(['comments', 'tags', 'threads', 'search'], 'readwrite');
  const comments = tx.objectStore('comments');
  const tagStore = tx.objectStore('tags');
  const threads = tx.objectStore('threads');
  const searchStore = tx.objectStore('search');
  const annotations: (CommentAnnotation | null)[] = [];
  const createdTags = new Map<string, Tag>();
  const knownThreads = new Set<string>();

  for (const { comment, patch } of updates) {
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

    if (isEmptyAnnotation(next)) {
      annotations.push(null);
      if (existing) {
        await comments.delete(comment.key);
        await indexComment(searchStore, comment.key, null);
      }
      continue;
    }
    annotations.push(next);
    await comments.put(next);
    await indexComment(searchStore, next.key, next);
    await createMissingTags(tagStore, next.tags, now, createdTags);
    if (knownThreads.has(comment.thread.key)) continue;
    knownThreads.add(comment.thread.key);
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
  return { annotations, createdTags: [...createdTags.values()] };
}

export async function updateComment(
  db: ThreadnoteDB,
  update: Update,
  now: string,
): Promise<{ annotation: CommentAnnotation | null; createdTags: Tag[] }> {
  const { annotations, createdTags } = await updateComments(db, [update], now);
  return { annotation: annotations[0] ?? null, createdTags };
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

/** Creates the tags a record names that do not exist yet, with default colours. */
async function createMissingTags(
  tagStore: { getKey(name: string): Promise<string | undefined>; put(tag: Tag): Promise<unknown> },
  names: readonly string[],
  now: string,
  created: Map<string, Tag>,
): Promise<void> {
  for (const name of names) {
    if (created.has(name) || (await tagStore.getKey(name)) !== undefined) continue;
    const tag: Tag = { name, color: defaultTagColor(name), description: '', createdAt: now };
    await tagStore.put(tag);
    created.set(name, tag);
  }
}

export async function updateUser(
  db: ThreadnoteDB,
  { user, patch }: WorkerInput<'user.update'>,
  now: string,
): Promise<{ annotation: UserAnnotation | null; createdTags: Tag[] }> {
  const tx = db.transaction(['users', 'tags', 'search'], 'readwrite');
  const users = tx.objectStore('users');
  const existing = await users.get(user.key);
  const next: UserAnnotation = {
    ...(existing ?? { key: user.key, name: user.name, tags: [], note: '', createdAt: now }),
    ...(patch.tags !== undefined && { tags: unique(patch.tags) }),
    ...(patch.note !== undefined && { note: patch.note }),
    updatedAt: now,
  };
  const created = new Map<string, Tag>();
  let annotation: UserAnnotation | null = next;
  if (isEmptyUser(next)) {
    annotation = null;
    if (existing) await users.delete(user.key);
    await indexUser(tx.objectStore('search'), user.key, null);
  } else {
    await users.put(next);
    await indexUser(tx.objectStore('search'), user.key, next);
    await createMissingTags(tx.objectStore('tags'), next.tags, now, created);
  }
  await tx.done;
  return { annotation, createdTags: [...created.values()] };
}

export async function threadSummary(db: ThreadnoteDB, threadKey: string): Promise<ThreadSummary> {
  const tx = db.transaction(['threads', 'comments', 'tags'], 'readonly');
  const [thread, comments] = await Promise.all([
    tx.objectStore('threads').get(threadKey),
    tx.objectStore('comments').index('thread').getAll(threadKey),
  ]);
  const perTag = new Map<string, number>();
  for (const comment of comments) {
    for (const name of comment.tags) perTag.set(name, (perTag.get(name) ?? 0) + 1);
  }
  const tags = await Promise.all(
    [...perTag].map(async ([name, count]) => ({
      name,
      color: (await tx.objectStore('tags').get(name))?.color ?? defaultTagColor(name),
      comments: count,
    })),
  );
  tags.sort((a, b) => b.comments - a.comments || a.name.localeCompare(b.name));
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
  const notes = comments
    .filter((comment) => comment.note !== '')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .map(({ key, author, note, quote, url }) => ({ key, author, note, quote, url }));
  return { thread: summaryThread, counts, tags, notes };
}

export function listTags(db: ThreadnoteDB): Promise<Tag[]> {
  return db.getAll('tags');
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
