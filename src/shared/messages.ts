/**
 * Every message Threadnote's contexts exchange, one typed map per direction. Requests to the
 * worker are declared in `worker-calls.ts` and its streams in `worker-streams.ts`, which only the
 * worker loads at run time; what they answer is typed here, beside the pushes to tabs and the
 * popup's requests to a tab. This module carries no schema, so any context may import it.
 */
import type { WorkerCall, WorkerInput } from './worker-calls';
import type {
  CommentAnnotation,
  ExportedThread,
  Settings,
  Tag,
  TagUsage,
  ThreadCounts,
  ThreadRecord,
  UserAnnotation,
} from './model';

// Pages name requests and build their payloads from these types, with no run-time import.
export type { WorkerCall, WorkerInput };

export interface PageState {
  comments: CommentAnnotation[];
  users: UserAnnotation[];
  tags: Tag[];
  settings: Settings;
  /** Keys of every annotated user of the `usersOf` site; empty when it was not asked. */
  siteUsers: string[];
  /** The thread as it was before this visit, or null on a first visit. */
  previousVisit: { lastVisitedAt: string; seenCommentKeys: string[] } | null;
}

export interface ThreadSummary {
  thread: Omit<ThreadRecord, 'seenCommentKeys'> | null;
  counts: ThreadCounts;
  /** Tags on the thread's comments, most used first. */
  tags: { name: string; color: string; comments: number }[];
  /**
   * The thread's annotated comments, newest change first, with the quote kept from when each was
   * first annotated (so a note whose comment is gone still says what it was about).
   */
  annotations: Pick<
    CommentAnnotation,
    'key' | 'author' | 'note' | 'quote' | 'url' | 'tags' | 'fold' | 'updatedAt'
  >[];
}

/** Everything the popup shows first, from one request. */
export interface PopupState {
  /** The tab's forum page, or null when no content script answers there. */
  page: PageInfo | null;
  summary: ThreadSummary | null;
  threads: ThreadListPage;
  /** Why the latest write failed (disk or quota full), or null while writes go through. */
  storageTrouble: string | null;
  /** Sync's state when it is on, for one line under the header (absent or null when off). */
  sync?: SyncStatus | null;
}

/** Where a page of the all-threads list ended: the next page starts after it. */
export interface ThreadListCursor {
  activityAt: string;
  thread: string;
}

export type ThreadListInput = WorkerInput<'threads.list'>;

export interface ThreadListItem {
  key: string;
  /** `hn`, `lobsters`, `reddit` or `discourse/<host>`. */
  site: string;
  title: string;
  url: string;
  /** The later of the newest annotation change and the last visit. */
  activityAt: string;
  counts: ThreadCounts;
  /** The most used tags in the thread, with their colours. */
  tags: { name: string; color: string; comments: number }[];
  /** How many other tags the thread has. */
  moreTags: number;
}

/** How many threads the all-threads list shows at a time: its first page and each "Show more". */
export const THREAD_PAGE = 50;

export interface ThreadListPage {
  threads: ThreadListItem[];
  /** How many threads there are, on the unfiltered first page; else null (counting reads all). */
  total: number | null;
  next: ThreadListCursor | null;
}

export interface RecordCounts {
  threads: number;
  comments: number;
  users: number;
  tags: number;
}

export interface DataOverview {
  totals: RecordCounts;
  /** Threads with at least one annotated comment, most recently visited first. */
  threads: (ExportedThread & { comments: number })[];
  /** Every tag, by name, with how many comments and users carry it. */
  tags: (Tag & { comments: number; users: number })[];
}
/** What turning Threadnote on for a forum engine's host (Discourse), or back on for a forum, came to. */
export type SiteEnableResult =
  | { status: 'enabled'; site: string; name: string }
  /** The page is not the engine's after all: the permission was given back. */
  | { status: 'not-forum' }
  /** The browser did not grant the host (the reader said no). */
  | { status: 'no-access' };

/** What each request answers (see worker-calls.ts). */
export interface WorkerOutputs {
  'page.open': PageState;
  /**
   * Each edit's annotation as stored after it (null where emptied), in order; `kept` counts note
   * texts of other writers that the edits replaced and kept as conflicting versions.
   */
  'comments.edit': { annotations: (CommentAnnotation | null)[]; createdTags: Tag[]; kept: number };
  /** How many folds the thread has, and whether the reader turned Threadnote off on the site. */
  'page.early': { folds: number; off: boolean };
  'user.edit': { annotation: UserAnnotation | null; createdTags: Tag[]; kept: number };
  'tags.update': Tag;
  'tags.rename': TagChange;
  'tags.merge': TagChange;
  'tags.delete': TagChange;
  'tags.usage': TagUsage[];
  'settings.get': Settings;
  'settings.update': Settings;
  'settings.site': Settings;
  'hint.dismiss': Settings;
  'thread.summary': ThreadSummary;
  'popup.open': PopupState;
  'threads.list': ThreadListPage;
  'threads.sites': string[];
  /** Sites of the forum-engine hosts (Discourse) the reader enabled. */
  'sites.enabled': string[];
  'tags.list': Tag[];
  'data.overview': DataOverview;
  'data.wipe': RecordCounts;
  'site.enable': SiteEnableResult;
  'ui.load': null;
  'notes.search': SearchResult[];
  'draft.get': Draft | null;
  'draft.save': Draft;
  'draft.delete': null;
  // --- sync (issue #18): see src/background/sync/ ---
  'sync.status': SyncStatus;
  'sync.test': SyncProbe;
  'sync.create': SyncProbe;
  'sync.enable': SyncStatus;
  'sync.disable': SyncStatus;
  'sync.now': SyncStatus;
}

/** Where sync goes: the reader's CouchDB-compatible server and database. */
export interface SyncTargetSettings {
  url: string;
  database: string;
  username: string;
  password: string;
}

/** What Test connection found, one status each (see sync/probe.ts). */
export interface SyncProbe {
  status: 'reachable' | 'auth' | 'missing' | 'cors' | 'network';
  message: string;
}

/** Sync as Settings and the popup show it. */
export interface SyncStatus {
  on: boolean;
  /** The server and database, without the password. */
  target: { url: string; database: string; username: string } | null;
  running: boolean;
  lastSyncAt: string | null;
  /** The last run's failure, until a run succeeds. */
  error: { code: string; message: string } | null;
  /** When the next try after a failure is due (failures back off). */
  retryAt: string | null;
  /** How far the current run is, for a first large sync. */
  progress: { phase: string; done: number } | null;
}

export interface SearchResult {
  kind: 'comment' | 'user';
  key: string;
  author: string;
  note: string;
  quote: string;
  tags: string[];
  /** The comment's permalink; empty for users. */
  url: string;
  thread: { key: string; title: string; url: string } | null;
  updatedAt: string;
}

export interface Draft {
  key: string;
  text: string;
  savedAt: string;
}

/** How many records a rename, merge or delete rewrote. */
export interface TagChange {
  comments: number;
  users: number;
}
export type WorkerOutput<K extends WorkerCall> = WorkerOutputs[K];

export interface CommentChange {
  thread: string;
  key: string;
  annotation: CommentAnnotation | null;
}

export const STREAM_PORT_PREFIX = 'threadnote:';

/**
 * Chrome refuses runtime messages above 64 MiB and serialises them as JSON, where a character can
 * take up to six bytes: 1 Mi characters per import chunk stays far below that, and posting one
 * costs the page a task of tens of milliseconds, not hundreds.
 */
export const MAX_IMPORT_CHUNK = 1024 * 1024;

/** One problem of an import file: where it is (record and field) and what is wrong. */
export interface ImportProblem {
  where: string;
  message: string;
}

/** What an import does, or would do, to one kind of record. */
export interface KindSummary {
  total: number;
  new: number;
  updated: number;
  unchanged: number;
  /** Records older than the ones already stored, which the import leaves alone. */
  older: number;
}

export interface ImportSummary {
  exportedAt: string;
  tags: KindSummary;
  threads: KindSummary;
  comments: KindSummary;
  users: KindSummary;
}

export type ImportOutcome =
  | { kind: 'invalid'; problems: ImportProblem[]; more: number }
  | { kind: 'preview'; summary: ImportSummary }
  | { kind: 'done'; summary: ImportSummary };

/** What the worker sends back on each stream (see worker-streams.ts). */
export interface StreamOutputs {
  export:
    | { kind: 'chunk'; text: string; done: number; total: number }
    | { kind: 'end'; counts: RecordCounts }
    | { kind: 'failed'; error: ErrorData };
  import:
    | { kind: 'received'; chars: number }
    | { kind: 'progress'; phase: 'checking' | 'writing'; done: number; total: number }
    | ImportOutcome
    | { kind: 'failed'; error: ErrorData };
}
/** Pushes from the worker to the content scripts of open tabs. */
export interface TabPushes {
  'comments.changed': { changes: CommentChange[] };
  'tags.changed': { tags: Tag[] };
  'users.changed': { changes: { key: string; annotation: UserAnnotation | null }[] };
  /**
   * Tags were renamed, merged or deleted, settings changed, or records were imported or wiped:
   * read the page's state again.
   */
  'state.stale': Record<string, never>;
}
export type TabPush = keyof TabPushes;

/** Requests from the popup to the content script of a tab. */
export type BulkFoldAction = 'collapse-top' | 'expand-all' | 'collapse-read' | 'undo';

export interface TabRequests {
  'page.info': Record<string, never>;
  'folds.bulk': { action: BulkFoldAction };
  /** Filters the page by a tag, or clears the filter with null. */
  'filter.set': { tag: string | null };
  'comment.reveal': { key: string };
  /** Moves to the next (1) or previous (-1) new comment that can be seen. */
  'comment.next-new': { step: 1 | -1 };
}
export interface PageInfo {
  site: string;
  siteName: string;
  thread: { key: string; title: string; url: string } | null;
  comments: number;
  /** The host, on forum software (Discourse) that Threadnote reads because the reader enabled it. */
  enabledHost: string | null;
  /**
   * Whether the page is one comment's own page (a permalink): the thread's other notes are not
   * missing there, only elsewhere in the thread. Absent from older content scripts.
   */
  permalink?: boolean;
  /** Keys of the comments on the page, so notes on missing ones show as orphans. */
  commentKeys: string[];
  /** Comments on the page that were not there at the last visit (0 on a first visit). */
  newComments: number;
  /** Authors on the page the reader has tagged. */
  taggedUsers: number;
}
export interface TabOutputs {
  'page.info': PageInfo;
  /** How many comments changed, and whether an undo is now possible. */
  'folds.bulk': { changed: number; canUndo: boolean };
  'filter.set': { matches: number };
  'comment.reveal': { found: boolean };
  /** The comment moved to, and where it is among the page's new comments (from 1). */
  'comment.next-new': { key: string | null; position: number; total: number };
}

export interface Envelope<T extends string = string, P = unknown> {
  threadnote: 1;
  type: T;
  payload: P;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

export interface ErrorData {
  /**
   * `storage`: the database cannot be written (disk or quota full, or it cannot open): a passing
   * state, so edits are kept and tried again. `transport`: no answer came. The others are final.
   */
  code: 'invalid' | 'forbidden' | 'unknown-call' | 'failed' | 'storage' | 'transport';
  message: string;
}

export class ThreadnoteError extends Error {
  readonly code: ErrorData['code'];
  constructor(data: ErrorData) {
    super(data.message);
    this.name = 'ThreadnoteError';
    this.code = data.code;
  }
}

/**
 * The code of a ThreadnoteError, or null for any other error. Read by name, not `instanceof`: the
 * page's content script and the UI script each carry their own copy of the class, and an error
 * one of them made reaches code of the other (a call made by the first, retried by the outbox in
 * the second).
 */
export function errorCode(error: unknown): ErrorData['code'] | null {
  if (!(error instanceof Error) || error.name !== 'ThreadnoteError' || !('code' in error)) {
    return null;
  }
  return (error as ThreadnoteError).code;
}

export function envelope<T extends string, P>(type: T, payload: P): Envelope<T, P> {
  return { threadnote: 1, type, payload };
}

export function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Envelope).threadnote === 1 &&
    typeof (message as Envelope).type === 'string'
  );
}
