/**
 * The popup and options pages at their chrome-extension:// addresses, clicked through as a reader
 * would, and the forum page checked for what they did: new comments since the last visit and
 * "next new", a jump from the popup that unfolds and flashes, the list of every thread (paged,
 * filtered, opening a thread no tab has open), sites turned off and on. Each page is audited with
 * axe-core and photographed in the light and the dark scheme.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { annotate, comment } from './flows';
import {
  HN,
  LOBSTERS,
  OUTPUT,
  browserForSuite,
  openPopup,
  openThread,
  serveStoryWithout,
  tabIdOf,
} from '../kit/chromium';

const STORY = `${HN}/item?id=44533403`;
const ROWS = 'tr.athing.comtr';
const HOVER = '.comhead .hnuser';
const LATER_REPLIES = ['44536931', '44537040']; // inside motoboi's subthread
const ANSELM = '44535633'; // top level
const ANSELM_REPLY = '44536206'; // two levels under it
const LOBSTERS_STORY = `${LOBSTERS}/s/tdfoqh/ranking_comments_by_sum_replies_scores`;

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const session = browserForSuite();

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page and returns what it finds, in a form a failed test can show. */
async function audit(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: unknown }> } }).axe;
    return (await axe.run()).violations as AxeViolation[];
  });
  return violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/** Audits and photographs the page in both colour schemes. */
async function inBothSchemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await audit(page)).toEqual([]);
    await page.screenshot({ path: join(OUTPUT, `${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Whether anything sticks out sideways at the page's current width. */
function overflows(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

/** Sends a request to the worker from an extension page, as the popup's connector does. */
function callWorker(page: Page, type: string, payload: unknown): Promise<unknown> {
  return page.evaluate(
    ({ type, payload }) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ threadnote: 1, type, payload }),
    { type, payload },
  );
}

describe('popup and options in a real Chromium', () => {
  it('marks what is new since the last visit, moves through it, and jumps to a note', async () => {
    // First visit: the thread as it was before two replies arrived.
    const page = await session().context.newPage();
    await page.bringToFront();
    await serveStoryWithout(page, STORY, LATER_REPLIES);
    await page.goto(STORY);
    await expect.poll(() => page.locator(`${ROWS}:not([data-tn-comment])`).count()).toBe(0);
    await annotate(page, `hn:${ANSELM_REPLY}`, HOVER, {
      tags: ['insightful'],
      note: 'Compare with the 2019 benchmark',
    });
    await annotate(page, `hn:${ANSELM}`, HOVER, { collapse: true });
    expect(await comment(page, `hn:${ANSELM_REPLY}`).isVisible()).toBe(false);
    expect(await page.locator('tn-new-mark').count()).toBe(0);
    await page.unroute(STORY);

    // Second visit: the two replies are new, marked and counted.
    await page.reload();
    await expect.poll(() => page.locator('[data-tn-new]').count()).toBe(2);
    for (const id of LATER_REPLIES) {
      const row = comment(page, `hn:${id}`);
      expect(await row.getAttribute('data-tn-new')).toBe('');
      expect(await row.locator('tn-new-mark').textContent()).toBe('new');
      expect(await row.locator('tn-new-mark').isVisible()).toBe(true);
    }
    await comment(page, `hn:${LATER_REPLIES[0]}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT, 'popup-page-new-marks.png') });

    const popup = await openPopup(session(), await tabIdOf(session(), STORY));
    // The popup leaves out counters that are zero.
    const count = async (id: string) => {
      const value = popup.locator(`[data-count="${id}"] strong`);
      return (await value.count()) > 0 ? value.textContent() : '0';
    };
    await expect.poll(() => count('new')).toBe('2');
    expect(await count('tagged')).toBe('1');
    expect(await count('noted')).toBe('1');
    expect(await count('collapsed')).toBe('1');
    expect(await count('hidden')).toBe('0');
    expect(await count('orphaned')).toBe('0');

    // "Next new" moves the page to the first new reply and flashes it.
    await popup.getByRole('button', { name: 'Next new' }).click();
    await expect
      .poll(() => popup.locator('.new-nav [role="status"]').textContent())
      .toBe('New comment 1 of 2.');
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute('data-tn-comment') ?? null);
    await expect.poll(focused).toBe(`hn:${LATER_REPLIES[0]}`);
    await popup.getByRole('button', { name: 'Next new' }).click();
    await expect.poll(focused).toBe(`hn:${LATER_REPLIES[1]}`);
    // On the page too: N and P.
    await page.keyboard.press('P');
    await expect.poll(focused).toBe(`hn:${LATER_REPLIES[0]}`);

    // The note, grouped under its tag; a click unfolds its collapsed ancestor and flashes it.
    const group = popup.locator('.annotated section[aria-label="insightful"]');
    expect(await group.locator('.what').textContent()).toBe('Compare with the 2019 benchmark');
    await group.locator(`[data-annotation="hn:${ANSELM_REPLY}"]`).click();
    await expect.poll(() => comment(page, `hn:${ANSELM}`).getAttribute('data-tn-fold')).toBeNull();
    await expect.poll(focused).toBe(`hn:${ANSELM_REPLY}`);
    expect(await comment(page, `hn:${ANSELM_REPLY}`).isVisible()).toBe(true);
    expect(
      await comment(page, `hn:${ANSELM_REPLY}`).evaluate((row) =>
        row.classList.contains('tn-flash'),
      ),
    ).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'popup-page-jumped.png') });

    await popup.reload();
    await expect.poll(() => count('collapsed')).toBe('0');
    await popup.setViewportSize({ width: 400, height: 600 });
    await inBothSchemes(popup, 'popup-this-thread');
    for (const width of [360, 800]) {
      await popup.setViewportSize({ width, height: 600 });
      expect(await overflows(popup)).toBe(false);
    }
    await popup.close();
    await page.close();
  });

  it('lists every thread, pages and filters it, and opens one no tab has open', async () => {
    const popup = await openPopup(session(), 999_999);
    const listed = (await callWorker(popup, 'threads.list', {
      site: null,
      tag: null,
      after: null,
      limit: 1,
    })) as { value: { total: number } };
    const total = listed.value.total + 61;
    // Sixty threads of another kind, and the Lobsters story, noted from the popup's own page.
    const edits = Array.from({ length: 60 }, (_, i) => ({
      comment: {
        key: `hn:${90_000 + i}`,
        thread: {
          key: `hn:${80_000 + i}`,
          title: `Seeded thread ${i}`,
          url: `${HN}/item?id=${80_000 + i}`,
        },
        author: 'seed',
        url: `${HN}/item?id=${90_000 + i}`,
        quote: 'seeded',
      },
      ops: [{ op: 'tag.add', tag: i % 2 === 0 ? 'even' : 'odd' }],
    }));
    expect(await callWorker(popup, 'comments.edit', { edits })).toMatchObject({ ok: true });
    expect(
      await callWorker(popup, 'comments.edit', {
        edits: [
          {
            comment: {
              key: 'lobsters:owddle',
              thread: { key: 'lobsters:s/tdfoqh', title: 'Ranking comments', url: LOBSTERS_STORY },
              author: 'gioele',
              url: `${LOBSTERS}/c/owddle`,
              quote: 'Ranking by replies',
            },
            ops: [
              { op: 'tag.add', tag: 'follow-up' },
              { op: 'note.set', note: 'Read the paper he cites', base: '' },
            ],
          },
        ],
      }),
    ).toMatchObject({ ok: true });
    await popup.reload();

    // Not on a forum page, the popup opens on every thread, newest activity first.
    await expect
      .poll(() => popup.locator('[role="tab"][aria-selected="true"]').textContent())
      .toBe('All threads');
    const rows = popup.locator('.threads li');
    await expect.poll(() => rows.count()).toBe(50);
    const status = popup.locator('.all-threads [role="status"]');
    expect(await status.textContent()).toBe(`${total} threads`);
    expect(await rows.first().locator('.who').textContent()).toBe('Ranking comments');
    expect(await rows.first().locator('.what').textContent()).toBe('1 tagged · 1 note');
    await popup.getByRole('button', { name: `Show more (${total - 50} more)` }).click();
    await expect.poll(() => rows.count()).toBe(total);

    await popup.getByLabel('Site', { exact: true }).selectOption({ label: 'Lobsters' });
    await expect.poll(() => status.textContent()).toBe('1 thread match');
    await popup.getByLabel('Site', { exact: true }).selectOption({ label: 'All sites' });
    await popup.getByLabel('Tag', { exact: true }).selectOption('even');
    await expect.poll(() => status.textContent()).toBe('30 threads match');
    await popup.getByLabel('Site', { exact: true }).selectOption({ label: 'Hacker News' });
    await expect.poll(() => status.textContent()).toBe('30 threads match');
    await popup.getByLabel('Tag', { exact: true }).selectOption('follow-up');
    await expect.poll(() => status.textContent()).toBe('0 threads match');
    expect(await popup.locator('.all-threads .empty').textContent()).toContain(
      'No annotated thread matches',
    );
    await popup.getByLabel('Site', { exact: true }).selectOption({ label: 'All sites' });
    await expect.poll(() => status.textContent()).toBe('1 thread match');

    await popup.setViewportSize({ width: 400, height: 600 });
    await inBothSchemes(popup, 'popup-all-threads');
    for (const width of [360, 800]) {
      await popup.setViewportSize({ width, height: 600 });
      expect(await overflows(popup)).toBe(false);
    }

    // No tab has the Lobsters story: the click opens one, and Threadnote annotates it there.
    const opened = session().context.waitForEvent('page');
    await rows.first().locator('button').click();
    const story = await opened;
    await story.waitForURL(LOBSTERS_STORY);
    await expect
      .poll(() => story.locator('[data-tn-comment="lobsters:owddle"]').getAttribute('data-tn-tags'))
      .toBe('follow-up');
    // With the story open, the same click brings that tab forward instead of opening another.
    const pages = session().context.pages().length;
    await rows.first().locator('button').click();
    await expect.poll(() => story.evaluate(() => document.visibilityState)).toBe('visible');
    expect(session().context.pages().length).toBe(pages);
    await story.close();
    await popup.close();
  });

  it('turns a site off and on from the options, which pass an accessibility audit', async () => {
    const options = await session().context.newPage();
    await options.goto(`chrome-extension://${session().extensionId}/src/options/index.html`);
    const hackerNews = options.locator('#sites').getByLabel('Hacker News');
    await expect.poll(() => hackerNews.isChecked()).toBe(true);
    await hackerNews.click();
    await options.screenshot({ path: join(OUTPUT, 'options-site-off.png'), fullPage: true });
    await expect
      .poll(() => options.locator('#sites [role="status"]').textContent())
      .toContain('Threadnote is off for Hacker News');

    // Off: the page shows as Hacker News serves it, and nothing is recorded.
    const page = await session().context.newPage();
    await page.goto(STORY);
    await page.waitForLoadState('load');
    await expect
      .poll(() => page.evaluate(() => document.documentElement.classList.contains('tn-ready')))
      .toBe(true);
    expect(await page.locator(`${ROWS}:visible`).count()).toBeGreaterThan(0);
    expect(await page.locator('[data-tn-comment]').count()).toBe(0);

    // The popup on that tab says why, and turns it back on from there: the tab reloads annotated.
    const popup = await openPopup(session(), await tabIdOf(session(), STORY));
    const turnOn = popup.getByRole('button', {
      name: 'Turn on Threadnote on news.ycombinator.com',
    });
    await expect.poll(() => turnOn.isVisible()).toBe(true);
    expect(await popup.locator('[aria-label="This site"]').textContent()).toContain(
      'You turned Threadnote off for Hacker News',
    );
    await popup.screenshot({ path: join(OUTPUT, 'popup-site-off.png') });
    await turnOn.click();
    await expect.poll(() => page.locator('[data-tn-comment]').count()).toBeGreaterThan(0);
    await popup.close();
    await page.close();
    await options.reload();
    await expect.poll(() => hackerNews.isChecked()).toBe(true);
    await hackerNews.uncheck();
    await hackerNews.check();
    await expect.poll(() => hackerNews.isChecked()).toBe(true);
    const again = await openThread(session(), STORY, ROWS);
    expect(await again.locator('[data-tn-comment]').count()).toBeGreaterThan(0);
    await again.close();

    expect(await options.locator('#shortcuts').textContent()).toContain(
      'Open the Threadnote popup',
    );
    expect(await options.locator('#about').textContent()).toContain('sends nothing anywhere');
    await inBothSchemes(options, 'options');
    await options.close();
  });
});
