/**
 * Long-lived ports for transfers too big for one message. An export leaves in chunks the page asks
 * for one at a time, so the worker never runs ahead of it; an import arrives in chunks the worker
 * acknowledges one at a time. Each port carries one stream and one transfer.
 */
import * as v from 'valibot';
import { describeIssues } from '../shared/field-schemas';
import type { ErrorData } from '../shared/messages';
import {
  workerStreams,
  type StreamInput,
  type StreamOutput,
  type WorkerStream,
  type WorkerStreamSpec,
} from '../shared/worker-streams';
import { errorData } from './errors';
import { startExport } from './export';
import { importText } from './import';
import { stale } from './push';
import type { RouterDeps, SenderInfo } from './deps';

/** What the worker needs of a `runtime.Port`; tests hand it a fake. */
export interface StreamPort {
  name: string;
  sender?: SenderInfo;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/**
 * JavaScript strings stop near 2^29 characters, and the worker holds the text once more while it
 * parses: a quarter of that is over four times the size of 100,000 annotations.
 */
export const MAX_IMPORT_CHARS = 128 * 1024 * 1024;

class StreamError extends Error {
  constructor(readonly data: ErrorData) {
    super(data.message);
  }
}

/** The page went away: the transfer stops and nothing is written. */
class Disconnected extends Error {}

// Seen through a map over the stream names, a stream's schema parses to that stream's input type.
const streams: { [K in WorkerStream]: WorkerStreamSpec<StreamInput<K>> } = workerStreams;

/** The port's messages as a queue the stream reads in order, each checked against its schema. */
export class Inbox<K extends WorkerStream> {
  private readonly queue: unknown[] = [];
  private wake: (() => void) | null = null;
  closed = false;

  constructor(
    port: StreamPort,
    private readonly stream: K,
  ) {
    port.onMessage.addListener((message) => {
      this.queue.push(message);
      this.wake?.();
    });
    port.onDisconnect.addListener(() => {
      this.closed = true;
      this.wake?.();
    });
  }

  async next(): Promise<StreamInput<K>> {
    while (this.queue.length === 0) {
      if (this.closed) throw new Disconnected();
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    const parsed = v.safeParse(streams[this.stream].schema, this.queue.shift());
    if (!parsed.success) {
      throw new StreamError({
        code: 'invalid',
        message: `Invalid “${this.stream}” message: ${describeIssues(parsed.issues)}`,
      });
    }
    return parsed.output;
  }
}

function post<K extends WorkerStream>(port: StreamPort, message: StreamOutput<K>): void {
  port.postMessage(message);
}

async function exportStream(port: StreamPort, inbox: Inbox<'export'>, deps: RouterDeps) {
  const start = await inbox.next();
  if (start.kind !== 'start') {
    throw new StreamError({ code: 'invalid', message: 'An export begins with “start”.' });
  }
  const { counts, chunks } = await startExport(
    await deps.database(),
    start.format,
    start.selection,
    deps.now(),
  );
  for await (const chunk of chunks) {
    post<'export'>(port, { kind: 'chunk', ...chunk });
    if ((await inbox.next()).kind !== 'next') {
      throw new StreamError({ code: 'invalid', message: 'Expected “next” after a chunk.' });
    }
  }
  post<'export'>(port, { kind: 'end', counts });
}

async function importStream(port: StreamPort, inbox: Inbox<'import'>, deps: RouterDeps) {
  const parts: string[] = [];
  let chars = 0;
  let message = await inbox.next();
  while (message.kind === 'chunk') {
    chars += message.text.length;
    if (chars > MAX_IMPORT_CHARS) {
      throw new StreamError({
        code: 'invalid',
        message: `This file is larger than Threadnote can import (${MAX_IMPORT_CHARS / 1024 / 1024} MiB of text).`,
      });
    }
    parts.push(message.text);
    post<'import'>(port, { kind: 'received', chars });
    message = await inbox.next();
  }
  const { mode } = message;
  const text = parts.join('');
  parts.length = 0;
  post<'import'>(port, { kind: 'progress', phase: 'checking', done: 0, total: 0 });
  const outcome = await importText(await deps.database(), text, mode, deps.now(), (progress) => {
    // Closing the tab cancels an import still writing: its one transaction is aborted.
    if (inbox.closed) throw new Disconnected();
    post<'import'>(port, { kind: 'progress', ...progress });
  });
  post<'import'>(port, outcome.kind === 'done' ? stale(deps, outcome) : outcome);
}

const streamHandlers: {
  [K in WorkerStream]: (port: StreamPort, inbox: Inbox<K>, deps: RouterDeps) => Promise<void>;
} = {
  export: exportStream,
  import: importStream,
};

function failed(port: StreamPort, error: ErrorData): void {
  try {
    port.postMessage({ kind: 'failed', error });
    port.disconnect();
  } catch {
    // The page is gone already: there is nobody left to tell.
  }
}

/** Starts queueing a port's messages, before anything is awaited, so none is lost. */
export function openInbox<K extends WorkerStream>(stream: K, port: StreamPort): Inbox<K> {
  return new Inbox(port, stream);
}

/** Runs one stream on a port whose caller the router has already checked. */
export function runStream<K extends WorkerStream>(
  stream: K,
  port: StreamPort,
  deps: RouterDeps,
  inbox: Inbox<K> = openInbox(stream, port),
): Promise<void> {
  return streamHandlers[stream](port, inbox, deps).then(
    () => undefined,
    (error: unknown) => {
      if (error instanceof Disconnected) return;
      failed(port, error instanceof StreamError ? error.data : errorData(error));
    },
  );
}

export function refuseStream(port: StreamPort, error: ErrorData): void {
  failed(port, error);
}
