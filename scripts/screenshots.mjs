/**
 * `npm run screenshots`: writes docs/screenshots/, the pictures the README shows. Each forum
 * (Hacker News, Lobsters, classic Reddit, Discourse) light and dark, with Threadnote's panel
 * open on a comment that has two tags and a note, and the popup light and dark. The forums are
 * the fixture server's saved threads; the annotations are stored through the extension's own
 * worker calls, in a throwaway profile; the panel opens as a reader opens it, by pointing at the
 * comment's header and clicking the trigger.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inContentWorld } from '../tests/kit/content-world.mjs';
import { startFixtureServer } from '../tests/kit/fixture-server.mjs';
import { darken } from '../tests/kit/forum-dark.mjs';
import {
  DISCOURSE,
  HN,
  LOBSTERS,
  OLD_REDDIT,
  ROOT,
  launchChromium,
  waitForThread,
} from '../tests/kit/launcher.mjs';

const OUT = join(ROOT, 'docs/screenshots');
const WINDOW = { width: 1280, height: 800 };
/** The part of the window each forum picture keeps: the comment and its panel. */
const CLIP = { width: 1000, height: 600 };
const TAGS = ['insightful', 'follow-up'];
const NOTE = 'Asked the same on the mailing list: the answer was to measure before sharding.';
const DISCOURSE_HOST = 'forum.example.org';

/**
 * @typedef {object} Forum
 * @property {'hn' | 'lobsters' | 'reddit' | 'discourse'} name
 * @property {string} url
 * @property {string} rows The comments, as Threadnote marks them.
 * @property {string} header The author's link in a comment's header, where a reader points.
 * @property {string} text The comment's text.
 * @property {string} noted The key of the comment annotated.
 * @property {string} thread The thread's key, as the site's reader makes it.
 */

/** @type {Forum[]} */
const FORUMS = [
  {
    name: 'hn',
    url: `${HN}/item?id=44533403`,
    rows: 'tr.athing.comtr',
    header: '.comhead .hnuser',
    text: '.commtext',
    noted: 'hn:44536000',
    thread: 'hn:44533403',
  },
  {
    name: 'lobsters',
    url: `${LOBSTERS}/s/tdfoqh/ranking_comments_by_sum_replies_scores`,
    rows: 'div.comment[id^="c_"]',
    header: '.byline a[href^="/~"]:not([aria-hidden])',
    text: '.comment_text',
    noted: 'lobsters:owddle',
    thread: 'lobsters:s/tdfoqh',
  },
  {
    name: 'reddit',
    url: `${OLD_REDDIT}/r/science/comments/579v6t/science_ama_series_hi_reddit_im_phil_klotzbach_a/`,
    rows: '.commentarea div.thing.comment',
    header: ':scope > .entry .tagline a.author',
    text: ':scope > .entry .usertext-body .md',
    noted: 'reddit:t1_d8q50n6',
    thread: 'reddit:t3_579v6t',
  },
  {
    name: 'discourse',
    url: `${DISCOURSE}/t/offline-first-sync-crdts-or-server-authoritative/4242`,
    rows: 'article[data-post-id]',
    header: '.topic-meta-data .names a[data-user-card]',
    text: '.cooked',
    noted: `discourse/${DISCOURSE_HOST}:57325`,
    thread: `discourse/${DISCOURSE_HOST}:t/4242`,
  },
];

/**
 * @param {import('../tests/kit/launcher.mjs').ChromiumSession} session
 * @param {string} url
 */
async function tabIdOf(session, url) {
  const worker = await session.worker();
  const id = await worker.evaluate(async (pattern) => {
    const [tab] = await globalThis.chrome.tabs.query({ url: pattern });
    return tab?.id;
  }, url);
  if (typeof id !== 'number') throw new Error(`No tab shows ${url}`);
  return id;
}

/**
 * The real popup page, pointed at a tab.
 * @param {import('../tests/kit/launcher.mjs').ChromiumSession} session
 * @param {string} url The tab's address.
 */
async function openPopup(session, url) {
  const tab = await tabIdOf(session, url);
  const popup = await session.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${session.extensionId}/src/popup/index.html?tab=${tab}`);
  return popup;
}

/**
 * Enables Threadnote on the Discourse host from the popup, as a reader does.
 * @param {import('../tests/kit/launcher.mjs').ChromiumSession} session
 * @param {import('playwright-core').Page} page The topic, loaded.
 */
async function enableDiscourse(session, page) {
  const popup = await openPopup(session, page.url());
  await popup.getByRole('button', { name: `Enable Threadnote on ${DISCOURSE_HOST}` }).click();
  await popup.locator('.site', { hasText: 'Discourse' }).waitFor();
  await popup.close();
  await page.bringToFront();
}

/**
 * Stores the tags and note on the forum's comment through the worker, as the extension's pages
 * do, and waits for the open page to show them.
 * @param {import('../tests/kit/launcher.mjs').ChromiumSession} session
 * @param {import('playwright-core').Page} page
 * @param {Forum} forum
 */
async function seed(session, page, forum) {
  const { author, quote } = await page.evaluate(
    ({ key, header, text }) => {
      const element = document.querySelector(`[data-tn-comment="${key}"]`);
      return {
        author: element?.querySelector(header)?.textContent?.trim() ?? '',
        quote: element?.querySelector(text)?.textContent?.trim() ?? '',
      };
    },
    { key: forum.noted, header: forum.header, text: forum.text },
  );
  const url = page.url();
  const edit = {
    comment: {
      key: forum.noted,
      thread: { key: forum.thread, title: await page.title(), url },
      author,
      url,
      quote,
    },
    ops: [...TAGS.map((tag) => ({ op: 'tag.add', tag })), { op: 'note.set', note: NOTE, base: '' }],
  };
  const extensionPage = await session.context.newPage();
  await extensionPage.goto(`chrome-extension://${session.extensionId}/src/popup/index.html`);
  const answer = await extensionPage.evaluate(
    (payload) =>
      globalThis.chrome.runtime.sendMessage({ threadnote: 1, type: 'comments.edit', payload }),
    { edits: [edit] },
  );
  await extensionPage.close();
  if (!answer?.ok) throw new Error(`${forum.name}: ${answer?.error?.message ?? 'no answer'}`);
  await page.bringToFront();
  await page.locator(`[data-tn-comment="${forum.noted}"][data-tn-note]`).waitFor();
}

/**
 * Scrolls the comment's header near the top, points at it and clicks Threadnote's trigger with
 * the mouse. Returns where the header and the open panel start, in the viewport.
 * @param {import('playwright-core').Page} page
 * @param {Forum} forum
 */
async function openPanel(page, forum) {
  const header = await page.evaluate(
    ({ key, header }) => {
      const link = document.querySelector(`[data-tn-comment="${key}"]`)?.querySelector(header);
      if (!link) return null;
      link.scrollIntoView({ block: 'start' });
      scrollBy(0, -120);
      const box = link.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2, left: box.x, top: box.y };
    },
    { key: forum.noted, header: forum.header },
  );
  if (!header) throw new Error(`${forum.name}: no header on ${forum.noted}`);
  await page.mouse.move(header.x, header.y);
  const find = (/** @type {'trigger' | 'panel'} */ what) =>
    inContentWorld(
      page,
      ({ key, what }, open) => {
        for (const host of document.querySelectorAll(`[data-tn-comment="${key}"] tn-control`)) {
          const element = open(host)?.querySelector(
            what === 'trigger' ? 'button.trigger' : '[role="dialog"]',
          );
          const box = element?.getBoundingClientRect();
          if (box && box.width > 0 && element?.checkVisibility()) {
            return { x: box.x, y: box.y, width: box.width, height: box.height };
          }
        }
        return null;
      },
      { key: forum.noted, what },
    );
  const trigger = await poll(() => find('trigger'), `${forum.name}: no trigger`);
  await page.mouse.click(trigger.x + trigger.width / 2, trigger.y + trigger.height / 2);
  const panel = await poll(() => find('panel'), `${forum.name}: the panel did not open`);
  return { left: Math.min(header.left, panel.x), top: Math.min(header.top, panel.y) };
}

/**
 * @template T
 * @param {() => Promise<T | null>} read
 * @param {string} failure
 * @returns {Promise<T>}
 */
async function poll(read, failure) {
  for (let tries = 0; tries < 200; tries++) {
    const value = await read();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(failure);
}

/**
 * A CLIP-sized box from a little left of and above `region`, inside the window: the comment's
 * header starts the picture, so the comment reads from its start (the panel is narrower).
 */
function clipAround(/** @type {{ left: number, top: number }} */ region) {
  const x = Math.max(0, Math.min(Math.round(region.left - 70), WINDOW.width - CLIP.width));
  const y = Math.max(0, Math.min(Math.round(region.top - 80), WINDOW.height - CLIP.height));
  return { x, y, ...CLIP };
}

/** Two animation frames: the page and Threadnote have drawn what changed. */
function frames(/** @type {import('playwright-core').Page} */ page) {
  return page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const server = await startFixtureServer();
  const session = await launchChromium({
    port: server.port,
    grantedHosts: [DISCOURSE_HOST],
    viewport: WINDOW,
  });
  try {
    for (const forum of FORUMS) {
      const page = await session.context.newPage();
      await page.bringToFront();
      await page.goto(forum.url);
      if (forum.name === 'discourse') await enableDiscourse(session, page);
      await waitForThread(page, forum.rows);
      await seed(session, page, forum);
      for (const scheme of ['light', 'dark']) {
        if (scheme === 'dark') {
          await page.keyboard.press('Escape');
          await darken(page, forum.name);
        }
        await frames(page);
        const region = await openPanel(page, forum);
        await frames(page);
        const path = join(OUT, `${forum.name}-${scheme}.png`);
        await page.screenshot({ path, clip: clipAround(region) });
        console.log(`wrote ${path}`);
      }
      if (forum.name !== 'hn') await page.close();
    }
    const popup = await openPopup(session, FORUMS[0]?.url ?? HN);
    await popup.locator('[data-count="tagged"]').waitFor();
    for (const scheme of /** @type {const} */ (['light', 'dark'])) {
      await popup.emulateMedia({ colorScheme: scheme });
      const path = join(OUT, `popup-${scheme}.png`);
      await popup.screenshot({ path, fullPage: true });
      console.log(`wrote ${path}`);
    }
  } finally {
    await session.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
