/**
 * Devices for sync tests: each a Threadnote store (fake-indexeddb, opened as the worker opens it)
 * with the worker's PouchDB, syncing through a real CouchDB-protocol server in this process.
 */
import { afterAll, beforeAll } from 'vitest';
import { syncOnce, type SyncRunResult } from '../../src/background/sync/replicate';
import { unlock, remoteDatabase, type SyncTarget } from '../../src/background/sync/remote';
import type { SyncKeys } from '../../src/background/sync/crypto';
import { Pouch } from '../../src/background/sync/pouch';
import memory from 'pouchdb-adapter-memory';
import type { ThreadnoteDB } from '../../src/background/schema';
import { freshDatabase } from './helpers';
import { startSyncServer } from '../sync-server/server.mjs';

export interface TestServer {
  url: string;
  stop(): Promise<void>;
  down(): Promise<void>;
  up(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  return (await startSyncServer()) as TestServer;
}

/** One server for a test file: started before its tests, stopped after them. */
export function serverForSuite(): TestServer {
  let started: TestServer | undefined;
  beforeAll(async () => {
    started = await startServer();
  });
  afterAll(async () => {
    await started?.stop();
  });
  const current = (): TestServer => {
    if (!started) throw new Error('The sync server has not started yet.');
    return started;
  };
  return {
    get url() {
      return current().url;
    },
    stop: () => current().stop(),
    down: () => current().down(),
    up: () => current().up(),
  };
}

/** Creates the database on the server, as the reader does once (or Settings → Sync offers). */
export async function createDatabase(server: TestServer, name: string): Promise<SyncTarget> {
  const response = await fetch(`${server.url}/${name}`, { method: 'PUT' });
  if (!response.ok) throw new Error(`Could not create ${name}: ${response.status}`);
  return { url: server.url, database: name, username: '', password: '' };
}

export interface Device {
  db: ThreadnoteDB;
  keys: SyncKeys;
  sync(): Promise<SyncRunResult>;
}

// The worker's IndexedDB adapter defers its writes past fake-indexeddb's transactions, so in Node
// each device's PouchDB keeps its documents in memory; the browser tests run the real adapter.
const LocalPouch = Pouch.plugin(memory);
let devices = 0;

let clock = Date.parse('2026-12-01T00:00:00.000Z');
/** A clock every device shares, one millisecond a step, so "newest" is always well defined. */
export function tick(): string {
  clock += 1;
  return new Date(clock).toISOString();
}

/** A new device; `known` skips the key derivation where a test already has the keys. */
export async function device(
  target: SyncTarget,
  passphrase: string,
  known?: SyncKeys,
): Promise<Device> {
  const db = await freshDatabase();
  const keys = known ?? (await unlock(remoteDatabase(LocalPouch, target), passphrase));
  const localPrefix = `device-${++devices}-`;
  const deps = { db, Pouch: LocalPouch, localAdapter: 'memory', localPrefix, now: tick };
  return { db, keys, sync: () => syncOnce(deps, target, keys) };
}

/** Every document the server holds, as anyone who can read its HTTP API sees it. */
export async function serverDocuments(target: SyncTarget): Promise<string> {
  const response = await fetch(
    `${target.url}/${target.database}/_all_docs?include_docs=true&conflicts=true`,
  );
  return response.text();
}
