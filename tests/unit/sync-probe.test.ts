// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createDatabase, probe } from '../../src/background/sync/probe';
import { Pouch } from '../../src/background/sync/pouch';
import { remoteDatabase, unlock } from '../../src/background/sync/remote';
import { startSyncServer } from '../sync-server/server.mjs';
import { serverForSuite, type TestServer } from './sync-kit';

const server = serverForSuite();

describe('Test connection', () => {
  it('says the database is missing, creates it, then finds it reachable', async () => {
    const target = { url: server.url, database: 'probed', username: '', password: '' };
    expect(await probe(target)).toMatchObject({ status: 'missing' });
    expect(await createDatabase(target)).toMatchObject({ status: 'reachable' });
    expect(await probe(target)).toMatchObject({ status: 'reachable' });
  });

  it('says there is no answer while the server is down', async () => {
    const target = { url: server.url, database: 'probed', username: '', password: '' };
    await server.down();
    try {
      const result = await probe(target);
      expect(result.status).toBe('network');
      expect(result.message).toContain(server.url);
    } finally {
      await server.up();
    }
  });

  it('says the server refused a wrong password, and nothing is written', async () => {
    const guarded = (await startSyncServer({ admins: { admin: 'right password' } })) as TestServer;
    const basic = (password: string) =>
      `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
    const asAdmin = (path: string, method = 'GET') =>
      fetch(`${guarded.url}/${path}`, {
        method,
        headers: { authorization: basic('right password') },
      });
    try {
      expect((await asAdmin('guarded', 'PUT')).status).toBe(201);
      const wrong = {
        url: guarded.url,
        database: 'guarded',
        username: 'admin',
        password: 'wrong password',
      };
      expect(await probe(wrong)).toMatchObject({
        status: 'auth',
        message: 'The server refused the username or password.',
      });
      expect(await createDatabase({ ...wrong, database: 'another' })).toMatchObject({
        status: 'auth',
      });
      // Turning sync on reads the salt first: refused, before any key check or salt is written.
      await expect(
        unlock(remoteDatabase(Pouch, wrong), 'a passphrase long enough'),
      ).rejects.toMatchObject({ code: 'auth' });
      expect(await (await asAdmin('guarded')).json()).toMatchObject({ doc_count: 0 });
      expect((await asAdmin('another')).status).toBe(404);
      expect(await probe({ ...wrong, password: 'right password' })).toMatchObject({
        status: 'reachable',
      });
    } finally {
      await guarded.stop();
    }
  });
});
