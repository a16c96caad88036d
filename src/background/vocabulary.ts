/**
 * The reader's tag vocabulary: definitions, renames, merges and deletes that rewrite every record
 * carrying a tag in one transaction, counts from the tag indexes, and quick-tag settings.
 */
import type { TagChange } from '../shared/messages';
import {
  DEFAULT_SETTINGS,
  defaultTagColor,
  isEmptyAnnotation,
  isEmptyUser,
  type Settings,
  type Tag,
  type TagUsage,
} from '../shared/model';
import type { ThreadnoteDB } from './schema';
import { indexComment, indexUser } from './search';
import { logChange, type SyncLogStore } from './sync/changelog';
import { refreshThreadStats, statsStores } from './thread-stats';

const SETTINGS_KEY = 'settings';

export async function readSettings(db: ThreadnoteDB): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await db.get('settings', SETTINGS_KEY)) };
}

/**
 * Changes the settings `patch` names, in one transaction; a function patch is given the current
 * settings, so a change that depends on them cannot lose another made meanwhile.
 */
export async function writeSettings(
  db: ThreadnoteDB,
  change: Partial<Settings> | ((current: Settings) => Partial<Settings>),
): Promise<Settings> {
  const tx = db.transaction(['settings', 'tags', 'syncLog'], 'readwrite');
  const stored = await tx.objectStore('settings').get(SETTINGS_KEY);
  const current = { ...DEFAULT_SETTINGS, ...stored };
  const patch = typeof change === 'function' ? change(current) : change;
  const next: Settings = {
    quickTags: [...new Set(patch.quickTags ?? current.quickTags)],
    disabledSites: [...new Set(patch.disabledSites ?? current.disabledSites)],
    tagNamesInPage: patch.tagNamesInPage ?? current.tagNamesInPage,
    // Absent until dismissed, so the settings of older installs need no migration.
    ...((patch.firstRunHintDone ?? current.firstRunHintDone) ? { firstRunHintDone: true } : {}),
  };
  const tags = new Set(await tx.objectStore('tags').getAllKeys());
  const missing = next.quickTags.find((name) => !tags.has(name));
  if (missing) return abortWith(tx, `There is no tag “${missing}” to make a quick tag.`);
  await tx.objectStore('settings').put(next, SETTINGS_KEY);
  await logChange(tx.objectStore('syncLog'), 'settings', SETTINGS_KEY, stored, stamp());
  await tx.done;
  return next;
}

/** Turns Threadnote on or off on a built-in site. */
export function setSiteOn(db: ThreadnoteDB, site: string, on: boolean): Promise<Settings> {
  return writeSettings(db, ({ disabledSites }) => ({
    disabledSites: on ? disabledSites.filter((off) => off !== site) : [...disabledSites, site],
  }));
}

export async function updateTag(
  db: ThreadnoteDB,
  name: string,
  patch: { color?: string; description?: string },
): Promise<Tag> {
  const tx = db.transaction(['tags', 'syncLog'], 'readwrite');
  const tag = await tx.objectStore('tags').get(name);
  if (!tag) throw new Error(`There is no tag “${name}”.`);
  const next = { ...tag, ...patch };
  await tx.objectStore('tags').put(next);
  await logChange(tx.objectStore('syncLog'), 'tag', name, tag, stamp());
  await tx.done;
  return next;
}

/**
 * Replaces the `from` tags by `into` on every comment and user, in one transaction: `into` keeps
 * its definition if it exists, else takes the first source's colour and description.
 */
export async function mergeTags(
  db: ThreadnoteDB,
  from: readonly string[],
  into: string,
  now: string,
): Promise<TagChange> {
  const sources = [...new Set(from)].filter((name) => name !== into);
  const tx = db.transaction(
    ['comments', 'users', 'tags', 'settings', 'search', 'threads', 'threadStats', 'syncLog'],
    'readwrite',
  );
  const log = tx.objectStore('syncLog');
  const tagStore = tx.objectStore('tags');
  const searchStore = tx.objectStore('search');
  const definitions = await Promise.all(sources.map((name) => tagStore.get(name)));
  const missing = sources.find((_name, index) => definitions[index] === undefined);
  if (missing) return abortWith(tx, `There is no tag “${missing}”.`);
  const replace = (tags: readonly string[]) => [
    ...new Set(tags.map((tag) => (sources.includes(tag) ? into : tag))),
  ];

  const comments = await recordsTagged(tx.objectStore('comments').index('tags'), sources);
  for (const record of comments) {
    const next = { ...record, tags: replace(record.tags), updatedAt: now };
    await tx.objectStore('comments').put(next);
    await logChange(log, 'comment', next.key, record, now);
    await indexComment(searchStore, next.key, next);
  }
  await refreshThreadStats(
    statsStores(tx),
    comments.map((record) => record.thread),
  );
  const users = await recordsTagged(tx.objectStore('users').index('tags'), sources);
  for (const record of users) {
    const next = { ...record, tags: replace(record.tags), updatedAt: now };
    await tx.objectStore('users').put(next);
    await logChange(log, 'user', next.key, record, now);
    await indexUser(searchStore, next.key, next);
  }

  if ((await tagStore.getKey(into)) === undefined) {
    const first = definitions[0];
    await tagStore.put({
      name: into,
      color: first?.color ?? defaultTagColor(into),
      description: first?.description ?? '',
      createdAt: first?.createdAt ?? now,
    });
    await logChange(log, 'tag', into, null, now);
  }
  for (const [index, name] of sources.entries()) {
    await tagStore.delete(name);
    await logChange(log, 'tag', name, definitions[index], now);
  }
  await rewriteQuickTags(tx.objectStore('settings'), log, replace, now);
  await tx.done;
  return { comments: comments.length, users: users.length };
}

/** Takes a tag off every comment and user (dropping records left empty) and forgets it. */
export async function deleteTag(db: ThreadnoteDB, name: string, now: string): Promise<TagChange> {
  const tx = db.transaction(
    ['comments', 'users', 'tags', 'settings', 'search', 'threads', 'threadStats', 'syncLog'],
    'readwrite',
  );
  const log = tx.objectStore('syncLog');
  const searchStore = tx.objectStore('search');
  const definition = await tx.objectStore('tags').get(name);
  if (definition === undefined) return abortWith(tx, `There is no tag “${name}”.`);
  const without = (tags: readonly string[]) => tags.filter((tag) => tag !== name);
  const comments = await recordsTagged(tx.objectStore('comments').index('tags'), [name]);
  for (const record of comments) {
    const next = { ...record, tags: without(record.tags), updatedAt: now };
    const kept = isEmptyAnnotation(next) ? null : next;
    if (kept) await tx.objectStore('comments').put(kept);
    else await tx.objectStore('comments').delete(record.key);
    await logChange(log, 'comment', record.key, record, now);
    await indexComment(searchStore, record.key, kept);
  }
  await refreshThreadStats(
    statsStores(tx),
    comments.map((record) => record.thread),
  );
  const users = await recordsTagged(tx.objectStore('users').index('tags'), [name]);
  for (const record of users) {
    const next = { ...record, tags: without(record.tags), updatedAt: now };
    const kept = isEmptyUser(next) ? null : next;
    if (kept) await tx.objectStore('users').put(kept);
    else await tx.objectStore('users').delete(record.key);
    await logChange(log, 'user', record.key, record, now);
    await indexUser(searchStore, record.key, kept);
  }
  await tx.objectStore('tags').delete(name);
  await logChange(log, 'tag', name, definition, now);
  await rewriteQuickTags(tx.objectStore('settings'), log, without, now);
  await tx.done;
  return { comments: comments.length, users: users.length };
}

/** How many comments and users carry each tag, counted on the multi-entry tag indexes. */
export async function tagUsage(db: ThreadnoteDB): Promise<TagUsage[]> {
  const tx = db.transaction(['tags', 'comments', 'users'], 'readonly');
  const names = await tx.objectStore('tags').getAllKeys();
  const commentsByTag = tx.objectStore('comments').index('tags');
  const usersByTag = tx.objectStore('users').index('tags');
  return Promise.all(
    names.map(async (name) => ({
      name,
      comments: await commentsByTag.count(name),
      users: await usersByTag.count(name),
    })),
  );
}

/** Ends a transaction that wrote nothing yet, and reports why. */
async function abortWith(
  tx: { abort(): void; done: Promise<void> },
  message: string,
): Promise<never> {
  tx.abort();
  await tx.done.catch(() => undefined);
  throw new Error(message);
}

interface TagIndex<T extends { key: string }> {
  getAll(query: string): Promise<T[]>;
}

async function recordsTagged<T extends { key: string }>(
  index: TagIndex<T>,
  names: readonly string[],
): Promise<T[]> {
  const byKey = new Map<string, T>();
  for (const name of names) {
    for (const record of await index.getAll(name)) byKey.set(record.key, record);
  }
  return [...byKey.values()];
}

interface SettingsStore {
  get(key: 'settings'): Promise<Settings | undefined>;
  put(value: Settings, key: 'settings'): Promise<unknown>;
}

async function rewriteQuickTags(
  store: SettingsStore,
  log: SyncLogStore,
  rewrite: (tags: readonly string[]) => string[],
  now: string,
): Promise<void> {
  const settings = await store.get(SETTINGS_KEY);
  if (!settings) return;
  const quickTags = rewrite(settings.quickTags);
  if (quickTags.join('\n') === settings.quickTags.join('\n')) return;
  await store.put({ ...settings, quickTags }, SETTINGS_KEY);
  await logChange(log, 'settings', SETTINGS_KEY, settings, now);
}

/** The time of a change to settings or a tag's definition, which sync orders by. */
function stamp(): string {
  return new Date().toISOString();
}
