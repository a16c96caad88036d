/**
 * The search index: one entry per annotated comment and per annotated user, holding the words of
 * its note, quote, author and tags, behind a multi-entry index. It is written in the same
 * transaction as the record, so a search reads the index instead of scanning every record.
 */
import type { SearchResult } from '../shared/messages';
import type { CommentAnnotation, UserAnnotation } from '../shared/model';
import type { IDBPTransaction } from 'idb';
import type { SearchEntry, ThreadnoteDB, ThreadnoteSchema } from './schema';

const SEP = '\u0000';

/** The index keys of an entry's terms at its date (terms never contain \0). */
export function timedTermsOf(terms: readonly string[], updatedAt: string): string[] {
  return terms.map((term) => `${term}${SEP}${updatedAt}`);
}

function entry(key: string, terms: string[], updatedAt: string): SearchEntry {
  return { key, terms, timedTerms: timedTermsOf(terms, updatedAt), updatedAt };
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
  return entry(
    `comment:${record.key}`,
    termsOf(record.note, record.quote, record.author, ...record.tags),
    record.updatedAt,
  );
}

export function userEntry(record: UserAnnotation): SearchEntry {
  return entry(
    `user:${record.key}`,
    termsOf(record.note, record.name, ...record.tags),
    record.updatedAt,
  );
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

/** Past this many different words sharing a prefix, the prefix is walked as the whole store. */
const MAX_TERMS_PER_PREFIX = 50;

type SearchTx = IDBPTransaction<ThreadnoteSchema, ('search' | 'comments' | 'users' | 'threads')[]>;
type TimedIndex = ReturnType<ReturnType<SearchTx['objectStore']>['index']>;

function matchesAll(found: SearchEntry, words: readonly string[]): boolean {
  return words.every((word) => found.terms.some((term) => term.startsWith(word)));
}

function prefixRange(word: string): IDBKeyRange {
  return IDBKeyRange.bound(word, `${word}\uffff`);
}

/** The different terms starting with `word`, one index step each; null past the cap. */
async function termsStarting(index: TimedIndex, word: string): Promise<string[] | null> {
  const terms: string[] = [];
  let cursor = await index.openKeyCursor(prefixRange(word));
  while (cursor) {
    const key = cursor.key as string;
    const term = key.slice(0, key.indexOf(SEP));
    if (terms.length === MAX_TERMS_PER_PREFIX) return null;
    terms.push(term);
    cursor = await cursor.continue(`${term}${SEP}\uffff`);
  }
  return terms;
}

/**
 * The entries holding any of `terms`, newest first: one backwards cursor per term along the
 * timed index, merged by date, each entry once.
 */
async function* newestHolding(index: TimedIndex, terms: readonly string[]) {
  type Head = { cursor: Awaited<ReturnType<TimedIndex['openCursor']>>; at: string };
  const heads: Head[] = [];
  const dateOf = (key: unknown) => (key as string).slice((key as string).indexOf(SEP) + 1);
  for (const term of terms) {
    const cursor = await index.openCursor(
      IDBKeyRange.bound(`${term}${SEP}`, `${term}${SEP}\uffff`),
      'prev',
    );
    if (cursor) heads.push({ cursor, at: dateOf(cursor.key) });
  }
  const seen = new Set<string>();
  while (heads.length > 0) {
    let newest = 0;
    heads.forEach((head, i) => {
      if (head.at > (heads[newest] as Head).at) newest = i;
    });
    const head = heads[newest] as Head;
    const value = head.cursor?.value as SearchEntry;
    if (!seen.has(value.key)) {
      seen.add(value.key);
      yield value;
    }
    const next = await head.cursor?.continue();
    if (next) {
      head.cursor = next;
      head.at = dateOf(next.key);
    } else {
      heads.splice(newest, 1);
    }
  }
}

/** Every entry, newest first: for prefixes so short they stand for many words. */
async function* newestOfAll(tx: SearchTx) {
  let cursor = await tx.objectStore('search').index('updatedAt').openCursor(null, 'prev');
  while (cursor) {
    yield cursor.value;
    cursor = await cursor.continue();
  }
}

/**
 * The keys of the `limit` newest entries holding every word (each as a prefix), newest first. A
 * word with at most `limit` entries has them read and sorted; otherwise the entries of the first
 * word are read newest first until `limit` hold every word. Either way the work follows the
 * page asked for, not the size of the store.
 */
async function newestMatches(tx: SearchTx, words: readonly string[], limit: number) {
  const store = tx.objectStore('search');
  const index = store.index('timedTerms');
  for (const word of words) {
    const keys = await index.getAllKeys(prefixRange(word), limit + 1);
    if (keys.length === 0) return [];
    if (keys.length <= limit) {
      const entries = await Promise.all([...new Set(keys)].map((key) => store.get(key)));
      return entries
        .filter((found): found is SearchEntry => found !== undefined && matchesAll(found, words))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .slice(0, limit)
        .map((found) => found.key);
    }
  }
  const [first = ''] = words;
  const terms = await termsStarting(index, first);
  const newest: string[] = [];
  for await (const found of terms ? newestHolding(index, terms) : newestOfAll(tx)) {
    if (matchesAll(found, words)) newest.push(found.key);
    if (newest.length === limit) break;
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
