/**
 * The popup connector's twin without a browser: a Hacker News thread with a few annotations and
 * two listed threads, answering from memory. Component tests start from it and override what
 * they examine.
 */
import type { PageInfo, ThreadListPage, ThreadSummary } from '../shared/messages';
import type { CurrentPage, PopupConnector } from './connector';

export const MOCK_THREAD = {
  key: 'hn:44533403',
  title: 'Kimi K2: Open Agentic Intelligence',
  url: 'https://news.ycombinator.com/item?id=44533403',
};

export const MOCK_PAGE: PageInfo = {
  site: 'hn',
  siteName: 'Hacker News',
  thread: MOCK_THREAD,
  comments: 31,
  enabledHost: null,
  commentKeys: ['hn:44533404', 'hn:44533410', 'hn:44533420'],
  newComments: 3,
  taggedUsers: 1,
};

export const MOCK_SUMMARY: ThreadSummary = {
  thread: {
    ...MOCK_THREAD,
    firstVisitedAt: '2026-11-01T10:00:00.000Z',
    lastVisitedAt: '2026-11-29T10:00:00.000Z',
  },
  counts: { annotated: 4, tagged: 2, noted: 3, collapsed: 1, hidden: 1 },
  tags: [
    { name: 'insightful', color: '#1864ab', comments: 2 },
    { name: 'follow-up', color: '#2b8a3e', comments: 1 },
  ],
  annotations: [
    {
      key: 'hn:44533410',
      author: 'motoboi',
      note: 'Compare with the DeepSeek paper',
      quote: 'What amazes me is why…',
      url: 'https://news.ycombinator.com/item?id=44533410',
      tags: ['insightful', 'follow-up'],
      fold: 'none',
      updatedAt: '2026-11-29T10:00:00.000Z',
    },
    {
      key: 'hn:44533404',
      author: 'simonw',
      note: '',
      quote: 'I ran it on my laptop',
      url: 'https://news.ycombinator.com/item?id=44533404',
      tags: ['insightful'],
      fold: 'collapsed',
      updatedAt: '2026-11-28T10:00:00.000Z',
    },
    {
      key: 'hn:44533420',
      author: 'pg',
      note: 'Reply later',
      quote: 'Interesting',
      url: 'https://news.ycombinator.com/item?id=44533420',
      tags: [],
      fold: 'hidden',
      updatedAt: '2026-11-27T10:00:00.000Z',
    },
    {
      key: 'hn:44533499',
      author: 'ghost',
      note: 'Said the opposite yesterday',
      quote: 'This comment was edited away',
      url: 'https://news.ycombinator.com/item?id=44533499',
      tags: [],
      fold: 'none',
      updatedAt: '2026-11-26T10:00:00.000Z',
    },
  ],
};

export const MOCK_THREADS: ThreadListPage = {
  total: 2,
  next: null,
  threads: [
    {
      key: MOCK_THREAD.key,
      site: 'hn',
      title: MOCK_THREAD.title,
      url: MOCK_THREAD.url,
      activityAt: '2026-11-29T10:00:00.000Z',
      counts: MOCK_SUMMARY.counts,
      tags: MOCK_SUMMARY.tags,
      moreTags: 0,
    },
    {
      key: 'lobsters:abc123',
      site: 'lobsters',
      title: 'Why SQLite uses bytecode',
      url: 'https://lobste.rs/s/abc123',
      activityAt: '2026-11-20T10:00:00.000Z',
      counts: { annotated: 1, tagged: 0, noted: 1, collapsed: 0, hidden: 0 },
      tags: [],
      moreTags: 0,
    },
  ],
};

export function mockPopupConnector(overrides: Partial<PopupConnector> = {}): PopupConnector {
  const current: CurrentPage = { tabId: 7, page: MOCK_PAGE };
  return {
    open: async () => ({
      tabId: current.tabId,
      state: {
        page: current.page,
        summary: MOCK_SUMMARY,
        threads: MOCK_THREADS,
        storageTrouble: null,
      },
    }),
    listThreads: async ({ site, tag }) => {
      const threads = MOCK_THREADS.threads.filter(
        (thread) =>
          (site === null || thread.site === site) &&
          (tag === null || thread.tags.some((chip) => chip.name === tag)),
      );
      return { total: site === null && tag === null ? threads.length : null, next: null, threads };
    },
    listedSites: async () => ['hn', 'lobsters'],
    listTags: async () =>
      MOCK_SUMMARY.tags.map(({ name, color }) => ({
        name,
        color,
        description: '',
        createdAt: '2026-11-01T10:00:00.000Z',
      })),
    enableOffer: async () => null,
    enableSite: async () => ({ status: 'no-access' }),
    disableSite: async () => undefined,
    bulkFold: async () => ({ changed: 0, canUndo: false }),
    filter: async () => ({ matches: 0 }),
    search: async () => [],
    show: async () => undefined,
    nextNew: async () => ({ key: 'hn:44533420', position: 1, total: 3 }),
    openThread: async () => undefined,
    exportThread: async (key, format) => `threadnote-2026-11-29-${key}.${format}`,
    openOptions: async () => undefined,
    ...overrides,
  };
}
