/**
 * Starts Debian's Firefox ESR through Puppeteer (WebDriver BiDi) with the Firefox build from
 * dist-firefox/ installed, and the fixture server behind a proxy that answers for the real forum
 * host names, so match patterns are the real ones (as tests/browser/harness.ts does for Chromium).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  firefoxHostPrefs,
  startFixtureProxy,
  startFixtureServer,
} from '../server/fixture-server.mjs';
import type { BrowserDriver, Tab } from '../browser/driver';
import { OUTPUT } from '../browser/harness';
import { shadowTab } from './shadow';

const DIST_FIREFOX = join(process.cwd(), 'dist-firefox');

/**
 * Firefox gives each installed add-on a random internal UUID, which its pages' addresses carry;
 * this pref fixes it so that tests can open moz-extension://<uuid>/src/popup/index.html.
 */
const EXTENSION_UUID = '5f7a9a52-7d1f-4b2e-9d44-0c1f1b7e2a11';
const EXTENSION_BASE = `moz-extension://${EXTENSION_UUID}`;

function firefoxPath(): string {
  return process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
}

export interface FirefoxLaunchOptions {
  /** What to install instead of dist-firefox/: a build folder, or the add-on's .zip or .xpi. */
  extension?: string;
  /**
   * API permissions added to a copy of the build's manifest. `tabs` stands in for `activeTab`:
   * Firefox grants that when the reader clicks the toolbar button, which no test can click, and
   * the popup needs it to read the address of a tab Threadnote has no access to.
   */
  permissions?: string[];
}

export interface FirefoxSession {
  browser: Browser;
  downloads: string;
  /** An extension page kept open to call the extension's APIs from, as the tests' stand-in. */
  extensionPage: Page;
  close(): Promise<void>;
}

/** dist-firefox/, or a copy of it whose manifest asks for more permissions. */
function extensionDir(permissions: string[], scratch: string): string {
  if (permissions.length === 0) return DIST_FIREFOX;
  const copy = join(scratch, 'extension');
  cpSync(DIST_FIREFOX, copy, { recursive: true });
  const manifestPath = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { permissions: string[] };
  manifest.permissions.push(...permissions);
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return copy;
}

interface BidiFrame {
  browsingContext: { navigate(url: string, wait: 'none'): Promise<void> };
}

/**
 * Opens an extension page in `page`. Puppeteer's goto waits for a navigation event Firefox does
 * not send for moz-extension:// pages, so this navigates through BiDi without waiting and then
 * waits for the page itself.
 */
export async function openExtensionPage(page: Page, path: string): Promise<void> {
  const url = `${EXTENSION_BASE}/${path}`;
  await (page.mainFrame() as unknown as BidiFrame).browsingContext.navigate(url, 'none');
  await page.waitForFunction(
    (wanted) => location.href === wanted && document.readyState === 'complete',
    {},
    url,
  );
}

export async function launchFirefox({
  extension,
  permissions = [],
}: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  if (!existsSync(join(DIST_FIREFOX, 'manifest.json'))) {
    throw new Error(
      'dist-firefox/ has no build: run `npm run build:firefox` first (npm test does).',
    );
  }
  mkdirSync(OUTPUT, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(DIST_FIREFOX, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const geckoId = manifest.browser_specific_settings.gecko.id;
  const server = await startFixtureServer();
  const proxy = await startFixtureProxy(server.port);
  const scratch = mkdtempSync(join(tmpdir(), 'threadnote-firefox-'));
  const downloads = join(scratch, 'downloads');
  mkdirSync(downloads);
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await proxy.close();
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: true,
      // The fixture server's certificate is a test one.
      acceptInsecureCerts: true,
      // Lets the BiDi session install add-ons.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        ...firefoxHostPrefs(proxy.port),
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
        // Firefox suspends an idle event page after 30 s; one second makes every flow cross
        // suspensions and lets stopBackground() wait for one.
        'extensions.background.idle.timeout': 1000,
        // Answers permissions.request() as a reader clicking Allow would (no prompt shows
        // headless).
        'extensions.webextOptionalPermissionPrompts': false,
        'browser.download.dir': downloads,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
      },
    });
    await browser.installExtension(extension ?? extensionDir(permissions, scratch));
    const extensionPage = await browser.newPage();
    await openExtensionPage(extensionPage, 'src/popup/index.html');
    return { browser, downloads, extensionPage, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** One Firefox for a test file: started before its tests, closed after them. */
export function firefoxForSuite(options?: FirefoxLaunchOptions): () => FirefoxSession {
  let session: FirefoxSession | undefined;
  beforeAll(async () => {
    session = await launchFirefox(options);
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('Firefox has not started.');
    return session;
  };
}

/** The id of the tab showing `url`, asked of the extension's own API. */
async function tabIdOf(session: FirefoxSession, url: string): Promise<number> {
  const id = await session.extensionPage.evaluate(async (pattern) => {
    const tabs = (globalThis as unknown as { browser: ExtensionTabsApi }).browser.tabs;
    const [tab] = await tabs.query({ url: pattern });
    return tab?.id;
  }, url);
  if (typeof id !== 'number') throw new Error(`No tab shows ${url}`);
  return id;
}

interface ExtensionTabsApi {
  tabs: { query(query: { url: string }): Promise<{ id?: number }[]> };
}

function firefoxTab(page: Page, downloads: string): Tab {
  // Every selector goes through BiDi (tests/firefox/shadow.ts): it reads the light DOM as well as
  // Threadnote's closed roots, which Puppeteer's own selectors cannot enter.
  const ui = shadowTab(page);
  return {
    attribute: ui.attribute,
    text: ui.text,
    count: ui.count,
    visible: ui.visible,
    hover: ui.hover,
    click: (selector) => ui.click(selector),
    clickText: (selector, text) => ui.click(selector, text),
    fill: ui.fill,
    press: ui.press,
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async reload() {
      await page.reload();
    },
    front: () => page.bringToFront(),
    async screenshot(name, fullPage = false) {
      await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage });
    },
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
      return { name, text: readFileSync(join(downloads, name), 'utf8') };
    },
    close: () => page.close(),
  };
}

/** A new tab at `url`, in front: hidden tabs get no animation frames, and Threadnote uses them. */
async function newTab(session: FirefoxSession, width: number, height: number): Promise<Page> {
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
  const page = await newTab(session, 1200, 900);
  await page.goto(url);
  await page.waitForFunction(
    (selector) => {
      const rows = document.querySelectorAll(selector);
      return (
        document.documentElement.classList.contains('tn-ready') &&
        performance.getEntriesByName('threadnote:apply').length > 0 &&
        rows.length > 0 &&
        [...rows].every((row) => row.hasAttribute('data-tn-comment'))
      );
    },
    {},
    rowSelector,
  );
  return page;
}

/** The real popup page, pointed at the tab showing `url` (`?tab=`, as in Chromium). */
export async function openPopup(session: FirefoxSession, url: string): Promise<Page> {
  const tabId = await tabIdOf(session, url);
  const popup = await newTab(session, 400, 320);
  await openExtensionPage(popup, `src/popup/index.html?tab=${tabId}`);
  return popup;
}

interface ExtensionRuntimeApi {
  runtime: { getContexts(filter: { contextTypes: string[] }): Promise<unknown[]> };
}

/** The shared flows' driver (tests/browser/main-flows.ts) over a Firefox session. */
export function firefoxDriver(session: () => FirefoxSession): () => BrowserDriver {
  return () => {
    const current = session();
    return {
      name: 'Firefox',
      openThread: async (url, rows) =>
        firefoxTab(await openThread(current, url, rows), current.downloads),
      openPopup: async (url) => firefoxTab(await openPopup(current, url), current.downloads),
      async stopBackground() {
        // Firefox suspends the event page once it has been idle (one second here): wait for it.
        const running = () =>
          current.extensionPage.evaluate(async () => {
            const { runtime } = (globalThis as unknown as { browser: ExtensionRuntimeApi }).browser;
            return (await runtime.getContexts({ contextTypes: ['BACKGROUND'] })).length;
          });
        await expect.poll(running).toBe(0);
      },
    };
  };
}
