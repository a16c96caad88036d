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
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, createServerModuleRunner } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the benchmark and returns the lines of its report. */
export async function benchSyncReport() {
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
  let result;
  try {
    const { benchSync } = await runner.import('/bench/sync-bench.ts');
    result = await benchSync(sizes, rounds);
  } finally {
    await runner.close();
    await server.close();
  }
  mkdirSync(join(ROOT, 'bench/output'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/output/sync.json'), JSON.stringify(result, null, 2));
  const [small, large] = result.incremental;
  const base = result.first[0]?.msPer10k ?? 1;
  return [
    'Sync (Node: fake-indexeddb + PouchDB memory adapter, express-pouchdb on 127.0.0.1)',
    'first sync into an empty profile:',
    ...result.first.map(
      (row) =>
        `  ${row.annotations.toLocaleString('en')} annotations: ${(row.ms / 1000).toFixed(1)} s, ` +
        `${Math.round(row.msPer10k)} ms per 10,000 (${(row.msPer10k / base).toFixed(2)}× the smallest)`,
    ),
    `incremental sync of 10 changes: ${small?.annotations.toLocaleString('en')} annotations ` +
      `${Math.round(small?.ms ?? 0)} ms, ${large?.annotations.toLocaleString('en')} annotations ` +
      `${Math.round(large?.ms ?? 0)} ms: ${((large?.ms ?? 0) / (small?.ms ?? 1)).toFixed(2)}× (target ≤ 1.5×)`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log((await benchSyncReport()).join('\n'));
}
