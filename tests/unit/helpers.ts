import { migrations } from '../../src/background/migrations';
import { openWithMigrations, type ThreadnoteDB } from '../../src/background/db';
import type { ThreadRef } from '../../src/shared/model';

let counter = 0;

/** A fresh database per test, opened exactly as the worker opens it. */
export async function freshDatabase(): Promise<ThreadnoteDB> {
  counter++;
  return (await openWithMigrations(`test-${counter}-${Date.now()}`, migrations)) as ThreadnoteDB;
}

export const thread: ThreadRef = {
  key: 'hn:44533403',
  title: 'Kimi K2: Open Agentic Intelligence',
  url: 'https://news.ycombinator.com/item?id=44533403',
};

export function commentRef(id: string, author = 'motoboi', quote = 'What amazes me is why…') {
  return {
    key: `hn:${id}`,
    thread,
    author,
    url: `https://news.ycombinator.com/item?id=${id}`,
    quote,
  };
}
