/**
 * The script time Threadnote's content script adds to a page load, this build against the build
 * before the UI moved out of it (the panel, tag picker, note editor, bars and toast are now a
 * second script, injected at idle or on first use: docs/architecture.md), in the same run. Pages:
 * the saved Hacker News thread of tests/fixtures/hn/ (real markup, 100 comments), a real-size
 * thread of 500 comments made from its rows (served to the tab by the bench itself), and the
 * generated 3,000-comment page. Three browsers take turns on each load: without the extension,
 * with the previous build, with this one, and with this one whose UI script is left empty (what
 * the eager content script alone costs). Each load waits until the page is annotated and the
 * browser idle, so the UI script fetched at idle is counted. The figure is CDP's ScriptDuration
 * (main-thread CPU time running script) with an extension minus without it.
 *
 *   node bench/script-cost.mjs      SCRIPT_COST_BASE=ref: the previous build's commit (default
 *                                   below), built in a temporary git worktree; or
 *                                   SCRIPT_COST_PREVIOUS=dir: a build already made;
 *                                   BENCH_RUNS=n rounds (default 7); dist/ must be built
 *
 * `npm run bench` runs it last (BENCH_SCRIPT_COST=0 leaves it out). Writes
 * bench/output/script-cost.json.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BENCH_PAGES,
  BENCH_STORY_ID,
  FILES,
  FIXTURE_DIR,
  LEGACY_STORY_ID,
  renderBenchPage,
  writeBenchPage,
} from '../tests/kit/hn-pages.mjs';
import { startFixtureServer } from '../tests/kit/fixture-server.mjs';
import { DIST, launch, metricsSession, readMetrics, withPage } from './browser.mjs';
import { settle, threadnoteApplied } from './in-page.mjs';
import { median, ratio, summarize } from './stats.mjs';

/** The last commit whose content script carried all of the UI (before the UI script). */
const PREVIOUS_COMMIT = '9c0c774';
const ROOT = process.cwd();
const OUTPUT = join(ROOT, 'bench/output');
const RUNS = Number(process.env.BENCH_RUNS) || 7;
/** An item id no fixture uses, for the 500-comment thread this bench serves itself. */
const REAL_SIZE_ID = 44520000;
const PAGES = [
  { name: 'real thread', url: `https://news.ycombinator.com/item?id=${LEGACY_STORY_ID}` },
  { name: 'real-size thread', url: `https://news.ycombinator.com/item?id=${REAL_SIZE_ID}` },
  { name: '3,000 comments', url: `https://news.ycombinator.com/item?id=${BENCH_STORY_ID}` },
];
const REAL_SIZE_HTML = renderBenchPage({ comments: 500, storyId: REAL_SIZE_ID });
const VARIANTS = ['without', 'previous', 'current', 'eager'];
const LOAD_TIMEOUT_MS = 90_000;
/** Long enough after the idle callback for the UI script's injection to finish. */
const SETTLE_IDLE_MS = 500;

/** The previous build: one given, or built from its commit in a temporary worktree. */
function previousBuild() {
  const given = process.env.SCRIPT_COST_PREVIOUS;
  if (given) return { dist: resolve(given), cleanup: () => undefined };
  const ref = process.env.SCRIPT_COST_BASE || PREVIOUS_COMMIT;
  const tree = mkdtempSync(join(tmpdir(), 'threadnote-previous-'));
  const git = (...args) => execFileSync('git', args, { cwd: ROOT, stdio: 'pipe' });
  git('worktree', 'add', '--detach', '--force', tree, ref);
  const cleanup = () => {
    git('worktree', 'remove', '--force', tree);
    rmSync(tree, { recursive: true, force: true });
  };
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
    execFileSync('npx', ['vite', 'build'], { cwd: tree, stdio: 'pipe' });
  } catch (error) {
    cleanup();
    throw error;
  }
  return { dist: join(tree, 'dist'), cleanup, ref };
}

async function measureLoad(variant, url) {
  return withPage(variant.context, async (page) => {
    await page.route(`**/item?id=${REAL_SIZE_ID}`, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: REAL_SIZE_HTML }),
    );
    const cdp = await metricsSession(variant.context, page);
    await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    if (variant.extension) {
      await page.waitForFunction(threadnoteApplied, null, {
        polling: 50,
        timeout: LOAD_TIMEOUT_MS,
      });
    }
    await page.evaluate(settle, SETTLE_IDLE_MS);
    const metrics = await readMetrics(cdp);
    const comments = await page.evaluate(() => document.querySelectorAll('tr.athing.comtr').length);
    await cdp.detach();
    return { script: metrics.ScriptDuration, comments };
  });
}

function analyse(rounds, page) {
  const of = (name) => rounds.map((round) => round[page][name].script);
  const added = (name) => median(of(name)) - median(of('without'));
  return {
    without: summarize(of('without')),
    ...Object.fromEntries(VARIANTS.slice(1).map((name) => [name, summarize(of(name))])),
    added: Object.fromEntries(VARIANTS.slice(1).map((name) => [name, added(name)])),
  };
}

/** This build with an empty UI script: the content script alone, as if the UI never loaded. */
function eagerOnlyBuild() {
  const dist = mkdtempSync(join(tmpdir(), 'threadnote-eager-'));
  cpSync(DIST, dist, { recursive: true });
  writeFileSync(join(dist, 'src/content/lazy/ui.js'), '');
  return dist;
}

export async function benchScriptCost() {
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error(`${DIST} has no build.`);
  writeBenchPage(join(FIXTURE_DIR, FILES.bench), BENCH_PAGES[FILES.bench]);
  const previous = previousBuild();
  const eager = eagerOnlyBuild();
  const server = await startFixtureServer();
  const profiles = [];
  const variants = {};
  try {
    const start = async (name, dist) => {
      const profile = mkdtempSync(join(tmpdir(), 'threadnote-script-cost-'));
      profiles.push(profile);
      variants[name] = await launch(profile, server.port, dist !== null, dist ?? DIST);
    };
    await start('without', null);
    await start('previous', previous.dist);
    await start('current', DIST);
    await start('eager', eager);
    // A first visit to each page in each browser: every measured load is the same repeat visit.
    for (const name of VARIANTS) {
      for (const { url } of PAGES) await measureLoad(variants[name], url);
    }
    const rounds = [];
    for (let i = 0; i < RUNS; i++) {
      const round = {};
      for (const { name: page, url } of PAGES) {
        round[page] = {};
        // Rotating which goes first spreads any drift over the run evenly between the browsers.
        for (let k = 0; k < VARIANTS.length; k++) {
          const name = VARIANTS[(i + k) % VARIANTS.length];
          round[page][name] = await measureLoad(variants[name], url);
        }
      }
      rounds.push(round);
      process.stderr.write(`script cost round ${i + 1}/${RUNS} done\n`);
    }
    const summary = Object.fromEntries(PAGES.map(({ name }) => [name, analyse(rounds, name)]));
    const column = (text, width = 11) => text.padStart(width);
    const lines = [
      `Script the content script adds to a page load: this build (${DIST}) against the previous ` +
        `one (${previous.ref ?? previous.dist}), ${RUNS} rotating rounds, medians, ms of ` +
        'main-thread CPU running script (CDP ScriptDuration)',
      'page (comments)'.padEnd(30) +
        ['without', '+previous', '+this', 'this/prev', '+eager', 'eager/prev']
          .map((head) => column(head))
          .join(''),
    ];
    for (const { name } of PAGES) {
      const comments = rounds[0][name].without.comments;
      if (comments === 0) throw new Error(`The ${name} page showed no comments.`);
      const { without, added } = summary[name];
      lines.push(
        `${name} (${comments})`.padEnd(30) +
          [
            without.median.toFixed(1),
            added.previous.toFixed(1),
            added.current.toFixed(1),
            `${ratio(added.current, added.previous).toFixed(2)}×`,
            added.eager.toFixed(1),
            `${ratio(added.eager, added.previous).toFixed(2)}×`,
          ]
            .map((cell) => column(cell))
            .join(''),
      );
    }
    lines.push(
      '+x: median with that build − median without the extension, same rounds; this: the ' +
        'content script and its UI script, fetched at idle; eager: the content script alone',
    );
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(
      join(OUTPUT, 'script-cost.json'),
      `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, summary, rounds }, null, 2)}\n`,
    );
    return lines;
  } finally {
    for (const variant of Object.values(variants)) await variant.context.close();
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
    await server.close();
    previous.cleanup();
    rmSync(eager, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log((await benchScriptCost()).join('\n'));
  console.log(`raw runs and summary: ${join('bench/output', 'script-cost.json')}`);
}
