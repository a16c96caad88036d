import { discourse } from './discourse';
import { hackerNews } from './hacker-news';
import { lobsters } from './lobsters';
import { classicReddit } from './reddit';
import type { ForumEngine, SiteAdapter } from './types';

/**
 * Every forum Threadnote knows. A forum on fixed hosts is one adapter file plus one line in
 * `adapters`; forum software that runs on any host is one file plus one line in `engines`.
 */
export const adapters: readonly SiteAdapter[] = [hackerNews, lobsters, classicReddit];
export const engines: readonly ForumEngine[] = [discourse];

function hostOfPattern(pattern: string): string {
  return /^https:\/\/([^/]+)\//.exec(pattern)?.[1] ?? '';
}

/** Hosts of the fixed adapters: an engine never claims them, whatever their paths look like. */
const fixedHosts = new Set(adapters.flatMap((adapter) => adapter.matches.map(hostOfPattern)));

export function parseUrl(href: string): URL | null {
  try {
    return new URL(href);
  } catch {
    return null;
  }
}

/** The engine whose thread pages the URL looks like, on a host no fixed adapter owns. */
export function engineForUrl(href: string): ForumEngine | null {
  const url = parseUrl(href);
  if (!url || fixedHosts.has(url.hostname)) return null;
  return engines.find((engine) => engine.looksLike(url)) ?? null;
}

/**
 * The adapter for a page. For an engine this is only the URL's shape: callers that act on it
 * (the worker) also check that the reader enabled the host.
 */
export function adapterForUrl(href: string): SiteAdapter | null {
  const url = parseUrl(href);
  if (!url) return null;
  const fixed = adapters.find((adapter) => adapter.handles(url));
  if (fixed) return fixed;
  return engineForUrl(href)?.forHost(url.host) ?? null;
}

/**
 * The forums a content script on this page may speak for: the fixed forum that owns the host, or
 * on any other https host every engine's adapter for it. Whatever the page's path: forum engines
 * move between pages without loading one, so a script started on a topic list may be on a topic
 * now, and the other way round.
 */
export function adaptersOfHost(href: string): SiteAdapter[] {
  const url = parseUrl(href);
  if (!url || url.protocol !== 'https:') return [];
  const fixed = fixedAdapterOfHost(url);
  if (fixed || url.port !== '') return fixed ? [fixed] : [];
  return engines.map((engine) => engine.forHost(url.host));
}

/** The fixed forum whose host this is (any page of it), or null. */
export function fixedAdapterOfHost(url: URL): SiteAdapter | null {
  return (
    adapters.find((adapter) =>
      adapter.matches.some((pattern) => hostOfPattern(pattern) === url.hostname),
    ) ?? null
  );
}

/** The adapter behind a key prefix: `hn`, or `discourse/forum.example.org`. */
export function adapterForSite(site: string): SiteAdapter | null {
  const fixed = adapters.find((adapter) => adapter.site === site);
  if (fixed) return fixed;
  const slash = site.indexOf('/');
  if (slash < 0) return null;
  const engine = engines.find((candidate) => candidate.engine === site.slice(0, slash));
  const host = site.slice(slash + 1);
  return engine && host && !fixedHosts.has(host) ? engine.forHost(host) : null;
}

/** "Hacker News", or "Discourse (forum.example.org)" for a host of a forum engine. */
export function siteLabel(site: string): string {
  return adapterForSite(site)?.name ?? site;
}

/** The host permission Threadnote asks for to run on one host of a forum engine. */
export function hostPattern(host: string): string {
  return `https://${host}/*`;
}

/** Whether a key prefix belongs to an engine, whose hosts are enabled one by one. */
export function isEngineSite(site: string): boolean {
  return engines.some((engine) => site.startsWith(`${engine.engine}/`));
}
