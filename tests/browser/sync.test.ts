/**
 * Sync between two Chromium profiles through a real CouchDB-protocol server (express-pouchdb, in
 * this process): PouchDB with its IndexedDB adapter runs in each profile's service worker, and
 * what profile A annotates shows in profile B's open tab after B syncs, without a reload.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HN, OUTPUT, launch, openThread, type Session } from './harness';
import { annotate, expectAnnotated } from './flows';
import { startSyncServer } from '../sync-server/server.mjs';

const STORY = `${HN}/item?id=44533403`;
const ROWS = 'tr.athing.comtr';
const HOVER = '.comhead .hnuser';
const MOTOBOI = 'hn:44536000';
const PASSPHRASE = 'two profiles, one passphrase';

interface SyncServer {
  url: string;
  stop(): Promise<void>;
}

let server: SyncServer;
let a: Session;
let b: Session;

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
    const settingsA = await setUp(a);
    const settingsB = await setUp(b);
    const pageA = await openThread(a, STORY, ROWS);
    const pageB = await openThread(b, STORY, ROWS);

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
});
