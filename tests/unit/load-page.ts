import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Vitest runs from the project root; the test DOM's URL cannot resolve file paths.
export const fixturesDir = join(process.cwd(), 'tests/fixtures/');

/** A saved page as the browser would have parsed it, in the test's DOM. */
export function loadPage(relativePath: string): Document {
  const html = readFileSync(`${fixturesDir}${relativePath}`, 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

export function pageFromHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
