import { StorageHealth } from '../../src/background/storage-health';
import { vi } from 'vitest';
import { migrations } from '../../src/background/migrations';
import type { RouterDeps } from '../../src/background/deps';
import { openWithMigrations } from '../../src/background/db';
import type { ThreadnoteDB } from '../../src/background/schema';
import { editComments, editUser } from '../../src/background/edits';
import { userKeyOf, type Fold, type ThreadRef } from '../../src/shared/model';
import type { CommentOp, NoteOp, TagOp, UserOp } from '../../src/shared/operations';

let counter = 0;

/** A fresh database per test, opened exactly as the worker opens it. */
export async function freshDatabase(): Promise<ThreadnoteDB> {
  counter++;
  return (await openWithMigrations(`test-${counter}-${Date.now()}`, migrations)) as ThreadnoteDB;
}

export const thread: ThreadRef = {
  key: 'hn:44533403',
  title: 'Kimi K2: Open Agentic Intelligence',
  url: 'https://news.ycombinator.com/item?id=44533403',
};

export function commentRef(id: string, author = 'motoboi', quote = 'What amazes me is why…') {
  return {
    key: `hn:${id}`,
    thread,
    author,
    url: `https://news.ycombinator.com/item?id=${id}`,
    quote,
  };
}

export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
/** A content script on a Hacker News page, as the router sees its messages' sender. */
export const contentSender = {
  id: EXTENSION_ID,
  url: 'https://news.ycombinator.com/item?id=1',
  tab: {},
};

export type TestRouterDeps = RouterDeps & {
  broadcast: ReturnType<typeof vi.fn<RouterDeps['broadcast']>>;
};

/** The router's dependencies over `db`, with no Discourse host enabled and no tab answering. */
export function routerDeps(db: ThreadnoteDB, overrides: Partial<RouterDeps> = {}): TestRouterDeps {
  return {
    extensionId: EXTENSION_ID,
    extensionOrigin: EXTENSION_ORIGIN,
    database: async () => db,
    now: () => '2026-11-29T10:00:00.000Z',
    hostEnabled: async () => false,
    enabledSites: async () => [],
    enableTab: async () => ({ status: 'not-forum' }) as const,
    pageInfo: async () => null,
    injectUi: async () => null,
    health: new StorageHealth(),
    ...overrides,
    broadcast: vi.fn<RouterDeps['broadcast']>(),
  };
}

/** Operations that add these tags. */
export function addTags(...tags: string[]): TagOp[] {
  return tags.map((tag) => ({ op: 'tag.add', tag }));
}

/** An operation that writes a note over `base`, the text its writer saw (none, by default). */
export function setNote(note: string, base = ''): NoteOp {
  return { op: 'note.set', note, base };
}

export function setFold(fold: Fold): CommentOp {
  return { op: 'fold.set', fold };
}

/** One comment's edit, as a `comments.edit` of one edit makes it. */
export async function editComment(
  db: ThreadnoteDB,
  comment: ReturnType<typeof commentRef>,
  ops: CommentOp[],
  now: string,
) {
  const { annotations, createdTags, kept } = await editComments(db, [{ comment, ops }], now);
  return { annotation: annotations[0] ?? null, createdTags, kept };
}

/** A user's edit; the key is the one a page derives from the name. */
export function editUserNamed(db: ThreadnoteDB, name: string, ops: UserOp[], now: string) {
  return editUser(db, { user: { key: userKeyOf('hn', name), name }, ops }, now);
}
