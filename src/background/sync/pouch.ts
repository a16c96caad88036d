/** PouchDB as the worker uses it: its IndexedDB adapter, HTTP to the server, and replication. */
import PouchDB from 'pouchdb-core';
import indexeddb from 'pouchdb-adapter-indexeddb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';

export const Pouch = PouchDB.plugin(indexeddb).plugin(http).plugin(replication);
export const LOCAL_ADAPTER = 'indexeddb';
