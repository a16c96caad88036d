/**
 * Starts Debian's Chromium with the built extension loaded, and the fixture server that answers
 * for the real forum host names, so match patterns are the real ones.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  QUIET_CHROMIUM_ARGS,
  chromiumHostArgs,
  startFixtureServer,
} from '../server/fixture-server.mjs';

export const DIST = join(process.cwd(), 'dist');
export const OUTPUT = join(process.cwd(), 'tests/output');
export const HN = 'https://news.ycombinator.com';
export const LOBSTERS = 'https://lobste.rs';
export const OLD_REDDIT = 'https://old.reddit.com';
export const DISCOURSE = 'https://forum.example.org';

export interface Session {
  context: BrowserContext;
  extensionId: string;
  worker: () => Promise<Worker>;
  close: () => Promise<void>;
}

export interface LaunchOptions {
  /**
   * Hosts the extension may read from the start, as if the reader had answered Chrome's
   * permission prompt already. Headless Chromium offers no way to answer that prompt (nor
   * `--apps-gallery-install-auto-confirm-for-tests`, nor chrome://extensions, which shows no site
   * access for optional permissions), so the test copies dist/ and declares these hosts in the
   * copy's manifest. The popup's real request then resolves at once, and everything after it
   * (the check of the page, the registration, the start in the tab) runs as for a reader.
   */
  grantedHosts?: string[];
  /**
   * Permissions the copy's manifest leaves out: without `unlimitedStorage` the extension has a
   * quota like any site, which the quota drill (tests/drills) fills.
   */
  withoutPermissions?: string[];
}

/** dist/, or a copy of it whose manifest declares `hosts` and lacks `dropped` (see LaunchOptions). */
function extensionDir(hosts: string[], dropped: string[], scratch: string): string {
  if (hosts.length === 0 && dropped.length === 0) return DIST;
  const copy = join(scratch, 'extension');
  cpSync(DIST, copy, { recursive: true });
  const manifestPath = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    host_permissions: string[];
    permissions: string[];
  };
  manifest.host_permissions.push(...hosts.map((host) => `https://${host}/*`));
  manifest.permissions = manifest.permissions.filter((name) => !dropped.includes(name));
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return copy;
}

export function chromiumPath(): string {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium';
}

export async function launch({
  grantedHosts = [],
  withoutPermissions = [],
}: LaunchOptions = {}): Promise<Session> {
  if (!existsSync(join(DIST, 'manifest.json'))) {
    throw new Error('dist/ has no build: run `npx vite build` first (npm test does).');
  }
  mkdirSync(OUTPUT, { recursive: true });
  const server = await startFixtureServer();
  const scratch = mkdtempSync(join(tmpdir(), 'threadnote-browser-'));
  const profile = join(scratch, 'profile');
  const extension = extensionDir(grantedHosts, withoutPermissions, scratch);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    // Playwright disables extensions by default; this one is the point.
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      ...chromiumHostArgs(server.port),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      ...QUIET_CHROMIUM_ARGS,
    ],
  });
  const worker = async () =>
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL((await worker()).url()).host;
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close();
      await server.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** One browser for a test file: started before its tests, closed after them. */
export function browserForSuite(options?: LaunchOptions): () => Session {
  let session: Session | undefined;
  beforeAll(async () => {
    session = await launch(options);
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('The browser has not started.');
    return session;
  };
}

/**
 * Opens a forum page and waits until Threadnote has marked every comment the adapter can see,
 * applied what it knows (its `threadnote:apply` measure) and let the comments show (`tn-ready`).
 */
export async function openThread(
  session: Session,
  url: string,
  rowSelector: string,
): Promise<Page> {
  const page = await session.context.newPage();
  // Hidden tabs get no animation frames, and Threadnote does its batched work in them.
  await page.bringToFront();
  await page.goto(url);
  await waitForThread(page, rowSelector);
  return page;
}

/** Waits until Threadnote has marked and applied a loaded thread (see openThread). */
export async function waitForThread(page: Page, rowSelector: string): Promise<void> {
  await page.waitForFunction((selector) => {
    const rows = document.querySelectorAll(selector);
    return (
      document.documentElement.classList.contains('tn-ready') &&
      performance.getEntriesByName('threadnote:apply').length > 0 &&
      rows.length > 0 &&
      [...rows].every((row) => row.hasAttribute('data-tn-comment'))
    );
  }, rowSelector);
}

interface ChromeTabsApi {
  tabs: { query(query: { url: string }): Promise<{ id?: number }[]> };
}

export async function tabIdOf(session: Session, url: string): Promise<number> {
  const worker = await session.worker();
  const id = await worker.evaluate(async (pattern) => {
    const tabs = (globalThis as unknown as { chrome: ChromeTabsApi }).chrome.tabs;
    const [tab] = await tabs.query({ url: pattern });
    return tab?.id;
  }, url);
  if (typeof id !== 'number') throw new Error(`No tab shows ${url}`);
  return id;
}

/** The real popup page, pointed at a tab: a popup opened as a tab would otherwise see itself. */
export async function openPopup(session: Session, tabId: number): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.setViewportSize({ width: 400, height: 320 });
  await popup.goto(`chrome-extension://${session.extensionId}/src/popup/index.html?tab=${tabId}`);
  return popup;
}

/** Stops the extension's service worker, as Chromium does when it has been idle. */
export async function stopServiceWorker(session: Session, page: Page): Promise<void> {
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/**
 * Serves the saved Hacker News story at `url` to this page without the given comment rows, as it
 * was before those replies arrived: a later plain load (after `page.unroute(url)`) brings them as
 * new.
 */
export async function serveStoryWithout(page: Page, url: string, ids: readonly string[]) {
  await page.route(url, async (route) => {
    let html = readFileSync(
      join(process.cwd(), 'tests/fixtures/hn/item-44533403-story-2025-07.html'),
      'utf8',
    );
    for (const id of ids) {
      html = html.replace(
        new RegExp(`<tr class='athing comtr' id='${id}'>[\\s\\S]*?</table></td></tr>`),
        '',
      );
    }
    await route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
  });
}
