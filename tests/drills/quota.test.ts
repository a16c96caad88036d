/**
 * Drill quota: the extension without `unlimitedStorage`, its origin's quota set to 4 MiB through
 * CDP and filled by an extension page until it refuses 512 bytes. Every kind of edit (a quick
 * tag and a fold by key, a user tag in the panel, a note in the editor) must then tell the reader
 * it was not saved, and show nothing as saved; a thread opened over quota still shows what was
 * stored before. Once the space is freed, the note and the pending edits must be stored within
 * 10 s, with the worker never restarted.
 */
import type { CDPSession, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { OUTPUT, openThread, waitForThread } from '../kit/chromium';
import {
  ROWS,
  STORY,
  clickById,
  currentRow,
  failureMessages,
  focusIn,
  drillBrowser,
  report,
  setQuickTags,
  sleep,
  startOnFirstComment,
  step,
} from './drill';

const QUOTA = 4 * 1024 * 1024;
/** How long an edit over quota gets to say so (or to show as saved, which it must not). */
const ANSWER_MS = 3_000;
/** How soon after the space is freed the pending edits must be stored. */
const RECOVERY_MS = 10_000;

let cdp: CDPSession;

const browser = drillBrowser({ withoutPermissions: ['unlimitedStorage'] });

beforeAll(async () => {
  cdp = await browser().session.context.newCDPSession(browser().inspector.page);
});

/**
 * Writes `bytes` random bytes (the store compresses anything less) into a database of its own;
 * false when the quota refuses them.
 */
function put(page: Page, key: number, bytes: number): Promise<boolean> {
  return page.evaluate(
    ({ key, bytes }) =>
      new Promise<boolean>((resolve, reject) => {
        const open = indexedDB.open('drill-filler', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('filler');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('filler', 'readwrite');
          tx.objectStore('filler').put(crypto.getRandomValues(new Uint8Array(bytes)), key);
          tx.oncomplete = () => resolve(true);
          tx.onabort = () => resolve(false);
          tx.addEventListener('complete', () => db.close());
          tx.addEventListener('abort', () => db.close());
        };
      }),
    { key, bytes },
  );
}

/** What the origin may still write, as Chromium's quota manager counts it. */
async function spaceLeft(origin: string): Promise<number> {
  const { usage, quota } = (await cdp.send('Storage.getUsageAndQuota', { origin })) as {
    usage: number;
    quota: number;
  };
  return quota - usage;
}

/**
 * Fills the extension's origin from an extension page until the quota refuses even 512 bytes.
 * Small records (Chromium turns large values into blobs, and after blobs it let writes through
 * past the quota), each sized by what the quota manager counts as left: writes in a row, faster
 * than it counts them, all pass the quota check.
 */
async function fill(page: Page, origin: string): Promise<number> {
  let written = 0;
  for (let bytes = 32 * 1024, key = 0; bytes >= 512; key++) {
    if (written > 2 * QUOTA) throw new Error('The quota override does not hold: nothing to drill.');
    if (await put(page, key, bytes)) {
      written += bytes;
      bytes = Math.min(bytes, Math.max(512, await spaceLeft(origin)));
    } else {
      bytes = Math.floor(bytes / 2);
    }
  }
  return written;
}

function free(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('drill-filler');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
  );
}

function attribute(page: Page, id: string, name: string): Promise<string | null> {
  return page.evaluate(
    ({ row, attr }) => document.getElementById(row)?.getAttribute(attr) ?? null,
    { row: id, attr: name },
  );
}

/** Polls `check` until it holds or `ms` pass. */
async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
}

it('says what was not saved over quota, and saves it once there is space', async () => {
  const origin = `chrome-extension://${browser().session.extensionId}`;
  const workerStops = { count: 0 };
  const workers = await browser().session.context.newCDPSession(browser().inspector.page);
  workers.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const { runningStatus, scriptURL } of versions as {
      runningStatus: string;
      scriptURL: string;
    }[]) {
      if (scriptURL.startsWith(origin) && runningStatus === 'stopped') workerStops.count++;
    }
  });
  await workers.send('ServiceWorker.enable');

  // Before the quota: a quick tag, and two annotations a later visit must still show.
  const page = await openThread(browser().session, STORY, ROWS);
  await startOnFirstComment(page);
  await setQuickTags(browser().inspector, page, ['over-quota']);
  await startOnFirstComment(page);
  let direction = await step(page, 'j');
  const taggedBefore = await currentRow(page);
  await page.keyboard.press('1');
  await page.waitForFunction(
    (id) => document.getElementById(id)?.getAttribute('data-tn-tags') === 'over-quota',
    taggedBefore,
  );
  direction = await step(page, direction);
  const foldedBefore = await currentRow(page);
  await page.keyboard.press('x');
  await page.waitForFunction(
    (id) => document.getElementById(id)?.getAttribute('data-tn-fold') === 'collapsed',
    foldedBefore,
  );

  const stopsBefore = workerStops.count;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: QUOTA });
  const filled = await fill(browser().inspector.page, origin);

  // Each edit over quota: it must say so, and show nothing as saved.
  const attempts: { kind: string; id: string; saved: () => Promise<boolean> }[] = [];
  let failures = 0;
  /** `before`: the failure messages the page showed before the edit's key. */
  const check = async (kind: string, before: string[], shownSaved: () => Promise<boolean>) => {
    // The message must be about this edit: a text the page did not show before it, or one
    // more message than before.
    let said: string[] = [];
    await within(ANSWER_MS, async () => {
      const now = await failureMessages(page);
      said = now.filter((text) => !before.includes(text));
      if (said.length === 0 && now.length > before.length) said = now;
      return said.length > 0;
    });
    const shown = await shownSaved();
    if (said.length === 0 || shown) failures++;
    console.log(
      `quota: ${kind}: ${said.length > 0 ? `said “${said.join(' / ')}”` : 'said nothing'}${shown ? ', showed saved' : ''}`,
    );
  };

  direction = await step(page, direction);
  const tagged = await currentRow(page);
  let before = await failureMessages(page);
  await page.keyboard.press('1');
  await check(
    'quick tag',
    before,
    async () => (await attribute(page, tagged, 'data-tn-tags')) !== null,
  );
  attempts.push({
    kind: 'quick tag',
    id: tagged,
    saved: async () =>
      (await browser().inspector.comments()).get(`hn:${tagged}`)?.tags.includes('over-quota') ??
      false,
  });

  direction = await step(page, direction);
  const folded = await currentRow(page);
  before = await failureMessages(page);
  await page.keyboard.press('x');
  await check('fold', before, async () => (await attribute(page, folded, 'data-tn-fold')) !== null);
  attempts.push({
    kind: 'fold',
    id: folded,
    saved: async () =>
      (await browser().inspector.comments()).get(`hn:${folded}`)?.fold === 'collapsed',
  });

  direction = await step(page, direction);
  const userRow = await currentRow(page);
  const author = await page.evaluate(
    (id) => document.getElementById(id)?.querySelector('a.hnuser')?.textContent ?? '',
    userRow,
  );
  await page.keyboard.press('t');
  await focusIn(page, 'TN-CONTROL');
  await clickById(page, 'tn-user-tags-input');
  await page.keyboard.type('user-over-quota');
  before = await failureMessages(page);
  await page.keyboard.press('Enter');
  await check(
    'user tag',
    before,
    async () => (await attribute(page, userRow, 'data-tn-user-tags')) !== null,
  );
  attempts.push({
    kind: 'user tag',
    id: userRow,
    saved: async () =>
      (await browser().inspector.users()).get(`hn:${author}`)?.tags.includes('user-over-quota') ??
      false,
  });
  await page.keyboard.press('Escape');

  await step(page, direction);
  const noted = await currentRow(page);
  // No word of FAILURE_WORDS: the editor shows this text, and must not pass for a message.
  const note = 'Written while the extension had no room: it must be kept once there is room.';
  await page.keyboard.press('n');
  await focusIn(page, 'TN-NOTE-EDITOR');
  await page.keyboard.type(note);
  before = await failureMessages(page);
  await page.keyboard.press('Control+Enter');
  await check('note', before, async () => (await attribute(page, noted, 'data-tn-note')) !== null);
  // What the reader sees while nothing can be saved: the toast, and the editor keeping the text.
  await page.screenshot({ path: join(OUTPUT, 'drill-quota-toast.png') });
  attempts.push({
    kind: 'note',
    id: noted,
    saved: async () => (await browser().inspector.comments()).get(`hn:${noted}`)?.note === note,
  });

  // A thread opened over quota shows what was stored before.
  const later = await browser().session.context.newPage();
  later.setDefaultTimeout(RECOVERY_MS);
  await later.bringToFront();
  await later.goto(STORY);
  const opened = await waitForThread(later, ROWS).then(
    () => true,
    () => false,
  );
  const shows =
    opened &&
    (await attribute(later, taggedBefore, 'data-tn-tags')) === 'over-quota' &&
    (await attribute(later, foldedBefore, 'data-tn-fold')) === 'collapsed';
  if (!shows) failures++;
  console.log(
    `quota: a thread opened over quota ${shows ? 'shows' : 'does not show'} its annotations`,
  );
  await later.close();
  await page.bringToFront();

  // Room again: what was pending is stored within RECOVERY_MS, by the same worker.
  await free(browser().inspector.page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  const start = Date.now();
  const stored = await Promise.all(attempts.map(({ saved }) => within(RECOVERY_MS, saved)));
  const recovery = Date.now() - start;
  const lost = attempts.filter((_, i) => !stored[i]).map(({ kind }) => kind);

  report('quota', {
    'bytes filled': filled,
    attempts: attempts.length + 1,
    failures,
    'lost edits': lost.length,
    'worker restarts': workerStops.count - stopsBefore,
    'ms to store the pending edits': lost.length === 0 ? recovery : -1,
  });
  if (lost.length > 0) console.log(`quota: not stored after freeing space: ${lost.join(', ')}`);
  expect(failures).toBe(0);
  expect(lost).toEqual([]);
  expect(workerStops.count).toBe(stopsBefore);
  await page.close();
});
