/**
 * `npm start`: serves the bundled demo threads on 127.0.0.1 under their real host names and opens
 * a browser with the freshly built extension loaded, so anyone can try Threadnote offline.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  QUIET_CHROMIUM_ARGS,
  chromiumHostArgs,
  startFixtureServer,
} from '../tests/kit/fixture-server.mjs';

const DIST = join(process.cwd(), 'dist');
const HN = 'https://news.ycombinator.com';

/** The seed thread first (the comment page the product was imagined on), then its story page. */
const DEMO_PAGES = [
  { title: 'A comment’s own page (the seed thread)', url: `${HN}/item?id=44536000` },
  { title: 'Its story: Kimi K2: Open Agentic Intelligence', url: `${HN}/item?id=44533403` },
  {
    title: 'Ask HN: What are the best papers you read in your life? (2023)',
    url: `${HN}/item?id=36817231`,
  },
  { title: 'Hacker News front page of the demo', url: `${HN}/news` },
];

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Browsers in the order people have them. Branded Google Chrome ignores --load-extension since
 * version 137, so it is marked to load the extension over the DevTools protocol instead.
 */
function findBrowser() {
  const local = process.env.LOCALAPPDATA ?? '';
  const programFiles = process.env.PROGRAMFILES ?? 'C:\\Program Files';
  const candidates = [
    ...(process.env.CHROME_PATH ? [{ path: process.env.CHROME_PATH, kind: 'CHROME_PATH' }] : []),
    ...['chromium', 'chromium-browser'].map((name) => ({ path: onPath(name), kind: 'Chromium' })),
    { path: '/usr/bin/chromium', kind: 'Chromium' },
    { path: '/snap/bin/chromium', kind: 'Chromium' },
    { path: '/Applications/Chromium.app/Contents/MacOS/Chromium', kind: 'Chromium' },
    { path: join(local, 'Chromium', 'Application', 'chrome.exe'), kind: 'Chromium' },
    { path: onPath('chrome-for-testing'), kind: 'Chrome for Testing' },
    {
      path: '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      kind: 'Chrome for Testing',
    },
    ...['google-chrome', 'google-chrome-stable'].map((name) => ({
      path: onPath(name),
      kind: 'Google Chrome',
    })),
    { path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', kind: 'Google Chrome' },
    {
      path: join(programFiles, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      kind: 'Google Chrome',
    },
  ];
  return candidates.find((candidate) => candidate.path && existsSync(candidate.path)) ?? null;
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

async function main() {
  if (!existsSync(join(DIST, 'manifest.json'))) {
    throw new Error('dist/ has no build. Run `npm start`, which builds first.');
  }
  const browser = findBrowser();
  if (!browser) {
    console.error(
      [
        'No Chromium-based browser found. Install one of:',
        '  - Chromium: `sudo apt-get install chromium` (Debian/Ubuntu), `brew install --cask chromium` (macOS)',
        '  - Chrome for Testing: `npx @puppeteer/browsers install chrome@stable`',
        '  - Google Chrome: https://www.google.com/chrome/',
        'or point CHROME_PATH at its executable, then run `npm start` again.',
      ].join('\n'),
    );
    process.exit(1);
  }

  const server = await startFixtureServer({ port: Number(process.env.DEMO_PORT ?? 0) });
  const headless = !hasDisplay();
  const viaDevTools = browser.kind === 'Google Chrome';
  const context = await chromium.launchPersistentContext(
    mkdtempSync(join(tmpdir(), 'threadnote-demo-')),
    {
      executablePath: browser.path,
      headless,
      viewport: null,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        ...(viaDevTools
          ? ['--enable-unsafe-extension-debugging']
          : [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`]),
        ...chromiumHostArgs(server.port),
        ...QUIET_CHROMIUM_ARGS,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    },
  );
  if (viaDevTools) {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    // Extensions.loadUnpacked is a browser-level command; Playwright routes it through the page.
    await cdp.send('Extensions.loadUnpacked', { path: DIST });
  }

  const [first, ...rest] = DEMO_PAGES;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(first.url);
  for (const extra of rest) await (await context.newPage()).goto(extra.url);
  await page.bringToFront();

  console.log(`Threadnote demo, with ${browser.kind} at ${browser.path}`);
  console.log('Demo threads (served from 127.0.0.1, no network needed):');
  for (const demo of DEMO_PAGES) console.log(`  ${demo.title}\n    ${demo.url}`);
  if (headless) {
    const shot = join(process.cwd(), 'tests/output/demo.png');
    await page.waitForSelector('[data-tn-comment]');
    await page.screenshot({ path: shot });
    console.log(`No display here, so the browser ran headless; its screenshot is at ${shot}.`);
    await context.close();
    await server.close();
    return;
  }
  console.log(
    'Hover a comment and click “✎ Threadnote”. Close the browser or press Ctrl+C to stop.',
  );

  const stop = async () => {
    await context.close().catch(() => undefined);
    await server.close();
    process.exit(0);
  };
  context.on('close', stop);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
