/**
 * A CouchDB-protocol server for tests: express-pouchdb over in-memory PouchDB, in this process,
 * on 127.0.0.1 and a port the system picks. CORS is off unless asked for, as on a fresh CouchDB,
 * so the browser tests can check that Threadnote names the missing setting.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';

let serial = 0;

/**
 * Starts a server; `cors: true` answers browsers from any origin, as CouchDB's
 * `[chttpd] enable_cors` with `[cors] origins = *` does. `admins` (name → password) turns on
 * CouchDB's authentication, as `[admins]` in local.ini does: a request with a wrong name or
 * password is refused with 401. Returns its URL and `stop()`.
 * @param {{ cors?: boolean, admins?: Record<string, string> }} [options]
 */
export async function startSyncServer({ cors = false, admins = {} } = {}) {
  serial++;
  // Each server its own in-memory databases: a prefix keeps them apart inside one process. The
  // plugin call changes the one PouchDB class the process shares with the clients under test,
  // which bring their own HTTP and replication plugins: only the memory adapter is added here.
  const Server = PouchDB.plugin(memory).defaults({
    adapter: 'memory',
    prefix: `sync-server-${process.pid}-${serial}-`,
  });
  const app = express();
  if (cors) {
    app.use((request, response, next) => {
      const origin = request.headers.origin;
      if (origin) {
        response.setHeader('Access-Control-Allow-Origin', origin);
        response.setHeader('Access-Control-Allow-Credentials', 'true');
        response.setHeader(
          'Access-Control-Allow-Headers',
          'accept, authorization, content-type, origin, referer',
        );
        response.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, HEAD, DELETE');
      }
      if (request.method === 'OPTIONS') response.status(204).end();
      else next();
    });
  }
  const authenticating = Object.keys(admins).length > 0;
  // Authentication makes `_users` a system database, whose protection wraps `db.replicate.to`:
  // the class needs the replication plugin, unless a client in this process added it already
  // (it defines a property that cannot be defined twice).
  if (authenticating && !('replicate' in PouchDB.prototype)) PouchDB.plugin(replication);
  const couch = expressPouchDB(Server, {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
    // Authentication is the one part of the full mode needed: it reads admins from the config
    // and checks each request's Basic credentials against them (and the `_users` database).
    ...(authenticating
      ? {
          overrideMode: {
            include: ['config-infrastructure', 'logging-infrastructure', 'routes/authentication'],
          },
          logPath: join(tmpdir(), `threadnote-sync-server-${process.pid}-${serial}.log`),
        }
      : {}),
  });
  // As CouchDB does with `[admins]`, the config stores each password hashed (PBKDF2).
  for (const [name, password] of Object.entries(admins)) {
    await new Promise((resolve) => couch.couchConfig.set('admins', name, password, resolve));
  }
  app.use('/', couch);
  const sockets = new Set();
  const listen = (port) =>
    new Promise((resolve) => {
      const listening = app.listen(port, '127.0.0.1', () => resolve(listening));
      listening.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
    });
  let server = await listen(0);
  const { port } = server.address();
  /** Stops answering at once: open connections are cut, as when a server goes down. */
  async function down() {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(() => resolve(undefined)));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    down,
    /** Answers again on the same port, with the databases it had. */
    async up() {
      server = await listen(port);
    },
    stop: down,
  };
}
