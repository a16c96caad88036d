/**
 * The popup with a big store and a small one, side by side in the same run: 100,000 annotations
 * over 5,000 threads against 1,000 over 100 (enough for
 * a second page of the list). Each store is filled through the worker's own
 * `comments.edit` messages from an extension page, then the real popup page is opened (on a tab
 * that is no forum page, and on a Hacker News thread) and the time to its first content is read
 * from its `threadnote:popup-ready` mark. Searches and the all-threads list are timed as round
 * trips from the popup page. Every figure is a median over rounds that alternate the two stores;
 * the ratio big/small is the result (target ≤ 1.5).
 *
 * `npm run bench` runs it after the page-load figures (BENCH_POPUP=0 leaves it out). It also runs
 * alone: `node bench/popup.mjs` (on dist/, or THREADNOTE_DIST). Writes bench/output/popup.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFixtureServer } from '../tests/kit/fixture-server.mjs';
import { opsOf } from './annotations.mjs';
import { DIST, launch } from './browser.mjs';
import { median, ratio } from './stats.mjs';

const OUTPUT = join(process.cwd(), 'bench/output');
const RUNS = Number(process.env.BENCH_RUNS) || 7;
const STORES = [
  { name: 'small', annotations: 1_000, threads: 100 },
  { name: 'big', annotations: 100_000, threads: 5_000 },
];
const BATCH = 5_000;
const STORY = 'https://news.ycombinator.com/item?id=44533403';
const STORY_THREAD = { key: 'hn:44533403', title: 'Kimi K2', url: STORY };
/** Comments of the fixture story, annotated in both stores: the thread the popup summarises. */
const STORY_COMMENTS = [
  '44535112',
  '44535390',
  '44535702',
  '44536410',
  '44537233',
  '44535461',
  '44535988',
  '44536000',
  '44536118',
  '44536352',
  '44536589',
  '44536274',
  '44536503',
  '44536166',
  '44536227',
  '44536460',
  '44536772',
  '44536645',
  '44536845',
  '44537118',
];
const TAGS = ['insightful', 'source', 'disagree', 'follow-up', 'funny', 'wrong', 'expert'];
const WORDS = 'borrow checker latency cache kernel compiler schema index thread query'.split(' ');
/** In exactly 20 notes of either store: a search whose answer is the same size in both. */
const RARE = 'zanzibar';
/** In one note of ten: a search whose matches grow with the store. */
const COMMON = 'ordinal';
const QUERIES = [RARE, COMMON, `${COMMON} ${RARE}`, 'kern'];

/**
 * Annotation n, in thread n × threads ÷ count: a thread's annotations come together, as
 * a reader's do on a visit, so each batch rewrites a thread's counts once rather than every
 * thread's twenty times (Chromium leaves an index entry behind at each rewrite until it sweeps
 * them, which a four-minute fill of a year's notes would not give it time to do).
 */
function update(n, threads, count) {
  const thread = Math.floor((n * threads) / count);
  const words = [WORDS[n % WORDS.length], WORDS[(n * 7) % WORDS.length]];
  if (n % 10 === 3) words.push(COMMON);
  return {
    comment: {
      key: `hn:${8_000_000 + n}`,
      thread: {
        key: `hn:${7_000_000 + thread}`,
        title: `Thread ${thread}`,
        url: `https://news.ycombinator.com/item?id=${7_000_000 + thread}`,
      },
      author: `user${n % 500}`,
      url: `https://news.ycombinator.com/item?id=${8_000_000 + n}`,
      quote: `A comment about ${words.join(' ')}`,
    },
    patch: n % 2 === 0 ? { tags: [TAGS[n % TAGS.length]] } : { note: `Note: ${words.join(' ')}` },
  };
}

/** The store's annotations as `comments.edit` batches, with the planted words and the story. */
function batches({ annotations, threads }) {
  const all = [];
  const count = annotations - STORY_COMMENTS.length;
  for (let n = 0; n < count; n++) all.push(update(n, threads, count));
  const step = Math.floor(all.length / 20);
  for (let k = 0; k < 20; k++) {
    const planted = all[k * step];
    planted.patch = { note: `${planted.patch.note ?? 'Note'} ${RARE}` };
  }
  for (const [i, id] of STORY_COMMENTS.entries()) {
    all.push({
      comment: {
        key: `hn:${id}`,
        thread: STORY_THREAD,
        author: `reader${i}`,
        url: `https://news.ycombinator.com/item?id=${id}`,
        quote: 'A comment of the story',
      },
      patch: i % 2 ? { tags: [TAGS[i % TAGS.length]] } : { note: `Story note ${i}` },
    });
  }
  const out = [];
  for (let i = 0; i < all.length; i += BATCH) out.push(all.slice(i, i + BATCH));
  return out;
}

function send(page, type, payload) {
  return page.evaluate(
    async ({ type, payload }) => {
      const start = performance.now();
      const result = await globalThis.chrome.runtime.sendMessage({ threadnote: 1, type, payload });
      if (!result?.ok) throw new Error(`${type}: ${JSON.stringify(result?.error)}`);
      return { ms: performance.now() - start, value: result.value };
    },
    { type, payload },
  );
}

async function fill(variant, store) {
  const page = await variant.context.newPage();
  await page.goto(`chrome-extension://${variant.extensionId}/src/options/index.html`);
  for (const updates of batches(store)) {
    const edits = updates.map(({ comment, patch }) => ({ comment, ops: opsOf(patch) }));
    await send(page, 'comments.edit', { edits });
  }
  const listed = await send(page, 'threads.list', { site: null, tag: null, after: null, limit: 1 });
  await page.close();
  if (listed.value.total !== store.threads + 1) {
    throw new Error(
      `${store.name}: ${listed.value.total} threads listed, not ${store.threads + 1}`,
    );
  }
}

async function tabIdOf(variant, url) {
  const worker = variant.context.serviceWorkers()[0];
  return worker.evaluate(async (pattern) => {
    const [tab] = await globalThis.chrome.tabs.query({ url: pattern });
    return tab?.id;
  }, url);
}

/** Opens the popup on a tab and reads when its first content showed. */
async function firstContent(variant, tabId) {
  const popup = await variant.context.newPage();
  await popup.goto(`chrome-extension://${variant.extensionId}/src/popup/index.html?tab=${tabId}`);
  await popup.waitForFunction(
    () => performance.getEntriesByName('threadnote:popup-ready').length > 0,
  );
  const ms = await popup.evaluate(
    () => performance.getEntriesByName('threadnote:popup-ready')[0].startTime,
  );
  return { popup, ms };
}

async function round(variant, tabs) {
  const figures = {};
  const elsewhere = await firstContent(variant, tabs.blank);
  figures['first content, no forum tab'] = elsewhere.ms;
  const onThread = await firstContent(variant, tabs.story);
  figures['first content, on a thread'] = onThread.ms;
  await onThread.popup.close();
  const page = elsewhere.popup;
  // The two halves of the popup's first request on a thread, timed alone.
  figures['popup.open on a thread'] = (await send(page, 'popup.open', { tabId: tabs.story })).ms;
  figures['thread.summary'] = (await send(page, 'thread.summary', { thread: STORY_THREAD.key })).ms;
  figures['sites and tags for the filters'] =
    (await send(page, 'threads.sites', {})).ms + (await send(page, 'tags.list', {})).ms;
  for (const query of QUERIES) {
    figures[`search “${query}”`] = (await send(page, 'notes.search', { query, limit: 50 })).ms;
  }
  const first = await send(page, 'threads.list', { site: null, tag: null, after: null, limit: 50 });
  figures['all threads, page 2'] = (
    await send(page, 'threads.list', { site: null, tag: null, after: first.value.next, limit: 50 })
  ).ms;
  figures['all threads, one site'] = (
    await send(page, 'threads.list', { site: 'hn', tag: null, after: null, limit: 50 })
  ).ms;
  figures['all threads, one tag'] = (
    await send(page, 'threads.list', { site: null, tag: 'insightful', after: null, limit: 50 })
  ).ms;
  await page.close();
  return figures;
}

export async function benchPopup(dist = DIST) {
  if (dist !== DIST) throw new Error('bench/popup.mjs runs on the build bench/browser.mjs loads.');
  const server = await startFixtureServer();
  const variants = {};
  const profiles = [];
  try {
    for (const store of STORES) {
      const profile = mkdtempSync(join(tmpdir(), 'threadnote-bench-popup-'));
      profiles.push(profile);
      const variant = await launch(profile, server.port, true);
      variants[store.name] = variant;
      const started = Date.now();
      await fill(variant, store);
      process.stderr.write(
        `popup bench: ${store.name} store filled in ${Math.round((Date.now() - started) / 1000)} s\n`,
      );
    }
    const tabs = {};
    for (const store of STORES) {
      const variant = variants[store.name];
      const blank = await variant.context.newPage();
      await blank.goto('about:blank');
      const story = await variant.context.newPage();
      await story.goto(STORY);
      await story.waitForFunction(() => document.documentElement.classList.contains('tn-ready'));
      tabs[store.name] = {
        blank: await tabIdOf(variant, 'about:blank'),
        story: await tabIdOf(variant, STORY),
      };
      // Warm-up: the first popup compiles its code and opens the database.
      await round(variant, tabs[store.name]);
    }
    const rounds = [];
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 ? [...STORES].reverse() : STORES;
      const figures = {};
      for (const store of order)
        figures[store.name] = await round(variants[store.name], tabs[store.name]);
      rounds.push(figures);
      process.stderr.write(`popup round ${i + 1}/${RUNS} done\n`);
    }
    const names = Object.keys(rounds[0].small);
    const summary = names.map((name) => {
      const small = median(rounds.map((r) => r.small[name]));
      const big = median(rounds.map((r) => r.big[name]));
      return { name, small, big, ratio: ratio(big, small) };
    });
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(
      join(OUTPUT, 'popup.json'),
      `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, stores: STORES, summary, rounds }, null, 2)}\n`,
    );
    const lines = [
      `Popup with 100,000 annotations over 5,000 threads vs 1,000 over 100 (medians of ${RUNS} alternating rounds; target ≤ 1.5×)`,
      `${'measure'.padEnd(34)}${'1k ms'.padStart(9)}${'100k ms'.padStart(10)}${'ratio'.padStart(8)}`,
    ];
    for (const { name, small, big, ratio: r } of summary) {
      lines.push(
        `${name.padEnd(34)}${small.toFixed(1).padStart(9)}${big.toFixed(1).padStart(10)}${`${r.toFixed(2)}×`.padStart(8)}`,
      );
    }
    return lines;
  } finally {
    for (const variant of Object.values(variants)) await variant.context.close();
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log((await benchPopup()).join('\n'));
  console.log(`raw runs and summary: ${join('bench/output', 'popup.json')}`);
}
