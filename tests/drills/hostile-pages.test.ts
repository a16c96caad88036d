/**
 * Drill hostile-pages: Hacker News's story page, made hostile by a script of its own before
 * Threadnote reads it: a comment body 10,000 elements deep, a 100,000-deep subtree in another
 * comment, an author name of 300 characters. Counts the comments Threadnote marks, whether `x`
 * and `h` still fold those comments, page crashes and Threadnote's console errors. Then the
 * page's scripts forge what a reader does (attributes, key presses, clicks): no stored record
 * may change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { openThread, waitForThread } from '../kit/chromium';
import {
  ChangeLog,
  ROWS,
  STORY,
  currentRow,
  drillBrowser,
  report,
  setQuickTags,
  sleep,
  startOnFirstComment,
  step,
  watchAttributes,
} from './drill';

/**
 * The page's own script: runs as the page is parsed, before Threadnote reads the comments. The
 * deep parts are out of layout (display: none) because Chromium's renderer crashes laying out
 * visible elements 5,000 deep, with or without Threadnote; Threadnote's walks meet them all the
 * same (a comment's text holds the deep body's).
 */
/** How long a fold key may take to show: on the plain story page it takes milliseconds. */
const FOLD_TIMEOUT_MS = 3_000;

/** Keys a page forges: a quick tag, hide, collapse all, collapse, the panel, the note editor. */
const FORGED_KEYS = ['1', 'h', 'X', 'x', 't', 'n'];

const HOSTILE_SCRIPT = `<script>
(() => {
  const rows = document.querySelectorAll('tr.athing.comtr');
  const deep = (parent, depth, text) => {
    let node = parent.appendChild(document.createElement('span'));
    node.style.display = 'none';
    for (let i = 0; i < depth; i++) node = node.appendChild(document.createElement('span'));
    node.textContent = text;
  };
  rows[0].querySelector('a.hnuser').textContent = 'w'.repeat(300);
  deep(rows[1].querySelector('.commtext'), 10000, 'the bottom of a 10,000-deep comment body');
  deep(rows[2].querySelector('div.comment'), 100000, 'the bottom of a 100,000-deep subtree');
})();
</script>`;

// Each test starts from an empty profile: a fold one leaves on a hostile comment must not
// decide whether the other's page loads.
const browser = drillBrowser({}, { each: true });

/** What went wrong on the hostile pages opened so far. */
interface Problems {
  crashes: number;
  /** Warnings and errors Threadnote logged. */
  errors: string[];
}

async function openHostile(problems: Problems): Promise<Page> {
  const page = await browser().session.context.newPage();
  page.on('crash', () => problems.crashes++);
  page.on('console', (message) => {
    const fromExtension = message.location().url.startsWith('chrome-extension://');
    const isProblem = message.type() === 'error' || message.type() === 'warning';
    if (isProblem && (fromExtension || message.text().includes('Threadnote'))) {
      problems.errors.push(message.text());
    }
  });
  const html = readFileSync(
    join(process.cwd(), 'tests/fixtures/hn/item-44533403-story-2025-07.html'),
    'utf8',
  ).replace('</body>', `${HOSTILE_SCRIPT}</body>`);
  await page.route(
    (url) => url.searchParams.has('hostile'),
    (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.bringToFront();
  await page.goto(`${STORY}&hostile`);
  return page;
}

/** Moves the reader with `j`/`k` until it is on comment `id`; false if it never gets there. */
async function goTo(page: Page, id: string, rows: number): Promise<boolean> {
  let direction: 'j' | 'k' = 'j';
  for (let i = 0; i < 2 * rows && (await currentRow(page)) !== id; i++) {
    direction = await step(page, direction);
  }
  return (await currentRow(page)) === id;
}

/** What the store holds, as text to compare. */
async function snapshot(): Promise<Map<string, string>> {
  const records = [
    ...(await browser().inspector.comments()).values(),
    ...(await browser().inspector.users()).values(),
  ];
  return new Map(records.map((record) => [record.key, JSON.stringify(record)]));
}

/**
 * How many comment rows the page has and Threadnote marked, the three hostile comments' ids and
 * the first plain one's.
 */
function countRows(page: Page) {
  return page.evaluate((selector) => {
    const rows = [...document.querySelectorAll(selector)];
    return {
      rows: rows.length,
      marked: rows.filter((row) => row.hasAttribute('data-tn-comment')).length,
      hostile: rows.slice(0, 3).map((row) => row.id),
      plain: rows[3]?.id ?? '',
    };
  }, ROWS);
}

it('marks hostile comments and folds them with x and h', async () => {
  const problems: Problems = { crashes: 0, errors: [] };
  const page = await openHostile(problems);
  const ready = await waitForThread(page, ROWS).then(
    () => true,
    () => false,
  );
  const counts = await countRows(page);

  // `x` collapses and expands each hostile comment, `h` hides it and `u` brings it back: a key
  // worked when the page then showed the fold it asks for.
  const sequence = [
    ['x', 'collapsed'],
    ['x', null],
    ['h', 'hidden'],
    ['u', null],
  ] as const;
  const keys = counts.hostile.length * sequence.length;
  let keysWorked = 0;
  await watchAttributes(page);
  const log = new ChangeLog(page);
  try {
    await startOnFirstComment(page);
    for (const id of counts.hostile) {
      if (!(await goTo(page, id, counts.rows))) continue;
      for (const [key, fold] of sequence) {
        const since = Date.now();
        await page.keyboard.press(key);
        const shown = await log.waitFor(
          since,
          (change) =>
            change.id === id && change.attribute === 'data-tn-fold' && change.value === fold,
          FOLD_TIMEOUT_MS,
        );
        if (shown) keysWorked++;
      }
    }
  } catch (error) {
    // A crashed page answers nothing more: the keys left count as not working.
    if (problems.crashes === 0) throw error;
  }

  report('hostile-pages', {
    comments: counts.rows,
    marked: counts.marked,
    'pages ready': Number(ready),
    'fold keys': keys,
    'fold keys that worked': keysWorked,
    'page crashes': problems.crashes,
    'Threadnote console errors': problems.errors.length,
  });
  if (problems.errors.length > 0) console.log(problems.errors.slice(0, 5).join('\n'));
  expect(problems.crashes).toBe(0);
  expect(counts.marked).toBe(counts.rows);
  expect(keysWorked).toBe(keys);
  expect(problems.errors).toEqual([]);
});

it('changes no stored record on what the page forges', async () => {
  // Quick tags exist, so a forged `1` has something to apply.
  const plain = await openThread(browser().session, STORY, ROWS);
  await startOnFirstComment(plain);
  await setQuickTags(browser().inspector, plain, ['forged']);
  await plain.close();
  const problems: Problems = { crashes: 0, errors: [] };
  const page = await openHostile(problems);
  await waitForThread(page, ROWS);
  const counts = await countRows(page);
  // The reader is on a plain comment of the hostile page, put there by real keys, where a
  // reader's own keys would work.
  await startOnFirstComment(page);
  await goTo(page, counts.plain, counts.rows);

  // The page's scripts play reader: Threadnote's attributes, its keys on the focused comment,
  // clicks on its elements and on whatever of their insides a page can reach.
  const before = await snapshot();
  const clicked = await page.evaluate(
    ({ selector, keys }) => {
      for (const row of document.querySelectorAll(selector)) {
        row.setAttribute('data-tn-tags', 'forged');
        row.setAttribute('data-tn-fold', 'collapsed');
        row.setAttribute('data-tn-note', '');
      }
      const target = document.activeElement ?? document.body;
      for (const key of keys) {
        for (const type of ['keydown', 'keyup']) {
          target.dispatchEvent(new KeyboardEvent(type, { key, bubbles: true, composed: true }));
        }
      }
      let hosts = 0;
      for (const host of document.querySelectorAll<HTMLElement>('*')) {
        if (!host.tagName.startsWith('TN-')) continue;
        hosts++;
        host.click();
        for (const button of host.shadowRoot?.querySelectorAll('button') ?? []) button.click();
      }
      return hosts;
    },
    { selector: ROWS, keys: FORGED_KEYS },
  );
  await sleep(1_500);
  const after = await snapshot();
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
    (key) => before.get(key) !== after.get(key),
  ).length;

  report('hostile-forged', {
    'forged keys': FORGED_KEYS.length,
    'Threadnote elements clicked': clicked,
    'records changed': changed,
    'page crashes': problems.crashes,
  });
  expect(changed).toBe(0);
  expect(problems.crashes).toBe(0);
});
