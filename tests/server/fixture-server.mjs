#!/usr/bin/env node
// Serves Threadnote's forum fixture pages over HTTPS on 127.0.0.1 under the forums' real host
// names, so the extension's content scripts, whose match patterns name those hosts, run on them
// as they would on the live sites. Browsers reach it through chromiumHostArgs(port).
//
//   node tests/server/fixture-server.mjs [port]
//
// tls/ holds a self-signed certificate for news.ycombinator.com, lobste.rs, old.reddit.com,
// www.reddit.com, localhost and 127.0.0.1. It exists only for these tests; its private key is
// public on purpose and must never be trusted anywhere else.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  BENCH_PAGES,
  BENCH_STORY_ID,
  FILES,
  FIXTURE_DIR,
  LEGACY_STORY_ID,
  MOTOBOI_COMMENT_ID,
  STORY_ID,
  SUBTHREAD_STORY_ID,
  renderFrontPage,
  renderNotFoundPage,
  renderUserPage,
  writeBenchPage,
} from '../../scripts/hn-pages.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ASSET_DIR = join(HERE, 'assets');

/** Host names the certificate covers and chromiumHostArgs() sends to the server. */
export const FIXTURE_HOSTS = [
  'news.ycombinator.com',
  'lobste.rs',
  'old.reddit.com',
  'www.reddit.com',
];

// Direct requests (tests using fetch without a host mapping) get the Hacker News routes too.
const HN_HOSTS = new Set(['news.ycombinator.com', 'localhost', '127.0.0.1']);

const HTML = 'text/html; charset=utf-8';

const ASSETS = {
  '/news.css': ['news.css', 'text/css; charset=utf-8'],
  '/hn.js': ['hn.js', 'text/javascript; charset=utf-8'],
  '/s.gif': ['s.gif', 'image/gif'],
  '/y18.svg': ['y18.svg', 'image/svg+xml'],
  '/favicon.ico': ['y18.svg', 'image/svg+xml'],
  '/triangle.svg': ['triangle.svg', 'image/svg+xml'],
};

const ITEMS = new Map([
  [LEGACY_STORY_ID, FILES.legacy],
  [STORY_ID, FILES.story],
  [MOTOBOI_COMMENT_ID, FILES.comment],
  [BENCH_STORY_ID, FILES.bench],
  [SUBTHREAD_STORY_ID, FILES.benchSubthread],
]);

const fixture = (name) => join(FIXTURE_DIR, name);

// Pages are read on every request so that regenerating them needs no restart.
async function fileResponse(path, type) {
  return { status: 200, type, body: await readFile(path) };
}

const htmlResponse = (body, status = 200) => ({ status, type: HTML, body });
const textResponse = (body, status) => ({ status, type: 'text/plain; charset=utf-8', body });

async function hackerNews(url) {
  const { pathname: path, searchParams: query } = url;
  const id = query.get('id');
  if (ASSETS[path]) {
    const [name, type] = ASSETS[path];
    return fileResponse(join(ASSET_DIR, name), type);
  }
  if (path === '/' || path === '/news') return htmlResponse(renderFrontPage());
  if (path === '/item' && ITEMS.has(Number(id))) {
    const name = ITEMS.get(Number(id));
    // The benchmark pages are 5 MB generated files kept out of git; build them on first use.
    if (Object.hasOwn(BENCH_PAGES, name) && !existsSync(fixture(name))) {
      writeBenchPage(fixture(name), BENCH_PAGES[name]);
    }
    return fileResponse(fixture(name), HTML);
  }
  if (path === '/threads' && id === 'motoboi' && !query.has('next')) {
    return fileResponse(fixture(FILES.threads), HTML);
  }
  if (path === '/newcomments' && !query.has('next')) {
    return fileResponse(fixture(FILES.newcomments), HTML);
  }
  if (path === '/user' && id) return htmlResponse(renderUserPage(id));
  return htmlResponse(renderNotFoundPage(), 404);
}

async function route(req) {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const url = new URL(req.url, `https://${host || 'localhost'}`);
  if (HN_HOSTS.has(host)) return hackerNews(url);
  return textResponse(`The fixture server has no pages for ${host || 'this host'} yet.\n`, 404);
}

async function respond(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return textResponse('Method not allowed\n', 405);
  }
  try {
    return await route(req);
  } catch (error) {
    return textResponse(`${error.stack}\n`, 500);
  }
}

async function handle(req, res) {
  const response = await respond(req);
  const body = Buffer.from(response.body);
  res.writeHead(response.status, {
    'content-type': response.type,
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Starts the server on 127.0.0.1. `port` 0 picks a free one. `origin` is the server's direct
 * address; a browser started with chromiumHostArgs(port) reaches the same pages at
 * https://news.ycombinator.com/ and the other FIXTURE_HOSTS.
 */
export async function startFixtureServer({ port = 0 } = {}) {
  const [key, cert] = await Promise.all([
    readFile(join(HERE, 'tls/key.pem')),
    readFile(join(HERE, 'tls/cert.pem')),
  ]);
  const server = createServer({ key, cert }, handle);
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolveListen);
  });
  const actualPort = server.address().port;
  return {
    port: actualPort,
    origin: `https://127.0.0.1:${actualPort}`,
    close: () =>
      new Promise((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Chromium switches that send every FIXTURE_HOSTS name to the server on `port` (whatever port
 * the URL names, 443 included) and accept its self-signed certificate.
 */
export function chromiumHostArgs(port) {
  const rules = FIXTURE_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ');
  return [`--host-resolver-rules=${rules}`, '--ignore-certificate-errors'];
}

async function main() {
  const server = await startFixtureServer({ port: Number(process.argv[2] ?? 0) });
  const pages = [
    '/',
    `/item?id=${STORY_ID}`,
    `/item?id=${MOTOBOI_COMMENT_ID}`,
    `/item?id=${LEGACY_STORY_ID}`,
    `/item?id=${BENCH_STORY_ID}`,
    `/item?id=${SUBTHREAD_STORY_ID}`,
    '/threads?id=motoboi',
    '/newcomments',
    '/user?id=motoboi',
  ];
  console.log(`Fixture server listening on ${server.origin}\n`);
  console.log('Directly (certificate for 127.0.0.1 and localhost):');
  for (const page of pages) console.log(`  ${server.origin}${page}`);
  console.log('\nAs https://news.ycombinator.com in a Chromium started with:');
  for (const arg of chromiumHostArgs(server.port)) console.log(`  '${arg}'`);
  for (const page of pages) console.log(`  https://news.ycombinator.com${page}`);
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
