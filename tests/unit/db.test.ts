import { describe, expect, it } from 'vitest';
import { DB_NAME, database } from '../../src/background/db';
import { migrations } from '../../src/background/migrations';

/** Opens the worker's database at a version above the worker's, as a newer build would leave it. */
function openNewer(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, migrations.length + 1);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

function deleteDatabase(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

describe('database()', () => {
  it('tries again after a failed open instead of keeping the failure', async () => {
    // The worker's open fails for real: the stored database is of a version it cannot open.
    await openNewer();
    await expect(database()).rejects.toMatchObject({ name: 'VersionError' });
    await expect(database()).rejects.toMatchObject({ name: 'VersionError' });

    // Once the cause is gone, the next call opens it, without restarting the worker.
    await deleteDatabase();
    const db = await database();
    expect(db.version).toBe(migrations.length);
    expect(await database()).toBe(db);
    expect(await db.count('comments')).toBe(0);
  });
});
