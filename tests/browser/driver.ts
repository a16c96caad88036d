/**
 * What the flows shared by Chromium and Firefox (main-flows.ts) need from a browser, whichever
 * library drives it: Playwright for Chromium (here), Puppeteer for Firefox
 * (tests/firefox/harness.ts).
 *
 * Selectors are CSS; ` >> ` steps into what the element on its left holds, its shadow root
 * included (Threadnote's controls live in closed shadow roots: in Chromium they are reached from
 * the content script's world, tests/browser/shadow.ts; in Firefox through WebDriver BiDi,
 * tests/firefox/shadow.ts). Actions are the reader's own, trusted input.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll } from 'vitest';
import {
  OUTPUT,
  browserForSuite,
  openPopup,
  openThread,
  stopServiceWorker,
  tabIdOf,
  type Session,
} from './harness';
import { inShadow } from './shadow';

interface SavedFile {
  name: string;
  text: string;
}

export interface Tab {
  /** The attribute of the first element matching, or null (no such attribute or element). */
  attribute(selector: string, name: string): Promise<string | null>;
  /** The text of the first element matching, or null when there is none. */
  text(selector: string): Promise<string | null>;
  count(selector: string): Promise<number>;
  visible(selector: string): Promise<boolean>;
  hover(selector: string): Promise<void>;
  click(selector: string): Promise<void>;
  /** Clicks the first element matching `selector` whose text contains `text`. */
  clickText(selector: string, text: string): Promise<void>;
  /** Replaces the text of a field, as typing would. */
  fill(selector: string, text: string): Promise<void>;
  /** Presses a key in a field: `Enter`, `Escape`, `Control+Enter`. */
  press(selector: string, key: string): Promise<void>;
  /** Runs `fn` in the page (its own world, not the content script's). */
  evaluate<T>(fn: (arg: string) => T, arg: string): Promise<T>;
  reload(): Promise<void>;
  /** Brings the tab to the front, where it gets animation frames again. */
  front(): Promise<void>;
  /** Saves a screenshot as tests/output/<name>.png. */
  screenshot(name: string, fullPage?: boolean): Promise<void>;
  /** Runs `click` and returns the file it made the browser download. */
  download(click: () => Promise<void>): Promise<SavedFile>;
  close(): Promise<void>;
}

export interface BrowserDriver {
  name: string;
  /** Opens a forum page and waits until Threadnote has marked every `rowSelector` and let them show. */
  openThread(url: string, rowSelector: string): Promise<Tab>;
  /** The real popup page, pointed at the tab showing `url`. */
  openPopup(url: string): Promise<Tab>;
  /** Stops the extension's background (service worker or event page) as the browser does when idle. */
  stopBackground(): Promise<void>;
}

function playwrightTab(page: Page, downloads: string): Tab {
  // Playwright's own locators for the page's light DOM (and the popup, which has no content
  // script); the content script's world for what is inside Threadnote's roots.
  const all = (selector: string, hasText?: string) =>
    selector.includes(' >> ')
      ? inShadow(page, selector, { hasText })
      : page.locator(selector, { hasText });
  const first = (selector: string) => all(selector).first();
  return {
    async attribute(selector, name) {
      if ((await all(selector).count()) === 0) return null;
      return first(selector).getAttribute(name);
    },
    async text(selector) {
      if ((await all(selector).count()) === 0) return null;
      return first(selector).textContent();
    },
    count: (selector) => all(selector).count(),
    visible: (selector) => first(selector).isVisible(),
    hover: (selector) => first(selector).hover(),
    click: (selector) => first(selector).click(),
    clickText: (selector, text) => all(selector, text).first().click(),
    fill: (selector, text) => first(selector).fill(text),
    press: (selector, key) => first(selector).press(key),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async reload() {
      await page.reload();
    },
    front: () => page.bringToFront(),
    async screenshot(name, fullPage = false) {
      await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage });
    },
    async download(click) {
      const [file] = await Promise.all([page.waitForEvent('download'), click()]);
      const path = join(mkdtempSync(join(downloads, 'file-')), file.suggestedFilename());
      await file.saveAs(path);
      return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
    },
    close: () => page.close(),
  };
}

/** Chromium through Playwright, with dist/ loaded: one browser for the test file. */
export function chromiumForSuite(): () => BrowserDriver {
  const session = browserForSuite();
  const downloads = mkdtempSync(join(tmpdir(), 'threadnote-downloads-'));
  afterAll(() => rmSync(downloads, { recursive: true, force: true }));
  const driver = (current: Session): BrowserDriver => ({
    name: 'Chromium',
    async openThread(url, rowSelector) {
      return playwrightTab(await openThread(current, url, rowSelector), downloads);
    },
    async openPopup(url) {
      return playwrightTab(await openPopup(current, await tabIdOf(current, url)), downloads);
    },
    async stopBackground() {
      const page = await current.context.newPage();
      await stopServiceWorker(current, page);
      await page.close();
    },
  });
  return () => driver(session());
}
