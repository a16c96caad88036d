/**
 * The demo's annotations on the demo thread (Hacker News's saved Kimi K2 story), stored the way
 * the extension's own pages store them: worker calls (`comments.edit`, `user.edit`) sent from an
 * extension page of the demo profile. Their names say they are the demo's, so nobody takes them
 * for their own. The open thread follows at once, and the demo opens Threadnote's panel on the
 * annotated comment with the keyboard, as a reader would (T on a focused comment).
 */
import { waitForThread } from '../tests/kit/launcher.mjs';

const ROWS = 'tr.athing.comtr';
const THREAD_KEY = 'hn:44533403';
/** motoboi's comment: the one the product was imagined on. */
const NOTED = '44536000';
const TAGS = ['demo-insightful', 'demo-follow-up'];
const NOTE =
  'Demo note, written by `npm start` in its own demo profile. Hover any comment and click ' +
  '✎ Threadnote to tag it, write a note or fold its replies.';
const USER = 'hollowbit';
const USER_TAG = 'demo-expert';

/** The rows of the page as the worker's comment references need them, with their subtrees. */
function readRows(selector) {
  const rows = [...document.querySelectorAll(selector)];
  const indent = (row) => Number(row.querySelector('td.ind')?.getAttribute('indent') ?? 0);
  return rows.map((row, index) => {
    let end = index + 1;
    while (end < rows.length && indent(rows[end]) > indent(row)) end++;
    return {
      id: row.id,
      author: row.querySelector('a.hnuser')?.textContent ?? '',
      quote: (row.querySelector('.commtext')?.textContent ?? '').trim(),
      top: indent(row) === 0,
      // HN folds some subthreads itself (`coll`): the demo leaves those as HN shows them.
      foldedByHn: row.classList.contains('coll'),
      subtree: rows.slice(index, end).map((r) => r.id),
    };
  });
}

/**
 * Stores the demo annotations through the extension and opens the panel on the noted comment.
 * Returns one line per annotation, for the console.
 * @param {import('../tests/kit/launcher.mjs').ChromiumSession} session
 * @param {import('playwright-core').Page} page The demo thread, loaded.
 * @returns {Promise<string[]>}
 */
export async function seedDemo(session, page) {
  await waitForThread(page, ROWS);
  const rows = await page.evaluate(readRows, ROWS);
  const title = (await page.locator('.titleline > a').first().textContent()) ?? 'Hacker News';
  const thread = { key: THREAD_KEY, title, url: page.url() };
  const ref = (row) => ({
    key: `hn:${row.id}`,
    thread,
    author: row.author,
    url: `https://news.ycombinator.com/item?id=${row.id}`,
    quote: row.quote,
  });
  const noted = rows.find((row) => row.id === NOTED);
  if (!noted) throw new Error(`The demo thread has no comment ${NOTED}.`);
  // Two top-level subthreads with replies, away from the noted comment, to collapse and hide.
  const [collapsed, hidden] = rows.filter(
    (row) => row.top && !row.foldedByHn && row.subtree.length >= 3 && !row.subtree.includes(NOTED),
  );
  if (!collapsed || !hidden) throw new Error('The demo thread has too few subthreads to fold.');

  const requests = [
    {
      type: 'comments.edit',
      payload: {
        edits: [
          {
            comment: ref(noted),
            ops: [
              ...TAGS.map((tag) => ({ op: 'tag.add', tag })),
              { op: 'note.set', note: NOTE, base: '' },
            ],
          },
          { comment: ref(collapsed), ops: [{ op: 'fold.set', fold: 'collapsed' }] },
          { comment: ref(hidden), ops: [{ op: 'fold.set', fold: 'hidden' }] },
        ],
      },
    },
    {
      type: 'user.edit',
      payload: {
        user: { key: `hn:${USER}`, name: USER },
        ops: [{ op: 'tag.add', tag: USER_TAG }],
      },
    },
  ];
  const extensionPage = await session.context.newPage();
  await extensionPage.goto(`chrome-extension://${session.extensionId}/src/popup/index.html`);
  const failures = await extensionPage.evaluate(async (messages) => {
    const failed = [];
    for (const message of messages) {
      const answer = await globalThis.chrome.runtime.sendMessage({ threadnote: 1, ...message });
      if (!answer?.ok) failed.push(`${message.type}: ${answer?.error?.message ?? 'no answer'}`);
    }
    return failed;
  }, requests);
  await extensionPage.close();
  if (failures.length > 0) throw new Error(`The demo annotations failed: ${failures.join('; ')}`);

  // The open thread follows the worker's push; then the reader's T opens the panel.
  await page.bringToFront();
  await page.locator(`[data-tn-comment="hn:${NOTED}"][data-tn-note]`).waitFor();
  await page.locator(`[data-tn-comment="hn:${hidden.id}"][data-tn-fold="hidden"]`).waitFor({
    state: 'attached',
  });
  await page.locator(`tr[id="${NOTED}"]`).evaluate((row) => {
    row.setAttribute('tabindex', '-1');
    row.focus();
  });
  await page.keyboard.press('t');
  await page.waitForFunction(
    (id) => document.activeElement?.closest?.(`[id="${id}"]`) !== null,
    NOTED,
  );

  return [
    `tags ${TAGS.join(', ')} and a note on ${noted.author}'s comment (item?id=${NOTED})`,
    `user tag ${USER_TAG} on ${USER}`,
    `collapsed: ${collapsed.author}'s subthread (${collapsed.subtree.length - 1} replies)`,
    `hidden: ${hidden.author}'s subthread (listed in the bar at the top)`,
  ];
}
