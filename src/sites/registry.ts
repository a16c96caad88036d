import { hackerNews } from './hacker-news';
import type { SiteAdapter } from './types';

/** Every forum Threadnote knows. A new forum is one adapter file plus one line here. */
export const adapters: readonly SiteAdapter[] = [hackerNews];

export function adapterForUrl(href: string): SiteAdapter | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  return adapters.find((adapter) => adapter.handles(url)) ?? null;
}

export function adapterForSite(site: string): SiteAdapter | null {
  return adapters.find((adapter) => adapter.site === site) ?? null;
}

export const allMatchPatterns: string[] = adapters.flatMap((adapter) => [...adapter.matches]);
