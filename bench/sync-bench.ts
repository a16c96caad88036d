/**
 * The sync figures, run in Node (bench/sync.mjs loads this through Vite's module runner): each
 * device a Threadnote store on fake-indexeddb, opened as the worker opens it, with PouchDB's
 * memory adapter for its local sync database, syncing through express-pouchdb on 127.0.0.1. The
 * engine, crypto and merge are the extension's own code; only the storage engines differ from a
 * browser's.
 */
import 'fake-indexeddb/auto';
import memory from 'pouchdb-adapter-memory';
import { openWithMigrations } from '../src/background/db';
import { editComments } from '../src/background/edits';
import { migrations } from '../src/background/migrations';
import type { ThreadnoteDB } from '../src/background/schema';
import { deriveKeys, randomSalt, sealKeyCheck, type SyncKeys } from '../src/background/sync/crypto';
import { Pouch } from '../src/background/sync/pouch';
import { KEY_CHECK_ID, SALT_ID, type SyncTarget } from '../src/background/sync/remote';
import { syncOnce } from '../src/background/sync/replicate';
import type { CommentAnnotation } from '../src/shared/model';
import { startSyncServer } from '../tests/sync-server/server.mjs';

const LocalPouch = Pouch.plugin(memory);
let serial = 0;
let clock = Date.parse('2026-12-01T00:00:00.000Z');
const tick = () => new Date(++clock).toISOString();

interface Server {
  url: string;
  stop(): Promise<void>;
}

async function store(): Promise<ThreadnoteDB> {
  return (await openWithMigrations(`bench-sync-${++serial}`, migrations)) as ThreadnoteDB;
}

/** `count` comment annotations over 100-comment threads, written straight into a store. */
async function fill(db: ThreadnoteDB, count: number): Promise<void> {
  for (let start = 0; start < count; start += 5_000) {
    const tx = db.transaction('comments', 'readwrite');
    for (let index = start; index < Math.min(count, start + 5_000); index++) {
      const at = tick();
      const record: CommentAnnotation = {
        key: `hn:${1_000_000 + index}`,
        thread: `hn:${Math.floor(index / 100)}`,
        author: `user${index % 997}`,
        url: `https://news.ycombinator.com/item?id=${1_000_000 + index}`,
        quote: `comment ${index} said something worth a note`,
        note: index % 3 === 0 ? `note ${index}` : '',
        tags: [`tag-${index % 20}`],
        fold: 'none',
        createdAt: at,
        updatedAt: at,
      };
      void tx.store.put(record);
    }
    await tx.done;
  }
}

async function target(server: Server, keys: SyncKeys, salt: string): Promise<SyncTarget> {
  const database = `bench-${++serial}`;
  await fetch(`${server.url}/${database}`, { method: 'PUT' });
  await fetch(`${server.url}/${database}/_bulk_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      docs: [
        { _id: SALT_ID, salt, iterations: 600_000 },
        { _id: KEY_CHECK_ID, ...(await sealKeyCheck(keys)) },
      ],
    }),
  });
  return { url: server.url, database, username: '', password: '' };
}

function syncer(db: ThreadnoteDB, to: SyncTarget, keys: SyncKeys) {
  const localPrefix = `bench-device-${++serial}-`;
  let phase = '';
  let since = performance.now();
  // BENCH_SYNC_TRACE=1 prints how long each phase of a run took, to find where time goes.
  const onProgress = ({ phase: next }: { phase: string }) => {
    if (next === phase || !process.env.BENCH_SYNC_TRACE) return;
    const now = performance.now();
    process.stderr.write(`  ${phase || 'start'}: ${Math.round(now - since)} ms\n`);
    [phase, since] = [next, now];
  };
  const deps = {
    db,
    Pouch: LocalPouch,
    localAdapter: 'memory',
    localPrefix,
    now: tick,
    onProgress,
  };
  return () => syncOnce(deps, to, keys);
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export interface SyncBenchResult {
  first: { annotations: number; ms: number; msPer10k: number }[];
  incremental: { annotations: number; ms: number }[];
}

/** First syncs of `sizes` annotations to an empty profile; 10 changes on the smallest and largest. */
export async function benchSync(sizes: number[], rounds: number): Promise<SyncBenchResult> {
  const server = (await startSyncServer()) as Server;
  const salt = randomSalt();
  const keys = await deriveKeys('bench passphrase', salt);
  const result: SyncBenchResult = { first: [], incremental: [] };
  try {
    for (const size of sizes) {
      const to = await target(server, keys, salt);
      const a = await store();
      await fill(a, size);
      await syncer(a, to, keys)();
      const b = await store();
      const ms = await timed(syncer(b, to, keys));
      result.first.push({ annotations: size, ms, msPer10k: (ms / size) * 10_000 });
      process.stderr.write(`sync bench: first sync of ${size} in ${Math.round(ms)} ms\n`);
      a.close();
      b.close();
    }
    for (const size of [1_000, sizes.at(-1) ?? 1_000]) {
      const to = await target(server, keys, salt);
      const a = await store();
      await fill(a, size);
      const syncA = syncer(a, to, keys);
      const b = await store();
      const syncB = syncer(b, to, keys);
      await syncA();
      await syncB();
      const runs: number[] = [];
      // Round 0 warms the code up and is not counted.
      for (let round = 0; round <= rounds; round++) {
        const edits = Array.from({ length: 10 }, (_, index) => ({
          comment: {
            key: `hn:${1_000_000 + index * 7}`,
            thread: { key: 'hn:0', title: 'bench', url: 'https://news.ycombinator.com/item?id=0' },
            author: 'bench',
            url: 'https://news.ycombinator.com/item?id=1',
            quote: 'bench',
          },
          ops: [{ op: 'tag.add' as const, tag: `round-${round}` }],
        }));
        await editComments(a, edits, tick());
        // Both sides: A sends its 10 changes, B receives them.
        const ms = await timed(async () => {
          await syncA();
          await syncB();
        });
        if (round > 0) runs.push(ms);
      }
      runs.sort((x, y) => x - y);
      result.incremental.push({ annotations: size, ms: runs[Math.floor(runs.length / 2)] ?? 0 });
      a.close();
      b.close();
    }
  } finally {
    await server.stop();
  }
  return result;
}
