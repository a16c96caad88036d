/**
 * Firefox ESR for the Firefox tests: the launcher's session (launcher.mjs), one per test file or
 * per test, and the shared flows' driver (driver.ts) over Puppeteer and WebDriver BiDi.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { browserFor, pageBasics, type BrowserDriver, type Tab } from './driver';
import { storyWithout } from './hn-pages.mjs';
import { pressKeys, shadowTab } from './firefox-shadow';
import {
  launchFirefox,
  openFirefoxExtensionPage,
  waitForThread,
  type FirefoxOptions,
  type FirefoxSession,
} from './launcher.mjs';

export { launchFirefox, type FirefoxSession } from './launcher.mjs';
export type FirefoxLaunchOptions = FirefoxOptions;
export const openExtensionPage = openFirefoxExtensionPage;

/** One Firefox for a test file (`each`: a fresh one, with an empty profile, for every test). */
export function firefoxForSuite(
  options?: FirefoxLaunchOptions,
  { each = false } = {},
): () => FirefoxSession {
  return browserFor(
    () => launchFirefox(options),
    (session) => session.close(),
    each,
  );
}

interface ExtensionApi {
  tabs: { query(query: { url: string }): Promise<{ id?: number }[]> };
  runtime: {
    getContexts(filter: { contextTypes: string[] }): Promise<unknown[]>;
    sendMessage(message: unknown): Promise<unknown>;
  };
}

/** The id of the tab showing `url`, asked of the extension's own API. */
async function tabIdOf(session: FirefoxSession, url: string): Promise<number> {
  const id = await session.extensionPage.evaluate(async (pattern) => {
    const { tabs } = (globalThis as unknown as { browser: ExtensionApi }).browser;
    const [tab] = await tabs.query({ url: pattern });
    return tab?.id;
  }, url);
  if (typeof id !== 'number') throw new Error(`No tab shows ${url}`);
  return id;
}

/** Serves pages this tab asks for from `served` (by address), the rest from the network. */
function interceptor(page: Page) {
  const served = new Map<string, string>();
  let on = false;
  const handle = (request: HTTPRequest) => {
    const body = served.get(request.url());
    if (body === undefined) void request.continue();
    else void request.respond({ contentType: 'text/html; charset=utf-8', body });
  };
  return {
    async serve(url: string, body: string) {
      served.set(url, body);
      if (on) return;
      on = true;
      page.on('request', handle);
      await page.setRequestInterception(true);
    },
    async unserve(url: string) {
      served.delete(url);
      if (served.size > 0 || !on) return;
      on = false;
      await page.setRequestInterception(false);
      page.off('request', handle);
    },
  };
}

function firefoxTab(page: Page, downloads: string): Tab {
  // Every selector goes through BiDi (firefox-shadow.ts): it reads the light DOM as well as
  // Threadnote's closed roots, which Puppeteer's own selectors cannot enter.
  const ui = shadowTab(page);
  const routes = interceptor(page);
  return {
    ...pageBasics(page, 'firefox'),
    ...ui,
    click: (selector) => ui.click(selector),
    clickText: (selector, text) => ui.click(selector, text),
    clickAt: (x, y) => page.mouse.click(x, y),
    keys: (key) => pressKeys(page, key),
    type: (text) => page.keyboard.type(text),
    async select(selector, value) {
      await page.select(selector, value);
    },
    async setFile(selector, path) {
      const input = await page.$(selector);
      if (!input) throw new Error(`No file input matches ${selector}`);
      await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(path);
    },
    evaluate: <A, T>(fn: (arg: A) => T, arg: A) => page.evaluate(fn as never, arg) as Promise<T>,
    async initScript(fn, arg) {
      await page.evaluateOnNewDocument(fn as never, arg);
    },
    serveStoryWithout: (url, ids) => routes.serve(url, storyWithout(ids)),
    unserve: (url) => routes.unserve(url),
    async download(click) {
      const before = new Set(readdirSync(downloads));
      await click();
      // Firefox makes an empty <name> at once, writes <name>.part and renames it over <name>
      // when the download is complete.
      const complete = () =>
        readdirSync(downloads).filter(
          (name) =>
            !before.has(name) &&
            !name.endsWith('.part') &&
            !existsSync(join(downloads, `${name}.part`)) &&
            statSync(join(downloads, name)).size > 0,
        );
      await expect.poll(() => complete().length).toBe(1);
      const [name = ''] = complete();
      // Moved out of the folder (into the session's scratch folder), so that the next download of the same name keeps its name
      // (Firefox would save it as “name(2).json”).
      const path = join(mkdtempSync(join(dirname(downloads), 'download-')), name);
      renameSync(join(downloads, name), path);
      return { name, path, text: readFileSync(path, 'utf8') };
    },
    close: (options) => page.close(options),
  };
}

/** A new tab, in front: hidden tabs get no animation frames, and Threadnote uses them. */
async function newPage(session: FirefoxSession, width = 1200, height = 900): Promise<Page> {
  const page = await session.browser.newPage();
  await page.setViewport({ width, height });
  await page.bringToFront();
  return page;
}

/**
 * Opens a forum page and waits until Threadnote has marked every comment the adapter can see,
 * applied what it knows and let the comments show (`tn-ready`).
 */
export async function openThread(
  session: FirefoxSession,
  url: string,
  rowSelector: string,
): Promise<Page> {
  const page = await newPage(session);
  await page.goto(url);
  await waitForThread(page, rowSelector);
  return page;
}

/** The real popup page, pointed at the tab showing `url` (`?tab=`, as in Chromium). */
export async function openPopup(session: FirefoxSession, url: string): Promise<Page> {
  const tabId = await tabIdOf(session, url);
  const popup = await newPage(session, 400, 320);
  await openFirefoxExtensionPage(popup, `src/popup/index.html?tab=${tabId}`);
  return popup;
}

/** The shared flows' driver (driver.ts) over a Firefox session. */
export function firefoxDriver(session: () => FirefoxSession): () => BrowserDriver {
  return () => {
    const current = session();
    const tab = (page: Page) => firefoxTab(page, current.downloads);
    return {
      name: 'Firefox',
      openThread: async (url, rows) => tab(await openThread(current, url, rows)),
      newTab: async () => tab(await newPage(current)),
      openPopup: async (url) => tab(await openPopup(current, url)),
      async openExtensionPage(path, size) {
        const page = await newPage(current, size?.width, size?.height);
        await openFirefoxExtensionPage(page, path);
        return tab(page);
      },
      sendMessage: (message) =>
        current.extensionPage.evaluate(
          (sent) =>
            (globalThis as unknown as { browser: ExtensionApi }).browser.runtime.sendMessage(sent),
          message,
        ),
      async nextTab(action) {
        const opened = new Promise<Page>((resolve) =>
          current.browser.once(
            'targetcreated',
            (target: { page(): Promise<Page | null> }) =>
              void target.page().then((page) => page && resolve(page)),
          ),
        );
        await action();
        const page = await opened;
        await page.waitForFunction(() => document.readyState === 'complete');
        return tab(page);
      },
      async stopBackground() {
        // Firefox suspends the event page once it has been idle (one second here): wait for it.
        const running = () =>
          current.extensionPage.evaluate(async () => {
            const { runtime } = (globalThis as unknown as { browser: ExtensionApi }).browser;
            return (await runtime.getContexts({ contextTypes: ['BACKGROUND'] })).length;
          });
        await expect.poll(running).toBe(0);
      },
    };
  };
}
