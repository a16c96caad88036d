/**
 * A small store as a reader could have it, with text chosen to break careless exports: Markdown
 * and HTML that must stay text, spreadsheet formulas, tabs, CRLF, emoji and other scripts.
 */
import type { ThreadnoteDB } from '../../src/background/schema';
import { commentEntry, userEntry } from '../../src/background/search';
import type { CommentAnnotation, Tag, ThreadRecord, UserAnnotation } from '../../src/shared/model';

export const EXPORTED_AT = '2026-11-29T10:00:00.000Z';

const HN = 'https://news.ycombinator.com';

export const insightfulTag: Tag = {
  name: 'insightful',
  color: '#2f9e44',
  description: 'Worth rereading',
  createdAt: '2026-10-01T08:00:00.000Z',
};

export const fixtureTags: Tag[] = [
  insightfulTag,
  { name: 'follow-up', color: '#1864ab', description: '', createdAt: '2026-10-02T08:00:00.000Z' },
  { name: 'founder', color: '#862e9c', description: '', createdAt: '2026-10-03T08:00:00.000Z' },
  { name: '@sum(1+1)', color: '#c92a2a', description: '', createdAt: '2026-10-04T08:00:00.000Z' },
  {
    name: '[x](javascript:alert(1))',
    color: '#0b7285',
    description: '<b>not bold</b>',
    createdAt: '2026-10-05T08:00:00.000Z',
  },
];

export const kimiThread: ThreadRecord = {
  key: 'hn:44533403',
  title: 'Kimi K2: Open Agentic Intelligence',
  url: `${HN}/item?id=44533403`,
  firstVisitedAt: '2026-11-01T09:00:00.000Z',
  lastVisitedAt: '2026-11-28T21:15:00.000Z',
  seenCommentKeys: ['hn:44536000', 'hn:44534000', 'hn:44535000'],
};

export const fixtureThreads: ThreadRecord[] = [
  kimiThread,
  {
    key: 'hn:36817231',
    title: 'Ask HN: <script>alert(1)</script> [a link](javascript:alert(1)) # and *stars*',
    url: `${HN}/item?id=36817231`,
    firstVisitedAt: '2026-09-12T12:00:00.000Z',
    lastVisitedAt: '2026-11-02T07:30:00.000Z',
    seenCommentKeys: [],
  },
  {
    key: 'hn:40000000',
    title: 'Visited, never annotated',
    url: `${HN}/item?id=40000000`,
    firstVisitedAt: '2026-08-01T00:00:00.000Z',
    lastVisitedAt: '2026-08-01T00:00:00.000Z',
    seenCommentKeys: ['hn:40000001'],
  },
];

function comment(
  id: string,
  thread: string,
  fields: Partial<CommentAnnotation>,
): CommentAnnotation {
  return {
    key: `hn:${id}`,
    thread,
    author: 'motoboi',
    url: `${HN}/item?id=${id}`,
    quote: '',
    note: '',
    tags: [],
    fold: 'none',
    createdAt: '2026-11-02T10:00:00.000Z',
    updatedAt: '2026-11-03T10:00:00.000Z',
    ...fields,
  };
}

export const motoboiComment = comment('44536000', 'hn:44533403', {
  quote: 'What amazes me is why they released it.\n\nSecond paragraph of the comment.',
  note:
    'Ask about the licence <img src=x onerror="alert(1)">\n# not a heading\n- not a list\n' +
    '1. not a list either\n    not code\n\n[click](javascript:alert(1)) and ![img](http://x/y.png)',
  tags: ['insightful', 'follow-up'],
  fold: 'collapsed',
});

export const unicodeComment = comment('36818001', 'hn:36817231', {
  author: 'unicode',
  quote: '@here look',
  note: 'naïve café 🎉 日本語\r\nsecond line\rthird line, "quoted", back\\slash `code`',
  tags: ['insightful'],
});

export const fixtureComments: CommentAnnotation[] = [
  motoboiComment,
  comment('44534000', 'hn:44533403', {
    author: 'csvuser',
    quote: '+1 great point',
    note: '=HYPERLINK("http://evil.example","click me")',
    tags: ['@sum(1+1)'],
  }),
  comment('44535000', 'hn:44533403', {
    author: 'tabby',
    quote: '\tindented with a tab',
    note: '-2+3',
    fold: 'hidden',
    updatedAt: '2026-11-04T10:00:00.000Z',
  }),
  comment('36818000', 'hn:36817231', {
    author: 'obsidian_fan',
    quote: '<b>bold?</b> & &amp; entity',
    note: 'Obsidian: [[wiki link]] #tag %%hidden%% ==mark== $x^2$\n| a | b |\n|---|---|\n| 1 | 2 |',
    tags: ['[x](javascript:alert(1))'],
  }),
  unicodeComment,
];

export const motoboiUser: UserAnnotation = {
  key: 'hn:motoboi',
  name: 'motoboi',
  tags: ['founder'],
  note: 'Knows the codebase *well*; see <https://example.com>',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-05T10:00:00.000Z',
};

export const fixtureUsers: UserAnnotation[] = [
  motoboiUser,
  {
    key: 'hn:sbenitez',
    name: 'sbenitez',
    tags: [],
    note: '=1+1',
    createdAt: '2026-11-01T11:00:00.000Z',
    updatedAt: '2026-11-01T11:00:00.000Z',
  },
];

export async function fillStore(
  db: ThreadnoteDB,
  records: {
    tags?: Tag[];
    threads?: ThreadRecord[];
    comments?: CommentAnnotation[];
    users?: UserAnnotation[];
  },
): Promise<void> {
  // With their search entries, as the worker keeps them.
  const tx = db.transaction(['tags', 'threads', 'comments', 'users', 'search'], 'readwrite');
  await Promise.all([
    ...(records.tags ?? []).map((r) => tx.objectStore('tags').put(r)),
    ...(records.threads ?? []).map((r) => tx.objectStore('threads').put(r)),
    ...(records.comments ?? []).map((r) => tx.objectStore('comments').put(r)),
    ...(records.users ?? []).map((r) => tx.objectStore('users').put(r)),
    ...(records.comments ?? []).map((r) => tx.objectStore('search').put(commentEntry(r))),
    ...(records.users ?? []).map((r) => tx.objectStore('search').put(userEntry(r))),
  ]);
  await tx.done;
}

export function fillFixtureStore(db: ThreadnoteDB): Promise<void> {
  return fillStore(db, {
    tags: fixtureTags,
    threads: fixtureThreads,
    comments: fixtureComments,
    users: fixtureUsers,
  });
}

/** Every record of every store, internal fields and the search index included, as one string. */
export async function dumpStore(db: ThreadnoteDB): Promise<string> {
  const tx = db.transaction(['tags', 'threads', 'comments', 'users', 'search'], 'readonly');
  const [tags, threads, comments, users, search] = await Promise.all([
    tx.objectStore('tags').getAll(),
    tx.objectStore('threads').getAll(),
    tx.objectStore('comments').getAll(),
    tx.objectStore('users').getAll(),
    tx.objectStore('search').getAll(),
  ]);
  return JSON.stringify({ tags, threads, comments, users, search });
}

export const EMPTY_DUMP = JSON.stringify({
  tags: [],
  threads: [],
  comments: [],
  users: [],
  search: [],
});
