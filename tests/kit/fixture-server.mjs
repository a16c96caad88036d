#!/usr/bin/env node
// Serves Threadnote's forum fixture pages over HTTPS on 127.0.0.1 under the forums' real host
// names, so the extension's content scripts, whose match patterns name those hosts, run on them
// as they would on the live sites. Chromium reaches it through chromiumHostArgs(port), Firefox
// through the proxy of startFixtureProxy(port) and firefoxHostPrefs(proxyPort).
//
//   node tests/kit/fixture-server.mjs [port]
//
// tls/ holds a self-signed certificate for news.ycombinator.com, lobste.rs, old.reddit.com,
// www.reddit.com, forum.example.org (a stand-in Discourse forum), localhost and 127.0.0.1. It
// exists only for these tests; its private key is public on purpose and must never be trusted
// anywhere else.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:https';
import { connect } from 'node:net';
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
} from './hn-pages.mjs';
import {
  FILE as DISCOURSE_FILE,
  HOST as DISCOURSE_HOST,
  LATEST_FILE as DISCOURSE_LATEST_FILE,
  SLUG as DISCOURSE_SLUG,
  TOPIC_ID as DISCOURSE_TOPIC_ID,
} from './discourse-page.mjs';
import { renderHostilePage } from './hostile-pages.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ASSET_DIR = join(HERE, 'assets');

/** Host names the certificate covers and chromiumHostArgs() sends to the server. */
export const FIXTURE_HOSTS = [
  'news.ycombinator.com',
  'lobste.rs',
  'old.reddit.com',
  'www.reddit.com',
  DISCOURSE_HOST,
];

// Direct requests (tests using fetch without a host mapping) get the Hacker News routes too.
const HN_HOSTS = new Set(['news.ycombinator.com', 'localhost', '127.0.0.1']);

const HTML = 'text/html; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';

const ASSETS = {
  '/news.css': ['news.css', CSS],
  '/hn.js': ['hn.js', JS],
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
const FIXTURES_ROOT = join(FIXTURE_DIR, '..');
const siteFixture = (path) => join(FIXTURES_ROOT, path);

const LOBSTERS_STORY = 'lobsters/s-tdfoqh-2022-07.html';
const REDDIT_THREAD = 'reddit-old/579v6t-2016-10.html';
const REDDIT_MORE = 'reddit-old/morechildren-d8q6yaj.html';

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
  const hostile = path === '/item' ? renderHostilePage(Number(id)) : null;
  if (hostile) return htmlResponse(hostile);
  if (path === '/threads' && id === 'motoboi' && !query.has('next')) {
    return fileResponse(fixture(FILES.threads), HTML);
  }
  if (path === '/newcomments' && !query.has('next')) {
    return fileResponse(fixture(FILES.newcomments), HTML);
  }
  if (path === '/user' && id) return htmlResponse(renderUserPage(id));
  return htmlResponse(renderNotFoundPage(), 404);
}

const AVATAR_COLOURS = ['#1864ab', '#2b8a3e', '#c92a2a', '#862e9c', '#0b7285', '#8f5a00'];

/** A letter avatar, as forums draw for users without a picture, for any avatar path. */
function avatarResponse(name) {
  const letter = (name.match(/[a-z]/i)?.[0] ?? '?').toUpperCase();
  const colour = AVATAR_COLOURS[[...name].reduce((sum, ch) => sum + ch.charCodeAt(0), 0) % 6];
  return {
    status: 200,
    type: 'image/svg+xml',
    body: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><circle cx="24" cy="24" r="24" fill="${colour}"/><text x="24" y="31" font-family="sans-serif" font-size="22" fill="#fff" text-anchor="middle">${letter}</text></svg>`,
  };
}

async function lobsters(url) {
  const path = url.pathname;
  if (/^\/s\/tdfoqh(\/[^/]*)?$/.test(path)) return fileResponse(siteFixture(LOBSTERS_STORY), HTML);
  // A comment's permalink leads to its place in the story, as on lobste.rs.
  const comment = /^\/c\/([a-z0-9]+)$/.exec(path)?.[1];
  if (comment) {
    return {
      status: 302,
      type: HTML,
      body: '',
      location: `/s/tdfoqh/ranking_comments_by_sum_replies_scores#c_${comment}`,
    };
  }
  if (/^\/assets\/application-[0-9a-f]+\.css$/.test(path)) {
    return fileResponse(join(ASSET_DIR, 'lobsters.css'), CSS);
  }
  const avatar = /^\/avatars\/(.+)-\d+\.png$/.exec(path)?.[1];
  if (avatar) return avatarResponse(avatar);
  return textResponse('Not found\n', 404);
}

// The saved page loads Reddit's own scripts and styles from redditstatic.com, which tests do not
// reach; the server adds its stand-ins for them.
const REDDIT_STAND_INS =
  '<link rel="stylesheet" href="/_fixture/reddit.css"><script src="/_fixture/reddit.js"></script>';

async function reddit(url) {
  const path = url.pathname;
  if (/^\/r\/science\/comments\/579v6t(\/|$)/.test(path)) {
    const page = await readFile(siteFixture(REDDIT_THREAD), 'utf8');
    return htmlResponse(page.replace('</head>', `${REDDIT_STAND_INS}</head>`));
  }
  if (path === '/api/morechildren' && url.searchParams.get('children') === 'd8q6yaj') {
    return fileResponse(siteFixture(REDDIT_MORE), HTML);
  }
  if (path === '/_fixture/reddit.css') return fileResponse(join(ASSET_DIR, 'reddit.css'), CSS);
  if (path === '/_fixture/reddit.js') return fileResponse(join(ASSET_DIR, 'reddit.js'), JS);
  return textResponse('Not found\n', 404);
}

const DISCOURSE_TOPIC = new RegExp(`^/t/${DISCOURSE_SLUG}/${DISCOURSE_TOPIC_ID}(/\\d+)?/?$`);

async function discourse(url) {
  const path = url.pathname;
  if (path === '/' || path === '/latest') {
    return fileResponse(siteFixture(`discourse/${DISCOURSE_LATEST_FILE}`), HTML);
  }
  if (DISCOURSE_TOPIC.test(path))
    return fileResponse(siteFixture(`discourse/${DISCOURSE_FILE}`), HTML);
  if (path === '/stylesheets/desktop_theme.css') {
    return fileResponse(join(ASSET_DIR, 'discourse.css'), CSS);
  }
  if (path === '/assets/discourse-stream.js') {
    return fileResponse(join(ASSET_DIR, 'discourse-stream.js'), JS);
  }
  const avatar = /^\/user_avatar\/[^/]+\/([^/]+)\//.exec(path)?.[1];
  if (avatar) return avatarResponse(avatar);
  return textResponse('Not found\n', 404);
}

const SITES = new Map([
  ['lobste.rs', lobsters],
  ['old.reddit.com', reddit],
  ['www.reddit.com', reddit],
  [DISCOURSE_HOST, discourse],
]);

async function route(req) {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const url = new URL(req.url, `https://${host || 'localhost'}`);
  if (HN_HOSTS.has(host)) return hackerNews(url);
  const site = SITES.get(host);
  if (site) return site(url);
  return textResponse(`The fixture server has no pages for ${host || 'this host'}.\n`, 404);
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
    ...(response.location ? { location: response.location } : {}),
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
 * Switches that keep Chromium from reaching out on its own (first-run pages, component updates,
 * sync, background fetches), which a machine without a network answers with a stream of refused
 * connections. Every Chromium the project starts takes them.
 */
export const QUIET_CHROMIUM_ARGS = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium switches that send every FIXTURE_HOSTS name to the server on `port` (whatever port
 * the URL names, 443 included) and accept its self-signed certificate.
 */
export function chromiumHostArgs(port) {
  const rules = FIXTURE_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`);
  // Anything else the saved pages link to (redditstatic.com, …) fails at once, offline or not;
  // servers the tests start on 127.0.0.1 (the sync server) are reached directly.
  rules.push('EXCLUDE 127.0.0.1', 'MAP * ~NOTFOUND');
  return [`--host-resolver-rules=${rules.join(', ')}`, '--ignore-certificate-errors'];
}

/**
 * Firefox has no host-resolver switch that also changes the port, so it reaches the fixture
 * server through this proxy: it tunnels HTTPS (CONNECT) for the FIXTURE_HOSTS names to the server
 * on `port`, and refuses everything else, as chromiumHostArgs() does. Close it before the server.
 */
export async function startFixtureProxy(port) {
  const hosts = new Set(FIXTURE_HOSTS);
  const sockets = new Set();
  const proxy = createHttpServer((_request, response) => {
    response.writeHead(405).end();
  });
  proxy.on('connect', (request, client, head) => {
    const host = new URL(`https://${request.url}`).hostname;
    if (!hosts.has(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise((resolveListen, reject) => {
    proxy.once('error', reject);
    proxy.listen(0, '127.0.0.1', resolveListen);
  });
  return {
    port: proxy.address().port,
    close: () =>
      new Promise((resolveClose, reject) => {
        for (const socket of sockets) socket.destroy();
        proxy.close((error) => (error ? reject(error) : resolveClose()));
      }),
  };
}

/**
 * Firefox preferences that send HTTPS through the proxy on `proxyPort` (startFixtureProxy). The
 * test certificate is accepted by the WebDriver session (`acceptInsecureCerts`), not by a pref.
 */
export function firefoxHostPrefs(proxyPort) {
  return {
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': false,
    // Plain http gets nowhere: the forums are all https, and nothing else is reachable here.
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    // 127.0.0.1 directly: the sync tests' CouchDB-protocol server listens there on plain http.
    'network.proxy.no_proxies_on': '127.0.0.1',
    'network.proxy.allow_hijacking_localhost': false,
  };
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
  const others = [
    'https://lobste.rs/s/tdfoqh/ranking_comments_by_sum_replies_scores',
    'https://old.reddit.com/r/science/comments/579v6t/science_ama_series_hi_reddit_im_phil_klotzbach_a/',
    `https://${DISCOURSE_HOST}/t/${DISCOURSE_SLUG}/${DISCOURSE_TOPIC_ID}`,
  ];
  console.log(`Fixture server listening on ${server.origin}\n`);
  console.log('Directly (certificate for 127.0.0.1 and localhost):');
  for (const page of pages) console.log(`  ${server.origin}${page}`);
  console.log('\nAs https://news.ycombinator.com in a Chromium started with:');
  for (const arg of chromiumHostArgs(server.port)) console.log(`  '${arg}'`);
  for (const page of pages) console.log(`  https://news.ycombinator.com${page}`);
  console.log('\nAnd the other forums, in that browser:');
  for (const page of others) console.log(`  ${page}`);
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
