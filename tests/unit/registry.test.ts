import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discourse } from '../../src/sites/discourse';
import { hackerNews } from '../../src/sites/hacker-news';
import {
  adapterForSite,
  adapterForUrl,
  adaptersOfHost,
  adapters,
  engineForUrl,
  engines,
  isEngineSite,
} from '../../src/sites/registry';
import type { SiteAdapter } from '../../src/sites/types';
import { expectConsistentTree } from './adapter-checks';
import { fixturesDir, loadPage } from './load-page';

/** Each forum's saved pages and its own tests. A new adapter needs a line here. */
const COVERAGE: Record<string, { fixtures: string; test: string; sample: string }> = {
  hn: {
    fixtures: 'hn',
    test: 'hacker-news.test.ts',
    sample: 'https://news.ycombinator.com/item?id=44533403',
  },
  lobsters: {
    fixtures: 'lobsters',
    test: 'lobsters.test.ts',
    sample: 'https://lobste.rs/s/tdfoqh/ranking_comments_by_sum_replies_scores',
  },
  reddit: {
    fixtures: 'reddit-old',
    test: 'reddit.test.ts',
    sample: 'https://old.reddit.com/r/science/comments/579v6t/science_ama_series/',
  },
  discourse: {
    fixtures: 'discourse',
    test: 'discourse.test.ts',
    sample: 'https://forum.example.org/t/offline-first-sync-crdts-or-server-authoritative/4242',
  },
};

const registered: { name: string; adapter: SiteAdapter }[] = [
  ...adapters.map((adapter) => ({ name: adapter.site, adapter })),
  ...engines.map((engine) => ({
    name: engine.engine,
    adapter: engine.forHost('forum.example.org'),
  })),
];

// The generated bench pages (hn/bench-*.html, written by npm run bench and the fixture server)
// are checked by bench/annotations.mjs instead, as in hacker-news.test.ts.
const htmlFiles = (dir: string) =>
  readdirSync(join(fixturesDir, dir)).filter(
    (file) => file.endsWith('.html') && !file.startsWith('bench-'),
  );

const allFixtures = Object.values(COVERAGE).flatMap(({ fixtures }) =>
  htmlFiles(fixtures).map((file) => `${fixtures}/${file}`),
);

describe('adapter registry', () => {
  it('registers every adapter module in src/sites/', () => {
    const modules = import.meta.glob<Record<string, unknown>>('../../src/sites/*.ts', {
      eager: true,
    });
    const exported = Object.values(modules).flatMap((module) => Object.values(module));
    const forums = exported.filter(
      (value) =>
        typeof value === 'object' && value !== null && ('handles' in value || 'forHost' in value),
    );
    expect(forums).toHaveLength(adapters.length + engines.length);
    for (const forum of forums) expect([...adapters, ...engines]).toContain(forum);
  });

  it('has saved pages and a test file for every forum', () => {
    expect(registered.map(({ name }) => name).sort()).toEqual(Object.keys(COVERAGE).sort());
    for (const { name } of registered) {
      const coverage = COVERAGE[name];
      expect(coverage, name).toBeDefined();
      expect(htmlFiles(coverage?.fixtures ?? '').length, name).toBeGreaterThan(0);
      expect(existsSync(join(process.cwd(), 'tests/unit', coverage?.test ?? '')), name).toBe(true);
      const readme = readFileSync(join(fixturesDir, 'README.md'), 'utf8');
      for (const file of htmlFiles(coverage?.fixtures ?? '')) {
        expect(readme, `${file} is described in the fixtures README`).toContain(file);
      }
    }
  });

  it('declares in the manifest exactly the pages the adapters read', () => {
    const manifest = JSON.parse(readFileSync(join(process.cwd(), 'manifest.json'), 'utf8')) as {
      content_scripts: { matches: string[] }[];
      host_permissions: string[];
      optional_host_permissions: string[];
    };
    const patterns = adapters.flatMap((adapter) => [...adapter.matches]).sort();
    expect(manifest.content_scripts.flatMap((script) => script.matches).sort()).toEqual(patterns);
    expect([...manifest.host_permissions].sort()).toEqual(patterns);
    // Engines' hosts are asked for one by one, at run time; so is a sync server, which may also
    // be plain http on this machine.
    expect(manifest.optional_host_permissions).toEqual([
      'https://*/*',
      'http://localhost/*',
      'http://127.0.0.1/*',
    ]);
  });

  it('finds the adapter of a page', () => {
    for (const [name, { sample }] of Object.entries(COVERAGE)) {
      const adapter = adapterForUrl(sample);
      expect(adapter?.site.split('/')[0], sample).toBe(name);
    }
    expect(adapterForUrl('https://news.ycombinator.com/newcomments')).toBe(hackerNews);
    expect(adapterForUrl('https://www.reddit.com/r/a/comments/b1c2/d/')?.site).toBe('reddit');
    expect(adapterForUrl('https://forum.example.org/t/x/1')).toBe(
      discourse.forHost('forum.example.org'),
    );
  });

  it('finds nothing for other pages, and never lets an engine claim a forum’s host', () => {
    for (const url of [
      'http://news.ycombinator.com.evil.example/item?id=1',
      'http://forum.example.org/t/x/1',
      'https://forum.example.org/latest',
      'https://lobste.rs/t/meta/1',
      'https://old.reddit.com/t/x/1',
      'not a url',
    ]) {
      expect(adapterForUrl(url), url).toBeNull();
    }
    expect(engineForUrl('https://lobste.rs/t/meta/1')).toBeNull();
    expect(engineForUrl('https://news.ycombinator.com/t/x/1')).toBeNull();
    expect(engineForUrl('https://forum.example.org/t/x/1')).toBe(discourse);
  });

  it('knows which forums a page’s host may speak for, whatever its path', () => {
    const sites = (href: string) => adaptersOfHost(href).map((adapter) => adapter.site);
    expect(sites('https://lobste.rs/recent')).toEqual(['lobsters']);
    expect(sites('https://www.reddit.com/')).toEqual(['reddit']);
    expect(sites('https://forum.example.org/latest')).toEqual(['discourse/forum.example.org']);
    expect(sites('http://forum.example.org/latest')).toEqual([]);
    expect(sites('https://forum.example.org:8443/t/x/1')).toEqual([]);
    expect(sites('not a url')).toEqual([]);
  });

  it('finds the adapter behind a key prefix', () => {
    expect(adapterForSite('hn')).toBe(hackerNews);
    expect(adapterForSite('discourse/forum.example.org')).toBe(
      discourse.forHost('forum.example.org'),
    );
    expect(adapterForSite('discourse/lobste.rs')).toBeNull();
    expect(adapterForSite('discourse/')).toBeNull();
    expect(adapterForSite('nntp/example.org')).toBeNull();
    expect(adapterForSite('nope')).toBeNull();
    expect(isEngineSite('discourse/forum.example.org')).toBe(true);
    expect(isEngineSite('hn')).toBe(false);
  });
});

describe('every adapter on every saved page', () => {
  it.each(
    registered.flatMap(({ name, adapter }) =>
      allFixtures.map((file) => [name, file, adapter] as const),
    ),
  )('%s reads %s without throwing', (name, file, adapter) => {
    const sample = COVERAGE[name]?.sample;
    if (!sample)
      throw new Error(`${name} has no line in COVERAGE (docs/adding-a-forum.md, step 5)`);
    const url = new URL(sample);
    const page = adapter.parsePage(loadPage(file), url);
    expectConsistentTree(page, adapter.site);
    if (!file.startsWith(`${COVERAGE[name]?.fixtures}/`)) {
      // Another forum's markup is not this forum's comments.
      expect(page.comments).toEqual([]);
    }
  });
});
