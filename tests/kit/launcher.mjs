/**
 * The one way the project starts a browser with Threadnote loaded: the browser tests, the Firefox
 * tests, the drills, the benchmark and `npm start` all come through here. Chromium runs through
 * Playwright (Debian's `chromium`), Firefox ESR through Puppeteer over WebDriver BiDi (Debian's
 * `firefox-esr`). Both reach the fixture server (fixture-server.mjs) under the forums' real host
 * names, so the extension's match patterns are the real ones.
 *
 * Plain JavaScript with JSDoc types, so that bench/ and scripts/ (.mjs, run by plain node) import
 * it as the TypeScript tests do (tsconfig's allowJs reads the types).
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
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import {
  QUIET_CHROMIUM_ARGS,
  chromiumHostArgs,
  firefoxHostPrefs,
  startFixtureProxy,
  startFixtureServer,
} from './fixture-server.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The Chromium build: `dist/` unless THREADNOTE_DIST names another (the benchmark's baseline). */
export const DIST = resolve(ROOT, process.env.THREADNOTE_DIST || 'dist');
export const DIST_FIREFOX = join(ROOT, 'dist-firefox');
/** Where browser tests, drills and the demo write screenshots and reports. */
export const OUTPUT = join(ROOT, 'tests/output');
export const HN = 'https://news.ycombinator.com';
export const LOBSTERS = 'https://lobste.rs';
export const OLD_REDDIT = 'https://old.reddit.com';
export const DISCOURSE = 'https://forum.example.org';

/**
 * Firefox gives each installed add-on a random internal UUID, which its pages' addresses carry;
 * a pref fixes it so that moz-extension://<uuid>/src/popup/index.html can be opened.
 */
export const FIREFOX_EXTENSION_BASE = 'moz-extension://5f7a9a52-7d1f-4b2e-9d44-0c1f1b7e2a11';

/** Debian's Chromium, unless CHROME_PATH names another. */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export function chromiumPath() {
  return CHROMIUM_PATH;
}

export function firefoxPath() {
  return process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
}

/** Copies `build` into `scratch` and lets `edit` change the copy's manifest. */
function editedCopy(build, scratch, edit) {
  const copy = join(scratch, 'extension');
  cpSync(build, copy, { recursive: true });
  const path = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest, null, 2));
  return copy;
}

function requireBuild(build, command) {
  if (!existsSync(join(build, 'manifest.json'))) {
    throw new Error(`${build} has no build: run \`${command}\` first (npm test does).`);
  }
}

/**
 * @typedef {object} ChromiumOptions
 * @property {string | null} [extension] The build to load: DIST by default, null for none (the
 *   benchmark's browser without Threadnote).
 * @property {string[]} [grantedHosts] Hosts the extension may read from the start, as if the
 *   reader had answered Chrome's permission prompt already. Headless Chromium offers no way to
 *   answer that prompt (nor `--apps-gallery-install-auto-confirm-for-tests`, nor
 *   chrome://extensions, which shows no site access for optional permissions), so a copy of the
 *   build declares these hosts in its manifest. The popup's real request then resolves at once,
 *   and everything after it (the check of the page, the registration, the start in the tab) runs
 *   as for a reader.
 * @property {string[]} [withoutPermissions] Permissions the copy's manifest leaves out: without
 *   `unlimitedStorage` the extension has a quota like any site, which the quota drill fills.
 * @property {number} [port] A fixture server already running on this port; otherwise the launch
 *   starts one and closes it with the browser.
 * @property {string} [profile] The profile folder; otherwise a fresh one, removed on close.
 * @property {string} [executablePath] Another Chromium-based browser (the demo finds one).
 * @property {boolean} [headless]
 * @property {{ width: number, height: number } | null} [viewport] null: the window's own size.
 * @property {string[]} [args] More switches.
 * @property {boolean} [viaDevTools] Loads the extension over CDP (`Extensions.loadUnpacked`)
 *   instead of `--load-extension`, which branded Google Chrome ignores since version 137.
 */

/**
 * @typedef {object} ChromiumSession
 * @property {import('playwright-core').BrowserContext} context
 * @property {string} extensionId Empty when no extension was loaded.
 * @property {() => Promise<import('playwright-core').Worker>} worker The extension's service worker.
 * @property {number} port The fixture server's port.
 * @property {() => Promise<void>} close Closes the browser, the server it started, the profile.
 */

/**
 * Starts Chromium with the built extension loaded.
 * @param {ChromiumOptions} [options]
 * @returns {Promise<ChromiumSession>}
 */
export async function launchChromium({
  extension = DIST,
  grantedHosts = [],
  withoutPermissions = [],
  port,
  profile,
  executablePath = chromiumPath(),
  headless = true,
  viewport = { width: 1200, height: 900 },
  args = [],
  viaDevTools = false,
} = {}) {
  if (extension) requireBuild(extension, 'npx vite build');
  mkdirSync(OUTPUT, { recursive: true });
  const server = port === undefined ? await startFixtureServer() : null;
  const edited = Boolean(extension) && (grantedHosts.length > 0 || withoutPermissions.length > 0);
  // A folder for the profile and the edited build, when the caller gives neither away.
  const scratch = profile && !edited ? null : mkdtempSync(join(tmpdir(), 'threadnote-chromium-'));
  let build = extension;
  if (build && scratch && edited) {
    build = editedCopy(build, scratch, (manifest) => {
      manifest.host_permissions.push(...grantedHosts.map((host) => `https://${host}/*`));
      manifest.permissions = manifest.permissions.filter(
        (name) => !withoutPermissions.includes(name),
      );
    });
  }
  const close = async () => {
    await server?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  let context;
  try {
    context = await chromium.launchPersistentContext(profile ?? join(scratch ?? '', 'profile'), {
      executablePath,
      headless,
      // Playwright disables extensions by default; this one is the point.
      ignoreDefaultArgs: ['--disable-extensions'],
      viewport,
      args: [
        ...(build && !viaDevTools
          ? [`--disable-extensions-except=${build}`, `--load-extension=${build}`]
          : []),
        ...(viaDevTools ? ['--enable-unsafe-extension-debugging'] : []),
        ...chromiumHostArgs(server?.port ?? port),
        // A reader's own browser keeps its sandbox; root (containers, CI) cannot have one.
        ...(headless || process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        ...(headless ? ['--disable-gpu'] : []),
        '--disable-quic',
        ...QUIET_CHROMIUM_ARGS,
        ...args,
      ],
    });
  } catch (error) {
    await close();
    throw error;
  }
  const opened = context;
  if (build && viaDevTools) {
    const page = opened.pages()[0] ?? (await opened.newPage());
    const cdp = await opened.newCDPSession(page);
    // Extensions.loadUnpacked is a browser-level command; Playwright routes it through the page.
    await cdp.send('Extensions.loadUnpacked', { path: build });
  }
  const worker = async () =>
    opened.serviceWorkers()[0] ?? (await opened.waitForEvent('serviceworker'));
  const extensionId = build ? new URL((await worker()).url()).host : '';
  return {
    context: opened,
    extensionId,
    worker,
    port: server?.port ?? /** @type {number} */ (port),
    async close() {
      await opened.close().catch(() => undefined);
      await close();
    },
  };
}

/**
 * @typedef {object} FirefoxOptions
 * @property {string} [extension] What to install instead of dist-firefox/: a build folder, or
 *   the add-on's .zip or .xpi.
 * @property {string[]} [permissions] API permissions added to a copy of the build's manifest.
 *   `tabs` stands in for `activeTab`: Firefox grants that when the reader clicks the toolbar
 *   button, which no test can click, and the popup needs it to read the address of a tab
 *   Threadnote has no access to.
 */

/**
 * @typedef {object} FirefoxSession
 * @property {import('puppeteer-core').Browser} browser
 * @property {string} downloads The folder Firefox saves downloads in.
 * @property {import('puppeteer-core').Page} extensionPage An extension page kept open to call the
 *   extension's APIs from, as the tests' stand-in.
 * @property {() => Promise<void>} close
 */

/**
 * Opens an extension page in `page`. Puppeteer's goto waits for a navigation event Firefox does
 * not send for moz-extension:// pages, so this navigates through BiDi without waiting and then
 * waits for the page itself.
 * @param {import('puppeteer-core').Page} page
 * @param {string} path
 */
export async function openFirefoxExtensionPage(page, path) {
  const url = `${FIREFOX_EXTENSION_BASE}/${path}`;
  await page.mainFrame().browsingContext.navigate(url, 'none');
  await page.waitForFunction(
    (wanted) => location.href === wanted && document.readyState === 'complete',
    {},
    url,
  );
}

/**
 * Starts Firefox ESR with the Firefox build installed, reaching the fixture server through a
 * proxy (Firefox has no host-resolver switch that also changes the port).
 * @param {FirefoxOptions} [options]
 * @returns {Promise<FirefoxSession>}
 */
export async function launchFirefox({ extension, permissions = [] } = {}) {
  requireBuild(DIST_FIREFOX, 'npm run build:firefox');
  mkdirSync(OUTPUT, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(DIST_FIREFOX, 'manifest.json'), 'utf8'));
  const geckoId = manifest.browser_specific_settings.gecko.id;
  const server = await startFixtureServer();
  const proxy = await startFixtureProxy(server.port);
  const scratch = mkdtempSync(join(tmpdir(), 'threadnote-firefox-'));
  const downloads = join(scratch, 'downloads');
  mkdirSync(downloads);
  /** @type {import('puppeteer-core').Browser | undefined} */
  let browser;
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
        'extensions.webextensions.uuids': JSON.stringify({
          [geckoId]: FIREFOX_EXTENSION_BASE.replace('moz-extension://', ''),
        }),
        // Firefox suspends an idle event page after 30 s; one second makes every flow cross
        // suspensions and lets a test wait for one.
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
    const install =
      extension ??
      (permissions.length === 0
        ? DIST_FIREFOX
        : editedCopy(DIST_FIREFOX, scratch, (edited) => edited.permissions.push(...permissions)));
    await browser.installExtension(install);
    const extensionPage = await browser.newPage();
    await openFirefoxExtensionPage(extensionPage, 'src/popup/index.html');
    return { browser, downloads, extensionPage, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Waits until Threadnote has marked every comment (`rowSelector`) of a loaded thread, applied
 * what it knows (its `threadnote:apply` measure) and let the comments show (`tn-ready`).
 * @param {{ waitForFunction: Function }} page A Playwright or Puppeteer page.
 * @param {string} rowSelector
 * @returns {Promise<void>}
 */
export async function waitForThread(page, rowSelector) {
  const ready = (selector) => {
    const rows = document.querySelectorAll(selector);
    return (
      document.documentElement.classList.contains('tn-ready') &&
      performance.getEntriesByName('threadnote:apply').length > 0 &&
      rows.length > 0 &&
      [...rows].every((row) => row.hasAttribute('data-tn-comment'))
    );
  };
  // Playwright passes one argument after the function; Puppeteer takes options first.
  if ('exposeBinding' in page) await page.waitForFunction(ready, rowSelector);
  else await page.waitForFunction(ready, {}, rowSelector);
}
