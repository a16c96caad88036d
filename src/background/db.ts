import { openDB, type IDBPDatabase } from 'idb';
import { migrations as allMigrations, type Migration } from './migrations';
import type { ThreadnoteDB } from './schema';

export const DB_NAME = 'threadnote';

/** Opens the database at the version the migration list reaches, running the missing steps. */
export function openWithMigrations(
  name: string,
  migrations: readonly Migration[],
): Promise<IDBPDatabase<unknown>> {
  return openDB<unknown>(name, migrations.length, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let version = oldVersion; version < (newVersion ?? migrations.length); version++) {
        migrations[version]?.(db, tx);
      }
    },
    blocking(_current, _next, event) {
      // A newer worker wants to upgrade: let it, and reopen on the next call.
      (event.target as IDBDatabase).close();
      cached = null;
    },
  });
}

let cached: Promise<ThreadnoteDB> | null = null;

/**
 * The worker can be stopped between any two messages, so this is only a connection cache:
 * everything that matters is in IndexedDB. A failed open is not kept: with the disk full or the
 * backing store broken, the next request tries again, so freeing space heals Threadnote without
 * restarting its worker. An open connection is kept even while writes fail for want of space:
 * that failure is each transaction's, and the next one may succeed.
 */
export function database(): Promise<ThreadnoteDB> {
  if (cached) return cached;
  const opening = openWithMigrations(DB_NAME, allMigrations).then((db) => {
    const typed = db as unknown as ThreadnoteDB;
    typed.addEventListener('close', () => {
      if (cached === opening) cached = null;
    });
    return typed;
  });
  cached = opening;
  opening.catch(() => {
    if (cached === opening) cached = null;
  });
  return opening;
}

/**
 * Runs `work` inside `tx` and waits for the commit. When `work` fails, the transaction is aborted,
 * so none of its writes are kept, and the caller gets the failure (the commit's own failure, such
 * as a full disk, arrives the same way); no rejection is left unobserved.
 */
export async function committed<T>(
  tx: { abort(): void; done: Promise<void> },
  work: () => Promise<T>,
): Promise<T> {
  const done = tx.done;
  let result: T;
  try {
    result = await work();
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished, or aborted by the failure itself: nothing of it was committed.
    }
    await done.catch(() => undefined);
    throw error;
  }
  await done;
  return result;
}
