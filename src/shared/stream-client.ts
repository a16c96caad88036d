/**
 * The page side of the worker's streams (see src/background/streams.ts): exports arrive as chunks
 * kept as Blobs, so a page holds no big string; files for import leave in acknowledged chunks.
 */
import { browser, type Runtime } from './browser';
import {
  MAX_IMPORT_CHUNK,
  STREAM_PORT_PREFIX,
  ThreadnoteError,
  type ImportOutcome,
  type RecordCounts,
} from './messages';
import type { ExportSelection, StreamInput, StreamOutput, WorkerStream } from './worker-streams';
import type { ExportFormat } from './model';

export interface Progress {
  done: number;
  total: number;
}

export interface ImportProgress extends Progress {
  /** Sending the file's bytes, then the worker checking and (on apply) writing its records. */
  phase: 'reading' | 'checking' | 'writing';
}

/** One stream's port, read as a queue: `next()` waits for the worker's next message. */
class Stream<K extends WorkerStream> {
  private readonly port: Runtime.Port;
  private readonly queue: StreamOutput<K>[] = [];
  private wake: (() => void) | null = null;
  private closed = false;

  constructor(stream: K) {
    this.port = browser.runtime.connect({ name: `${STREAM_PORT_PREFIX}${stream}` });
    this.port.onMessage.addListener((message: unknown) => {
      this.queue.push(message as StreamOutput<K>);
      this.wake?.();
    });
    this.port.onDisconnect.addListener(() => {
      this.closed = true;
      this.wake?.();
    });
  }

  send(message: StreamInput<K>): void {
    this.port.postMessage(message);
  }

  async next(): Promise<Exclude<StreamOutput<K>, { kind: 'failed' }>> {
    while (this.queue.length === 0) {
      if (this.closed) {
        throw new ThreadnoteError({
          code: 'failed',
          message: 'Threadnote stopped answering before the transfer was complete.',
        });
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    const message = this.queue.shift() as StreamOutput<K>;
    if (message.kind === 'failed') {
      this.close();
      throw new ThreadnoteError(message.error);
    }
    return message as Exclude<StreamOutput<K>, { kind: 'failed' }>;
  }

  close(): void {
    this.closed = true;
    this.port.disconnect();
  }
}

const MIME: Record<ExportFormat, string> = {
  json: 'application/json',
  markdown: 'text/markdown;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
};

export async function exportData(
  format: ExportFormat,
  selection: ExportSelection | null,
  onProgress: (progress: Progress) => void,
): Promise<{ blob: Blob; counts: RecordCounts }> {
  const stream = new Stream('export');
  try {
    stream.send({ kind: 'start', format, selection });
    const parts: Blob[] = [];
    for (;;) {
      const message = await stream.next();
      if (message.kind === 'end') {
        return { blob: new Blob(parts, { type: MIME[format] }), counts: message.counts };
      }
      // A Blob per chunk: the browser may keep its bytes outside this page's heap.
      parts.push(new Blob([message.text]));
      onProgress({ done: message.done, total: message.total });
      stream.send({ kind: 'next' });
    }
  } finally {
    stream.close();
  }
}

/** Cuts before a lone high surrogate so no chunk ends in half a character. */
function cut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/**
 * Sends a file to the worker to preview or apply an import. The file is decoded as UTF-8 as it is
 * read, so only one chunk of it is in this page's memory at a time.
 */
export async function sendForImport(
  file: Blob,
  mode: 'preview' | 'apply',
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportOutcome> {
  const stream = new Stream('import');
  try {
    const reader = file.stream().getReader();
    const decoder = new TextDecoder('utf-8');
    let pending = '';
    let bytes = 0;
    const flush = async (text: string) => {
      stream.send({ kind: 'chunk', text });
      const reply = await stream.next();
      if (reply.kind !== 'received') throw new Error(`Unexpected “${reply.kind}” from Threadnote.`);
      onProgress({ phase: 'reading', done: bytes, total: file.size });
    };
    for (;;) {
      const { done, value } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (value) bytes += value.byteLength;
      while (pending.length >= MAX_IMPORT_CHUNK || (done && pending.length > 0)) {
        const at = cut(pending, Math.min(pending.length, MAX_IMPORT_CHUNK));
        const text = pending.slice(0, at);
        pending = pending.slice(at);
        await flush(text);
      }
      if (done) break;
    }
    stream.send({ kind: 'end', mode });
    for (;;) {
      const message = await stream.next();
      if (message.kind === 'progress') {
        onProgress({ phase: message.phase, done: message.done, total: message.total });
      } else if (message.kind !== 'received') return message;
    }
  } finally {
    stream.close();
  }
}
