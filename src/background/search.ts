/**
 * The search index: one entry per annotated comment and per annotated user, holding the words of
 * its note, quote, author and tags, behind a multi-entry index. It is written in the same
 * transaction as the record, so a search reads the index instead of scanning every record.
 */
import type { SearchResult } from '../shared/messages';
import type { CommentAnnotation, UserAnnotation } from '../shared/model';
import type { IDBPTransaction } from 'idb';
import type { ThreadnoteDB } from './db';
import type { ThreadnoteSchema } from './schema';

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
 * A word matched by at most this many entries has them all read; a commoner one is found by
 * walking the entries newest first until enough match. Either way a search reads about this many
 * entries at most (for a 50-result page of a 100,000-entry store, the two costs meet near here),
 * where reading every match of a common word, or even listing them along its index, would read a
 * share of the whole store.
 */
export const READ_EACH_UP_TO = 2_000;

type SearchTx = IDBPTransaction<ThreadnoteSchema, ('search' | 'comments' | 'users' | 'threads')[]>;

function matchesAll(entry: SearchEntry, words: readonly string[]): boolean {
  return words.every((word) => entry.terms.some((term) => term.startsWith(word)));
}

/** The keys of the `limit` newest entries holding every word (each as a prefix), newest first. */
async function newestMatches(tx: SearchTx, words: readonly string[], limit: number) {
  const store = tx.objectStore('search');
  const byTerm = store.index('terms');
  // The rarest word decides: if one is rare enough to list, its entries are the candidates.
  let candidates: string[] | null = null;
  for (const word of words) {
    const keys = await byTerm.getAllKeys(
      IDBKeyRange.bound(word, `${word}\uffff`),
      READ_EACH_UP_TO + 1,
    );
    if (
      keys.length <= READ_EACH_UP_TO &&
      (candidates === null || keys.length < candidates.length)
    ) {
      candidates = [...new Set(keys)];
    }
    if (keys.length === 0) return [];
  }
  if (candidates) {
    const entries = await Promise.all(candidates.map((key) => store.get(key)));
    return entries
      .filter((entry) => entry !== undefined && matchesAll(entry, words))
      .sort((a, b) => (b as SearchEntry).updatedAt.localeCompare((a as SearchEntry).updatedAt))
      .slice(0, limit)
      .map((entry) => (entry as SearchEntry).key);
  }
  const newest: string[] = [];
  let cursor = await store.index('updatedAt').openCursor(null, 'prev');
  while (cursor && newest.length < limit) {
    if (matchesAll(cursor.value, words)) newest.push(cursor.value.key);
    cursor = await cursor.continue();
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
  const ranked = await newestMatches(tx, words, limit);
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
