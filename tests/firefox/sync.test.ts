/**
 * Sync between Chromium and Firefox ESR through one CouchDB-protocol server (express-pouchdb, in
 * this process): what Chromium annotates shows in Firefox's open tab after Firefox syncs, without
 * a reload, and what Firefox edits comes back to Chromium's open tab. Firefox turns sync on
 * through its real Settings page, which asks for the server's origin as a host permission.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HN, launch, openThread, type Session } from '../kit/chromium';
import { firefoxDriver, launchFirefox, type FirefoxSession } from '../kit/firefox';
import type { BrowserDriver, Tab } from '../kit/driver';
import { annotate, comment as row, inComment } from '../browser/flows';
import { addTag, fold, noteText, tags, writeNote } from '../flows/steps';
import { startSyncServer } from '../sync-server/server.mjs';

const STORY = `${HN}/item?id=44533403`;
const ROWS = 'tr.athing.comtr';
const HOVER = '.comhead .hnuser';
const MOTOBOI = '44536000';
const FENNWICK = '44535112';
const PASSPHRASE = 'one server, two browsers';

interface SyncServer {
  url: string;
  stop(): Promise<void>;
}

interface Answer {
  ok: boolean;
  value?: unknown;
  error?: { message: string };
}

let server: SyncServer;
let chromium: Session;
let firefox: FirefoxSession;
let driver: BrowserDriver;
let settingsChromium: Page;
let pageChromium: Page;
let settingsFirefox: Tab;
let pageFirefox: Tab;

beforeAll(async () => {
  // Headless Chromium cannot answer the host-permission prompt, so the server also allows the
  // extension origins by CORS; Firefox is granted the origin through its Settings page.
  server = (await startSyncServer({ cors: true })) as SyncServer;
  await fetch(`${server.url}/threadnote`, { method: 'PUT' });
  chromium = await launch();
  firefox = await launchFirefox();
  driver = firefoxDriver(() => firefox)();
});

afterAll(async () => {
  await chromium?.close();
  await firefox?.close();
  await server?.stop();
});

/** A request to Chromium's worker from its options page, as the Sync buttons send it. */
async function callChromium(type: string, payload: object): Promise<unknown> {
  const answer = (await settingsChromium.evaluate(
    ([kind, body]) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ threadnote: 1, type: kind, payload: body }),
    [type, payload] as const,
  )) as Answer;
  if (!answer.ok) throw new Error(answer.error?.message ?? 'no answer');
  return answer.value;
}

async function callFirefox(type: string, payload: object): Promise<unknown> {
  const answer = (await driver.sendMessage({ threadnote: 1, type, payload })) as Answer;
  if (!answer.ok) throw new Error(answer.error?.message ?? 'no answer');
  return answer.value;
}

async function setUpChromium(): Promise<void> {
  settingsChromium = await chromium.context.newPage();
  await settingsChromium.goto(
    `chrome-extension://${chromium.extensionId}/src/options/index.html#sync`,
  );
  const target = { url: server.url, database: 'threadnote', username: '', password: '' };
  await callChromium('sync.enable', { target, passphrase: PASSPHRASE });
}

/** Turns sync on through Firefox's Settings page, as a reader does. */
async function setUpFirefox(): Promise<void> {
  settingsFirefox = await driver.openExtensionPage('src/options/index.html#sync');
  await settingsFirefox.fill('.sync-form input[inputmode="url"]', server.url);
  await settingsFirefox.fill('.sync-form label:nth-of-type(2) input', 'threadnote');
  await settingsFirefox.clickText('.sync-form button', 'Test connection');
  await expect
    .poll(() => settingsFirefox.attribute('[data-probe]', 'data-probe'))
    .toBe('reachable');
  await settingsFirefox.fill('.sync-form input[autocomplete="new-password"]', PASSPHRASE);
  await settingsFirefox.clickText('.sync-form button', 'Turn on sync');
  await expect
    .poll(() => settingsFirefox.attribute('[data-sync-state]', 'data-sync-state'))
    .toBe('on');
  const granted = await firefox.extensionPage.evaluate(
    (origin) =>
      (
        globalThis as unknown as {
          browser: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } };
        }
      ).browser.permissions.contains({ origins: [origin] }),
    'http://127.0.0.1/*',
  );
  expect(granted).toBe(true);
}

async function bothSync(): Promise<void> {
  await callChromium('sync.now', {});
  await callFirefox('sync.now', {});
}

describe('sync between Chromium and Firefox ESR', () => {
  it('shows in Firefox, in an open tab, what Chromium tagged, noted and folded', async () => {
    await setUpChromium();
    await setUpFirefox();
    pageChromium = await openThread(chromium, STORY, ROWS);
    pageFirefox = await driver.openThread(STORY, ROWS);

    await annotate(pageChromium, `hn:${MOTOBOI}`, HOVER, {
      tags: ['synced'],
      note: 'written in Chromium',
      collapse: true,
    });
    await bothSync();
    await pageFirefox.front();
    await expect.poll(() => tags(pageFirefox, MOTOBOI)).toBe('synced');
    await expect.poll(() => fold(pageFirefox, MOTOBOI)).toBe('collapsed');
    await expect.poll(() => pageFirefox.text(noteText(MOTOBOI))).toBe('written in Chromium');
    await pageFirefox.screenshot('sync-arrived');
  });

  it('carries a user tag, a tag rename and a tag deletion to Firefox', async () => {
    await annotate(pageChromium, `hn:${FENNWICK}`, HOVER, { tags: ['temporary'] });
    await callChromium('user.edit', {
      user: { key: 'hn:motoboi', name: 'motoboi' },
      ops: [{ op: 'tag.add', tag: 'regular' }],
    });
    await callChromium('tags.rename', { from: 'synced', to: 'carried' });
    await bothSync();
    const motoboi = `[data-tn-comment="hn:${MOTOBOI}"]`;
    await expect.poll(() => tags(pageFirefox, MOTOBOI)).toBe('carried');
    await expect.poll(() => pageFirefox.attribute(motoboi, 'data-tn-user-tags')).toBe('regular');
    await expect.poll(() => tags(pageFirefox, FENNWICK)).toBe('temporary');

    await callChromium('tags.delete', { name: 'temporary' });
    await bothSync();
    await expect.poll(() => tags(pageFirefox, FENNWICK)).toBeNull();
    const overview = async (call: typeof callChromium) =>
      ((await call('data.overview', {})) as { totals: unknown }).totals;
    expect(await overview(callFirefox)).toEqual(await overview(callChromium));
  });

  it('brings a tag and a note written in Firefox back to Chromium', async () => {
    await addTag(pageFirefox, FENNWICK, 'from-firefox');
    await writeNote(pageFirefox, FENNWICK, 'written in Firefox');
    await callFirefox('sync.now', {});
    await callChromium('sync.now', {});
    await expect
      .poll(() => row(pageChromium, `hn:${FENNWICK}`).getAttribute('data-tn-tags'))
      .toBe('from-firefox');
    await expect
      .poll(() => inComment(pageChromium, `hn:${FENNWICK}`, 'tn-note >> .note .text').textContent())
      .toBe('written in Firefox');
  });
});
