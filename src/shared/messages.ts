/**
 * Every message Threadnote's contexts exchange, one typed map per direction. Request payload types
 * come from the schemas in `message-schemas.ts`, which only the worker loads at run time.
 */
import type { workerRequestSchemas } from './message-schemas';
import type * as v from 'valibot';
import type { CommentAnnotation, Tag, ThreadCounts, ThreadRecord, UserAnnotation } from './model';

export type WorkerCall = keyof typeof workerRequestSchemas;
export type WorkerInput<K extends WorkerCall> = v.InferOutput<(typeof workerRequestSchemas)[K]>;

export interface PageState {
  comments: CommentAnnotation[];
  users: UserAnnotation[];
  tags: Tag[];
  /** The thread as it was before this visit, or null on a first visit. */
  previousVisit: { lastVisitedAt: string; seenCommentKeys: string[] } | null;
}

export interface ThreadSummary {
  thread: Omit<ThreadRecord, 'seenCommentKeys'> | null;
  counts: ThreadCounts;
}

/** What turning Threadnote on for a forum engine's host (Discourse) came to. */
export type SiteEnableResult =
  | { status: 'enabled'; site: string; name: string }
  /** The page is not the engine's after all: the permission was given back. */
  | { status: 'not-forum' }
  /** Chrome did not grant the host. */
  | { status: 'no-access' };

export interface WorkerOutputs {
  'page.open': PageState;
  'comment.update': { annotation: CommentAnnotation | null; createdTags: Tag[] };
  'thread.summary': ThreadSummary;
  'tags.list': Tag[];
  'site.enable': SiteEnableResult;
}
export type WorkerOutput<K extends WorkerCall> = WorkerOutputs[K];

/** Who may send a request: content scripts only reach what a page needs. */
export const workerCallers: Record<WorkerCall, readonly ('content' | 'extension')[]> = {
  'page.open': ['content'],
  'comment.update': ['content', 'extension'],
  'thread.summary': ['content', 'extension'],
  'tags.list': ['content', 'extension'],
  'site.enable': ['extension'],
};

/** Pushes from the worker to the content scripts of open tabs. */
export interface TabPushes {
  'comment.changed': { thread: string; key: string; annotation: CommentAnnotation | null };
  'tags.changed': { tags: Tag[] };
}
export type TabPush = keyof TabPushes;

/** Requests from the popup to the content script of a tab. */
export interface TabRequests {
  'page.info': Record<string, never>;
}
export interface PageInfo {
  site: string;
  siteName: string;
  thread: { key: string; title: string; url: string } | null;
  comments: number;
  /** The host, on forum software (Discourse) that Threadnote reads because the reader enabled it. */
  enabledHost: string | null;
}
export interface TabOutputs {
  'page.info': PageInfo;
}

export interface Envelope<T extends string = string, P = unknown> {
  threadnote: 1;
  type: T;
  payload: P;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

export interface ErrorData {
  code: 'invalid' | 'forbidden' | 'unknown-call' | 'failed';
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
