/**
 * `npm start`: serves the bundled demo threads on 127.0.0.1 under their real host names and opens
 * a browser with the freshly built extension loaded, in a fresh demo profile, so anyone can try
 * Threadnote offline. The demo thread comes with a few annotations, labelled as the demo's and
 * stored through the extension's own worker calls in that profile only: two tags and a note on a
 * comment, a user tag, a collapsed and a hidden subthread. Without a display it writes a
 * screenshot of the thread with Threadnote's panel open to tests/output/demo.png.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { startFixtureServer } from '../tests/kit/fixture-server.mjs';
import { DIST, HN, OUTPUT, launchChromium } from '../tests/kit/launcher.mjs';
import { seedDemo } from './demo-annotations.mjs';

/** The demo thread first (the story the product was imagined on), then its comment's own page. */
const DEMO_PAGES = [
  { title: 'The demo thread: Kimi K2: Open Agentic Intelligence', url: `${HN}/item?id=44533403` },
  { title: 'A comment’s own page (the seed thread)', url: `${HN}/item?id=44536000` },
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
  const session = await launchChromium({
    port: server.port,
    executablePath: browser.path,
    headless,
    viewport: headless ? { width: 1280, height: 900 } : null,
    viaDevTools: browser.kind === 'Google Chrome',
  });
  const { context } = session;

  const [first, ...rest] = DEMO_PAGES;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.bringToFront();
  await page.goto(first.url);
  const seeded = await seedDemo(session, page);
  for (const extra of rest) await (await context.newPage()).goto(extra.url);
  await page.bringToFront();

  console.log(`Threadnote demo, with ${browser.kind} at ${browser.path}`);
  console.log('Demo threads (served from 127.0.0.1, no network needed):');
  for (const demo of DEMO_PAGES) console.log(`  ${demo.title}\n    ${demo.url}`);
  console.log('Demo annotations, in this demo profile only:');
  for (const line of seeded) console.log(`  ${line}`);
  if (headless) {
    const shot = join(OUTPUT, 'demo.png');
    await page.screenshot({ path: shot });
    console.log(`No display here, so the browser ran headless; its screenshot is at ${shot}.`);
    await session.close();
    await server.close();
    return;
  }
  console.log(
    'Hover a comment and click “✎ Threadnote”. Close the browser or press Ctrl+C to stop.',
  );

  const stop = async () => {
    await session.close();
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
