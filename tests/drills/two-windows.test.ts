/**
 * Drill two-windows: two tabs on the same thread, on the same comment, edit it at the same moment
 * (keys pressed through Promise.all on both keyboards): two different comment tags, two different
 * tags on the comment's author, a note in one tab while the other tags. Whatever either tab
 * showed as saved must be stored; a saved note text is the note or one of its kept versions.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openThread } from '../kit/chromium';
import {
  ChangeLog,
  ROWS,
  STORY,
  becomes,
  clickById,
  currentRow,
  focusIn,
  drillBrowser,
  report,
  size,
  startOnFirstComment,
  step,
  tagsOf,
  watchAttributes,
  type Attribute,
} from './drill';

const TRIALS = size(50, 4);

let tabs: { page: Page; log: ChangeLog }[] = [];
let direction: 'j' | 'k' = 'j';

const browser = drillBrowser();

/** Both tabs freshly opened on the thread, on its first comment. */
async function openTabs(): Promise<void> {
  for (const { page } of tabs) await page.close();
  tabs = [];
  for (let i = 0; i < 2; i++) {
    const page = await openThread(browser().session, STORY, ROWS);
    await watchAttributes(page);
    await startOnFirstComment(page);
    tabs.push({ page, log: new ChangeLog(page) });
  }
  direction = 'j';
}

/** Moves both tabs one comment on, together; returns the comment's id. */
async function nextComment(): Promise<string> {
  let moved: 'j' | 'k' = direction;
  for (const { page } of tabs) moved = await step(page, direction);
  direction = moved;
  const [first, second] = await Promise.all(tabs.map(({ page }) => currentRow(page)));
  if (first !== second) await catchUp(first ?? '', second ?? '');
  return first ?? '';
}

/**
 * Brings the second tab onto the first one's comment. Where the focus lands after a panel or an
 * editor closes is not what this drill counts, and a tab left one comment behind would make the
 * next trial edit two comments: it moves with the keys until both are on one.
 */
async function catchUp(target: string, from: string): Promise<void> {
  const page = tabs[1]?.page;
  if (!page) return;
  const order = await page.evaluate(
    (selector) => [...document.querySelectorAll(selector)].map((row) => row.id),
    ROWS,
  );
  const key = order.indexOf(from) < order.indexOf(target) ? 'j' : 'k';
  for (let presses = 0; presses < 20 && (await currentRow(page)) !== target; presses++) {
    await page.keyboard.press(key);
  }
  const now = await currentRow(page);
  if (now !== target) throw new Error(`The tabs are on ${target} and ${now}`);
}

function acknowledged(
  log: ChangeLog,
  since: number,
  id: string,
  attribute: Attribute,
  tag: string,
): Promise<boolean> {
  return log.waitFor(
    since,
    (change) =>
      change.id === id && change.attribute === attribute && tagsOf(change.value).includes(tag),
  );
}

function author(page: Page, id: string): Promise<string | null> {
  return page.evaluate(
    (row) => document.getElementById(row)?.querySelector('a.hnuser')?.textContent ?? null,
    id,
  );
}

interface Tally {
  attempts: number;
  failures: number;
  lost: number;
  lostTags: number;
  lostNotes: number;
}

/**
 * Runs `trial` TRIALS times, each on the next comment (that `pick` accepts); a trial returns the
 * edits it made and how many of them were acknowledged but not stored. After a failure both
 * tabs start afresh, so that an editor left open cannot take the next trial's keys.
 */
async function drill(
  name: string,
  trial: (id: string, index: number) => Promise<Omit<Tally, 'attempts' | 'lost'>>,
  pick: (id: string) => Promise<boolean> = async () => true,
): Promise<Tally> {
  await openTabs();
  const tally: Tally = { attempts: 0, failures: 0, lost: 0, lostTags: 0, lostNotes: 0 };
  for (let index = 0; index < TRIALS; index++) {
    let id = await nextComment();
    while (!(await pick(id))) id = await nextComment();
    const result = await trial(id, index);
    tally.attempts += 2;
    tally.failures += result.failures;
    tally.lostTags += result.lostTags;
    tally.lostNotes += result.lostNotes;
    tally.lost += result.lostTags + result.lostNotes;
    if (result.failures > 0) await openTabs();
  }
  report(`two-windows ${name}`, {
    trials: TRIALS,
    attempts: tally.attempts,
    failures: tally.failures,
    'lost acknowledged edits': tally.lost,
    'lost tags': tally.lostTags,
    'lost note texts': tally.lostNotes,
  });
  return tally;
}

/** Opens the panel in both tabs on their comment. */
async function openPanels(): Promise<void> {
  for (const { page } of tabs) {
    await page.keyboard.press('t');
    await focusIn(page, 'TN-CONTROL');
  }
}

async function closePanels(): Promise<void> {
  for (const { page } of tabs) await page.keyboard.press('Escape');
}

describe('two windows editing one comment at once', () => {
  it('keeps both comment tags', async () => {
    const tally = await drill('tag/tag', async (id, index) => {
      await openPanels();
      const names = [`left-${index}`, `right-${index}`];
      await Promise.all(tabs.map(({ page }, i) => page.keyboard.type(names[i] ?? '')));
      const since = Date.now();
      await Promise.all(tabs.map(({ page }) => page.keyboard.press('Enter')));
      const acks = await Promise.all(
        tabs.map(({ log }, i) => acknowledged(log, since, id, 'data-tn-tags', names[i] ?? '')),
      );
      const stored = (await browser().inspector.comments()).get(`hn:${id}`)?.tags ?? [];
      await closePanels();
      return {
        failures: acks.filter((ack) => !ack).length,
        lostTags: names.filter((name, i) => acks[i] && !stored.includes(name)).length,
        lostNotes: 0,
      };
    });
    expect(tally.lost).toBe(0);
  });

  it('keeps both user tags', async () => {
    const first = () => tabs[0]?.page as Page;
    const tally = await drill(
      'user-tag/user-tag',
      async (id, index) => {
        const user = await author(first(), id);
        await openPanels();
        const names = [`user-left-${index}`, `user-right-${index}`];
        for (const [i, { page }] of tabs.entries()) {
          await clickById(page, 'tn-user-tags-input');
          await page.keyboard.type(names[i] ?? '');
        }
        const since = Date.now();
        await Promise.all(tabs.map(({ page }) => page.keyboard.press('Enter')));
        const acks = await Promise.all(
          tabs.map(({ log }, i) =>
            acknowledged(log, since, id, 'data-tn-user-tags', names[i] ?? ''),
          ),
        );
        const stored = (await browser().inspector.users()).get(`hn:${user}`)?.tags ?? [];
        await closePanels();
        return {
          failures: acks.filter((ack) => !ack).length,
          lostTags: names.filter((name, i) => acks[i] && !stored.includes(name)).length,
          lostNotes: 0,
        };
      },
      // A deleted comment has no author to tag.
      async (id) => (await author(first(), id)) !== null,
    );
    expect(tally.lost).toBe(0);
  });

  it('keeps a note written while the other tab tags', async () => {
    const tally = await drill('note/tag', async (id, index) => {
      const [writer, tagger] = tabs as [(typeof tabs)[0], (typeof tabs)[0]];
      const note = `Note ${index}, written while the other window tags this comment.`;
      const tag = `while-noting-${index}`;
      await writer.page.keyboard.press('n');
      await focusIn(writer.page, 'TN-NOTE-EDITOR');
      // A comment met again has a note: the new text replaces it, as a reader would select it.
      await writer.page.keyboard.press('Control+A');
      await writer.page.keyboard.type(note);
      await tagger.page.keyboard.press('t');
      await focusIn(tagger.page, 'TN-CONTROL');
      await tagger.page.keyboard.type(tag);
      const since = Date.now();
      await Promise.all([
        writer.page.keyboard.press('Control+Enter'),
        tagger.page.keyboard.press('Enter'),
      ]);
      // The editor closes only once its note is saved.
      const [noteSaved, tagged] = await Promise.all([
        becomes(
          writer.page,
          (row) => !document.getElementById(row)?.querySelector('tn-note-editor'),
          id,
        ),
        acknowledged(tagger.log, since, id, 'data-tn-tags', tag),
      ]);
      const stored = (await browser().inspector.comments()).get(`hn:${id}`);
      await tagger.page.keyboard.press('Escape');
      const kept =
        stored?.note === note || (stored?.conflicts ?? []).some((old) => old.note === note);
      return {
        failures: Number(!noteSaved) + Number(!tagged),
        lostTags: Number(tagged && !(stored?.tags ?? []).includes(tag)),
        lostNotes: Number(noteSaved && !kept),
      };
    });
    expect(tally.lost).toBe(0);
  });
});
