/**
 * Edits of annotations, as operations (see shared/operations.ts) applied inside one readwrite
 * transaction to what is stored at that moment. IndexedDB runs readwrite transactions on the same
 * stores one after another, so two tabs editing one comment at once each apply their operations
 * to what the other left, and neither loses the other's tag.
 */
import type { WorkerInput, WorkerOutput } from '../shared/messages';
import {
  QUOTE_LENGTH,
  isEmptyAnnotation,
  isEmptyUser,
  keptName,
  type CommentAnnotation,
  type Tag,
  type UserAnnotation,
} from '../shared/model';
import { applyCommentOps, applyUserOps } from '../shared/operations';
import { pickTagColor } from '../shared/tag-colors';
import { committed } from './db';
import type { ThreadnoteDB } from './schema';
import { indexComment, indexUser } from './search';
import { logChange, type SyncLogStore } from './sync/changelog';
import { refreshThreadStats, statsStores } from './thread-stats';

type CommentEdit = WorkerInput<'comments.edit'>['edits'][number];

/** A comment's annotation before anything is in it, from the page's reference to the comment. */
function blankAnnotation({ comment }: CommentEdit, now: string): CommentAnnotation {
  return {
    key: comment.key,
    thread: comment.thread.key,
    author: keptName(comment.author),
    url: comment.url,
    // What the comment said when it was first annotated, so the note outlives an edit of it.
    quote: comment.quote.slice(0, QUOTE_LENGTH),
    note: '',
    tags: [],
    fold: 'none',
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Applies each edit's operations to its comment's annotation, in order, in one transaction: an
 * annotation is created on first use and deleted once nothing is left in it, and its thread's
 * record and counts follow. `kept` counts the note texts of other writers kept as conflicts.
 */
export async function editComments(
  db: ThreadnoteDB,
  edits: readonly CommentEdit[],
  now: string,
): Promise<WorkerOutput<'comments.edit'>> {
  const tx = db.transaction(
    ['comments', 'tags', 'threads', 'search', 'threadStats', 'syncLog'],
    'readwrite',
  );
  return committed(tx, async () => {
    const comments = tx.objectStore('comments');
    const log = tx.objectStore('syncLog');
    const searchStore = tx.objectStore('search');
    const threads = tx.objectStore('threads');
    const annotations: (CommentAnnotation | null)[] = [];
    const createdTags = new Map<string, Tag>();
    const knownThreads = new Set<string>();
    const touched = new Set<string>();
    let kept = 0;

    for (const edit of edits) {
      const existing = await comments.get(edit.comment.key);
      const applied = applyCommentOps(existing ?? blankAnnotation(edit, now), edit.ops, now);
      const next = applied.next;
      kept += applied.kept.length;

      if (isEmptyAnnotation(next)) {
        annotations.push(null);
        if (!existing) continue;
        await comments.delete(next.key);
        await logChange(log, 'comment', next.key, existing, now);
        await indexComment(searchStore, next.key, null);
        touched.add(next.thread);
        continue;
      }
      annotations.push(next);
      await comments.put(next);
      await logChange(log, 'comment', next.key, existing, now);
      await indexComment(searchStore, next.key, next);
      await createMissingTags(tx.objectStore('tags'), log, next.tags, now, createdTags);
      touched.add(next.thread);
      const { thread } = edit.comment;
      if (knownThreads.has(thread.key)) continue;
      knownThreads.add(thread.key);
      // The thread is listed from its first annotation on, visited or not.
      if (thread.key === next.thread && (await threads.getKey(thread.key)) === undefined) {
        await threads.put({
          key: thread.key,
          title: thread.title,
          url: thread.url,
          firstVisitedAt: now,
          lastVisitedAt: now,
          seenCommentKeys: [],
        });
        await logChange(log, 'thread', thread.key, null, now);
      }
    }
    await refreshThreadStats(statsStores(tx), touched);
    return { annotations, createdTags: [...createdTags.values()], kept };
  });
}

/** Applies operations to a user's annotation, like `editComments` does to comments'. */
export async function editUser(
  db: ThreadnoteDB,
  { user, ops }: WorkerInput<'user.edit'>,
  now: string,
): Promise<WorkerOutput<'user.edit'>> {
  const tx = db.transaction(['users', 'tags', 'search', 'syncLog'], 'readwrite');
  return committed(tx, async () => {
    const users = tx.objectStore('users');
    const existing = await users.get(user.key);
    const blank: UserAnnotation = {
      key: user.key,
      name: keptName(user.name),
      tags: [],
      note: '',
      createdAt: now,
      updatedAt: now,
    };
    const { next, kept } = applyUserOps(existing ?? blank, ops, now);
    const createdTags = new Map<string, Tag>();
    if (isEmptyUser(next)) {
      if (existing) {
        await users.delete(user.key);
        await logChange(tx.objectStore('syncLog'), 'user', user.key, existing, now);
        await indexUser(tx.objectStore('search'), user.key, null);
      }
      return { annotation: null, createdTags: [], kept: kept.length };
    }
    await users.put(next);
    await logChange(tx.objectStore('syncLog'), 'user', user.key, existing, now);
    await indexUser(tx.objectStore('search'), user.key, next);
    await createMissingTags(
      tx.objectStore('tags'),
      tx.objectStore('syncLog'),
      next.tags,
      now,
      createdTags,
    );
    return { annotation: next, createdTags: [...createdTags.values()], kept: kept.length };
  });
}

/**
 * Creates the tags a record names that do not exist yet, each in the palette colour fewest tags
 * use (tag-colors.ts), so new tags differ (sync writes records through it too).
 */
export async function createMissingTags(
  tagStore: {
    getKey(name: string): Promise<string | undefined>;
    getAll(): Promise<Tag[]>;
    put(tag: Tag): Promise<unknown>;
  },
  log: SyncLogStore | null,
  names: readonly string[],
  now: string,
  created: Map<string, Tag>,
): Promise<void> {
  let colors: string[] | null = null;
  for (const name of names) {
    if (created.has(name) || (await tagStore.getKey(name)) !== undefined) continue;
    colors ??= (await tagStore.getAll()).map((tag) => tag.color);
    const color = pickTagColor(colors);
    colors.push(color);
    const tag: Tag = { name, color, description: '', createdAt: now };
    await tagStore.put(tag);
    if (log) await logChange(log, 'tag', name, null, now);
    created.set(name, tag);
  }
}
