/**
 * Sync as the worker runs it: settings and keys kept in `syncMeta` (so a stopped worker loses
 * nothing), one run at a time, failures backed off, and what arrived told to open tabs. The keys
 * are non-extractable CryptoKeys stored as they are: the passphrase itself is never kept.
 */
import type { PouchStatic } from 'pouchdb-core';
import type { SyncStatus, SyncTargetSettings } from '../../shared/messages';
import type { ThreadnoteDB } from '../schema';
import type { Applied } from './apply';
import type { SyncKeys } from './crypto';
import { SyncError, remoteDatabase, unlock } from './remote';
import { syncOnce, type SyncProgress } from './replicate';

export interface SyncServiceDeps {
  database: () => Promise<ThreadnoteDB>;
  now: () => string;
  Pouch: PouchStatic;
  localAdapter: string;
  /** Tells open tabs what arrived. */
  announce: (applied: Applied) => void;
}

interface SyncConfig {
  on: boolean;
  target: SyncTargetSettings;
}
interface SyncRecord {
  lastSyncAt: string | null;
  error: { code: string; message: string } | null;
  failures: number;
  retryAt: string | null;
}

const IDLE: SyncRecord = { lastSyncAt: null, error: null, failures: 0, retryAt: null };
/** Backoff after failures: 1, 2, 4… minutes, at most an hour. */
const MAX_BACKOFF_MS = 60 * 60_000;

let running: Promise<SyncStatus> | null = null;
let progress: SyncProgress | null = null;

async function read<T>(db: ThreadnoteDB, key: string): Promise<T | undefined> {
  return (await db.get('syncMeta', key)) as T | undefined;
}

export async function syncStatus(deps: SyncServiceDeps): Promise<SyncStatus> {
  const db = await deps.database();
  const [config, record = IDLE] = await Promise.all([
    read<SyncConfig>(db, 'config'),
    read<SyncRecord>(db, 'status'),
  ]);
  return {
    on: config?.on ?? false,
    target: config
      ? {
          url: config.target.url,
          database: config.target.database,
          username: config.target.username,
        }
      : null,
    running: running !== null,
    lastSyncAt: record.lastSyncAt,
    error: record.error,
    retryAt: record.retryAt,
    progress: running && progress ? { ...progress } : null,
  };
}

/**
 * Turns sync on: the passphrase must open the database's key check (or, on the first device,
 * sets it), else nothing is stored and the reader is told why. Then a first run starts.
 */
export async function enableSync(
  deps: SyncServiceDeps,
  target: SyncTargetSettings,
  passphrase: string,
): Promise<SyncStatus> {
  const keys = await unlock(remoteDatabase(deps.Pouch, target), passphrase);
  const db = await deps.database();
  const tx = db.transaction('syncMeta', 'readwrite');
  await Promise.all([
    tx.store.put({ on: true, target } satisfies SyncConfig, 'config'),
    tx.store.put(keys, 'keys'),
    tx.store.put(IDLE, 'status'),
  ]);
  await tx.done;
  void runSync(deps, { force: true });
  return syncStatus(deps);
}

/** Turns sync off: records stay, keys are forgotten, no request goes out until it is on again. */
export async function disableSync(deps: SyncServiceDeps): Promise<SyncStatus> {
  const db = await deps.database();
  const config = await read<SyncConfig>(db, 'config');
  const tx = db.transaction('syncMeta', 'readwrite');
  if (config) await tx.store.put({ ...config, on: false }, 'config');
  await tx.store.delete('keys');
  await tx.done;
  return syncStatus(deps);
}

/**
 * One run, unless one is already going (then its result). `force` (Sync now, turning on) ignores
 * the backoff after failures; alarms and edits respect it.
 */
export function runSync(
  deps: SyncServiceDeps,
  { force = false }: { force?: boolean } = {},
): Promise<SyncStatus> {
  if (running) return running;
  const run = attempt(deps, force).finally(() => {
    running = null;
    progress = null;
  });
  running = run;
  return run;
}

async function attempt(deps: SyncServiceDeps, force: boolean): Promise<SyncStatus> {
  const db = await deps.database();
  const [config, keys, record = IDLE] = await Promise.all([
    read<SyncConfig>(db, 'config'),
    read<SyncKeys>(db, 'keys'),
    read<SyncRecord>(db, 'status'),
  ]);
  if (!config?.on || !keys) return syncStatus(deps);
  if (!force && record.retryAt && record.retryAt > deps.now()) return syncStatus(deps);
  let next: SyncRecord;
  try {
    const result = await syncOnce(
      {
        db,
        Pouch: deps.Pouch,
        localAdapter: deps.localAdapter,
        now: deps.now,
        onProgress: (step) => {
          progress = step;
        },
      },
      config.target,
      keys,
    );
    deps.announce(result.applied);
    next = { ...IDLE, lastSyncAt: deps.now() };
  } catch (error) {
    const failure =
      error instanceof SyncError ? error : new SyncError('server', errorMessage(error));
    const failures = record.failures + 1;
    const wait = Math.min(60_000 * 2 ** (failures - 1), MAX_BACKOFF_MS);
    next = {
      lastSyncAt: record.lastSyncAt,
      error: { code: failure.code, message: failure.message },
      failures,
      retryAt: new Date(Date.parse(deps.now()) + wait).toISOString(),
    };
  }
  await db.put('syncMeta', next, 'status');
  return syncStatus(deps);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
