import { describe, expect, it } from 'vitest';
import { UNREACHABLE_MESSAGE } from '../../src/background/errors';
import { exportText } from '../../src/background/export';
import { connect, route } from '../../src/background/router';
import { MAX_IMPORT_CHARS, type StreamPort } from '../../src/background/streams';
import { MAX_IMPORT_CHUNK, envelope } from '../../src/shared/messages';
import { EMPTY_DUMP, EXPORTED_AT, dumpStore, fillFixtureStore } from './fixture-store';
import {
  EXTENSION_ID,
  EXTENSION_ORIGIN,
  contentSender,
  freshDatabase,
  routerDeps,
} from './helpers';

const optionsSender = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}src/options/index.html` };

async function makeDeps() {
  const db = await freshDatabase();
  return { db, deps: routerDeps(db, { now: () => EXPORTED_AT }) };
}

/** Both ends of a runtime port: the worker's StreamPort, and what the page sees and does. */
function portPair(name: string, sender: StreamPort['sender'] = optionsSender) {
  const onMessage: ((message: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const inbox: unknown[] = [];
  let wake: (() => void) | null = null;
  let open = true;
  const worker: StreamPort = {
    name,
    sender,
    postMessage(message) {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      // Messages cross as JSON between extension contexts.
      inbox.push(JSON.parse(JSON.stringify(message)));
      wake?.();
    },
    disconnect() {
      open = false;
      wake?.();
    },
    onMessage: { addListener: (listener) => onMessage.push(listener) },
    onDisconnect: { addListener: (listener) => onDisconnect.push(listener) },
  };
  const page = {
    send(message: unknown) {
      queueMicrotask(() => onMessage.forEach((listener) => listener(message)));
    },
    close() {
      open = false;
      queueMicrotask(() => onDisconnect.forEach((listener) => listener()));
    },
    async next(): Promise<Record<string, unknown>> {
      while (inbox.length === 0) {
        if (!open) throw new Error('closed');
        await new Promise<void>((resolve) => (wake = resolve));
      }
      return inbox.shift() as Record<string, unknown>;
    },
    pending: () => inbox.length,
    get open() {
      return open;
    },
  };
  return { worker, page };
}

describe('export stream', () => {
  it('sends chunks one at a time, each after the page asks, then the counts', async () => {
    const { db, deps } = await makeDeps();
    await fillFixtureStore(db);
    const expected = await exportText(db, 'markdown', null, EXPORTED_AT);
    const { worker, page } = portPair('threadnote:export');
    const done = connect(worker, deps);
    page.send({ kind: 'start', format: 'markdown', selection: null });
    let text = '';
    for (;;) {
      const message = await page.next();
      if (message.kind === 'end') {
        expect(message.counts).toEqual({ tags: 5, threads: 3, comments: 5, users: 2 });
        break;
      }
      expect(message.kind).toBe('chunk');
      text += message.text as string;
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(page.pending()).toBe(0);
      page.send({ kind: 'next' });
    }
    await done;
    expect(text).toBe(expected);
  });

  it('refuses a stream that does not begin with start', async () => {
    const { deps } = await makeDeps();
    const { worker, page } = portPair('threadnote:export');
    const done = connect(worker, deps);
    page.send({ kind: 'next' });
    expect(await page.next()).toEqual({
      kind: 'failed',
      error: { code: 'invalid', message: 'An export begins with “start”.' },
    });
    await done;
    expect(page.open).toBe(false);
  });

  it('says the storage failed, in words, when the database cannot be opened', async () => {
    const { deps } = await makeDeps();
    deps.database = () => Promise.reject(new DOMException('', 'UnknownError'));
    const { worker, page } = portPair('threadnote:export');
    const done = connect(worker, deps);
    page.send({ kind: 'start', format: 'json', selection: null });
    expect(await page.next()).toEqual({
      kind: 'failed',
      error: { code: 'storage', message: UNREACHABLE_MESSAGE },
    });
    await done;
  });
});

describe('import stream', () => {
  async function upload(
    page: ReturnType<typeof portPair>['page'],
    text: string,
    mode: 'preview' | 'apply',
  ) {
    for (let at = 0; at < text.length; at += 100) {
      page.send({ kind: 'chunk', text: text.slice(at, at + 100) });
      expect(await page.next()).toEqual({
        kind: 'received',
        chars: Math.min(text.length, at + 100),
      });
    }
    page.send({ kind: 'end', mode });
    const events = [];
    for (;;) {
      const message = await page.next();
      events.push(message);
      if (message.kind !== 'progress') return events;
    }
  }

  it('previews without writing, then applies and tells the tabs', async () => {
    const { db: source } = await makeDeps();
    await fillFixtureStore(source);
    const file = await exportText(source, 'json', null, EXPORTED_AT);
    const { db, deps } = await makeDeps();

    const preview = portPair('threadnote:import');
    const previewDone = connect(preview.worker, deps);
    const previewEvents = await upload(preview.page, file, 'preview');
    await previewDone;
    expect(previewEvents.at(-1)).toMatchObject({
      kind: 'preview',
      summary: { comments: { total: 5, new: 5 } },
    });
    expect(await db.count('comments')).toBe(0);
    expect(deps.broadcast).not.toHaveBeenCalled();

    const apply = portPair('threadnote:import');
    const applyDone = connect(apply.worker, deps);
    const events = await upload(apply.page, file, 'apply');
    await applyDone;
    expect(events[0]).toEqual({ kind: 'progress', phase: 'checking', done: 0, total: 0 });
    expect(events.filter((e) => e.phase === 'writing').at(-1)).toMatchObject({
      done: 15,
      total: 15,
    });
    expect(events.at(-1)).toMatchObject({ kind: 'done', summary: { comments: { new: 5 } } });
    expect(await exportText(db, 'json', null, EXPORTED_AT)).toBe(file);
    expect(deps.broadcast).toHaveBeenCalledWith('hn', 'state.stale', {});
  });

  it('writes nothing when the page goes away, while uploading or while writing', async () => {
    const { db: source } = await makeDeps();
    await fillFixtureStore(source);
    const file = await exportText(source, 'json', null, EXPORTED_AT);
    const { db, deps } = await makeDeps();
    const before = await dumpStore(db);

    const uploading = portPair('threadnote:import');
    const uploadDone = connect(uploading.worker, deps);
    uploading.page.send({ kind: 'chunk', text: file.slice(0, 200) });
    await uploading.page.next();
    uploading.page.close();
    await uploadDone;

    const writing = portPair('threadnote:import');
    const writeDone = connect(writing.worker, deps);
    writing.page.send({ kind: 'chunk', text: file });
    await writing.page.next();
    writing.page.send({ kind: 'end', mode: 'apply' });
    writing.page.close();
    await writeDone;

    expect(await dumpStore(db)).toBe(before);
    expect(deps.broadcast).not.toHaveBeenCalled();
  });

  it('refuses files larger than it can hold, and chunks larger than a message', async () => {
    const { deps } = await makeDeps();
    const big = portPair('threadnote:import');
    const bigDone = connect(big.worker, deps);
    const chunk = 'x'.repeat(MAX_IMPORT_CHUNK);
    let last: Record<string, unknown> = {};
    for (let sent = 0; sent <= MAX_IMPORT_CHARS; sent += chunk.length) {
      big.page.send({ kind: 'chunk', text: chunk });
      last = await big.page.next();
      if (last.kind === 'failed') break;
    }
    await bigDone;
    expect(last).toEqual({
      kind: 'failed',
      error: {
        code: 'invalid',
        message: 'This file is larger than Threadnote can import (128 MiB of text).',
      },
    });

    const huge = portPair('threadnote:import');
    const hugeDone = connect(huge.worker, deps);
    huge.page.send({ kind: 'chunk', text: `${chunk}x` });
    expect(await huge.page.next()).toMatchObject({
      kind: 'failed',
      error: { code: 'invalid', message: expect.stringMatching(/^Invalid “import” message: text/) },
    });
    await hugeDone;
  });
});

describe('who may open a stream', () => {
  it('answers only the extension’s own pages, and only streams it knows', async () => {
    const { deps } = await makeDeps();
    const fromPage = portPair('threadnote:export', contentSender);
    await connect(fromPage.worker, deps);
    expect(await fromPage.page.next()).toEqual({
      kind: 'failed',
      error: { code: 'forbidden', message: '“export” cannot be opened from a web page.' },
    });

    const stranger = portPair('threadnote:export', {
      id: 'other',
      url: `${EXTENSION_ORIGIN}x.html`,
    });
    await connect(stranger.worker, deps);
    expect(await stranger.page.next()).toMatchObject({ error: { code: 'forbidden' } });

    const unknown = portPair('threadnote:sync');
    await connect(unknown.worker, deps);
    expect(await unknown.page.next()).toMatchObject({ error: { code: 'unknown-call' } });

    const notOurs = portPair('devtools');
    await connect(notOurs.worker, deps);
    expect(notOurs.page.pending()).toBe(0);
    expect(notOurs.page.open).toBe(true);
  });
});

describe('data calls', () => {
  it('wipes everything, drafts and quick tags too, only from an extension page', async () => {
    const { db, deps } = await makeDeps();
    await fillFixtureStore(db);
    const wipe = (payload: unknown, sender = optionsSender) =>
      route(envelope('data.wipe', payload), sender, deps);
    expect(await wipe({ confirm: 'delete everything' }, contentSender)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await wipe({ confirm: 'yes' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    await db.put('drafts', { key: 'comment:hn:1', text: 'half a thought', savedAt: EXPORTED_AT });
    await db.put(
      'settings',
      { quickTags: ['insightful'], disabledSites: ['reddit'], tagNamesInPage: false },
      'settings',
    );
    expect(await db.count('comments')).toBe(5);
    expect(await wipe({ confirm: 'delete everything' })).toEqual({
      ok: true,
      value: { tags: 5, threads: 3, comments: 5, users: 2 },
    });
    expect(await dumpStore(db)).toBe(EMPTY_DUMP);
    expect(await db.count('drafts')).toBe(0);
    expect(await db.get('settings', 'settings')).toBeUndefined();
    expect(deps.broadcast).toHaveBeenCalledWith('hn', 'state.stale', {});
  });

  it('gives an overview: totals, annotated threads by last visit, tags with counts', async () => {
    const { db, deps } = await makeDeps();
    await fillFixtureStore(db);
    const result = await route(envelope('data.overview', {}), optionsSender, deps);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const overview = result.value as {
      totals: unknown;
      threads: { key: string; comments: number }[];
      tags: { name: string; comments: number; users: number }[];
    };
    expect(overview.totals).toEqual({ tags: 5, threads: 3, comments: 5, users: 2 });
    expect(overview.threads.map((t) => [t.key, t.comments])).toEqual([
      ['hn:44533403', 3],
      ['hn:36817231', 2],
    ]);
    expect(overview.threads[0]).not.toHaveProperty('seenCommentKeys');
    expect(overview.tags.find((t) => t.name === 'insightful')).toMatchObject({
      comments: 2,
      users: 0,
    });
    expect(overview.tags.find((t) => t.name === 'founder')).toMatchObject({
      comments: 0,
      users: 1,
    });
  });
});
