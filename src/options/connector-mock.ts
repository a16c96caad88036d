/**
 * The options connector's twin without a browser: a store with two threads and one tag, the
 * built-in sites and one enabled Discourse host, answering from memory. Component tests start
 * from it and override what they examine.
 */
import type { DataOverview } from '../shared/messages';
import { DEFAULT_SETTINGS } from '../shared/model';
import type { OptionsConnector, SiteSetting } from './connector';

export const MOCK_OVERVIEW: DataOverview = {
  totals: { threads: 40, comments: 12, users: 2, tags: 3 },
  threads: [
    {
      key: 'hn:1',
      title: 'Ask HN: <img src=x onerror=alert(1)>',
      url: 'https://news.ycombinator.com/item?id=1',
      firstVisitedAt: '2026-11-01T10:00:00.000Z',
      lastVisitedAt: '2026-11-29T10:00:00.000Z',
      comments: 7,
    },
    {
      key: 'hn:2',
      title: 'Show HN: something',
      url: 'https://news.ycombinator.com/item?id=2',
      firstVisitedAt: '2026-11-01T10:00:00.000Z',
      lastVisitedAt: '2026-11-28T10:00:00.000Z',
      comments: 5,
    },
  ],
  tags: [
    {
      name: 'insightful',
      color: '#2b8a3e',
      description: '',
      createdAt: '2026-11-01T10:00:00.000Z',
      comments: 4,
      users: 0,
    },
  ],
};

export const MOCK_SITES: SiteSetting[] = [
  { site: 'hn', name: 'Hacker News', kind: 'built-in', on: true },
  { site: 'lobsters', name: 'Lobsters', kind: 'built-in', on: false },
  { site: 'reddit', name: 'Reddit (classic)', kind: 'built-in', on: true },
  {
    site: 'discourse/forum.example.org',
    name: 'Discourse (forum.example.org)',
    kind: 'enabled-host',
    on: true,
  },
];

export function mockOptionsConnector(overrides: Partial<OptionsConnector> = {}): OptionsConnector {
  return {
    sites: async () => MOCK_SITES,
    setSiteOn: async () => undefined,
    forgetHost: async () => undefined,
    shortcuts: async () => [{ description: 'Open the Threadnote popup', shortcut: 'Alt+Shift+T' }],
    openShortcutSettings: async () => true,
    version: () => '0.1.0',
    storageUsed: async () => 3_400_000,
    tags: async () => MOCK_OVERVIEW.tags.map(({ comments: _c, users: _u, ...tag }) => tag),
    usage: async () => [{ name: 'insightful', comments: 4, users: 0 }],
    settings: async () => DEFAULT_SETTINGS,
    updateTag: async (name, patch) => ({
      name,
      color: patch.color ?? '#2b8a3e',
      description: patch.description ?? '',
      createdAt: '2026-11-01T10:00:00.000Z',
    }),
    renameTag: async () => ({ comments: 4, users: 0 }),
    mergeTags: async () => ({ comments: 4, users: 0 }),
    deleteTag: async () => ({ comments: 4, users: 0 }),
    setQuickTags: async (quickTags) => ({ ...DEFAULT_SETTINGS, quickTags }),
    setTagNamesInPage: async (tagNamesInPage) => ({ ...DEFAULT_SETTINGS, tagNamesInPage }),
    overview: async () => MOCK_OVERVIEW,
    exportFile: async (format) => ({
      fileName: `threadnote-2026-11-29.${format === 'markdown' ? 'md' : format}`,
      counts: { threads: 1, comments: 12, users: 2, tags: 3 },
    }),
    checkImport: async () => ({ kind: 'invalid', problems: [], more: 0 }),
    applyImport: async () => ({ kind: 'invalid', problems: [], more: 0 }),
    wipe: async () => ({ threads: 40, comments: 12, users: 2, tags: 3 }),
    ...overrides,
  };
}
