// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, probe } from '../../src/background/sync/probe';
import { startServer, type TestServer } from './sync-kit';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

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
});
