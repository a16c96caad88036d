/**
 * Run-time schemas of the requests the service worker accepts. The worker validates every request
 * against these before it touches the store, since a content script shares its page with code we
 * do not control.
 */
import * as v from 'valibot';
import {
  EXPORT_FORMATS,
  FOLDS,
  MAX_NOTE_LENGTH,
  MAX_QUICK_TAGS,
  PAGE_LIMITS,
  QUOTE_LENGTH,
  WIPE_CONFIRMATION,
  isNormalTagName,
  keptName,
  keptUrl,
} from './model';
import { MAX_IMPORT_CHUNK } from './messages';

/** Long enough for a user key: a Discourse site (`discourse/<host>`), a colon and a kept name. */
export const MAX_KEY = 600;
export const MAX_TEXT = 2_000;
export const KEY_PATTERN = /^[a-z0-9/.-]+:[^\s]+$/;
const MAX_COMMENTS_PER_PAGE = 50_000;
const MAX_SELECTED = 100_000;
const MAX_BULK = 10_000;

/** A site's key prefix: `hn`, or `discourse/<host>`. */
const siteId = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_KEY), v.regex(/^[a-z0-9/.-]+$/));
const key = v.pipe(v.string(), v.minLength(3), v.maxLength(MAX_KEY), v.regex(KEY_PATTERN));
/** A note being written: `comment:<key>` or `user:<key>`. */
const draftKey = v.pipe(
  v.string(),
  v.maxLength(MAX_KEY + 10),
  v.regex(/^(comment|user):[a-z0-9/.-]+:[^\s]+$/, 'Not a draft key.'),
);

const tagName = v.pipe(
  v.string(),
  v.check(isNormalTagName, 'Tag names are trimmed, lowercase, 1–40 characters, without commas.'),
);

/**
 * Text a page supplies (authors, quotes, titles, links) is cut to PAGE_LIMITS on the way in, never
 * refused: a forum's long display name must not keep the reader from tagging a comment. The outer
 * bound only stops absurd payloads before any work is done on them.
 */
const MAX_PAGE_TEXT = 100_000;
const pageText = (cut: (text: string) => string) =>
  v.pipe(v.string(), v.maxLength(MAX_PAGE_TEXT), v.transform(cut));
// http(s) only: these URLs become links in extension pages and exports.
const pageUrl = v.pipe(
  v.string(),
  v.maxLength(MAX_PAGE_TEXT),
  v.transform(keptUrl),
  v.url(),
  v.regex(/^https?:\/\//i, 'Only http and https links are kept.'),
);
const authorName = pageText(keptName);

export const threadRefSchema = v.strictObject({
  key,
  title: pageText((title) => title.slice(0, PAGE_LIMITS.title)),
  url: pageUrl,
});

const commentRefSchema = v.strictObject({
  key,
  thread: threadRefSchema,
  author: authorName,
  url: pageUrl,
  quote: pageText((quote) => quote.slice(0, QUOTE_LENGTH)),
});

const noteText = v.pipe(
  v.string(),
  v.maxLength(MAX_NOTE_LENGTH, `A note has at most ${MAX_NOTE_LENGTH} characters.`),
);
/** A kept version is named by when it was saved. */
const versionStamp = v.pipe(v.string(), v.maxLength(40));
const tagOps = [
  v.strictObject({ op: v.literal('tag.add'), tag: tagName }),
  v.strictObject({ op: v.literal('tag.remove'), tag: tagName }),
] as const;
const noteOps = [
  v.strictObject({
    op: v.literal('note.set'),
    note: noteText,
    base: v.pipe(v.string(), v.maxLength(MAX_NOTE_LENGTH)),
  }),
  v.strictObject({ op: v.literal('note.restore'), version: versionStamp }),
  v.strictObject({ op: v.literal('note.dismiss'), version: versionStamp }),
] as const;
const MAX_OPS = 100;
const commentOps = v.pipe(
  v.array(
    v.variant('op', [
      ...tagOps,
      ...noteOps,
      v.strictObject({ op: v.literal('fold.set'), fold: v.picklist(FOLDS) }),
    ]),
  ),
  v.minLength(1),
  v.maxLength(MAX_OPS),
);
const userOps = v.pipe(
  v.array(v.variant('op', [...tagOps, ...noteOps])),
  v.minLength(1),
  v.maxLength(MAX_OPS),
);

/** Requests that content scripts and extension pages send to the service worker. */
export const workerRequestSchemas = {
  /** A page with comments was opened: returns what is known about it and records the visit. */
  'page.open': v.strictObject({
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
  /**
   * Operations on comments' annotations (see operations.ts), applied to what is stored: one edit
   * or a bulk action (fold all, undo), in one transaction, with one push to other tabs.
   */
  'comments.edit': v.strictObject({
    edits: v.pipe(
      v.array(v.strictObject({ comment: commentRefSchema, ops: commentOps })),
      v.minLength(1),
      v.maxLength(MAX_BULK),
    ),
  }),
  /**
   * Asked as the page starts loading, before its comments can be read: how many folds the thread
   * behind this URL's item (a story, or an annotated comment) has, so the page can keep its
   * comments out of sight until they are applied.
   */
  'page.early': v.strictObject({ site: siteId, item: v.nullable(key) }),
  /** Operations on a user's annotation; `key` is `userKeyOf(site, name)`. */
  'user.edit': v.strictObject({
    user: v.strictObject({ key, name: v.pipe(authorName, v.minLength(1)) }),
    ops: userOps,
  }),
  'tags.update': v.strictObject({
    name: tagName,
    patch: v.strictObject({
      color: v.optional(v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/, 'A colour is #rrggbb.'))),
      description: v.optional(v.pipe(v.string(), v.maxLength(MAX_TEXT))),
    }),
  }),
  /** Renames a tag everywhere; renaming onto an existing tag merges the two. */
  'tags.rename': v.strictObject({ from: tagName, to: tagName }),
  'tags.merge': v.strictObject({
    from: v.pipe(v.array(tagName), v.minLength(1), v.maxLength(100)),
    into: tagName,
  }),
  'tags.delete': v.strictObject({ name: tagName }),
  'tags.usage': v.strictObject({}),
  'settings.get': v.strictObject({}),
  /** Changes the settings named; the others stay as they are. */
  'settings.update': v.strictObject({
    quickTags: v.optional(
      v.pipe(
        v.array(tagName),
        v.maxLength(MAX_QUICK_TAGS, `At most ${MAX_QUICK_TAGS} quick tags.`),
      ),
    ),
    disabledSites: v.optional(v.pipe(v.array(siteId), v.maxLength(20))),
    tagNamesInPage: v.optional(v.boolean()),
  }),
  /** Turns Threadnote on or off on one built-in site, leaving the others as they are. */
  'settings.site': v.strictObject({ site: siteId, on: v.boolean() }),
  'notes.search': v.strictObject({
    query: v.pipe(v.string(), v.maxLength(500)),
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200)),
  }),
  'draft.get': v.strictObject({ key: draftKey }),
  'draft.save': v.strictObject({
    key: draftKey,
    text: v.pipe(v.string(), v.maxLength(MAX_NOTE_LENGTH * 2)),
  }),
  'draft.delete': v.strictObject({ key: draftKey }),
  'thread.summary': v.strictObject({ thread: key }),
  'popup.open': v.strictObject({
    tabId: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
  'threads.list': v.strictObject({
    site: v.nullable(siteId),
    tag: v.nullable(tagName),
    after: v.nullable(
      v.strictObject({
        activityAt: v.pipe(v.string(), v.maxLength(40)),
        thread: key,
      }),
    ),
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200)),
  }),
  'threads.sites': v.strictObject({}),
  'sites.enabled': v.strictObject({}),
  'tags.list': v.strictObject({}),
  /** What is stored, for the options page: totals, annotated threads and tags with counts. */
  'data.overview': v.strictObject({}),
  /** Deletes every record; the phrase makes a stray call from a bug harmless. */
  'data.wipe': v.strictObject({ confirm: v.literal(WIPE_CONFIRMATION) }),
  /** Turn Threadnote on for the host of this tab, whose permission the popup just obtained. */
  'site.enable': v.strictObject({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
} as const;

export const exportSelectionSchema = v.strictObject({
  threads: v.pipe(v.array(key), v.maxLength(MAX_SELECTED)),
  tags: v.pipe(v.array(tagName), v.maxLength(MAX_SELECTED)),
});

/**
 * Messages that extension pages send over a long-lived port (`runtime.connect`), for transfers
 * too big for one message. Each port carries one stream, named `threadnote:<stream>`.
 */
export const workerStreamSchemas = {
  /** `start` once, then `next` after each chunk, so the worker never runs ahead of the page. */
  export: v.variant('kind', [
    v.strictObject({
      kind: v.literal('start'),
      format: v.picklist(EXPORT_FORMATS),
      selection: v.nullable(exportSelectionSchema),
    }),
    v.strictObject({ kind: v.literal('next') }),
  ]),
  /** The file's text in chunks, each acknowledged, then `end` with what to do with it. */
  import: v.variant('kind', [
    v.strictObject({
      kind: v.literal('chunk'),
      text: v.pipe(v.string(), v.maxLength(MAX_IMPORT_CHUNK)),
    }),
    v.strictObject({ kind: v.literal('end'), mode: v.picklist(['preview', 'apply']) }),
  ]),
} as const;

/** Turns valibot issues into one message that names the field. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
