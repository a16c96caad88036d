// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { editComments } from '../../src/background/edits';
import {
  PBKDF2_ITERATIONS,
  deriveKeys,
  documentId,
  opensKeyCheck,
  randomSalt,
  seal,
  sealKeyCheck,
  unseal,
} from '../../src/background/sync/crypto';
import { SyncError } from '../../src/background/sync/remote';
import { commentRef } from './helpers';
import { createDatabase, device, serverDocuments, serverForSuite, tick } from './sync-kit';

vi.setConfig({ testTimeout: 120_000 });

const server = serverForSuite();

describe('sync encryption', () => {
  it('seals with AES-GCM under a PBKDF2 key, names documents by HMAC, and refuses another key', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const salt = randomSalt();
    const keys = await deriveKeys('passphrase one', salt);
    const again = await deriveKeys('passphrase one', salt);
    const other = await deriveKeys('passphrase two', salt);
    const sealed = await seal(keys, { note: 'hello' });
    expect(sealed.data).not.toContain('hello');
    expect(await unseal(again, sealed)).toEqual({ note: 'hello' });
    await expect(unseal(other, sealed)).rejects.toThrow();
    // Same record, same id on every device with the passphrase; another passphrase, another id.
    expect(await documentId(keys, 'comment:hn:1')).toBe(await documentId(again, 'comment:hn:1'));
    expect(await documentId(keys, 'comment:hn:1')).not.toBe(
      await documentId(other, 'comment:hn:1'),
    );
    expect(await documentId(keys, 'comment:hn:1')).toMatch(/^[0-9a-f]{64}$/);
    const check = await sealKeyCheck(keys);
    expect(await opensKeyCheck(again, check)).toBe(true);
    expect(await opensKeyCheck(other, check)).toBe(false);
  });

  it('refuses a wrong passphrase before writing anything on either side', async () => {
    const target = await createDatabase(server, 'wrong-passphrase');
    const a = await device(target, 'the right one');
    await editComments(
      a.db,
      [{ comment: commentRef('1'), ops: [{ op: 'tag.add', tag: 'x' }] }],
      tick(),
    );
    await a.sync();
    const before = await serverDocuments(target);
    const refused = device(target, 'a wrong one');
    await expect(refused).rejects.toBeInstanceOf(SyncError);
    await expect(refused).rejects.toMatchObject({ code: 'passphrase' });
    expect(await serverDocuments(target)).toBe(before);
  });

  it('says the server is unreachable while it is down, keeps local edits, and catches up', async () => {
    const target = await createDatabase(server, 'server-down');
    const a = await device(target, 'offline');
    const b = await device(target, 'offline');
    await server.down();
    try {
      await editComments(
        a.db,
        [
          {
            comment: commentRef('2'),
            ops: [{ op: 'note.set', note: 'written offline', base: '' }],
          },
        ],
        tick(),
      );
      await expect(a.sync()).rejects.toMatchObject({ code: 'network' });
      expect((await a.db.get('comments', 'hn:2'))?.note).toBe('written offline');
    } finally {
      await server.up();
    }
    await a.sync();
    await b.sync();
    expect((await b.db.get('comments', 'hn:2'))?.note).toBe('written offline');
  });
});
