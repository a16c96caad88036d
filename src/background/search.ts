/**
 * The search index: one entry per annotated comment and per annotated user, holding the words of
 * its note, quote, author and tags, behind a multi-entry index. It is written in the same
 * transaction as the record, so a search reads the index instead of scanning every record.
 */
import type { SearchResult } from '../shared/messages';
import type { CommentAnnotation, UserAnnotation } from '../shared/model';
import type { ThreadnoteDB } from './db';

export interface SearchEntry {
  /** `comment:<key>` or `user:<key>`. */
  key: string;
  terms: string[];
  updatedAt: string;
}

const MAX_TERMS = 2_000;
const MIN_TERM = 2;

/** Lowercased words of letters and digits, as typed in any script, each once. */
export function termsOf(...texts: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    for (const word of text
      .normalize('NFKC')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)) {
      if (word.length >= MIN_TERM) terms.add(word);
      if (terms.size >= MAX_TERMS) return [...terms];
    }
  }
  return [...terms];
}

export function commentEntry(record: CommentAnnotation): SearchEntry {
  return {
    key: `comment:${record.key}`,
    terms: termsOf(record.note, record.quote, record.author, ...record.tags),
    updatedAt: record.updatedAt,
  };
}

export function userEntry(record: UserAnnotation): SearchEntry {
  return {
    key: `user:${record.key}`,
    terms: termsOf(record.note, record.name, ...record.tags),
    updatedAt: record.updatedAt,
  };
}

interface SearchStore {
  put(entry: SearchEntry): Promise<unknown>;
  delete(key: string): Promise<unknown>;
}

/** Keeps a record's entry in step with it: call with null when the record is deleted. */
export async function indexComment(
  store: SearchStore,
  key: string,
  record: CommentAnnotation | null,
): Promise<void> {
  if (record) await store.put(commentEntry(record));
  else await store.delete(`comment:${key}`);
}

export async function indexUser(
  store: SearchStore,
  key: string,
  record: UserAnnotation | null,
): Promise<void> {
  if (record) await store.put(userEntry(record));
  else await store.delete(`user:${key}`);
}

const EXCERPT = 200;

/**
 * Past this many matches, reading each match's date costs more than walking the date index from
 * the newest entry until `limit` matches have gone by: a common word matches a good share of the
 * entries, so the walk stops early.
 */
const READ_EACH_UP_TO = 1_000;

interface RankableStore {
  get(key: string): Promise<SearchEntry | undefined>;
  index(name: 'updatedAt'): {
    openKeyCursor(
      query: null,
      direction: 'prev',
    ): Promise<{ primaryKey: string; continue(): Promise<unknown> } | null>;
  };
}

/** The keys of the `limit` newest matches, newest first, at a cost bounded by either path. */
async function newestOf(
  store: RankableStore,
  matches: ReadonlySet<string>,
  limit: number,
): Promise<string[]> {
  if (matches.size <= READ_EACH_UP_TO) {
    const entries = await Promise.all([...matches].map((key) => store.get(key)));
    return entries
      .filter((entry) => entry !== undefined)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, limit)
      .map((entry) => entry.key);
  }
  const newest: string[] = [];
  let cursor = await store.index('updatedAt').openKeyCursor(null, 'prev');
  while (cursor && newest.length < limit) {
    if (matches.has(cursor.primaryKey)) newest.push(cursor.primaryKey);
    cursor = (await cursor.continue()) as typeof cursor;
  }
  return newest;
}

/**
 * Records matching every word of the query (each word as a prefix: "compil" finds "compilers"),
 * newest first.
 */
export async function search(
  db: ThreadnoteDB,
  query: string,
  limit: number,
): Promise<SearchResult[]> {
  const words = termsOf(query);
  if (words.length === 0) return [];
  const tx = db.transaction(['search', 'comments', 'users', 'threads'], 'readonly');
  const searchStore = tx.objectStore('search');
  const byTerm = searchStore.index('terms');
  let matches: Set<string> | null = null;
  for (const word of words) {
    const found = await byTerm.getAllKeys(IDBKeyRange.bound(word, `${word}\uffff`));
    matches = new Set(matches ? found.filter((key) => matches?.has(key)) : found);
    if (matches.size === 0) return [];
  }
  const ranked = await newestOf(searchStore, matches ?? new Set(), limit);
  const results: SearchResult[] = [];
  for (const entry of ranked) {
    if (entry.startsWith('comment:')) {
      const record = await tx.objectStore('comments').get(entry.slice('comment:'.length));
      if (!record) continue;
      const thread = await tx.objectStore('threads').get(record.thread);
      results.push({
        kind: 'comment',
        key: record.key,
        author: record.author,
        note: record.note.slice(0, EXCERPT),
        quote: record.quote.slice(0, EXCERPT),
        tags: record.tags,
        url: record.url,
        thread: { key: record.thread, title: thread?.title ?? '', url: thread?.url ?? record.url },
        updatedAt: record.updatedAt,
      });
    } else {
      const record = await tx.objectStore('users').get(entry.slice('user:'.length));
      if (!record) continue;
      results.push({
        kind: 'user',
        key: record.key,
        author: record.name,
        note: record.note.slice(0, EXCERPT),
        quote: '',
        tags: record.tags,
        url: '',
        thread: null,
        updatedAt: record.updatedAt,
      });
    }
  }
  return results;
}
