/**
 * Chromium for the browser tests and drills: the launcher's session (launcher.mjs), one per test
 * file or per test, and what a test does with it through Playwright: open a thread and wait for
 * Threadnote, find a tab's id, open the popup, stop the service worker.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { storyWithout } from './hn-pages.mjs';
import {
  launchChromium,
  waitForThread,
  type ChromiumOptions,
  type ChromiumSession,
} from './launcher.mjs';

export {
  DISCOURSE,
  DIST,
  HN,
  LOBSTERS,
  OLD_REDDIT,
  OUTPUT,
  chromiumPath,
  waitForThread,
} from './launcher.mjs';

export type Session = ChromiumSession;
export type LaunchOptions = Pick<ChromiumOptions, 'grantedHosts' | 'withoutPermissions'>;

/** Chromium with dist/ loaded, in a fresh profile, with its own fixture server. */
export function launch(options: LaunchOptions = {}): Promise<Session> {
  return launchChromium(options);
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
 * Serves the saved Hacker News story at `url` to this page without the given comment rows
 * (storyWithout): a later plain load (after `page.unroute(url)`) brings them as new.
 */
export async function serveStoryWithout(page: Page, url: string, ids: readonly string[]) {
  await page.route(url, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: storyWithout(ids) }),
  );
}
