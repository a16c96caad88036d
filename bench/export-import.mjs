/**
 * Export and import of up to 100,000 annotations through the real options page in Chromium, at
 * sizes that double (12.5k, 25k, 50k, 100k). It reports the time per 10,000 annotations at each
 * size as a ratio to the smallest size measured in the same run: near 1 everywhere means linear.
 * It also reports the options page's longest task (the UI must not freeze) and its JS heap after
 * each step (exports are kept as Blobs, outside the page's heap).
 *
 * `npm run bench` runs it after the page-load and fold figures (BENCH_DATA=0 leaves it out), on the
 * build bench/run.mjs loads. It also runs alone: `node bench/export-import.mjs` builds dist/ first.
 * Writes bench/output/export-import.json.
 */
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
  createWriteStream,
} from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { median, ratio } from './stats.mjs';
import { launchChromium } from '../tests/kit/launcher.mjs';

const SIZES = [12_500, 25_000, 50_000, 100_000];
const RUNS = 3;
const COMMENTS_PER_THREAD = 200;
const OUTPUT = join(process.cwd(), 'bench/output');
const EXPORTED_AT = '2026-11-29T10:00:00.000Z';
const TAGS = ['insightful', 'source', 'disagree', 'follow-up', 'funny', 'wrong', 'expert'];
const WORDS =
  'the of and to in is that it for on with as was by this at be from or an are which not but'.split(
    ' ',
  );

/** A small deterministic generator, so every run imports the same documents. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(next, words) {
  return Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
}

function time(minutes) {
  return new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString();
}

/**
 * Writes a format-1 document of `size` annotated comments laid out as Threadnote's export lays it
 * out (one record per line, records by key), so exporting it again gives a file of the same size.
 */
async function writeDocument(path, size) {
  const next = random(size);
  const out = createWriteStream(path);
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const section = async (name, count, record, last) => {
    await write(`  "${name}": [`);
    for (let i = 0; i < count; i++) {
      await write(`${i === 0 ? '\n' : ',\n'}    ${JSON.stringify(record(i))}`);
    }
    await write(`${count === 0 ? '' : '\n  '}]${last ? '\n' : ',\n'}`);
  };
  await write(`{\n  "format": "threadnote",\n  "version": 1,\n  "exportedAt": "${EXPORTED_AT}",\n`);
  const tags = [...TAGS].sort();
  await section(
    'tags',
    tags.length,
    (i) => ({ name: tags[i], color: '#1864ab', description: '', createdAt: time(i) }),
    false,
  );
  const threads = Math.ceil(size / COMMENTS_PER_THREAD);
  await section(
    'threads',
    threads,
    (t) => ({
      key: `hn:${1_000_000 + t}`,
      title: `Ask HN: ${sentence(next, 8)}`,
      url: `https://news.ycombinator.com/item?id=${1_000_000 + t}`,
      firstVisitedAt: time(t * 10),
      lastVisitedAt: time(t * 10 + 5),
    }),
    false,
  );
  await section(
    'comments',
    size,
    (i) => {
      const id = 30_000_000 + i;
      const tags = TAGS.slice(i % TAGS.length, (i % TAGS.length) + (i % 3));
      const note = i % 2 === 0 ? sentence(next, 20) : '';
      // Every annotation holds something: a bare one gets a fold.
      const fold = i % 10 === 1 || (note === '' && tags.length === 0) ? 'collapsed' : 'none';
      return {
        key: `hn:${id}`,
        thread: `hn:${1_000_000 + Math.floor(i / COMMENTS_PER_THREAD)}`,
        author: `user${String(i % 5_000).padStart(5, '0')}`,
        url: `https://news.ycombinator.com/item?id=${id}`,
        quote: sentence(next, 45).slice(0, 280),
        note,
        tags,
        fold,
        createdAt: time(i),
        updatedAt: time(i + 1),
      };
    },
    false,
  );
  const users = Math.ceil(size / 50);
  await section(
    'users',
    users,
    (u) => ({
      key: `hn:user${String(u).padStart(5, '0')}`,
      name: `user${String(u).padStart(5, '0')}`,
      tags: [TAGS[u % TAGS.length]],
      note: sentence(next, 10),
      createdAt: time(u),
      updatedAt: time(u + 2),
    }),
    true,
  );
  await write('}\n');
  out.end();
  await once(out, 'finish');
}

/** Init script for the options page: long tasks are reported only to an existing observer. */
function observeLongTasks() {
  globalThis.__benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) globalThis.__benchLongTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
}

async function pageState(page) {
  return page.evaluate(() => {
    const tasks = globalThis.__benchLongTasks.splice(0);
    return {
      longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
      heapMiB: performance.memory.usedJSHeapSize / 2 ** 20,
    };
  });
}

async function timed(page, action, finished) {
  await pageState(page);
  const start = performance.now();
  const result = await Promise.all([finished(), action()]);
  const ms = performance.now() - start;
  return { ms, result: result[0], ...(await pageState(page)) };
}

async function wipe(page) {
  await page.locator('.danger-zone input[type="text"]').fill('delete everything');
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await page.getByTestId('totals').filter({ hasText: '0 annotated comments' }).waitFor();
}

/**
 * Measures every size with the build in `dist` and returns the report's lines; progress goes to
 * stderr as it runs.
 */
export async function benchExportImport(dist) {
  mkdirSync(OUTPUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'threadnote-bench-'));
  const profile = join(work, 'profile');
  const browser = await launchChromium({
    extension: dist,
    profile,
    viewport: { width: 1000, height: 900 },
    args: ['--enable-precise-memory-info'],
  });
  const { context, extensionId } = browser;
  const results = [];
  try {
    const page = await context.newPage();
    await page.addInitScript(observeLongTasks);
    await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    await page.getByTestId('totals').waitFor();

    for (const size of SIZES) {
      const file = join(work, `threadnote-${size}.json`);
      await writeDocument(file, size);
      const bytes = statSync(file).size;
      const runs = [];
      for (let run = 0; run < RUNS; run++) {
        await wipe(page);
        const check = await timed(
          page,
          async () => {
            await page.locator('input[type="file"]').setInputFiles(file);
            // Playwright hands the file to the page in one long task of its own: not ours.
            await page.evaluate(() => globalThis.__benchLongTasks.splice(0));
          },
          () => page.getByTestId('import-preview').waitFor({ timeout: 600_000 }),
        );
        const write = await timed(
          page,
          () => page.getByRole('button', { name: 'Import', exact: true }).click(),
          () => page.getByTestId('import-done').waitFor({ timeout: 600_000 }),
        );
        const json = await timed(
          page,
          () => page.locator('.actions button', { hasText: 'JSON backup' }).click(),
          () => page.waitForEvent('download', { timeout: 600_000 }),
        );
        const exported = join(work, `export-${size}.json`);
        await json.result.saveAs(exported);
        if (statSync(exported).size !== bytes) {
          throw new Error(
            `The export of ${size} is ${statSync(exported).size} bytes, not ${bytes}`,
          );
        }
        rmSync(exported);
        const markdown = await timed(
          page,
          () => page.locator('.actions button', { hasText: 'Markdown' }).click(),
          () => page.waitForEvent('download', { timeout: 600_000 }),
        );
        runs.push({ check, write, json, markdown });
        process.stderr.write(
          `${size}: check ${check.ms.toFixed(0)} ms, import ${write.ms.toFixed(0)} ms, ` +
            `export JSON ${json.ms.toFixed(0)} ms, Markdown ${markdown.ms.toFixed(0)} ms\n`,
        );
      }
      const step = (name) => ({
        ms: median(runs.map((r) => r[name].ms)),
        longestTaskMs: Math.max(...runs.map((r) => r[name].longestTaskMs)),
        heapMiB: Math.max(...runs.map((r) => r[name].heapMiB)),
      });
      results.push({
        annotations: size,
        fileMiB: bytes / 2 ** 20,
        check: step('check'),
        import: step('write'),
        exportJson: step('json'),
        exportMarkdown: step('markdown'),
      });
      rmSync(file);
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }

  const base = results[0];
  const per10k = (result, name) => result[name].ms / (result.annotations / 10_000);
  const steps = ['check', 'import', 'exportJson', 'exportMarkdown'];
  const lines = [
    `Export and import through the options page, ${RUNS} runs per size`,
    'ms per 10,000 annotations (ratio to the smallest size, 1.00 = linear)',
    ['size', 'file MiB', ...steps, 'longest page task ms', 'page heap MiB'].join('\t'),
  ];
  for (const result of results) {
    const cells = steps.map((name) => {
      const value = per10k(result, name);
      return `${value.toFixed(0)} (${ratio(value, per10k(base, name)).toFixed(2)})`;
    });
    const longest = Math.max(...steps.map((name) => result[name].longestTaskMs));
    const heap = Math.max(...steps.map((name) => result[name].heapMiB));
    lines.push(
      [
        result.annotations,
        result.fileMiB.toFixed(1),
        ...cells,
        longest.toFixed(0),
        heap.toFixed(1),
      ].join('\t'),
    );
  }
  const report = {
    runs: RUNS,
    results: results.map((result) => ({
      ...result,
      per10kMs: Object.fromEntries(steps.map((name) => [name, per10k(result, name)])),
      ratioToSmallest: Object.fromEntries(
        steps.map((name) => [name, ratio(per10k(result, name), per10k(base, name))]),
      ),
    })),
  };
  writeFileSync(join(OUTPUT, 'export-import.json'), `${JSON.stringify(report, null, 2)}\n`);
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log('Building dist/…');
    await build({ logLevel: 'warn' });
    console.log((await benchExportImport(join(process.cwd(), 'dist'))).join('\n'));
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
}
