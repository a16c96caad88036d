/**
 * What the flows shared by Chromium and Firefox (tests/flows/) need from a browser, whichever
 * library drives it: Playwright for Chromium (here), Puppeteer for Firefox (firefox.ts). The
 * browsers themselves come from launcher.mjs.
 *
 * Selectors are CSS; ` >> ` steps into what the element on its left holds, its shadow root
 * included (Threadnote's controls live in closed shadow roots: in Chromium they are reached from
 * the content script's world, chromium-shadow.ts; in Firefox through WebDriver BiDi,
 * firefox-shadow.ts). Actions are the reader's own, trusted input.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  OUTPUT,
  launch,
  openPopup,
  openThread,
  serveStoryWithout,
  stopServiceWorker,
  tabIdOf,
  waitForThread,
  type Session,
} from './chromium';
import { inContentWorld, inShadow } from './chromium-shadow';

export interface SavedFile {
  name: string;
  /** Where it landed on disk. */
  path: string;
  text: string;
}

export interface Tab {
  /** The attribute of the first element matching, or null (no such attribute or element). */
  attribute(selector: string, name: string): Promise<string | null>;
  /** The attribute of every element matching, in order. */
  attributes(selector: string, name: string): Promise<(string | null)[]>;
  /** The text of the first element matching, or null when there is none. */
  text(selector: string): Promise<string | null>;
  /** The text of every element matching, in order. */
  texts(selector: string): Promise<string[]>;
  /** What the first field matching holds. */
  value(selector: string): Promise<string>;
  /** Whether the first checkbox or radio button matching is checked. */
  checked(selector: string): Promise<boolean>;
  count(selector: string): Promise<number>;
  /** Elements matching the plain CSS `selector` in the page and in every shadow root, closed too. */
  deepCount(selector: string): Promise<number>;
  visible(selector: string): Promise<boolean>;
  hover(selector: string): Promise<void>;
  click(selector: string): Promise<void>;
  /** Clicks the first element matching `selector` whose text contains `text`. */
  clickText(selector: string, text: string): Promise<void>;
  /** Clicks at a point of the viewport. */
  clickAt(x: number, y: number): Promise<void>;
  /** Focuses the element, as the reader's Tab key would. */
  focus(selector: string): Promise<void>;
  /** Replaces the text of a field, as typing would. */
  fill(selector: string, text: string): Promise<void>;
  /** Types at the end of what the field holds, key by key. */
  typeInto(selector: string, text: string): Promise<void>;
  /** Presses a key in a field: `Enter`, `Escape`, `Control+Enter`. */
  press(selector: string, key: string): Promise<void>;
  /** Presses a key in whatever has the focus: `j`, `Shift+X`. */
  keys(key: string): Promise<void>;
  /** Types text into whatever has the focus. */
  type(text: string): Promise<void>;
  /** Picks an option of a `<select>` by its value. */
  select(selector: string, value: string): Promise<void>;
  /** Gives a file input a file, as the file picker does. */
  setFile(selector: string, path: string): Promise<void>;
  /** Runs `fn` in the page (its own world, not the content script's). */
  evaluate<A, T>(fn: (arg: A) => T, arg: A): Promise<T>;
  /** Runs `fn` in every document this tab loads from now on, before the page's own scripts. */
  initScript<A>(fn: (arg: A) => void, arg: A): Promise<void>;
  /** Serves the saved Hacker News story at `url` without these comment rows (hn-pages.mjs). */
  serveStoryWithout(url: string, ids: readonly string[]): Promise<void>;
  /** Serves `url` from the fixture server again. */
  unserve(url: string): Promise<void>;
  goto(url: string): Promise<void>;
  /** Waits until Threadnote has marked every `rowSelector` and let the comments show. */
  waitForThread(rowSelector: string): Promise<void>;
  reload(): Promise<void>;
  /** Brings the tab to the front, where it gets animation frames again. */
  front(): Promise<void>;
  /** Saves a screenshot as tests/output/<browser>-<name>.png. */
  screenshot(name: string, fullPage?: boolean): Promise<void>;
  /** Runs `click` and returns the file it made the browser download. */
  download(click: () => Promise<void>): Promise<SavedFile>;
  /** From now on dismisses every dialog the page opens (alert, confirm); returns their count. */
  dialogs(): () => number;
  /** From now on records the address of every request the page makes. */
  requests(): () => string[];
  /** Closes the tab; `runBeforeUnload` lets the page's beforeunload and pagehide handlers run. */
  close(options?: { runBeforeUnload?: boolean }): Promise<void>;
}

export interface BrowserDriver {
  name: 'Chromium' | 'Firefox';
  /** Opens a forum page and waits until Threadnote has marked every `rowSelector` and let them show. */
  openThread(url: string, rowSelector: string): Promise<Tab>;
  /** A blank tab in front, for tests that prepare it before it loads a page. */
  newTab(): Promise<Tab>;
  /** The real popup page, pointed at the tab showing `url`. */
  openPopup(url: string): Promise<Tab>;
  /** An extension page (`src/options/index.html`, `src/popup/index.html?tab=1`). */
  openExtensionPage(path: string, size?: { width: number; height: number }): Promise<Tab>;
  /** Sends a runtime message from an extension page, as the popup and options page do. */
  sendMessage(message: unknown): Promise<unknown>;
  /** Runs `action` and returns the tab it opened, once loaded. */
  nextTab(action: () => Promise<void>): Promise<Tab>;
  /** Stops the extension's background (service worker or event page) as the browser does when idle. */
  stopBackground(): Promise<void>;
}

/** What Playwright's and Puppeteer's pages both emit, as the driver uses it. */
interface PageEvents {
  on(event: 'dialog', listener: (dialog: { dismiss(): Promise<void> }) => void): unknown;
  on(event: 'request', listener: (request: { url(): string }) => void): unknown;
}

/** What Playwright's and Puppeteer's pages both do, as the driver uses it. */
interface AnyPage extends PageEvents {
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  bringToFront(): Promise<void>;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
}

/** The Tab operations both libraries' pages do alike; screenshots are named after `browser`. */
export function pageBasics(
  page: object,
  browser: string,
): Pick<
  Tab,
  'goto' | 'waitForThread' | 'reload' | 'front' | 'screenshot' | 'dialogs' | 'requests'
> {
  const same = page as AnyPage;
  return {
    async goto(url) {
      await same.goto(url);
    },
    waitForThread: (rows) => waitForThread(same as never, rows),
    async reload() {
      await same.reload();
    },
    front: () => same.bringToFront(),
    async screenshot(name, fullPage = false) {
      await same.screenshot({ path: join(OUTPUT, `${browser}-${name}.png`), fullPage });
    },
    dialogs() {
      let seen = 0;
      same.on('dialog', (dialog) => {
        seen++;
        void dialog.dismiss();
      });
      return () => seen;
    },
    requests() {
      const urls: string[] = [];
      same.on('request', (request) => urls.push(request.url()));
      return () => urls;
    },
  };
}

/** A browser for a test file (`each`: a fresh one, with an empty profile, for every test). */
export function browserFor<S>(
  start: () => Promise<S>,
  stop: (session: S) => Promise<void>,
  each: boolean,
): () => S {
  let session: S | undefined;
  (each ? beforeEach : beforeAll)(async () => {
    session = await start();
  });
  (each ? afterEach : afterAll)(async () => {
    if (session) await stop(session);
    session = undefined;
  });
  return () => {
    if (!session) throw new Error('The browser has not started.');
    return session;
  };
}

function playwrightTab(page: Page, downloads: string): Tab {
  // Playwright's own locators for the page's light DOM (and extension pages, which have no
  // content script); the content script's world for what is inside Threadnote's roots.
  const all = (selector: string, hasText?: string) =>
    selector.includes(' >> ')
      ? inShadow(page, selector, { hasText })
      : page.locator(selector, { hasText });
  const first = (selector: string) => all(selector).first();
  const each = async <T>(selector: string, read: (index: number) => Promise<T>) => {
    const found = await all(selector).count();
    return Promise.all(Array.from({ length: found }, (_, index) => read(index)));
  };
  return {
    ...pageBasics(page, 'chromium'),
    async attribute(selector, name) {
      if ((await all(selector).count()) === 0) return null;
      return first(selector).getAttribute(name);
    },
    attributes: (selector, name) =>
      each(selector, (index) => all(selector).nth(index).getAttribute(name)),
    async text(selector) {
      if ((await all(selector).count()) === 0) return null;
      return first(selector).textContent();
    },
    texts: (selector) =>
      each(selector, async (index) => (await all(selector).nth(index).textContent()) ?? ''),
    value: (selector) => first(selector).inputValue(),
    checked: (selector) => page.locator(selector).first().isChecked(),
    count: (selector) => all(selector).count(),
    deepCount: (selector) =>
      // Threadnote's roots are closed: the content script's world counts inside them.
      inContentWorld(
        page,
        (css, open) => {
          const roots: (Document | ShadowRoot)[] = [document];
          for (const element of document.querySelectorAll('*')) {
            const root = open(element);
            if (root) roots.push(root);
          }
          return roots.reduce((n, root) => n + root.querySelectorAll(css).length, 0);
        },
        selector,
      ),
    visible: (selector) => first(selector).isVisible(),
    hover: (selector) => first(selector).hover(),
    click: (selector) => first(selector).click(),
    clickText: (selector, text) => all(selector, text).first().click(),
    clickAt: (x, y) => page.mouse.click(x, y),
    focus: (selector) => first(selector).focus(),
    fill: (selector, text) => first(selector).fill(text),
    typeInto: (selector, text) => first(selector).pressSequentially(text),
    press: (selector, key) => first(selector).press(key),
    keys: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    async select(selector, value) {
      await page.locator(selector).first().selectOption(value);
    },
    setFile: (selector, path) => page.locator(selector).first().setInputFiles(path),
    evaluate: <A, T>(fn: (arg: A) => T, arg: A) => page.evaluate(fn as never, arg) as Promise<T>,
    async initScript(fn, arg) {
      await page.addInitScript(fn as never, arg);
    },
    serveStoryWithout: (url, ids) => serveStoryWithout(page, url, ids),
    unserve: (url) => page.unroute(url),
    async download(click) {
      const [file] = await Promise.all([page.waitForEvent('download'), click()]);
      const path = join(mkdtempSync(join(downloads, 'file-')), file.suggestedFilename());
      await file.saveAs(path);
      return { name: file.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
    },
    close: (options) => page.close(options),
  };
}

function chromiumDriver(current: Session, downloads: string): BrowserDriver {
  const tab = (page: Page) => playwrightTab(page, downloads);
  return {
    name: 'Chromium',
    openThread: async (url, rowSelector) => tab(await openThread(current, url, rowSelector)),
    async newTab() {
      const page = await current.context.newPage();
      // Hidden tabs get no animation frames, and Threadnote does its batched work in them.
      await page.bringToFront();
      return tab(page);
    },
    openPopup: async (url) => tab(await openPopup(current, await tabIdOf(current, url))),
    async openExtensionPage(path, size) {
      const page = await current.context.newPage();
      if (size) await page.setViewportSize(size);
      await page.goto(`chrome-extension://${current.extensionId}/${path}`);
      return tab(page);
    },
    async sendMessage(message) {
      const page = await current.context.newPage();
      await page.goto(`chrome-extension://${current.extensionId}/src/popup/index.html`);
      const answer = await page.evaluate(
        (sent) =>
          (
            globalThis as unknown as {
              chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
            }
          ).chrome.runtime.sendMessage(sent),
        message,
      );
      await page.close();
      return answer;
    },
    async nextTab(action) {
      const opened = current.context.waitForEvent('page');
      await action();
      const page = await opened;
      await page.waitForLoadState();
      return tab(page);
    },
    async stopBackground() {
      const page = await current.context.newPage();
      await stopServiceWorker(current, page);
      await page.close();
    },
  };
}

/** Chromium through Playwright, with dist/ loaded: one browser for the file, or one per test. */
export function chromiumForSuite({ each = false } = {}): () => BrowserDriver {
  const downloads = mkdtempSync(join(tmpdir(), 'threadnote-downloads-'));
  afterAll(() => rmSync(downloads, { recursive: true, force: true }));
  const session = browserFor(
    () => launch(),
    (started) => started.close(),
    each,
  );
  return () => chromiumDriver(session(), downloads);
}
