/**
 * The sync database on the reader's server: opening it, and checking the passphrase against it
 * before anything is written on either side. Two documents there have fixed ids: the salt (with
 * the PBKDF2 iterations), readable by any device so it can derive the keys, and the key check,
 * sealed with those keys. Every other document is a sealed record under an HMAC id.
 */
import type { PouchDatabase, PouchStatic } from 'pouchdb-core';
import {
  PBKDF2_ITERATIONS,
  deriveKeys,
  opensKeyCheck,
  randomSalt,
  sealKeyCheck,
  type Sealed,
  type SyncKeys,
} from './crypto';

export const SALT_ID = 'threadnote-salt';
export const KEY_CHECK_ID = 'threadnote-key-check';

export interface SyncTarget {
  /** The server's URL, e.g. `https://couch.example.org:6984`. */
  url: string;
  database: string;
  username: string;
  password: string;
}

/** Why a sync could not go on; `code` picks the message the reader sees. */
export class SyncError extends Error {
  constructor(
    readonly code: 'passphrase' | 'auth' | 'missing' | 'network' | 'server',
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export function remoteDatabase(Pouch: PouchStatic, target: SyncTarget): PouchDatabase {
  const base = target.url.replace(/\/+$/, '');
  return new Pouch(`${base}/${encodeURIComponent(target.database)}`, {
    adapter: 'http',
    skip_setup: true,
    ...(target.username ? { auth: { username: target.username, password: target.password } } : {}),
  });
}

interface PouchFailure {
  status?: number;
  name?: string;
  message?: string;
}

/** Turns what PouchDB throws for a request into the reader's terms. */
export function describeFailure(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  const failure = (error ?? {}) as PouchFailure;
  if (failure.status === 401 || failure.status === 403) {
    return new SyncError('auth', 'The server refused the username or password.');
  }
  if (failure.status === 404) {
    return new SyncError('missing', 'The sync database does not exist on the server.');
  }
  if (typeof failure.status === 'number' && failure.status >= 500) {
    return new SyncError('server', `The server failed (${failure.status}).`);
  }
  return new SyncError(
    'network',
    `The server could not be reached${failure.message ? `: ${failure.message}` : '.'}`,
  );
}

async function getOrNull(remote: PouchDatabase, id: string) {
  try {
    return await remote.get(id);
  } catch (error) {
    if ((error as PouchFailure).status === 404) return null;
    throw error;
  }
}

/**
 * The keys for this database and passphrase. The first device to sync writes the salt and the
 * key check; every later one must open the key check, or it is refused before writing anything.
 */
export async function unlock(
  remote: PouchDatabase,
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<SyncKeys> {
  try {
    await remote.info();
    let saltDoc = await getOrNull(remote, SALT_ID);
    if (!saltDoc) {
      const salt = randomSalt();
      const keys = await deriveKeys(passphrase, salt, iterations);
      const written = await remote.bulkDocs([
        { _id: SALT_ID, salt, iterations },
        { _id: KEY_CHECK_ID, ...(await sealKeyCheck(keys)) },
      ]);
      // Another device wrote them first: use its salt, like any later device.
      if (written.every((result) => !result.error)) return keys;
      saltDoc = await remote.get(SALT_ID);
    }
    const keys = await deriveKeys(
      passphrase,
      String(saltDoc['salt']),
      Number(saltDoc['iterations']) || iterations,
    );
    const check = await getOrNull(remote, KEY_CHECK_ID);
    if (!check || !(await opensKeyCheck(keys, check as unknown as Sealed))) {
      throw new SyncError(
        'passphrase',
        'This passphrase does not open the sync database. Use the one you chose on your first device.',
      );
    }
    return keys;
  } catch (error) {
    throw describeFailure(error);
  }
}
