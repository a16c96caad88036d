#!/usr/bin/env node
/**
 * `npm run bench`: Threadnote's main-thread work on big Hacker News threads, each figure set
 * beside a baseline measured in the same run, because wall-clock thresholds would only describe
 * the machine:
 * - loads of the 3,000-comment page without the extension, with 60 annotations and with 500
 *   remembered folds (each extension profile its own browser), in rotating order, against a
 *   bare walk of the same rows in the extension-free page;
 * - collapsing and expanding a 1,000-reply subthread with Threadnote against Hacker News's own
 *   [–] on the same subthread (bench/toggle.mjs);
 * - the script the content script adds to a load, this build against the previous one
 *   (bench/script-cost.mjs); BENCH_SCRIPT_COST=0 leaves that part out;
 * - then export and import of 12,500 to 100,000 annotations through the options page, each size
 *   against the smallest (bench/export-import.mjs); BENCH_DATA=0 leaves that part out.
 *
 *   npx vite build && node bench/run.mjs     BENCH_RUNS=n sets the rounds of each (default 7),
 *                                            THREADNOTE_DIST=dir the build to load (dist/),
 *                                            BENCH_DATA=0 skips export and import
 *                                            BENCH_SYNC=0 skips sync (bench/sync.mjs)
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BENCH_PAGES,
  BENCH_STORY_ID,
  FIXTURE_DIR,
  writeBenchPage,
} from '../tests/kit/hn-pages.mjs';
import { startFixtureServer } from '../tests/kit/fixture-server.mjs';
import {
  EXPECTED_ROWS,
  REMEMBERED_FOLDS,
  annotationRequests,
  checkRows,
  expectedState,
  foldRequests,
  userTagRequests,
  TAGGED_USERS,
} from './annotations.mjs';
import {
  CHROMIUM,
  DIST,
  METRICS,
  launch,
  metricsDelta,
  metricsSession,
  readMetrics,
  seedAnnotations,
  withPage,
} from './browser.mjs';
import { benchExportImport } from './export-import.mjs';
import { benchPopup } from './popup.mjs';
import { benchScriptCost } from './script-cost.mjs';
import { benchSyncReport } from './sync.mjs';
import { aside, fmt, heading, tableRow, times } from './format.mjs';
import {
  bareWalk,
  mainThreadEntries,
  settle,
  surveyRows,
  threadnoteApplied,
  threadnoteState,
} from './in-page.mjs';
import { median, medianStandardError, ratio, summarize } from './stats.mjs';
import { analyseToggles, measureToggles, reportToggles } from './toggle.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(ROOT, 'bench/output');
const BENCH_URL = `https://news.ycombinator.com/item?id=${BENCH_STORY_ID}`;

const DEFAULT_RUNS = 7;
const TARGET_RATIO = 2;
const FOLDS_TARGET_RATIO = 1;
const USERS_TARGET_RATIO = 1.5;
const LONG_TASK_MS = 50;
const SETTLE_IDLE_MS = 250;
// The page is 5 MB of HTML; on a loaded 2-core machine a single load can take several seconds.
const LOAD_TIMEOUT_MS = 90_000;
const RULE = '-'.repeat(100);
/** The extension-free browser last: the order rotates from there. */
const VARIANTS = ['annotated', 'folds', 'users', 'without'];
/**
 * Applying a thread's annotations at load: the pass over the comments, and the chips of those in
 * sight, drawn on the first sighting before the comments show (the rest are drawn as they near).
 */
const APPLYING = ['threadnote:apply', 'threadnote:draw'];

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
  const env = ['BENCH_RUNS', 'THREADNOTE_DIST', 'BENCH_DATA']
    .filter((name) => process.env[name])
    .map((name) => `${name}=${process.env[name]} `)
    .join('');
  if (process.env.npm_lifecycle_event === 'bench') {
    return `${env}npm run bench   (${process.env.npm_lifecycle_script})`;
  }
  return `${env}node ${relative(process.cwd(), process.argv[1])}`;
}

const overlaps = (a, b) => a.start < b.start + b.duration && a.start + a.duration > b.start;
const longest = (spans) => Math.max(0, ...spans.map((span) => span.duration));
const total = (spans, field = 'duration') => spans.reduce((sum, span) => sum + span[field], 0);

/** One load of the bench page in a fresh tab. */
async function measureLoad(page, variant, expected) {
  const cdp = await metricsSession(variant.context, page);
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
    run.walk = { ms: walk.ms, taskMs: metricsDelta(before, after).TaskDuration };
  }
  await cdp.detach();
  return run;
}

function checkApplied(state, expected) {
  const problems = [];
  if (state.marked !== state.rows || state.rows !== expected.rows) {
    problems.push(`${state.marked} of ${state.rows} rows marked`);
  }
  for (const field of ['tagged', 'noted', 'folded', 'hiddenByFolds', 'userTagged']) {
    if (state[field] !== expected[field]) {
      problems.push(`${state[field]} rows ${field}, ${expected[field]} expected`);
    }
  }
  for (const name of ['threadnote:read', 'threadnote:apply']) {
    if (!state.measures.some((m) => m.name === name)) problems.push(`no ${name} measure`);
  }
  if (problems.length > 0) {
    throw new Error(`Threadnote did not annotate the page: ${problems.join('; ')}`);
  }
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

const longTaskFigures = (runs) => ({
  count: summarize(runs.map((tasks) => tasks.length)),
  longest: summarize(runs.map(longest)),
  loadsWithAny: runs.filter((tasks) => tasks.length > 0).length,
});

/** One extension profile's loads, against the extension-free loads of the same rounds. */
function analyseExtension(rounds, name) {
  const without = rounds.map((round) => round.without);
  const withExt = rounds.map((round) => round[name]);
  const tn = withExt.map((run) => run.threadnote);
  const measureNames = [...new Set(tn.flatMap((run) => Object.keys(run.byName)))].sort();

  const metric = (runs, metricName) => runs.map((run) => run.metrics[metricName]);
  const added = Object.fromEntries(
    METRICS.map((metricName) => {
      const a = metric(withExt, metricName);
      const b = metric(without, metricName);
      const pairwise = rounds.map(
        (round) => round[name].metrics[metricName] - round.without.metrics[metricName],
      );
      return [
        metricName,
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

  return {
    threadnote: {
      sum: summarize(tn.map((run) => run.sum)),
      byName: Object.fromEntries(
        measureNames.map((measure) => [
          measure,
          summarize(tn.map((run) => run.byName[measure] ?? 0)),
        ]),
      ),
      applying: summarize(
        tn.map((run) => APPLYING.reduce((sum, measure) => sum + (run.byName[measure] ?? 0), 0)),
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
      with: longTaskFigures(withExt.map((run) => run.longTasks)),
      threadnote: longTaskFigures(tn.map((run) => run.longTasks)),
    },
    page: tn[0].page,
  };
}

function analyse(rounds) {
  const without = rounds.map((round) => round.without);
  return {
    walk: summarize(without.map((run) => run.walk.ms)),
    walkTask: summarize(without.map((run) => run.walk.taskMs)),
    longTasksWithout: longTaskFigures(without.map((run) => run.longTasks)),
    annotated: analyseExtension(rounds, 'annotated'),
    folds: analyseExtension(rounds, 'folds'),
    users: analyseExtension(rounds, 'users'),
  };
}

const COUNT = { digits: 0 };

function noiseVerdict(added) {
  if (Number.isNaN(added.noise)) return 'too few runs to tell it from noise';
  return Math.abs(added.median) <= added.noise
    ? 'within noise: trust the threadnote:* and rendering figures instead'
    : 'outside the noise but coarse: the figures above say where the time goes';
}

function reportAnnotated(lines, summary, runs) {
  const { walk, walkTask, longTasksWithout } = summary;
  const { threadnote: tn, added, longTasks: lt, page } = summary.annotated;
  const against = (value) => ratio(value, walk.median);
  const vsWalk = (value) => times(against(value));
  const row = (label, s, options = {}) => lines.push(tableRow(label, s, { against, ...options }));
  const plain = (label, s, options = {}) => lines.push(tableRow(label, s, options));

  lines.push(
    `page      ${page.tagged} rows tagged, ${page.noted} with notes, ${page.folded} collapsed ` +
      `(hiding ${page.hiddenByFolds} replies); measured loads are repeat visits`,
  );
  lines.push('');
  lines.push(heading('ms per load; CDP durations are main-thread CPU time', '× walk'));
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
  plain('TaskDuration without extension', added.TaskDuration.without);
  plain('TaskDuration with extension', added.TaskDuration.with);
  for (const name of METRICS) {
    const label = name === 'TaskDuration' ? 'added main-thread time' : `  added ${name}`;
    (name === 'TaskDuration' ? row : plain)(label, added[name], {
      note: `noise ±${fmt(added[name].noise, 0)}`,
    });
  }
  lines.push(aside('added = median with − median without; min, max: per-round differences;'));
  lines.push(aside("noise: 95% interval of that difference, from the runs' spread"));
  plain(`long tasks > ${LONG_TASK_MS} ms, without extension`, longTasksWithout.count, COUNT);
  plain('  longest', longTasksWithout.longest, COUNT);
  plain(`long tasks > ${LONG_TASK_MS} ms, with extension`, lt.with.count, COUNT);
  plain('  longest', lt.with.longest, COUNT);
  plain("  of them Threadnote's (in its measures' frames)", lt.threadnote.count, COUNT);
  plain('  longest', lt.threadnote.longest, COUNT);
  lines.push('');

  const taskAdded = added.TaskDuration;
  lines.push(
    `verdict: extension work / bare walk = ${vsWalk(tn.sum.median)} (target ≤ ${TARGET_RATIO}×): ` +
      `threadnote:* ${fmt(tn.sum.median)} ms vs bare walk ${fmt(walk.median)} ms, medians of ${runs}`,
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
      `= ${vsWalk(taskAdded.median)} walk; ${noiseVerdict(taskAdded)}`,
  );
}

function drawNote(tn) {
  const draw = tn.byName['threadnote:draw'];
  return `of which drawing the chips in sight ${fmt(draw?.median ?? 0)}`;
}

function reportFolds(lines, summary, runs) {
  const { walk } = summary;
  const { threadnote: tn, added, longTasks: lt, page } = summary.folds;
  const against = (value) => ratio(value, walk.median);
  const row = (label, s, options = {}) => lines.push(tableRow(label, s, { against, ...options }));
  const apply = tn.applying;
  const read = tn.byName['threadnote:read'];

  lines.push(
    `Re-applying ${REMEMBERED_FOLDS} remembered folds: the same page and rounds, ` +
      `${page.folded} comments collapsed (hiding ${page.hiddenByFolds} replies), nothing else, ` +
      'in a profile of its own',
  );
  lines.push('');
  lines.push(heading('ms per load, main-thread', '× walk'));
  row('bare walk, performance.now() in the page', walk);
  row('threadnote:apply + draw', apply, { note: drawNote(tn) });
  row('threadnote:read', read);
  row('threadnote:* measures, sum', tn.sum);
  row('largest single threadnote measure', tn.largest);
  row('rendering in frames holding threadnote work', tn.rendering, {
    note: 'includes first showing the comments, held back until the folds are applied',
  });
  row('added main-thread time (CDP TaskDuration)', added.TaskDuration, {
    note: `noise ±${fmt(added.TaskDuration.noise, 0)}; ${REMEMBERED_FOLDS} folds hide rows`,
  });
  lines.push(
    tableRow("long tasks holding Threadnote's work", lt.threadnote.count, COUNT) +
      `   longest ${fmt(lt.threadnote.longest.median, 0)} ms`,
  );
  lines.push('');
  const applyRatio = ratio(apply.median, walk.median);
  lines.push(
    `verdict: re-applying ${REMEMBERED_FOLDS} remembered folds, threadnote:apply + draw / bare walk = ` +
      `${times(applyRatio)} (target ≤ ${FOLDS_TARGET_RATIO}×, ` +
      `${applyRatio <= FOLDS_TARGET_RATIO ? 'met' : 'not met'}): apply + draw ${fmt(apply.median)} ms vs ` +
      `bare walk ${fmt(walk.median)} ms, medians of ${runs}`,
  );
  lines.push(
    `  least disturbed loads (the minimum of each): apply + draw ${fmt(apply.min)} ms vs walk ` +
      `${fmt(walk.min)} ms = ${times(ratio(apply.min, walk.min))}; both are wall-clock spans ` +
      `that a busy machine stretches (the walk: ${fmt(walk.min)}–${fmt(walk.max)} ms wall, ` +
      `${fmt(summary.walkTask.min)}–${fmt(summary.walkTask.max)} ms CPU)`,
  );
  lines.push(
    `  reading the page besides (threadnote:read, the same with or without folds): ` +
      `${fmt(read.median)} ms = ${times(ratio(read.median, walk.median))} walk`,
  );
}

function reportUsers(lines, summary, runs) {
  const { walk } = summary;
  const { threadnote: tn, page } = summary.users;
  const against = (value) => ratio(value, walk.median);
  const row = (label, s, options = {}) => lines.push(tableRow(label, s, { against, ...options }));
  const apply = tn.applying;
  lines.push(
    `User tags: the same page and rounds, ${TAGGED_USERS} users tagged, on ${page.userTagged} ` +
      'of its comments, nothing else, in a profile of its own',
  );
  lines.push('');
  lines.push(heading('ms per load, main-thread', '× walk'));
  row('bare walk, performance.now() in the page', walk);
  row('threadnote:apply + draw (user tags shown)', apply, { note: drawNote(tn) });
  row('threadnote:read', tn.byName['threadnote:read']);
  row('threadnote:* measures, sum', tn.sum);
  lines.push('');
  const applyRatio = ratio(apply.median, walk.median);
  lines.push(
    `verdict: applying user tags for ${TAGGED_USERS} users, threadnote:apply + draw / bare walk = ` +
      `${times(applyRatio)} (target ≤ ${USERS_TARGET_RATIO}×, ` +
      `${applyRatio <= USERS_TARGET_RATIO ? 'met' : 'not met'}): apply + draw ${fmt(apply.median)} ms ` +
      `vs bare walk ${fmt(walk.median)} ms, medians of ${runs}; least disturbed ` +
      `${times(ratio(apply.min, walk.min))}`,
  );
}

function report({ runs, command, host, summary, toggles }) {
  const lines = [];
  lines.push(`Threadnote bench: ${BENCH_URL} (3,000 comments), ${runs} rotating rounds`);
  lines.push(`machine   ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, ${host.platform}`);
  lines.push(`browser   Chromium ${host.chromium} (${CHROMIUM}, headless), Node ${host.node}`);
  const build = relative(ROOT, DIST);
  lines.push(`build     ${build.startsWith('..') ? DIST : build}`);
  lines.push(`command   ${command}`);
  reportAnnotated(lines, summary, runs);
  lines.push('');
  lines.push(RULE);
  reportFolds(lines, summary, runs);
  lines.push('');
  lines.push(RULE);
  reportUsers(lines, summary, runs);
  lines.push('');
  lines.push(RULE);
  lines.push(reportToggles(toggles));
  return lines.join('\n');
}

async function main() {
  if (!existsSync(join(DIST, 'manifest.json'))) {
    throw new Error(
      `${DIST} has no build: run \`npx vite build\` first (\`npm run bench\` does), or point ` +
        'THREADNOTE_DIST at one.',
    );
  }
  const runs = runCount();
  const command = commandLine();
  // Written afresh here rather than on the first request, so no measured load waits for them
  // and a page left by an older generator is never measured.
  for (const [name, options] of Object.entries(BENCH_PAGES)) {
    writeBenchPage(join(FIXTURE_DIR, name), options);
  }

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
    const variants = {
      without: await start(false),
      annotated: await start(true),
      folds: await start(true),
      users: await start(true),
    };

    // The warm-up loads fill caches and compile code once in each browser; the bare one also
    // yields the rows to check and to annotate, and the first visit with the extension records
    // the thread as seen, so every measured load is the same repeat visit.
    const rows = await withPage(variants.without.context, async (page) => {
      await measureLoad(page, variants.without, { rows: EXPECTED_ROWS });
      return page.evaluate(surveyRows);
    });
    checkRows(rows);
    const requests = {
      annotated: annotationRequests(rows),
      folds: foldRequests(rows),
      users: userTagRequests(rows),
    };
    const expected = { without: { rows: rows.length } };
    for (const name of ['annotated', 'folds', 'users']) {
      await seedAnnotations(variants[name], requests[name]);
      expected[name] = { rows: rows.length, ...expectedState(requests[name], rows) };
      await withPage(variants[name].context, (page) =>
        measureLoad(page, variants[name], expected[name]),
      );
    }

    const rounds = [];
    for (let i = 0; i < runs; i++) {
      // Rotating which goes first spreads any drift over the run evenly between the three.
      const order = VARIANTS.map((_, k) => VARIANTS[(i + k) % VARIANTS.length]);
      const round = {};
      for (const name of order) {
        const variant = variants[name];
        round[name] = await withPage(variant.context, (page) =>
          measureLoad(page, variant, expected[name]),
        );
      }
      rounds.push(round);
      process.stderr.write(`load round ${i + 1}/${runs} done, ${Math.round(process.uptime())} s\n`);
    }

    // The user-tags browser, its loads done, turns Threadnote off on HN: the same browser set-up
    // as the annotated one, with nothing of Threadnote's on the page.
    await seedAnnotations(variants.users, [
      { threadnote: 1, type: 'settings.site', payload: { site: 'hn', on: false } },
    ]);
    const toggleRuns = await measureToggles({
      threadnote: variants.annotated,
      hn: variants.without,
      off: variants.users,
      runs,
      loadTimeout: LOAD_TIMEOUT_MS,
    });

    const host = machine(variants.without.context.browser()?.version() ?? 'unknown');
    const summary = analyse(rounds);
    const toggles = analyseToggles(toggleRuns);
    console.log(report({ runs, command, host, summary, toggles }));
    mkdirSync(OUTPUT, { recursive: true });
    const file = join(OUTPUT, 'results.json');
    const results = { date: new Date().toISOString(), command, machine: host, runs, requests };
    const raw = { rounds, toggles: toggleRuns.rounds };
    writeFileSync(file, `${JSON.stringify({ ...results, summary, toggles, raw }, null, 2)}\n`);
    console.log(`\nraw runs and summary: ${relative(process.cwd(), file)}`);
  } finally {
    for (const context of contexts) await context.close();
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
    await server.close();
  }

  // Sections of their own, after the browsers above are closed: they have the two cores to
  // themselves.
  if (process.env.BENCH_POPUP !== '0') {
    console.log(`\n${RULE}`);
    console.log((await benchPopup()).join('\n'));
    console.log(`raw runs and summary: ${relative(process.cwd(), join(OUTPUT, 'popup.json'))}`);
  }
  if (process.env.BENCH_SCRIPT_COST !== '0') {
    console.log(`\n${RULE}`);
    console.log((await benchScriptCost()).join('\n'));
  }
  if (process.env.BENCH_SYNC !== '0') {
    console.log(`\n${RULE}`);
    console.log((await benchSyncReport()).join('\n'));
  }
  if (process.env.BENCH_DATA === '0') return;
  console.log(`\n${RULE}`);
  console.log((await benchExportImport(DIST)).join('\n'));
  console.log(
    `raw runs and summary: ${relative(process.cwd(), join(OUTPUT, 'export-import.json'))}`,
  );
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
}
