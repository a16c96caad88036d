/**
 * Edits leave the page through here. An edit the worker could not store for a passing reason
 * (disk or quota full, no answer during a worker restart) is kept and sent again, in order, until
 * the worker acknowledges it; while any waits, the page says so, and says "Saved." once none does.
 * An edit refused for good (invalid, forbidden) is shown once and dropped: it changed nothing.
 */
import { errorCode } from '../shared/messages';
import type { CommentOp, UserOp } from '../shared/operations';
import type { ToastAction, ToastTone } from './ui/Toast';
import { trusted } from './trusted';

export type AnyOp = CommentOp | UserOp;

/** The operations an edit makes on one record (`comment:<key>` or `user:<key>`). */
export interface RecordOps {
  record: string;
  ops: readonly AnyOp[];
}

/** Where the outbox tells the reader how saving goes: the page's toast. */
export interface SaveNotices {
  show(text: string, tone: ToastTone, hideAfterMs?: number, action?: ToastAction): void;
}

interface Job {
  records: readonly RecordOps[];
  run: () => Promise<void>;
  onWaiting: ((reason: string) => void) | undefined;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Doubling pauses, capped so that a save goes through within seconds of space coming back. */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 5_000];
const SAVED_MS = 3_000;
const REFUSED_MS = 10_000;

/** Only these failures pass: anything else would fail the same way again. */
export function isRetryable(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'storage' || code === 'transport';
}

/** What went wrong, as one sentence, never empty (a worker or browser may throw a bare error). */
export function reasonOf(error: unknown, fallback: string): string {
  const message = (error instanceof Error ? error.message : String(error ?? '')).trim();
  if (!message) return fallback;
  return /[.!?…]$/.test(message) ? message : `${message}.`;
}

/** Refusals the outbox showed already, so that whoever made the edit does not show them again. */
const shown = new WeakSet<object>();

export function alreadyShown(error: unknown): boolean {
  return typeof error === 'object' && error !== null && shown.has(error);
}

const WAITING_FALLBACK = 'its database cannot be written right now.';
const REFUSED_FALLBACK = 'the change was refused.';

function changes(count: number): string {
  return count === 1 ? '1 change' : `${count} changes`;
}

/** The worker's storage messages name Threadnote already; others are said as its reason. */
export function waitingText(reason: string, count: number): string {
  const said = /^Threadnote\b/.test(reason) ? reason : `Threadnote cannot save: ${reason}`;
  return `${said} ${changes(count)} waiting — retrying…`;
}

export class Outbox {
  private readonly queue: Job[] = [];
  private draining = false;
  /** Set while saving has trouble, so that the queue running dry can say "Saved.". */
  private reason: string | null = null;

  constructor(
    private readonly notices: SaveNotices,
    private readonly delays: readonly number[] = RETRY_DELAYS_MS,
  ) {
    // Leaving the page would drop what still waits: the browser asks the reader first.
    addEventListener(
      'beforeunload',
      trusted((event) => {
        if (this.queue.length > 0) event.preventDefault();
      }),
    );
  }

  /**
   * Queues an edit; `run` sends it and takes in the worker's answer. Resolves once the worker
   * acknowledged it, rejects if it was refused for good. `onWaiting` hears each passing failure.
   */
  send(
    records: readonly RecordOps[],
    run: () => Promise<void>,
    onWaiting?: (reason: string) => void,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ records, run, onWaiting, resolve, reject });
      if (this.reason !== null) this.tellWaiting(this.reason);
      void this.drain();
    });
  }

  /** Operations on a record sent but not acknowledged yet, oldest first. */
  pending(record: string): AnyOp[] {
    return this.queue.flatMap((job) =>
      job.records.flatMap((entry) => (entry.record === record ? entry.ops : [])),
    );
  }

  /** How many record changes wait, the one being sent included. */
  waiting(): number {
    return this.queue.reduce((sum, job) => sum + job.records.length, 0);
  }

  private tellWaiting(reason: string): void {
    this.notices.show(waitingText(reason, this.waiting()), 'pending');
  }

  /** Sends the queue one edit at a time, so each record's edits arrive in the order made. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    let attempt = 0;
    let refused = false;
    for (let job = this.queue[0]; job; job = this.queue[0]) {
      try {
        await job.run();
        this.queue.shift();
        attempt = 0;
        job.resolve();
      } catch (error) {
        if (isRetryable(error)) {
          this.reason = reasonOf(error, WAITING_FALLBACK);
          this.tellWaiting(this.reason);
          for (const waiting of this.queue) waiting.onWaiting?.(this.reason);
          const delay = this.delays[Math.min(attempt, this.delays.length - 1)] ?? 0;
          attempt++;
          await new Promise((resolve) => setTimeout(resolve, delay));
          continue;
        }
        this.queue.shift();
        attempt = 0;
        refused = true;
        this.notices.show(
          `Threadnote could not save a change: ${reasonOf(error, REFUSED_FALLBACK)}`,
          'error',
          REFUSED_MS,
        );
        if (typeof error === 'object' && error !== null) shown.add(error);
        job.reject(error);
      }
    }
    this.draining = false;
    // A refusal stays on screen: "Saved." would hide that one change was not.
    if (this.reason !== null && !refused) this.notices.show('Saved.', 'done', SAVED_MS);
    this.reason = null;
  }
}

/** The page's outbox and the toast it speaks through. */
export interface PageSaving {
  outbox: Outbox;
  toaster: SaveNotices;
}

/** `toaster` is the UI script's toast, loaded when it has something to say (lazy/load.ts). */
export function pageSaving(toaster: SaveNotices): PageSaving {
  return { outbox: new Outbox(toaster), toaster };
}
