/**
 * Every request the service worker answers, each declared once: the schema its payload must pass
 * (a content script shares its page with code we do not control, so the worker checks every
 * request before it touches the store), who may send it, the record keys it names and whether it
 * writes. What each one answers is typed in `WorkerOutputs` (messages.ts). Only the worker loads
 * this module at run time: pages import its types, never its values, so valibot stays out of them.
 */
import * as v from 'valibot';
import { MAX_NOTE_LENGTH, MAX_QUICK_TAGS, WIPE_CONFIRMATION } from './model';
import {
  MAX_KEY,
  MAX_TEXT,
  authorName,
  commentOps,
  commentRefSchema,
  draftKey,
  key,
  siteId,
  tagName,
  threadRefSchema,
  userOps,
} from './field-schemas';

/** The extension's own pages, or the content script of a forum page. */
export type CallerKind = 'content' | 'extension';

/** A request as the router uses it, for an input of type `I` (its payload once parsed). */
export interface WorkerCallSpec<I> {
  schema: v.GenericSchema<unknown, I>;
  /** Who may send it: content scripts only reach what a page needs. */
  callers: readonly CallerKind[];
  /**
   * Every record key the input names, so a content script can be kept to its own sites' keys;
   * none for a call only the extension's pages make, since those reach every site anyway.
   */
  keys: (input: I) => readonly string[];
  /** Whether it writes records: one that goes through shows that storage works again. */
  writes: boolean;
}

/** A call that content scripts may make must say which keys it names. */
type CallDefinition<S extends v.GenericSchema> = { schema: S; writes: boolean } & (
  | { callers: readonly ['extension'] }
  | { callers: readonly CallerKind[]; keys: (input: v.InferOutput<S>) => readonly string[] }
);

/** For calls that name no record: settings and the tag list are the same on every site. */
const noKeys = () => [];

function defineCall<S extends v.GenericSchema>(
  definition: CallDefinition<S>,
): WorkerCallSpec<v.InferOutput<S>> {
  const { schema, callers, writes } = definition;
  return { schema, callers, writes, keys: 'keys' in definition ? definition.keys : noKeys };
}

/** A sync server's address and credentials (sync/remote.ts); http only for this machine. */
const syncTarget = v.strictObject({
  url: v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(2_000),
    v.regex(
      /^(https:\/\/[^\s/]+|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?)\/?$/,
      'The server is an https:// address (or http:// on localhost), without a path.',
    ),
  ),
  database: v.pipe(
    v.string(),
    v.regex(
      /^[a-z][a-z0-9_$()+/-]{0,237}$/,
      'A CouchDB database name starts with a lowercase letter: lowercase letters, digits, _$()+-/.',
    ),
  ),
  username: v.pipe(v.string(), v.maxLength(500)),
  password: v.pipe(v.string(), v.maxLength(1_000)),
});

const MAX_COMMENTS_PER_PAGE = 50_000;
const MAX_BULK = 10_000;
const noInput = v.strictObject({});
/** A draft's key is a record's key behind `comment:` or `user:`. */
const draftKeys = ({ key }: { key: string }) => [key.replace(/^(comment|user):/, '')];

export const workerCalls = {
  /**
   * A page with comments was opened: returns what is known about it and records the visit. It
   * tells storage health itself whether the visit could be written (see `openPage`).
   */
  'page.open': defineCall({
    schema: v.strictObject({
      threadKeys: v.pipe(v.array(key), v.maxLength(1_000)),
      userKeys: v.pipe(v.array(key), v.maxLength(MAX_COMMENTS_PER_PAGE)),
      /** A site whose annotated users' keys to list, so the page reads authors only if needed. */
      usersOf: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_KEY))),
      visit: v.nullable(
        v.strictObject({
          thread: threadRefSchema,
          commentKeys: v.pipe(v.array(key), v.maxLength(MAX_COMMENTS_PER_PAGE)),
        }),
      ),
    }),
    callers: ['content'],
    keys: (open) => [
      ...open.threadKeys,
      ...open.userKeys,
      ...(open.usersOf === null ? [] : [`${open.usersOf}:`]),
      ...(open.visit ? [open.visit.thread.key, ...open.visit.commentKeys] : []),
    ],
    writes: false,
  }),
  /**
   * Operations on comments' annotations (see operations.ts), applied to what is stored: one edit
   * or a bulk action (fold all, undo), in one transaction, with one push to other tabs.
   */
  'comments.edit': defineCall({
    schema: v.strictObject({
      edits: v.pipe(
        v.array(v.strictObject({ comment: commentRefSchema, ops: commentOps })),
        v.minLength(1),
        v.maxLength(MAX_BULK),
      ),
    }),
    callers: ['content', 'extension'],
    keys: ({ edits }) => edits.flatMap(({ comment }) => [comment.key, comment.thread.key]),
    writes: true,
  }),
  /**
   * Asked as the page starts loading, before its comments can be read: how many folds the thread
   * behind this URL's item (a story, or an annotated comment) has, so the page can keep its
   * comments out of sight until they are applied.
   */
  'page.early': defineCall({
    schema: v.strictObject({ site: siteId, item: v.nullable(key) }),
    callers: ['content'],
    keys: ({ site, item }) => [`${site}:`, ...(item === null ? [] : [item])],
    writes: false,
  }),
  /** Operations on a user's annotation; `key` is `userKeyOf(site, name)`. */
  'user.edit': defineCall({
    schema: v.strictObject({
      user: v.strictObject({ key, name: v.pipe(authorName, v.minLength(1)) }),
      ops: userOps,
    }),
    callers: ['content', 'extension'],
    keys: ({ user }) => [user.key],
    writes: true,
  }),
  // Vocabulary changes rewrite records of every site: only the extension's own pages make them.
  'tags.update': defineCall({
    schema: v.strictObject({
      name: tagName,
      patch: v.strictObject({
        color: v.optional(v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/, 'A colour is #rrggbb.'))),
        description: v.optional(v.pipe(v.string(), v.maxLength(MAX_TEXT))),
      }),
    }),
    callers: ['extension'],
    writes: true,
  }),
  /** Renames a tag everywhere; renaming onto an existing tag merges the two. */
  'tags.rename': defineCall({
    schema: v.strictObject({ from: tagName, to: tagName }),
    callers: ['extension'],
    writes: true,
  }),
  'tags.merge': defineCall({
    schema: v.strictObject({
      from: v.pipe(v.array(tagName), v.minLength(1), v.maxLength(100)),
      into: tagName,
    }),
    callers: ['extension'],
    writes: true,
  }),
  'tags.delete': defineCall({
    schema: v.strictObject({ name: tagName }),
    callers: ['extension'],
    writes: true,
  }),
  'tags.usage': defineCall({ schema: noInput, callers: ['extension'], writes: false }),
  'tags.list': defineCall({
    schema: noInput,
    callers: ['content', 'extension'],
    keys: noKeys,
    writes: false,
  }),
  'settings.get': defineCall({
    schema: noInput,
    callers: ['content', 'extension'],
    keys: noKeys,
    writes: false,
  }),
  /** Changes the settings named; the others stay as they are. */
  'settings.update': defineCall({
    schema: v.strictObject({
      quickTags: v.optional(
        v.pipe(
          v.array(tagName),
          v.maxLength(MAX_QUICK_TAGS, `At most ${MAX_QUICK_TAGS} quick tags.`),
        ),
      ),
      disabledSites: v.optional(v.pipe(v.array(siteId), v.maxLength(20))),
      tagNamesInPage: v.optional(v.boolean()),
    }),
    callers: ['extension'],
    writes: true,
  }),
  /** The reader dismissed the first-run hint (src/content/first-run.tsx): it shows no more. */
  'hint.dismiss': defineCall({
    schema: noInput,
    callers: ['content'],
    keys: noKeys,
    writes: true,
  }),
  /** Turns Threadnote on or off on one built-in site, leaving the others as they are. */
  'settings.site': defineCall({
    schema: v.strictObject({ site: siteId, on: v.boolean() }),
    callers: ['extension'],
    writes: true,
  }),
  'notes.search': defineCall({
    schema: v.strictObject({
      query: v.pipe(v.string(), v.maxLength(500)),
      limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200)),
    }),
    callers: ['extension'],
    writes: false,
  }),
  'draft.get': defineCall({
    schema: v.strictObject({ key: draftKey }),
    callers: ['content', 'extension'],
    keys: draftKeys,
    writes: false,
  }),
  'draft.save': defineCall({
    schema: v.strictObject({
      key: draftKey,
      text: v.pipe(v.string(), v.maxLength(MAX_NOTE_LENGTH * 2)),
    }),
    callers: ['content', 'extension'],
    keys: draftKeys,
    writes: true,
  }),
  'draft.delete': defineCall({
    schema: v.strictObject({ key: draftKey }),
    callers: ['content', 'extension'],
    keys: draftKeys,
    writes: true,
  }),
  'thread.summary': defineCall({
    schema: v.strictObject({ thread: key }),
    callers: ['content', 'extension'],
    keys: ({ thread }) => [thread],
    writes: false,
  }),
  'popup.open': defineCall({
    schema: v.strictObject({ tabId: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))) }),
    callers: ['extension'],
    writes: false,
  }),
  // Every thread of every site: the popup's list, never a page's business.
  'threads.list': defineCall({
    schema: v.strictObject({
      site: v.nullable(siteId),
      tag: v.nullable(tagName),
      after: v.nullable(
        v.strictObject({ activityAt: v.pipe(v.string(), v.maxLength(40)), thread: key }),
      ),
      limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200)),
    }),
    callers: ['extension'],
    writes: false,
  }),
  'threads.sites': defineCall({ schema: noInput, callers: ['extension'], writes: false }),
  'sites.enabled': defineCall({ schema: noInput, callers: ['extension'], writes: false }),
  /** What is stored, for the options page: totals, annotated threads and tags with counts. */
  'data.overview': defineCall({ schema: noInput, callers: ['extension'], writes: false }),
  /** Deletes every record; the phrase makes a stray call from a bug harmless. */
  'data.wipe': defineCall({
    schema: v.strictObject({ confirm: v.literal(WIPE_CONFIRMATION) }),
    callers: ['extension'],
    writes: true,
  }),
  /**
   * The content script's UI, loaded on first use or at idle: the worker injects it into the
   * asking frame's isolated world (src/background/ui-script.ts). It names no record.
   */
  'ui.load': defineCall({ schema: noInput, callers: ['content'], keys: noKeys, writes: false }),
  /** Turn Threadnote on for the host of this tab, whose permission the popup just obtained. */
  'site.enable': defineCall({
    schema: v.strictObject({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
    callers: ['extension'],
    writes: false,
  }),
  // --- sync (issue #18): settings, test connection and runs, from the extension's pages only.
  'sync.status': defineCall({ schema: noInput, callers: ['extension'], writes: false }),
  /** Test connection: one status of SyncProbe for these server settings. */
  'sync.test': defineCall({ schema: syncTarget, callers: ['extension'], writes: false }),
  /** Creates the missing database that Test connection offered to create. */
  'sync.create': defineCall({ schema: syncTarget, callers: ['extension'], writes: false }),
  /** Turns sync on once the page obtained the server's host permission. */
  'sync.enable': defineCall({
    schema: v.strictObject({
      target: syncTarget,
      passphrase: v.pipe(v.string(), v.minLength(8), v.maxLength(1_000)),
    }),
    callers: ['extension'],
    writes: true,
  }),
  /** Turns sync off: local data stays, requests stop. */
  'sync.disable': defineCall({ schema: noInput, callers: ['extension'], writes: false }),
  'sync.now': defineCall({ schema: noInput, callers: ['extension'], writes: true }),
};

export type WorkerCall = keyof typeof workerCalls;
/** Each call's payload as the worker has it once parsed (page text cut to its kept length). */
export type WorkerInputs = {
  [K in WorkerCall]: (typeof workerCalls)[K] extends WorkerCallSpec<infer I> ? I : never;
};
export type WorkerInput<K extends WorkerCall> = WorkerInputs[K];
