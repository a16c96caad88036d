/**
 * Drill worker-stop: a burst of edits through the real UI (trusted `j`/`k` to move, quick tags
 * `1` `2` `3` and `x` to fold) while the browser stops the extension's service worker again and
 * again, as it does when it finds it idle. Every edit the page showed as saved must be in
 * IndexedDB at the end, and every edit that never showed as saved must have been reported.
 */
import type { CDPSession, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { openThread } from '../kit/chromium';
import {
  ACK_TIMEOUT_MS,
  ChangeLog,
  currentRow,
  ROWS,
  STORY,
  failureMessages,
  drillBrowser,
  report,
  setQuickTags,
  size,
  sleep,
  startOnFirstComment,
  step,
  tagsOf,
  watchAttributes,
} from './drill';

const EDITS = size(1_000, 120);
const STOPS = size(110, 14);
const QUICK = ['alpha', 'beta', 'gamma'];
/** The keys the burst presses, in turn: three quick tags and a fold. */
const KEYS = ['1', '2', '3', 'x'] as const;

interface Edit {
  id: string;
  attribute: 'data-tn-tags' | 'data-tn-fold';
  /** The attribute's value once this edit is saved. */
  expected: string | null;
  pressedAt: number;
  state: 'pending' | 'acknowledged' | 'unacknowledged';
  reported: boolean;
}

interface WorkerVersion {
  runningStatus: 'stopped' | 'starting' | 'running' | 'stopping';
  scriptURL: string;
}

const browser = drillBrowser();

/** What pressing `key` on a comment showing `tags` and `fold` makes it show once saved. */
function expectedAfter(key: (typeof KEYS)[number], tags: string[], fold: string | null) {
  if (key === 'x') {
    return { attribute: 'data-tn-fold' as const, expected: fold ? null : 'collapsed' };
  }
  const tag = QUICK[Number(key) - 1] ?? '';
  const next = tags.includes(tag) ? tags.filter((name) => name !== tag) : [...tags, tag];
  return { attribute: 'data-tn-tags' as const, expected: next.length ? next.join(' ') : null };
}

/** Two attribute values that say the same: tags in any order, or the same fold. */
function sameState(a: string | null, b: string | null): boolean {
  return tagsOf(a).sort().join(' ') === tagsOf(b).sort().join(' ');
}

/**
 * How long an edit may wait for its answer before the page is searched for a message about it:
 * past the content script's own retries (about a second) a reader should be told.
 */
const REPORT_AFTER_MS = 1_500;
/** The page's Threadnote text is read at most this often (each read walks the whole page). */
const READ_EVERY_MS = 500;
let lastRead = 0;

/**
 * Marks pending edits acknowledged when the page showed their value, or not after the timeout.
 * A message the page shows meanwhile (a toast may come and go) counts as reporting every edit
 * still waiting past REPORT_AFTER_MS.
 */
async function settle(log: ChangeLog, page: Page, edits: Edit[], force = false): Promise<void> {
  await log.pull();
  const now = Date.now();
  for (const edit of edits) {
    if (edit.state !== 'pending') continue;
    const shown = log.seen.some(
      (change) =>
        change.at >= edit.pressedAt &&
        change.id === edit.id &&
        change.attribute === edit.attribute &&
        change.value === edit.expected,
    );
    if (shown) {
      edit.state = 'acknowledged';
      continue;
    }
    const late = now - edit.pressedAt > REPORT_AFTER_MS;
    if (late && !edit.reported && (force || now - lastRead > READ_EVERY_MS)) {
      lastRead = now;
      if ((await failureMessages(page)).length > 0) {
        for (const other of edits) {
          if (other.state === 'pending' && now - other.pressedAt > REPORT_AFTER_MS) {
            other.reported = true;
          }
        }
      }
    }
    if (force || now - edit.pressedAt > ACK_TIMEOUT_MS) edit.state = 'unacknowledged';
  }
}

it('loses no acknowledged edit while the worker is stopped again and again', async () => {
  const page = await openThread(browser().session, STORY, ROWS);
  await startOnFirstComment(page);
  await setQuickTags(browser().inspector, page, QUICK);
  await watchAttributes(page);
  await startOnFirstComment(page);
  let direction: 'j' | 'k' = 'j';
  const log = new ChangeLog(page);
  const initial = new Map(
    await page.evaluate((selector) => {
      return [...document.querySelectorAll(selector)].map(
        (row) =>
          [row.id, [row.getAttribute('data-tn-tags'), row.getAttribute('data-tn-fold')]] as const,
      );
    }, ROWS),
  );

  // One CDP browser().session stops the worker: the fastest honest way, the call Chromium's own idle
  // timer ends in. Its events tell when the worker really stopped and started again.
  const cdp: CDPSession = await browser().session.context.newCDPSession(page);
  let running = true;
  let stops = 0;
  let restarts = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const { runningStatus, scriptURL } of versions as WorkerVersion[]) {
      if (!scriptURL.startsWith(`chrome-extension://${browser().session.extensionId}/`)) continue;
      if (runningStatus === 'stopped' && running) stops++;
      if (runningStatus === 'running' && !running) restarts++;
      if (runningStatus === 'stopped' || runningStatus === 'running') {
        running = runningStatus === 'running';
      }
    }
  });
  await cdp.send('ServiceWorker.enable');
  let stopping = Promise.resolve();
  // A tenth more stop calls than STOPS: a call that finds the worker already stopped stops nothing.
  const every = Math.max(1, Math.floor(EDITS / (STOPS * 1.1)));

  const edits: Edit[] = [];
  for (let i = 0; i < EDITS; i++) {
    // A fold still on its way moves the focus when it lands (to the comment whose fold hid the
    // focused one): wait for it, so that each key is counted on the comment it acts on.
    while (edits.some((edit) => edit.attribute === 'data-tn-fold' && edit.state === 'pending')) {
      await sleep(20);
      await settle(log, page, edits);
    }
    direction = await step(page, direction);
    const id = await currentRow(page);
    // The reader's next key on a comment starts from what it shows: wait for its last edit.
    while (edits.some((edit) => edit.id === id && edit.state === 'pending')) {
      await sleep(20);
      await settle(log, page, edits);
    }
    const shown = await page.evaluate((row) => {
      const element = document.getElementById(row);
      return [
        element?.getAttribute('data-tn-tags') ?? null,
        element?.getAttribute('data-tn-fold') ?? null,
      ];
    }, id);
    const key = KEYS[i % KEYS.length] ?? 'x';
    const edit = expectedAfter(key, tagsOf(shown[0] ?? null), shown[1] ?? null);
    const pressedAt = Date.now();
    await page.keyboard.press(key);
    edits.push({ id, ...edit, pressedAt, state: 'pending', reported: false });
    if (i % every === every - 1) {
      // The edit just pressed wakes the worker: stop it once it runs, while the edit is on its
      // way, a few ms later each time.
      stopping = stopping.then(async () => {
        const until = Date.now() + 500;
        while (!running && Date.now() < until) await sleep(2);
        await sleep(i % 7);
        await cdp.send('ServiceWorker.stopAllWorkers');
      });
    }
    await settle(log, page, edits);
  }
  await stopping;
  const deadline = Date.now() + ACK_TIMEOUT_MS;
  while (edits.some((edit) => edit.state === 'pending') && Date.now() < deadline) {
    await sleep(50);
    await settle(log, page, edits);
  }
  await settle(log, page, edits, true);

  // Every comment's stored state must be its last acknowledged one, or what an edit pressed
  // after it (never acknowledged) may have saved before its answer was lost.
  const stored = await browser().inspector.comments();
  let lost = 0;
  let lostTags = 0;
  const details: string[] = [];
  for (const [id, [tags, fold]] of initial) {
    const mine = edits.filter((edit) => edit.id === id);
    if (mine.length === 0) continue;
    const record = stored.get(`hn:${id}`);
    const now = {
      'data-tn-tags': record?.tags.length ? record.tags.join(' ') : null,
      'data-tn-fold': record && record.fold !== 'none' ? record.fold : null,
    };
    for (const attribute of ['data-tn-tags', 'data-tn-fold'] as const) {
      const ofAttribute = mine.filter((edit) => edit.attribute === attribute);
      const lastAcknowledged = ofAttribute.findLastIndex((edit) => edit.state === 'acknowledged');
      const saved =
        lastAcknowledged >= 0
          ? (ofAttribute[lastAcknowledged]?.expected ?? null)
          : attribute === 'data-tn-tags'
            ? tags
            : fold;
      const maybe = ofAttribute.slice(lastAcknowledged + 1).map((edit) => edit.expected);
      if ([saved, ...maybe].some((state) => sameState(state, now[attribute]))) continue;
      lost++;
      details.push(
        `${id} ${attribute}: acknowledged ${saved}, stored ${now[attribute]}, edits ${ofAttribute
          .map((edit) => `${edit.expected} ${edit.state}`)
          .join(' → ')}`,
      );
      if (attribute === 'data-tn-tags') {
        lostTags += tagsOf(saved).filter((tag) => !tagsOf(now[attribute]).includes(tag)).length;
      }
    }
  }
  const failures = edits.filter((edit) => edit.state === 'unacknowledged');
  const unreported = failures.filter((edit) => !edit.reported).length;
  const started = edits[0]?.pressedAt ?? 0;
  for (const edit of failures) {
    const record = stored.get(`hn:${edit.id}`);
    details.push(
      `${edit.id} ${edit.attribute}: never showed ${edit.expected} (pressed at +${
        edit.pressedAt - started
      } ms, ${edit.reported ? 'reported' : 'not reported'}); stored tags ${
        record?.tags.join(' ') ?? 'none'
      }, fold ${record?.fold ?? 'none'}`,
    );
  }
  report('worker-stop', {
    attempts: edits.length,
    failures: failures.length,
    'unacknowledged and unreported': unreported,
    'lost acknowledged edits': lost,
    'lost tags': lostTags,
    'worker stops': stops,
    'worker restarts': restarts,
  });
  if (details.length > 0) console.log(details.join('\n'));
  expect(stops).toBeGreaterThanOrEqual(STOPS);
  expect(lost).toBe(0);
  expect(lostTags).toBe(0);
  expect(unreported).toBe(0);
  await page.close();
});
