/**
 * The sync figures, run in Node (bench/sync.mjs loads this through Vite's module runner): each
 * device a Threadnote store on fake-indexeddb, opened as the worker opens it, with PouchDB's
 * memory adapter for its local sync database, syncing through express-pouchdb on 127.0.0.1. The
 * engine, crypto and merge are the extension's own code; only the storage engines differ from a
 * browser's.
 */
import 'fake-indexeddb/auto';
import { PerformanceObserver } from 'node:perf_hooks';
import memory from 'pouchdb-adapter-memory';
import { openWithMigrations } from '../src/background/db';
import { editComments } from '../src/background/edits';
import { migrations } from '../src/background/migrations';
import type { ThreadnoteDB } from '../src/background/schema';
import { deriveKeys, randomSalt, sealKeyCheck, type SyncKeys } from '../src/background/sync/crypto';
import { Pouch } from '../src/background/sync/pouch';
import { KEY_CHECK_ID, SALT_ID, type SyncTarget } from '../src/background/sync/remote';
import { localName, syncOnce } from '../src/background/sync/replicate';
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

/**
 * Frees a store and its device's local sync database. Everything here lives in this one heap, so
 * a size's leftovers would make the garbage collector's work, and so each later size's time per
 * record, grow with every size measured before it.
 */
async function drop(db: ThreadnoteDB, device: Syncer): Promise<void> {
  db.close();
  await new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(db.name);
    request.onsuccess = resolve;
    request.onerror = () => reject(request.error);
  });
  await device.destroyLocal();
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

interface Syncer {
  /** One sync run; `phases` holds how long each of its phases took, in ms. */
  run(): Promise<Record<string, number>>;
  destroyLocal(): Promise<void>;
}

function syncer(db: ThreadnoteDB, to: SyncTarget, keys: SyncKeys): Syncer {
  const localPrefix = `bench-device-${++serial}-`;
  return {
    async run() {
      const phases: Record<string, number> = {};
      let phase = 'start';
      let since = performance.now();
      const onProgress = ({ phase: next }: { phase: string }) => {
        if (next === phase) return;
        const now = performance.now();
        phases[phase] = (phases[phase] ?? 0) + now - since;
        [phase, since] = [next, now];
      };
      await syncOnce(
        { db, Pouch: LocalPouch, localAdapter: 'memory', localPrefix, now: tick, onProgress },
        to,
        keys,
      );
      phases[phase] = (phases[phase] ?? 0) + performance.now() - since;
      // BENCH_SYNC_TRACE=1 prints how long each phase of a run took, to find where time goes.
      if (process.env.BENCH_SYNC_TRACE) {
        const parts = Object.entries(phases).map(([name, ms]) => `${name} ${Math.round(ms)} ms`);
        process.stderr.write(`  ${parts.join(', ')}\n`);
      }
      return phases;
    },
    async destroyLocal() {
      const name = `${localPrefix}${await localName(keys, to)}`;
      await new LocalPouch(name, { adapter: 'memory' }).destroy();
    },
  };
}

/**
 * Runs `work`, and says how long it took, how much CPU time this process spent meanwhile (the run,
 * the in-process server and the collector: on a shared machine the figure load changes least),
 * and how much of it the garbage collector took.
 */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ ms: number; cpuMs: number; gcMs: number; value: T }> {
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  // GC entries are delivered asynchronously: let the last ones arrive.
  await new Promise((resolve) => setTimeout(resolve, 0));
  observer.disconnect();
  return { ms, cpuMs, gcMs, value };
}

export interface FirstSync {
  annotations: number;
  ms: number;
  msPer10k: number;
  /** The process's CPU time per 10,000 (user and system). */
  cpuMsPer10k: number;
  /** Of `ms`, the garbage collector's pauses. */
  gcMs: number;
  /** Per phase of the receiving profile's run (replicating, receiving), ms per 10,000. */
  phasesPer10k: Record<string, number>;
}

export interface SyncBenchResult {
  first: FirstSync[];
  incremental: { annotations: number; ms: number }[];
}

/** Deletes a database on the server (the server shares this process's heap). */
async function dropTarget(to: SyncTarget): Promise<void> {
  await fetch(`${to.url}/${to.database}`, { method: 'DELETE' });
}

interface Pair {
  a: ThreadnoteDB;
  b: ThreadnoteDB;
  syncA: Syncer;
  syncB: Syncer;
  to: SyncTarget;
}

/** A profile of `size` annotations sent to a new server database, and an empty second profile. */
async function pair(server: Server, keys: SyncKeys, salt: string, size: number): Promise<Pair> {
  const to = await target(server, keys, salt);
  const a = await store();
  await fill(a, size);
  const syncA = syncer(a, to, keys);
  await syncA.run();
  const b = await store();
  return { a, b, syncA, syncB: syncer(b, to, keys), to };
}

async function dropPair({ a, b, syncA, syncB, to }: Pair): Promise<void> {
  await drop(a, syncA);
  await drop(b, syncB);
  await dropTarget(to);
}

/** Median time of 10 changes made on A, sent by A and received by B, after a warm-up round. */
async function incremental({ a, syncA, syncB }: Pair, rounds: number): Promise<number> {
  const runs: number[] = [];
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
    const { ms } = await measured(async () => {
      await syncA.run();
      await syncB.run();
    });
    if (round > 0) runs.push(ms);
  }
  runs.sort((x, y) => x - y);
  return runs[Math.floor(runs.length / 2)] ?? 0;
}

/**
 * First syncs of `sizes` annotations to an empty profile; 10 changes on 1,000 annotations and on
 * the largest size (on the profiles of its first sync, which saves filling and syncing it twice).
 */
export async function benchSync(sizes: number[], rounds: number): Promise<SyncBenchResult> {
  const server = (await startSyncServer()) as Server;
  const salt = randomSalt();
  const keys = await deriveKeys('bench passphrase', salt);
  const result: SyncBenchResult = { first: [], incremental: [] };
  try {
    const small = await pair(server, keys, salt, 1_000);
    await small.syncB.run();
    result.incremental.push({ annotations: 1_000, ms: await incremental(small, rounds) });
    await dropPair(small);
    for (const size of sizes) {
      const devices = await pair(server, keys, salt, size);
      const { ms, cpuMs, gcMs, value: phases } = await measured(() => devices.syncB.run());
      const per10k = (value: number) => (value / size) * 10_000;
      result.first.push({
        annotations: size,
        ms,
        msPer10k: per10k(ms),
        cpuMsPer10k: per10k(cpuMs),
        gcMs,
        phasesPer10k: Object.fromEntries(
          Object.entries(phases).map(([name, value]) => [name, per10k(value)]),
        ),
      });
      process.stderr.write(
        `sync bench: first sync of ${size} in ${Math.round(ms)} ms ` +
          `(CPU ${Math.round(cpuMs)} ms, GC ${Math.round(gcMs)} ms)\n`,
      );
      if (size === sizes.at(-1)) {
        result.incremental.push({ annotations: size, ms: await incremental(devices, rounds) });
      }
      // Freed before the next size: leftovers would make the collector's work, and so each later
      // size's time per record, grow with every size measured before it.
      await dropPair(devices);
    }
  } finally {
    await server.stop();
  }
  return result;
}
