/**
 * Sync between two Chromium profiles through a real CouchDB-protocol server (express-pouchdb, in
 * this process): PouchDB with its IndexedDB adapter runs in each profile's service worker, and
 * what profile A annotates shows in profile B's open tab after B syncs, without a reload.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HN, OUTPUT, launch, openThread, stopServiceWorker, type Session } from '../kit/chromium';
import { annotate, expectAnnotated, inComment } from './flows';
import { startSyncServer } from '../sync-server/server.mjs';

const STORY = `${HN}/item?id=44533403`;
const ROWS = 'tr.athing.comtr';
const HOVER = '.comhead .hnuser';
const MOTOBOI = 'hn:44536000';
const FENNWICK = 'hn:44535112'; // above motoboi's collapsed subthread
const THREAD = { key: 'hn:44533403', title: 'Kimi K2: Open Agentic Intelligence', url: STORY };
const PASSPHRASE = 'two profiles, one passphrase';

interface SyncServer {
  url: string;
  stop(): Promise<void>;
  down(): Promise<void>;
  up(): Promise<void>;
}

let server: SyncServer;
let a: Session;
let b: Session;
let settingsA: Page;
let settingsB: Page;
let pageA: Page;
let pageB: Page;

beforeAll(async () => {
  // The worker has no host permission for the server in this test (headless Chromium cannot
  // answer the prompt), so the server allows the extension's origin by CORS, as CouchDB can.
  server = (await startSyncServer({ cors: true })) as SyncServer;
  await fetch(`${server.url}/threadnote`, { method: 'PUT' });
  a = await launch();
  b = await launch();
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await server?.stop();
});

async function openSettings(session: Session): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/src/options/index.html#sync`);
  return page;
}

/** A request to the worker from the options page, as its Sync buttons send it. */
async function callSync(page: Page, type: string, payload: object): Promise<unknown> {
  const answer = (await page.evaluate(
    ([kind, body]) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ threadnote: 1, type: kind, payload: body }),
    [type, payload] as const,
  )) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!answer.ok) throw new Error(answer.error?.message ?? 'no answer');
  return answer.value;
}

async function setUp(session: Session): Promise<Page> {
  const settings = await openSettings(session);
  await settings.getByLabel('Server URL').fill(server.url);
  await settings.getByLabel('Database').fill('threadnote');
  await settings.getByRole('button', { name: 'Test connection' }).click();
  await expect
    .poll(() => settings.locator('[data-probe]').getAttribute('data-probe'))
    .toBe('reachable');
  const target = { url: server.url, database: 'threadnote', username: '', password: '' };
  await callSync(settings, 'sync.enable', { target, passphrase: PASSPHRASE });
  await settings.reload();
  await expect
    .poll(() => settings.locator('[data-sync-state]').getAttribute('data-sync-state'))
    .toBe('on');
  return settings;
}

describe('sync between two Chromium profiles', () => {
  it('shows on B, in an open tab, what A tagged, noted and folded', async () => {
    settingsA = await setUp(a);
    settingsB = await setUp(b);
    pageA = await openThread(a, STORY, ROWS);
    pageB = await openThread(b, STORY, ROWS);

    const annotation = { tags: ['synced'], note: 'written on profile A', collapse: true };
    await annotate(pageA, MOTOBOI, HOVER, annotation);
    await callSync(settingsA, 'sync.now', {});
    await callSync(settingsB, 'sync.now', {});
    await expectAnnotated(pageB, MOTOBOI, annotation);

    await settingsB.reload();
    await expect
      .poll(() => settingsB.locator('[data-sync-state]').textContent())
      .toContain('Last successful sync');
    await settingsB.setViewportSize({ width: 1024, height: 900 });
    await settingsB.locator('#sync').screenshot({ path: join(OUTPUT, 'sync-settings-1024.png') });
  });

  it('carries a user tag, a tag rename and a tag deletion to B', async () => {
    await annotate(pageA, FENNWICK, HOVER, { tags: ['temporary'] });
    await callSync(settingsA, 'user.edit', {
      user: { key: 'hn:motoboi', name: 'motoboi' },
      ops: [{ op: 'tag.add', tag: 'regular' }],
    });
    await callSync(settingsA, 'tags.rename', { from: 'synced', to: 'carried' });
    await bothSync();
    const motoboi = pageB.locator(`[data-tn-comment="${MOTOBOI}"]`);
    const fennwick = pageB.locator(`[data-tn-comment="${FENNWICK}"]`);
    await expect.poll(() => motoboi.getAttribute('data-tn-tags')).toBe('carried');
    await expect.poll(() => motoboi.getAttribute('data-tn-user-tags')).toBe('regular');
    await expect.poll(() => fennwick.getAttribute('data-tn-tags')).toBe('temporary');

    await callSync(settingsA, 'tags.delete', { name: 'temporary' });
    await bothSync();
    await expect.poll(() => fennwick.getAttribute('data-tn-tags')).toBeNull();
    expect(await overview(settingsB)).toEqual(await overview(settingsA));
  });

  it('finishes a sync cut by a stopped worker, with nothing lost or twice', async () => {
    const edits = Array.from({ length: 300 }, (_, index) => ({
      comment: commentRef(`${90_000_000 + index}`),
      ops: [{ op: 'tag.add', tag: 'bulk' }],
    }));
    await callSync(settingsA, 'comments.edit', { edits });
    // Sync starts; the worker is stopped while it runs, then woken by the next request.
    await settingsA.evaluate(() => {
      void (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ threadnote: 1, type: 'sync.now', payload: {} });
    });
    await stopServiceWorker(a, settingsA);
    await bothSync();
    const [totalsA, totalsB] = [await overview(settingsA), await overview(settingsB)];
    // motoboi's comment and the 300; fennwick's was emptied by the tag's deletion.
    expect(totalsA).toMatchObject({ comments: 301 });
    expect(totalsB).toEqual(totalsA);
  });

  it('merges edits both made while the server was down, keeping both note texts', async () => {
    await server.down();
    try {
      await callSync(settingsA, 'comments.edit', {
        edits: [
          {
            comment: commentRef('44536000', 'motoboi'),
            ops: [
              { op: 'note.set', note: 'offline on A', base: 'written on profile A' },
              { op: 'tag.add', tag: 'from-a' },
            ],
          },
        ],
      });
      await callSync(settingsB, 'comments.edit', {
        edits: [
          {
            comment: commentRef('44536000', 'motoboi'),
            ops: [
              { op: 'note.set', note: 'offline on B', base: 'written on profile A' },
              { op: 'tag.add', tag: 'from-b' },
            ],
          },
        ],
      });
      const failed = (await callSync(settingsA, 'sync.now', {})) as {
        error: { code: string } | null;
      };
      expect(failed.error?.code).toBe('network');
    } finally {
      await server.up();
    }
    await bothSync();
    await callSync(settingsA, 'sync.now', {});
    const motoboiA = pageA.locator(`[data-tn-comment="${MOTOBOI}"]`);
    const motoboiB = pageB.locator(`[data-tn-comment="${MOTOBOI}"]`);
    for (const row of [motoboiA, motoboiB]) {
      await expect.poll(() => row.getAttribute('data-tn-tags')).toBe('carried from-a from-b');
    }
    const summaries = await Promise.all(
      [settingsA, settingsB].map((page) =>
        callSync(page, 'thread.summary', { thread: THREAD.key }),
      ),
    );
    expect(summaries[1]).toEqual(summaries[0]);
    const note = (
      summaries[0] as { annotations: { key: string; note: string }[] }
    ).annotations.find((annotation) => annotation.key === MOTOBOI)?.note;
    // B wrote last: its text is the note, and A's is kept as another version on both.
    expect(note).toBe('offline on B');
    for (const page of [pageA, pageB]) {
      const kept = inComment(page, MOTOBOI, 'tn-note >> button.kept');
      await expect.poll(() => kept.textContent()).toBe('another version kept · show');
    }
  });
});

async function bothSync(): Promise<void> {
  await callSync(settingsA, 'sync.now', {});
  await callSync(settingsB, 'sync.now', {});
}

async function overview(page: Page): Promise<unknown> {
  return ((await callSync(page, 'data.overview', {})) as { totals: unknown }).totals;
}

function commentRef(id: string, author = 'bulk') {
  return { key: `hn:${id}`, thread: THREAD, author, url: `${HN}/item?id=${id}`, quote: 'quoted' };
}
