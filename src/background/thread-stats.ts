/**
 * Per-thread counts kept beside the records, written in the same transaction as every change to
 * a thread's comments, so the all-threads list reads one page of an index instead of counting
 * every annotation of every thread.
 */
import type { ThreadListInput, ThreadListItem, ThreadListPage } from '../shared/messages';
import {
  defaultTagColor,
  siteOfKey,
  type CommentAnnotation,
  type ThreadCounts,
  type ThreadRecord,
} from '../shared/model';
import type { IDBPTransaction, StoreNames } from 'idb';
import type { ThreadStats, ThreadnoteDB, ThreadnoteSchema } from './schema';

const SEP = '\u0000';
/** Above any activity date or thread key, to close a range of the composite keys. */
const TOP = '\uffff';

function tagPrefix(site: string | null, tag: string): string {
  return site === null ? `${tag}${SEP}` : `${site}${SEP}${tag}${SEP}`;
}

export function countsOf(comments: readonly CommentAnnotation[]): ThreadCounts {
  const counts: ThreadCounts = { annotated: 0, tagged: 0, noted: 0, collapsed: 0, hidden: 0 };
  for (const comment of comments) {
    counts.annotated++;
    if (comment.tags.length > 0) counts.tagged++;
    if (comment.note !== '') counts.noted++;
    if (comment.fold === 'collapsed') counts.collapsed++;
    if (comment.fold === 'hidden') counts.hidden++;
  }
  return counts;
}

/** How many of the comments carry each tag, most used first, then by name. */
export function tagCountsOf(
  comments: readonly CommentAnnotation[],
): { name: string; comments: number }[] {
  const perTag = new Map<string, number>();
  for (const comment of comments) {
    for (const name of comment.tags) perTag.set(name, (perTag.get(name) ?? 0) + 1);
  }
  return [...perTag]
    .map(([name, count]) => ({ name, comments: count }))
    .sort((a, b) => b.comments - a.comments || a.name.localeCompare(b.name));
}

/** The stats of a thread with these annotations, or null when it has none (it is not listed). */
export function statsOf(
  thread: string,
  comments: readonly CommentAnnotation[],
  record: Pick<ThreadRecord, 'lastVisitedAt'> | undefined,
): ThreadStats | null {
  if (comments.length === 0) return null;
  let activityAt = record?.lastVisitedAt ?? '';
  for (const comment of comments) {
    if (comment.updatedAt > activityAt) activityAt = comment.updatedAt;
  }
  const tags = tagCountsOf(comments);
  const site = siteOfKey(thread);
  return {
    thread,
    site,
    activityAt,
    counts: countsOf(comments),
    tags,
    ...tagActivityKeys(thread, site, activityAt, tags),
  };
}

function tagActivityKeys(
  thread: string,
  site: string,
  activityAt: string,
  tags: readonly { name: string }[],
): Pick<ThreadStats, 'tagKeys' | 'siteTagKeys'> {
  const at = `${activityAt}${SEP}${thread}`;
  return {
    tagKeys: tags.map(({ name }) => `${tagPrefix(null, name)}${at}`),
    siteTagKeys: tags.map(({ name }) => `${tagPrefix(site, name)}${at}`),
  };
}

/**
 * A visit moves a listed thread up the list without changing what it holds: its stats take the
 * later activity date, and are not recounted from its annotations. A thread without stats has no
 * annotations, and is not listed.
 */
export async function restampActivity(
  store: {
    get(thread: string): Promise<ThreadStats | undefined>;
    put(value: ThreadStats): Promise<unknown>;
  },
  thread: string,
  at: string,
): Promise<void> {
  const stats = await store.get(thread);
  if (!stats || stats.activityAt >= at) return;
  await store.put({
    ...stats,
    activityAt: at,
    ...tagActivityKeys(thread, stats.site, at, stats.tags),
  });
}

/** The stores a refresh reads and writes, as any transaction that holds them offers them. */
export interface StatsStores {
  byThread: { getAll(thread: string): Promise<CommentAnnotation[]> };
  threads: { get(key: string): Promise<ThreadRecord | undefined> };
  stats: {
    put(value: ThreadStats): Promise<unknown>;
    delete(key: string): Promise<unknown>;
  };
}

/** The stores a thread-stats refresh needs, from a transaction that holds them. */
export function statsStores(
  tx: IDBPTransaction<ThreadnoteSchema, StoreNames<ThreadnoteSchema>[], 'readwrite'>,
): StatsStores {
  return {
    byThread: tx.objectStore('comments').index('thread'),
    threads: tx.objectStore('threads'),
    stats: tx.objectStore('threadStats'),
  };
}

/** Recounts the given threads from their annotations, inside the caller's transaction. */
export async function refreshThreadStats(
  stores: StatsStores,
  threadKeys: Iterable<string>,
): Promise<void> {
  await Promise.all(
    [...new Set(threadKeys)].map(async (thread) => {
      const [comments, record] = await Promise.all([
        stores.byThread.getAll(thread),
        stores.threads.get(thread),
      ]);
      const stats = statsOf(thread, comments, record);
      await (stats ? stores.stats.put(stats) : stores.stats.delete(thread));
    }),
  );
}

const TOP_TAGS = 3;

/**
 * One page of annotated threads, newest activity first, optionally of one site and carrying one
 * tag. Each filter has an index ordered by activity, so a page is one walk of `limit` steps from
 * the cursor on, whatever the store holds. Only the first page of the unfiltered list says how
 * many there are in all: counting reads every entry.
 */
export async function listThreads(
  db: ThreadnoteDB,
  { site, tag, after, limit }: ThreadListInput,
): Promise<ThreadListPage> {
  const tx = db.transaction(['threadStats', 'threads', 'tags'], 'readonly');
  const statsStore = tx.objectStore('threadStats');
  // Counted once, with the first page: later pages keep the reader's place, not the total.
  const counting = site === null && tag === null && after === null ? statsStore.count() : null;
  let index;
  let range: IDBKeyRange | null;
  if (tag !== null) {
    const prefix = tagPrefix(site, tag);
    index = statsStore.index(site === null ? 'tagActivity' : 'siteTagActivity');
    range = IDBKeyRange.bound(
      prefix,
      after ? `${prefix}${after.activityAt}${SEP}${after.thread}` : `${prefix}${TOP}`,
      false,
      after !== null,
    );
  } else if (site !== null) {
    index = statsStore.index('site');
    range = IDBKeyRange.bound(
      [site, '', ''],
      after ? [site, after.activityAt, after.thread] : [site, TOP, TOP],
      false,
      after !== null,
    );
  } else {
    index = statsStore.index('activity');
    range = after ? IDBKeyRange.upperBound([after.activityAt, after.thread], true) : null;
  }
  const page: ThreadStats[] = [];
  let cursor = await index.openCursor(range, 'prev');
  while (cursor && page.length <= limit) {
    page.push(cursor.value);
    cursor = await cursor.continue();
  }
  const more = page.length > limit;
  const shown = page.slice(0, limit);
  const colors = new Map<string, string>();
  const items = await Promise.all(
    shown.map(async (stats): Promise<ThreadListItem> => {
      const record = await tx.objectStore('threads').get(stats.thread);
      const topTags = await Promise.all(
        stats.tags.slice(0, TOP_TAGS).map(async ({ name, comments }) => {
          if (!colors.has(name)) {
            colors.set(name, (await tx.objectStore('tags').get(name))?.color ?? '');
          }
          return { name, comments, color: colors.get(name) || defaultTagColor(name) };
        }),
      );
      return {
        key: stats.thread,
        site: stats.site,
        title: record?.title ?? '',
        url: record?.url ?? '',
        activityAt: stats.activityAt,
        counts: stats.counts,
        tags: topTags,
        moreTags: Math.max(0, stats.tags.length - TOP_TAGS),
      };
    }),
  );
  const last = shown.at(-1);
  return {
    threads: items,
    total: counting ? await counting : null,
    next: more && last ? { activityAt: last.activityAt, thread: last.thread } : null,
  };
}

/** The sites with annotated threads: one skip per site along the site index, not a scan. */
export async function listedSites(db: ThreadnoteDB): Promise<string[]> {
  const index = db.transaction('threadStats').store.index('site');
  const sites: string[] = [];
  let cursor = await index.openKeyCursor();
  while (cursor) {
    const site = (cursor.key as [string, string, string])[0];
    sites.push(site);
    cursor = await cursor.continue([site, TOP, TOP]);
  }
  return sites;
}
