/**
 * Each forum made dark the way its readers make it dark, for the look tests and
 * `npm run screenshots`: Lobsters and Discourse follow `prefers-color-scheme`, classic Reddit's
 * night mode is a class on the root, and Hacker News has no dark theme: only an add-on such as
 * Dark Reader darkens it, with a stylesheet that darkens every background.
 */

/** What Dark Reader's dynamic mode does to Hacker News. */
export const DARK_READER_CSS =
  'html, body, table, td, tr { background-color: #181a1b !important; color: #d8d4cf !important; }';

/**
 * @param {import('playwright-core').Page} page
 * @param {'hn' | 'lobsters' | 'reddit' | 'discourse'} forum
 * @returns {Promise<void>}
 */
export async function darken(page, forum) {
  if (forum === 'hn') await page.addStyleTag({ content: DARK_READER_CSS });
  else if (forum === 'reddit') {
    await page.evaluate(() => document.documentElement.classList.add('res-nightmode'));
  } else await page.emulateMedia({ colorScheme: 'dark' });
}
