/** The records Threadnote keeps, as DESIGN.md defines them (and as the JSON export writes them). */

export type Fold = 'none' | 'collapsed' | 'hidden';
export const FOLDS: readonly Fold[] = ['none', 'collapsed', 'hidden'];

/** How much of a comment's text is kept with its annotation, so a note outlives an edit. */
export const QUOTE_LENGTH = 280;
export const MAX_NOTE_LENGTH = 20_000;
export const MAX_TAG_LENGTH = 40;

/**
 * Limits of what a page tells about a comment. Text read from the page is cut to these on the way
 * in, never a reason to refuse the reader's edit; only what the reader typed can be refused.
 */
export const PAGE_LIMITS = {
  /** A user name (Discourse full names and some Reddit pages run long); also cuts user keys. */
  author: 200,
  title: 2_000,
  /** Longer links keep their origin and path, without query or fragment, cut to this length. */
  url: 2_000,
} as const;

/** A name as Threadnote keeps it: the first PAGE_LIMITS.author characters. */
export function keptName(name: string): string {
  return name.slice(0, PAGE_LIMITS.author);
}

/** A user's record key on a site: `hn:dang`. Both sides derive it here, so they always agree. */
export function userKeyOf(site: string, author: string): string {
  return `${site}:${keptName(author)}`;
}

/** A page's link as Threadnote keeps it (see PAGE_LIMITS.url). */
export function keptUrl(url: string): string {
  if (url.length <= PAGE_LIMITS.url) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`.slice(0, PAGE_LIMITS.url);
  } catch {
    return url.slice(0, PAGE_LIMITS.url);
  }
}

/** A note text that another write replaced before its writer saw it, kept so it can be restored. */
export interface NoteVersion {
  note: string;
  /** When the replaced text was saved. */
  updatedAt: string;
}

export interface ThreadRef {
  /** `<site>:<id>`, e.g. `hn:41425910`. */
  key: string;
  title: string;
  url: string;
}

export interface CommentAnnotation {
  key: string;
  thread: string;
  author: string;
  url: string;
  quote: string;
  note: string;
  tags: string[];
  fold: Fold;
  createdAt: string;
  updatedAt: string;
  /** Replaced note texts, newest first (see operations.ts); absent when there are none. */
  conflicts?: NoteVersion[];
}

export interface UserAnnotation {
  key: string;
  name: string;
  tags: string[];
  note: string;
  createdAt: string;
  updatedAt: string;
  /** Replaced note texts, newest first (see operations.ts); absent when there are none. */
  conflicts?: NoteVersion[];
}

export interface Tag {
  name: string;
  color: string;
  description: string;
  createdAt: string;
}

export interface ThreadRecord {
  key: string;
  title: string;
  url: string;
  firstVisitedAt: string;
  lastVisitedAt: string;
  /** Comment keys seen at any visit so far, so the next visit can tell what is new. */
  seenCommentKeys: string[];
}

export interface ThreadCounts {
  annotated: number;
  tagged: number;
  noted: number;
  collapsed: number;
  hidden: number;
}

export type TagNameResult = { ok: true; name: string } | { ok: false; reason: string };

/** Trimmed, lowercased, inner whitespace as `-`, 1–40 characters, no commas. */
export function parseTagName(input: string): TagNameResult {
  const name = input.trim().toLowerCase().replace(/\s+/g, '-');
  if (name.length === 0) return { ok: false, reason: 'A tag name cannot be empty.' };
  if (name.length > MAX_TAG_LENGTH) {
    return { ok: false, reason: `A tag name has at most ${MAX_TAG_LENGTH} characters.` };
  }
  if (name.includes(',')) return { ok: false, reason: 'A tag name cannot contain a comma.' };
  // Invisible and direction-changing characters would make two tags look alike or reorder text.
  if (/[\p{Cc}\p{Cf}]/u.test(name)) {
    return {
      ok: false,
      reason: 'A tag name cannot contain invisible or text-direction characters.',
    };
  }
  return { ok: true, name };
}

export function isNormalTagName(name: string): boolean {
  const parsed = parseTagName(name);
  return parsed.ok && parsed.name === name;
}

/** Tag colours live in tag-colors.ts; these names stay for the modules that import them here. */
export { TAG_PALETTE, defaultTagColor } from './tag-colors';

export function siteOfKey(key: string): string {
  const colon = key.lastIndexOf(':');
  return colon > 0 ? key.slice(0, colon) : '';
}

/** At most this many favourite tags, each on a number key while a comment is focused. */
export const MAX_QUICK_TAGS = 9;

export interface Settings {
  /** Favourite tags in key order: the first is applied with 1, the second with 2… */
  quickTags: string[];
  /** Built-in sites (`hn`, `lobsters`, `reddit`) the reader turned Threadnote off on. */
  disabledSites: string[];
  /**
   * Whether comments carry their tag names in page attributes (`data-tn-tags="a b"`), for the
   * reader's own CSS. The forum's scripts can read those too; off, the attributes only say that a
   * comment has tags (`data-tn-tags=""`).
   */
  tagNamesInPage: boolean;
  /** Whether the reader dismissed the hint shown on the first thread after install. */
  firstRunHintDone?: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  quickTags: [],
  disabledSites: [],
  tagNamesInPage: true,
};

export interface TagUsage {
  name: string;
  comments: number;
  users: number;
}

/** A record that holds nothing is deleted; kept note versions count as something. */
export function isEmptyUser(user: Pick<UserAnnotation, 'note' | 'tags' | 'conflicts'>): boolean {
  return user.note === '' && user.tags.length === 0 && (user.conflicts?.length ?? 0) === 0;
}

export function isEmptyAnnotation(
  a: Pick<CommentAnnotation, 'note' | 'tags' | 'fold' | 'conflicts'>,
): boolean {
  return (
    a.note === '' && a.tags.length === 0 && a.fold === 'none' && (a.conflicts?.length ?? 0) === 0
  );
}

/** A thread as the export writes it: what was seen at the last visit stays behind. */
export type ExportedThread = Omit<ThreadRecord, 'seenCommentKeys'>;

export const EXPORT_FORMAT = 'threadnote';
/** The export format version this build writes, and the newest it reads. */
export const EXPORT_VERSION = 1;

/** Export format version 1, as DESIGN.md defines it. */
export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  tags: Tag[];
  threads: ExportedThread[];
  comments: CommentAnnotation[];
  users: UserAnnotation[];
}

export type ExportFormat = 'json' | 'markdown' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'markdown', 'csv'];

/** What the reader types to wipe everything, and what `data.wipe` must carry. */
export const WIPE_CONFIRMATION = 'delete everything';
