/**
 * The pieces the schemas of worker messages (worker-calls.ts, worker-streams.ts) are built from:
 * record keys, tag names, text a page supplies, edit operations. Only the worker loads them at run
 * time; pages import the message types, never these.
 */
import * as v from 'valibot';
import {
  FOLDS,
  MAX_NOTE_LENGTH,
  PAGE_LIMITS,
  QUOTE_LENGTH,
  isNormalTagName,
  keptName,
  keptUrl,
} from './model';

/** Long enough for a user key: a Discourse site (`discourse/<host>`), a colon and a kept name. */
export const MAX_KEY = 600;
export const MAX_TEXT = 2_000;
export const KEY_PATTERN = /^[a-z0-9/.-]+:[^\s]+$/;

/** A site's key prefix: `hn`, or `discourse/<host>`. */
export const siteId = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(MAX_KEY),
  v.regex(/^[a-z0-9/.-]+$/),
);
export const key = v.pipe(v.string(), v.minLength(3), v.maxLength(MAX_KEY), v.regex(KEY_PATTERN));
/** A note being written: `comment:<key>` or `user:<key>`. */
export const draftKey = v.pipe(
  v.string(),
  v.maxLength(MAX_KEY + 10),
  v.regex(/^(comment|user):[a-z0-9/.-]+:[^\s]+$/, 'Not a draft key.'),
);

export const tagName = v.pipe(
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
export const authorName = pageText(keptName);

export const threadRefSchema = v.strictObject({
  key,
  title: pageText((title) => title.slice(0, PAGE_LIMITS.title)),
  url: pageUrl,
});

export const commentRefSchema = v.strictObject({
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
  v.strictObject({
    op: v.literal('tag.add'),
    tag: tagName,
    at: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
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
/** An undo puts back the record's own times (operations.ts, `stamp.set`). */
const stampOp = v.strictObject({
  op: v.literal('stamp.set'),
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
  updatedAt: v.pipe(v.string(), v.isoTimestamp()),
});
const MAX_OPS = 100;
export const commentOps = v.pipe(
  v.array(
    v.variant('op', [
      ...tagOps,
      ...noteOps,
      stampOp,
      v.strictObject({ op: v.literal('fold.set'), fold: v.picklist(FOLDS) }),
    ]),
  ),
  v.minLength(1),
  v.maxLength(MAX_OPS),
);
export const userOps = v.pipe(
  v.array(v.variant('op', [...tagOps, ...noteOps, stampOp])),
  v.minLength(1),
  v.maxLength(MAX_OPS),
);

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
