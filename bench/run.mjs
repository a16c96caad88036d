#!/usr/bin/env node
/**
 * `npm run bench`: loads the 3,000-comment Hacker News page in Chromium with and without the
 * built extension, in alternating runs, and sets Threadnote's main-thread work beside a bare walk
 * of the same rows measured in the same page. Every figure is a ratio against that walk or a
 * difference against the extension-free page of the same run: wall-clock thresholds would only
 * describe the machine.
 *
 *   npx vite build && node bench/run.mjs        BENCH_RUNS=n sets the number of pairs (default 7)
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { BENCH_STORY_ID, FILES, FIXTURE_DIR, writeBenchPage } from '../scripts/hn-pages.mjs';
import { chromiumHostArgs, startFixtureServer } from '../tests/server/fixture-server.mjs';
import { EXPECTED_ROWS, annotationRequests, checkRows, expectedState } from './annotations.mjs';
import {
  bareWalk,
  mainThreadEntries,
  observeMainThread,
  settle,
  surveyRows,
  threadnoteApplied,
  threadnoteState,
} from './in-page.mjs';
import { median, medianStandardError, ratio, summarize } from './stats.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const OUTPUT = join(ROOT, 'bench/output');
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const BENCH_URL = `https://news.ycombinator.com/item?id=${BENCH_STORY_ID}`;

const DEFAULT_RUNS = 7;
const TARGET_RATIO = 2;
const LONG_TASK_MS = 50;
const SETTLE_IDLE_MS = 250;
// The page is 5 MB of HTML; on a loaded 2-core machine a single load can take several seconds.
const LOAD_TIMEOUT_MS = 90_000;
const METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'];

function runCount() {
  const raw = process.env.BENCH_RUNS;
  if (raw === undefined || raw === '') return DEFAULT_RUNS;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`BENCH_RUNS must be a whole number ≥ 1, not “${raw}”.`);
  }
  return runs;
}

function commandLine() {
  const env = process.env.BENCH_RUNS ? `BENCH_RUNS=${process.env.BENCH_RUNS} ` : '';
  if (process.env.npm_lifecycle_event === 'bench') {
    return `${env}npm run bench   (${process.env.npm_lifecycle_script})`;
  }
  return `${env}node ${relative(process.cwd(), process.argv[1])}`;
}

/** Both browsers get the same switches; only the two that load the extension differ. */
async function launch(profile, port, extension) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1200, height: 900 },
    args: [
      ...(extension ? [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`] : []),
      ...chromiumHostArgs(port),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await context.addInitScript(observeMainThread);
  let extensionId = null;
  if (extension) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    extensionId = new URL(worker.url()).host;
  }
  return { extension, context, extensionId };
}

async function withPage(context, work) {
  const page = await context.newPage();
  try {
    return await work(page);
  } finally {
    await page.close();
  }
}

async function readMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const seconds = new Map(metrics.map(({ name, value }) => [name, value]));
  return Object.fromEntries(METRICS.map((name) => [name, (seconds.get(name) ?? Number.NaN) * 1e3]));
}

const overlaps = (a, b) => a.start < b.start + b.duration && a.start + a.duration > b.start;
const longest = (spans) => Math.max(0, ...spans.map((span) => span.duration));
const total = (spans, field = 'duration') => spans.reduce((sum, span) => sum + span[field], 0);

/**
 * One load of the bench page in a fresh tab. Thread ticks make the CDP durations main-thread CPU
 * time: on two cores the renderer is often descheduled while the browser process and the network
 * service work, and wall-clock task times would count that waiting as page work.
 */
async function measureLoad(page, variant, expected) {
  const cdp = await variant.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.goto(BENCH_URL, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
  if (variant.extension) {
    await page.waitForFunction(threadnoteApplied, null, {
      polling: 50,
      timeout: LOAD_TIMEOUT_MS,
    });
  }
  await page.evaluate(settle, SETTLE_IDLE_MS);
  // The counters cover the renderer since Performance.enable, or since the navigation when it
  // moved the tab to a new process; either way, in a fresh tab, this page and nothing else.
  const run = { metrics: await readMetrics(cdp), ...(await page.evaluate(mainThreadEntries)) };

  if (variant.extension) {
    const state = await page.evaluate(threadnoteState);
    checkApplied(state, expected);
    const { measures, ...shown } = state;
    // A frame holding a measure also holds the rendering that measure's DOM writes caused, and a
    // long task inside such a frame is Threadnote's even when no measure falls in it.
    const frames = run.frames.filter((frame) => measures.some((m) => overlaps(frame, m)));
    run.threadnote = {
      sum: total(measures),
      largest: measures.reduce((top, m) => (m.duration > top.duration ? m : top)),
      byName: measures.reduce((totals, { name, duration }) => {
        totals[name] = (totals[name] ?? 0) + duration;
        return totals;
      }, {}),
      frames,
      longTasks: run.longTasks.filter((task) =>
        [...measures, ...frames].some((span) => overlaps(task, span)),
      ),
      page: shown,
      measures,
    };
  } else {
    const before = await readMetrics(cdp);
    const walk = await page.evaluate(bareWalk);
    const after = await readMetrics(cdp);
    if (walk.rows !== expected.rows) throw new Error(`The bare walk found ${walk.rows} rows.`);
    run.walk = { ms: walk.ms, taskMs: after.TaskDuration - before.TaskDuration };
  }
  await cdp.detach();
  return run;
}

function checkApplied(state, expected) {
  const problems = [];
  if (state.marked !== state.rows || state.rows !== expected.rows) {
    problems.push(`${state.marked} of ${state.rows} rows marked`);
  }
  for (const field of ['tagged', 'noted', 'folded']) {
    if (state[field] !== expected[field]) {
      problems.push(`${state[field]} rows ${field}, ${expected[field]} expected`);
    }
  }
  if (state.hiddenByFolds === 0) problems.push('no row hidden by the collapsed subthreads');
  if (!state.measures.some((m) => m.name === 'threadnote:read')) {
    problems.push('no threadnote:read measure');
  }
  if (problems.length > 0) {
    throw new Error(`Threadnote did not annotate the page: ${problems.join('; ')}`);
  }
}

/** Stores the annotations the real way: runtime messages from an extension page. */
async function seedAnnotations(variant, requests) {
  const popup = `chrome-extension://${variant.extensionId}/src/popup/index.html`;
  const failures = await withPage(variant.context, async (page) => {
    await page.goto(popup);
    return page.evaluate(async (messages) => {
      const failed = [];
      for (const message of messages) {
        const answer = await globalThis.chrome.runtime.sendMessage(message);
        if (!answer?.ok) {
          failed.push(`${message.payload.comment.key}: ${answer?.error?.message ?? 'no answer'}`);
        }
      }
      return failed;
    }, requests);
  });
  if (failures.length > 0) throw new Error(`Seeding failed: ${failures.join('; ')}`);
}

function machine(browserVersion) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: browserVersion,
  };
}

function analyse(pairs) {
  const without = pairs.map((pair) => pair.without);
  const withExt = pairs.map((pair) => pair.with);
  const tn = withExt.map((run) => run.threadnote);
  const measureNames = [...new Set(tn.flatMap((run) => Object.keys(run.byName)))].sort();

  const metric = (runs, name) => runs.map((run) => run.metrics[name]);
  const added = Object.fromEntries(
    METRICS.map((name) => {
      const a = metric(withExt, name);
      const b = metric(without, name);
      const pairwise = pairs.map((pair) => pair.with.metrics[name] - pair.without.metrics[name]);
      return [
        name,
        {
          with: summarize(a),
          without: summarize(b),
          median: median(a) - median(b),
          min: Math.min(...pairwise),
          max: Math.max(...pairwise),
          noise: 1.96 * Math.hypot(medianStandardError(a), medianStandardError(b)),
        },
      ];
    }),
  );

  const longTaskFigures = (runs) => ({
    count: summarize(runs.map((tasks) => tasks.length)),
    longest: summarize(runs.map(longest)),
    loadsWithAny: runs.filter((tasks) => tasks.length > 0).length,
  });

  return {
    walk: summarize(without.map((run) => run.walk.ms)),
    walkTask: summarize(without.map((run) => run.walk.taskMs)),
    threadnote: {
      sum: summarize(tn.map((run) => run.sum)),
      byName: Object.fromEntries(
        measureNames.map((name) => [name, summarize(tn.map((run) => run.byName[name] ?? 0))]),
      ),
      largest: summarize(tn.map((run) => run.largest.duration)),
      largestNames: [...new Set(tn.map((run) => run.largest.name))],
      loadsOverLongTask: tn.filter((run) => run.largest.duration > LONG_TASK_MS).length,
      rendering: summarize(tn.map((run) => total(run.frames, 'rendering'))),
      withRendering: summarize(tn.map((run) => run.sum + total(run.frames, 'rendering'))),
      longestFrame: summarize(tn.map((run) => longest(run.frames))),
    },
    added,
    longTasks: {
      without: longTaskFigures(without.map((run) => run.longTasks)),
      with: longTaskFigures(withExt.map((run) => run.longTasks)),
      threadnote: longTaskFigures(tn.map((run) => run.longTasks)),
    },
    page: tn[0].page,
  };
}

const fmt = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const times = (value) => (Number.isFinite(value) ? `${value.toFixed(1)}×` : '–');
const LABEL = 52;
const COUNT = { digits: 0, relative: false };

function report({ runs, command, host, summary }) {
  const { walk, walkTask, threadnote: tn, added, longTasks: lt, page } = summary;
  const base = walk.median;
  const vsWalk = (value) => times(ratio(value, base));
  const lines = [];
  const row = (label, s, { digits = 1, relative = true, note = '' } = {}) =>
    lines.push(
      label.padEnd(LABEL) +
        [s.median, s.min, s.max].map((value) => fmt(value, digits).padStart(9)).join('') +
        (relative ? vsWalk(s.median).padStart(9) : ''.padStart(9)) +
        (note ? `   ${note}` : ''),
    );

  lines.push(`Threadnote bench: ${BENCH_URL} (3,000 comments), ${runs} alternating pairs`);
  lines.push(`machine   ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, ${host.platform}`);
  lines.push(`browser   Chromium ${host.chromium} (${CHROMIUM}, headless), Node ${host.node}`);
  lines.push(`command   ${command}`);
  lines.push(
    `page      ${page.tagged} rows tagged, ${page.noted} with notes, ${page.folded} collapsed ` +
      `(hiding ${page.hiddenByFolds} replies); measured loads are repeat visits`,
  );
  lines.push('');
  lines.push(
    'ms per load; CDP durations are main-thread CPU time'.padEnd(LABEL) +
      ['median', 'min', 'max', '× walk'].map((head) => head.padStart(9)).join(''),
  );
  row('bare walk, performance.now() in the page', walk);
  row('bare walk, TaskDuration delta', walkTask, { note: 'includes the CDP evaluate' });
  row('threadnote:* measures, sum', tn.sum);
  for (const [name, s] of Object.entries(tn.byName)) row(`  ${name}`, s);
  row('largest single threadnote measure', tn.largest);
  row('rendering in frames holding threadnote work', tn.rendering, {
    note: `style, layout, paint; frames over ${LONG_TASK_MS} ms only`,
  });
  row('threadnote:* measures + that rendering', tn.withRendering);
  row('longest frame holding threadnote work', tn.longestFrame);
  row('TaskDuration without extension', added.TaskDuration.without, { relative: false });
  row('TaskDuration with extension', added.TaskDuration.with, { relative: false });
  for (const name of METRICS) {
    const label = name === 'TaskDuration' ? 'added main-thread time' : `  added ${name}`;
    row(label, added[name], {
      relative: name === 'TaskDuration',
      note: `noise ±${fmt(added[name].noise, 0)}`,
    });
  }
  lines.push(
    `${''.padEnd(LABEL)}added = median with − median without; min, max: per-pair differences;`,
  );
  lines.push(`${''.padEnd(LABEL)}noise: 95% interval of that difference, from the runs' spread`);
  row(`long tasks > ${LONG_TASK_MS} ms, without extension`, lt.without.count, COUNT);
  row('  longest', lt.without.longest, COUNT);
  row(`long tasks > ${LONG_TASK_MS} ms, with extension`, lt.with.count, COUNT);
  row('  longest', lt.with.longest, COUNT);
  row("  of them Threadnote's (in its measures' frames)", lt.threadnote.count, COUNT);
  row('  longest', lt.threadnote.longest, COUNT);
  lines.push('');

  const taskAdded = added.TaskDuration;
  lines.push(
    `verdict: extension work / bare walk = ${vsWalk(tn.sum.median)} (target ≤ ${TARGET_RATIO}×): ` +
      `threadnote:* ${fmt(tn.sum.median)} ms vs bare walk ${fmt(base)} ms, medians of ${runs}`,
  );
  lines.push(
    `  long tasks (target: none over ${LONG_TASK_MS} ms): largest threadnote measure ` +
      `${fmt(tn.largest.median)} ms (${tn.largestNames.join(', ')}), over ${LONG_TASK_MS} ms in ` +
      `${tn.loadsOverLongTask} of ${runs} loads; long tasks holding Threadnote work in ` +
      `${lt.threadnote.loadsWithAny} of ${runs} loads, longest ${fmt(lt.threadnote.longest.max, 0)} ms`,
  );
  lines.push(
    tn.longestFrame.median > LONG_TASK_MS
      ? `  but its longest frame lasts ${fmt(tn.longestFrame.median, 0)} ms, with ` +
          `${fmt(tn.rendering.median, 0)} ms of rendering caused by its DOM writes that the Long ` +
          `Tasks API does not count; with that rendering: ${vsWalk(tn.withRendering.median)} walk`
      : `  and no frame holding its work lasts over ${LONG_TASK_MS} ms in most loads`,
  );
  lines.push(
    `  CDP TaskDuration with − without: ${fmt(taskAdded.median)} ± ${fmt(taskAdded.noise, 0)} ms ` +
      `= ${vsWalk(taskAdded.median)} walk; ` +
      (Number.isNaN(taskAdded.noise)
        ? 'too few runs to tell it from noise'
        : Math.abs(taskAdded.median) <= taskAdded.noise
          ? 'within noise: trust the threadnote:* and rendering figures instead'
          : 'outside the noise but coarse: the figures above say where the time goes'),
  );
  return lines.join('\n');
}

async function main() {
  if (!existsSync(join(DIST, 'manifest.json'))) {
    throw new Error('dist/ has no build: run `npx vite build` first (`npm run bench` does).');
  }
  const runs = runCount();
  const command = commandLine();
  // Generated here rather than on the first request, so no measured load waits for it.
  if (!existsSync(join(FIXTURE_DIR, FILES.bench))) writeBenchPage();

  const server = await startFixtureServer();
  const profiles = [];
  const contexts = [];
  const start = async (extension) => {
    const profile = mkdtempSync(join(os.tmpdir(), 'threadnote-bench-'));
    profiles.push(profile);
    const variant = await launch(profile, server.port, extension);
    contexts.push(variant.context);
    return variant;
  };
  try {
    const without = await start(false);
    const withExt = await start(true);

    // The warm-up loads fill caches and compile code once in each browser; the bare one also
    // yields the rows to check and to annotate, and the first visit with the extension records
    // the thread as seen, so every measured load is the same repeat visit.
    const rows = await withPage(without.context, async (page) => {
      await measureLoad(page, without, { rows: EXPECTED_ROWS });
      return page.evaluate(surveyRows);
    });
    checkRows(rows);
    const requests = annotationRequests(rows);
    await seedAnnotations(withExt, requests);
    const expected = { rows: rows.length, ...expectedState(requests) };
    await withPage(withExt.context, (page) => measureLoad(page, withExt, expected));

    const pairs = [];
    for (let i = 0; i < runs; i++) {
      // Alternating which goes first spreads any drift over the run evenly between the two.
      const order = i % 2 === 0 ? [withExt, without] : [without, withExt];
      const pair = {};
      for (const variant of order) {
        const run = await withPage(variant.context, (page) => measureLoad(page, variant, expected));
        pair[variant.extension ? 'with' : 'without'] = run;
      }
      pairs.push(pair);
      process.stderr.write(`pair ${i + 1}/${runs} done\n`);
    }

    const host = machine(without.context.browser()?.version() ?? 'unknown');
    const summary = analyse(pairs);
    console.log(report({ runs, command, host, summary }));
    mkdirSync(OUTPUT, { recursive: true });
    const file = join(OUTPUT, 'results.json');
    const results = { date: new Date().toISOString(), command, machine: host, runs, requests };
    writeFileSync(file, `${JSON.stringify({ ...results, summary, pairs }, null, 2)}\n`);
    console.log(`\nraw runs and summary: ${relative(process.cwd(), file)}`);
  } finally {
    for (const context of contexts) await context.close();
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
}
