/**
 * Drill quick-keys: the quick-tag keys `1` `2` `3` pressed a millisecond apart on a focused
 * comment, as a fast reader does: all three tags must be stored, none written over by the next
 * key's edit.
 */
import { expect, it } from 'vitest';
import { openThread } from '../kit/chromium';
import {
  ChangeLog,
  ROWS,
  STORY,
  currentRow,
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

const TRIALS = size(50, 8);
const QUICK = ['one', 'two', 'three'];
/** How long the page must show no change before a trial's answers are taken as all in. */
const QUIET_MS = 500;

const browser = drillBrowser();

it('stores all three quick tags pressed 1 ms apart', async () => {
  const page = await openThread(browser().session, STORY, ROWS);
  await startOnFirstComment(page);
  await setQuickTags(browser().inspector, page, QUICK);
  await watchAttributes(page);
  await startOnFirstComment(page);
  const log = new ChangeLog(page);
  let direction: 'j' | 'k' = 'j';
  let failures = 0;
  let lost = 0;
  let lostTags = 0;

  for (let trial = 0; trial < TRIALS; trial++) {
    direction = await step(page, direction);
    const id = await currentRow(page);
    // A comment met again still has its tags: take them off one key at a time, waiting for each.
    for (const [index, tag] of QUICK.entries()) {
      if (!(await browser().inspector.comments()).get(`hn:${id}`)?.tags.includes(tag)) continue;
      await page.keyboard.press(String(index + 1));
      await page.waitForFunction(
        ({ row, name }) =>
          !(document.getElementById(row)?.getAttribute('data-tn-tags') ?? '')
            .split(' ')
            .includes(name),
        { row: id, name: tag },
      );
    }
    const since = Date.now();
    for (const key of ['1', '2', '3']) {
      await page.keyboard.press(key);
      await sleep(1);
    }
    // Wait for the answers: the page stops changing.
    for (let last = log.seen.length; ; last = log.seen.length) {
      await sleep(QUIET_MS);
      await log.pull();
      if (log.seen.length === last) break;
    }
    const stored = (await browser().inspector.comments()).get(`hn:${id}`)?.tags ?? [];
    const shown = log.seen.filter(
      (change) => change.at >= since && change.id === id && change.attribute === 'data-tn-tags',
    );
    // A key's edit showed as saved when the page showed its tag at some point.
    const missing = QUICK.filter((tag) => !stored.includes(tag));
    if (missing.length > 0) failures++;
    lostTags += missing.length;
    lost += missing.filter((tag) =>
      shown.some((change) => tagsOf(change.value).includes(tag)),
    ).length;
  }
  report('quick-keys', {
    trials: TRIALS,
    attempts: TRIALS * QUICK.length,
    'failed trials': failures,
    'lost acknowledged edits': lost,
    'lost tags': lostTags,
  });
  expect(lost).toBe(0);
  expect(lostTags).toBe(0);
  await page.close();
});
