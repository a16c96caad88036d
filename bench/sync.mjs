#!/usr/bin/env node
/**
 * Sync figures (issue #18), in Node: the extension's engine over fake-indexeddb and PouchDB's
 * memory adapter, through express-pouchdb on 127.0.0.1 (see bench/sync-bench.ts):
 * - a first sync of 12,500 to 100,000 annotations into an empty profile, as time per 10,000,
 *   which should stay flat as the size doubles;
 * - an incremental sync of 10 changes (sent by one profile, received by another) on a 100,000-
 *   annotation store against the same on a 1,000-annotation store (median of BENCH_RUNS).
 *
 *   node bench/sync.mjs      BENCH_SYNC_MAX=n  largest store (default 100000)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, createServerModuleRunner } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULT = join(ROOT, 'bench/output/sync.json');
const MEASURE = '--measure';

/** The measurement itself, in this process: writes bench/output/sync.json. */
async function measure() {
  const max = Number(process.env.BENCH_SYNC_MAX ?? 100_000);
  const sizes = [];
  for (let size = max; size >= 12_500 && sizes.length < 4; size /= 2) sizes.unshift(size);
  const rounds = Number(process.env.BENCH_RUNS ?? 7);
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false, ws: false },
  });
  const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
  try {
    const { benchSync } = await runner.import('/bench/sync-bench.ts');
    const result = await benchSync(sizes, rounds);
    mkdirSync(dirname(RESULT), { recursive: true });
    writeFileSync(RESULT, JSON.stringify(result, null, 2));
  } finally {
    await runner.close();
    await server.close();
  }
}

/**
 * Runs the benchmark in a Node of its own and returns the lines of its report. Its own, with
 * `--single-threaded-gc`: the server's copy, the local sync database and the store all live in
 * one heap here (in a browser the server is elsewhere and IndexedDB outside the worker's heap), and
 * V8's concurrent marking of that heap, on helper threads, takes CPU from the run on a machine of
 * two busy cores. On the run's own thread the collector's time is counted, and reported apart.
 */
export async function benchSyncReport() {
  const load = loadavg()[0];
  const code = await new Promise((done, fail) => {
    spawn(process.execPath, ['--single-threaded-gc', fileURLToPath(import.meta.url), MEASURE], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    })
      .on('error', fail)
      .on('close', done);
  });
  if (code !== 0) throw new Error(`The sync benchmark stopped with code ${code}.`);
  const result = JSON.parse(readFileSync(RESULT, 'utf8'));
  const [small, large] = result.incremental;
  const base = result.first[0]?.msPer10k ?? 1;
  const cpuBase = result.first[0]?.cpuMsPer10k ?? 1;
  return [
    'Sync (Node: fake-indexeddb + PouchDB memory adapter, express-pouchdb on 127.0.0.1; ' +
      `load average ${load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end)`,
    'first sync into an empty profile:',
    ...result.first.map(
      (row) =>
        `  ${row.annotations.toLocaleString('en')} annotations: ${(row.ms / 1000).toFixed(1)} s, ` +
        `${Math.round(row.msPer10k)} ms per 10,000 (${(row.msPer10k / base).toFixed(2)}× the smallest), ` +
        `CPU ${Math.round(row.cpuMsPer10k)} ms per 10,000 (${(row.cpuMsPer10k / cpuBase).toFixed(2)}×); ` +
        `per 10,000: ${Object.entries(row.phasesPer10k)
          .map(([phase, ms]) => `${phase} ${Math.round(ms)} ms`)
          .join(', ')}; GC ${Math.round((row.gcMs / row.annotations) * 10_000)} ms`,
    ),
    `incremental sync of 10 changes: ${small?.annotations.toLocaleString('en')} annotations ` +
      `${Math.round(small?.ms ?? 0)} ms, ${large?.annotations.toLocaleString('en')} annotations ` +
      `${Math.round(large?.ms ?? 0)} ms: ${((large?.ms ?? 0) / (small?.ms ?? 1)).toFixed(2)}× (target ≤ 1.5×)`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes(MEASURE)) await measure();
  else console.log((await benchSyncReport()).join('\n'));
}
