import { openDB, type IDBPDatabase } from 'idb';
import { migrations as allMigrations, type Migration } from './migrations';
import type { ThreadnoteSchema } from './schema';

export const DB_NAME = 'threadnote';
export type ThreadnoteDB = IDBPDatabase<ThreadnoteSchema>;

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
 * everything that matters is in IndexedDB.
 */
export function database(): Promise<ThreadnoteDB> {
  cached ??= openWithMigrations(DB_NAME, allMigrations).then((db) => {
    const typed = db as unknown as ThreadnoteDB;
    typed.addEventListener('close', () => {
      cached = null;
    });
    return typed;
  });
  return cached;
}
