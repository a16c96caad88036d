/**
 * Folds through the real UI: hide and collapse subthreads, reload without a frame showing them
 * open, live updates in a second tab, new replies inside folds, Hacker News's own [–] both ways,
 * bulk actions from the popup and the keyboard, undo, and the 3,000-comment page.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HN,
  OUTPUT,
  launch,
  openPopup,
  openThread,
  serveStoryWithout,
  tabIdOf,
  type Session,
} from './harness';
import { inComment, inShadow } from './shadow';

const STORY = `${HN}/item?id=44533403`;
const BENCH = `${HN}/item?id=44500000`;
const ROWS = 'tr.athing.comtr';
const MOTOBOI = '44536000';
const QUILLON = '44535247'; // collapsed by Hacker News itself
const LATER_REPLIES = ['44536931', '44537040']; // inside motoboi's subthread

let session: Session;

// Each test starts from an empty profile: folds left by one must not change another.
beforeEach(async () => {
  session = await launch();
});

afterEach(async () => {
  await session?.close();
});

function row(page: Page, id: string) {
  return page.locator(`tr[id="${id}"]`);
}

/** Ids of comment rows a reader can see: rendered, not display:none, not visibility:hidden. */
function visibleIds(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((r) => r.getClientRects().length > 0 && getComputedStyle(r).visibility !== 'hidden')
      .map((r) => r.id);
  }, ROWS);
}

/** The page's own tree: the ids under a comment, from indent attributes, not from Threadnote. */
function subtreeIds(page: Page, id: string): Promise<string[]> {
  return page.evaluate(
    ({ selector, start }) => {
      const rows = [...document.querySelectorAll<HTMLElement>(selector)];
      const indent = (r: Element) => Number(r.querySelector('td.ind')?.getAttribute('indent'));
      const index = rows.findIndex((r) => r.id === start);
      const ids = [start];
      for (const r of rows.slice(index + 1)) {
        if (indent(r) <= indent(rows[index] as Element)) break;
        ids.push(r.id);
      }
      return ids;
    },
    { selector: ROWS, start: id },
  );
}

async function panelFor(page: Page, id: string) {
  await row(page, id).locator('span.comhead a.hnuser').hover();
  await inComment(page, `hn:${id}`, 'tn-control >> button.trigger').click();
  return inComment(page, `hn:${id}`, 'tn-control >> [role="dialog"]');
}

async function foldThroughPanel(page: Page, id: string, button: RegExp) {
  const panel = await panelFor(page, id);
  await panel.locator('button', { hasText: button }).click();
}

/**
 * Before any page script runs, records on every animation frame which of the given rows a reader
 * could see. Frames run before paint, so a row never recorded was never painted open.
 */
async function watchFrames(page: Page, ids: string[]): Promise<void> {
  await page.addInitScript((watched) => {
    const seen = new Set<string>();
    (window as unknown as { tnSeen: Set<string> }).tnSeen = seen;
    const check = () => {
      for (const id of watched) {
        const element = document.getElementById(id);
        if (!element) continue;
        // Seen: rendered, not visibility:hidden, and not inside anything at opacity 0.
        let shown = element.getClientRects().length > 0;
        shown &&= getComputedStyle(element).visibility !== 'hidden';
        for (let node: Element | null = element; shown && node; node = node.parentElement) {
          shown = getComputedStyle(node).opacity !== '0';
        }
        if (shown) seen.add(id);
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, ids);
}

/** The top-level comments in page order, each with its subthread's size as HN counts it. */
function topLevel(page: Page): Promise<{ id: string; size: number }[]> {
  return page.evaluate(
    (selector) =>
      [...document.querySelectorAll(selector)]
        .filter((r) => r.querySelector('td.ind')?.getAttribute('indent') === '0')
        .map((r) => ({ id: r.id, size: Number(r.querySelector('a.togg')?.getAttribute('n')) })),
    ROWS,
  );
}

function seenOpen(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { tnSeen: Set<string> }).tnSeen]);
}

describe('folds', () => {
  it('hides a subthread, lists it in the bar, and never shows it open on reload', async () => {
    const page = await openThread(session, STORY, ROWS);
    const before = await visibleIds(page);
    const hidden = await subtreeIds(page, MOTOBOI);
    await foldThroughPanel(page, MOTOBOI, /Hide subthread/);
    await expect.poll(() => row(page, MOTOBOI).getAttribute('data-tn-fold')).toBe('hidden');
    expect(await visibleIds(page)).toEqual(before.filter((id) => !hidden.includes(id)));
    const bar = inShadow(page, 'tn-hidden-bar');
    expect(await bar.locator('button.toggle').textContent()).toBe(
      `1 subthread hidden (${hidden.length} comments)`,
    );
    // The reader lands on the comment after the hidden subthread.
    const next = before[before.indexOf(MOTOBOI) + hidden.length];
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(next);
    await page.screenshot({ path: join(OUTPUT, 'folds-hidden-bar.png') });

    const fresh = await session.context.newPage();
    await fresh.bringToFront();
    await watchFrames(fresh, hidden);
    await fresh.goto(STORY);
    await expect.poll(() => fresh.locator('tn-hidden-bar').count()).toBe(1);
    expect(await seenOpen(fresh)).toEqual([]);
    expect(await visibleIds(fresh)).toEqual(before.filter((id) => !hidden.includes(id)));

    await inShadow(fresh, 'tn-hidden-bar >> button.toggle').click();
    await inShadow(fresh, 'tn-hidden-bar >> li button', { hasText: 'show' }).click();
    await expect.poll(() => visibleIds(fresh)).toEqual(before);
    expect(await fresh.locator('tn-hidden-bar').count()).toBe(0);
    expect(await row(fresh, MOTOBOI).getAttribute('data-tn-fold')).toBeNull();
    await fresh.close();
    await page.close();
  });

  it('re-applies a collapse before the first frame and follows it live in another tab', async () => {
    const first = await openThread(session, STORY, ROWS);
    const replies = (await subtreeIds(first, MOTOBOI)).slice(1);
    const second = await openThread(session, STORY, ROWS);
    await first.bringToFront();
    await foldThroughPanel(first, MOTOBOI, /Collapse subthread/);
    await expect.poll(() => row(first, MOTOBOI).getAttribute('data-tn-fold')).toBe('collapsed');
    // The other tab shows it without a reload.
    await expect.poll(() => row(second, MOTOBOI).getAttribute('data-tn-fold')).toBe('collapsed');
    await second.bringToFront();
    await expect
      .poll(async () => (await visibleIds(second)).filter((id) => replies.includes(id)))
      .toEqual([]);
    await second.close();

    const again = await session.context.newPage();
    await again.bringToFront();
    await watchFrames(again, replies);
    await again.goto(STORY);
    await expect.poll(() => row(again, MOTOBOI).getAttribute('data-tn-fold')).toBe('collapsed');
    expect(await seenOpen(again)).toEqual([]);
    await row(again, MOTOBOI).locator('a.togg').click();
    await expect.poll(() => row(again, MOTOBOI).getAttribute('data-tn-fold')).toBeNull();
    await again.close();
    await first.close();
  });

  it('moves the focus to the fold that hid the focused comment', async () => {
    const first = await openThread(session, STORY, ROWS);
    const replies = (await subtreeIds(first, MOTOBOI)).slice(1);
    const second = await openThread(session, STORY, ROWS);
    await second.bringToFront();
    const focused = () => second.evaluate(() => document.activeElement?.id ?? '');
    for (let presses = 0; presses < 400 && !replies.includes(await focused()); presses++) {
      await second.keyboard.press('j');
    }
    expect(replies).toContain(await focused());
    // Another tab collapses the subthread: the focused reply goes out of sight with it.
    await first.bringToFront();
    await foldThroughPanel(first, MOTOBOI, /Collapse subthread/);
    await second.bringToFront();
    await expect.poll(() => row(second, MOTOBOI).getAttribute('data-tn-fold')).toBe('collapsed');
    await expect.poll(focused).toBe(MOTOBOI);
    // The keys act on the comment in sight: x opens the fold again.
    await second.keyboard.press('x');
    await expect.poll(() => row(second, MOTOBOI).getAttribute('data-tn-fold')).toBeNull();
    await first.close();
    await second.close();
  });

  it('agrees with Hacker News’s own [–], both ways, and leaves HN’s own folds as HN serves them', async () => {
    const page = await openThread(session, STORY, ROWS);
    const all = await visibleIds(page);
    const toggle = (id: string) => row(page, id).locator('a.togg');

    // Threadnote first: HN's toggle says [+N] too, and opening it there opens both.
    await foldThroughPanel(page, MOTOBOI, /Collapse subthread/);
    await expect.poll(() => row(page, MOTOBOI).getAttribute('data-tn-fold')).toBe('collapsed');
    expect(await toggle(MOTOBOI).textContent()).toBe('[+15]');
    await toggle(MOTOBOI).click();
    await expect.poll(() => row(page, MOTOBOI).getAttribute('data-tn-fold')).toBeNull();
    expect(await toggle(MOTOBOI).textContent()).toBe('[–]');
    await expect.poll(() => visibleIds(page)).toEqual(all);

    // A subthread HN serves folded (a moderator's, or the reader's on HN) stays as HN shows it,
    // opens with HN's toggle, and HN's toggle folding it again is Threadnote's fold too.
    const quillon = await subtreeIds(page, QUILLON);
    expect(all.filter((id) => quillon.includes(id))).toEqual([QUILLON]);
    expect(await row(page, QUILLON).getAttribute('data-tn-fold')).toBeNull();
    expect(await toggle(QUILLON).textContent()).toBe('[+4]');
    await toggle(QUILLON).click();
    await expect
      .poll(async () => (await visibleIds(page)).filter((id) => quillon.includes(id)))
      .toEqual(quillon);
    expect(await row(page, QUILLON).getAttribute('data-tn-fold')).toBeNull();
    await toggle(QUILLON).click();
    await expect.poll(() => row(page, QUILLON).getAttribute('data-tn-fold')).toBe('collapsed');
    await toggle(QUILLON).click();
    await expect.poll(() => row(page, QUILLON).getAttribute('data-tn-fold')).toBeNull();
    await page.close();
  });

  it('says how many replies are new inside a fold', async () => {
    // First visit: the page as it was before two replies arrived.
    const page = await session.context.newPage();
    await page.bringToFront();
    await serveStoryWithout(page, STORY, LATER_REPLIES);
    await page.goto(STORY);
    await expect.poll(() => page.locator(`${ROWS}:not([data-tn-comment])`).count()).toBe(0);
    expect(await row(page, LATER_REPLIES[0] ?? '').count()).toBe(0);
    await foldThroughPanel(page, MOTOBOI, /Collapse subthread/);
    await expect.poll(() => row(page, MOTOBOI).getAttribute('data-tn-fold')).toBe('collapsed');
    await page.unroute(STORY);

    // Next visit: the replies are there, inside the fold.
    await page.reload();
    await expect
      .poll(() => inComment(page, `hn:${MOTOBOI}`, 'tn-chips >> .stub').textContent())
      .toMatch(/ · 2 new$/);
    for (const id of LATER_REPLIES)
      expect(await row(page, id).getAttribute('data-tn-new')).toBe('');
    await page.screenshot({ path: join(OUTPUT, 'folds-new-in-collapsed.png') });
    await row(page, MOTOBOI).locator('a.togg').click();
    await expect.poll(() => row(page, MOTOBOI).getAttribute('data-tn-fold')).toBeNull();
    await page.close();
  });

  it('runs bulk actions from the popup and the keyboard, and undoes them', async () => {
    const page = await openThread(session, STORY, ROWS);
    const top = await page.evaluate((selector) => {
      return [...document.querySelectorAll(selector)]
        .filter((r) => r.querySelector('td.ind')?.getAttribute('indent') === '0')
        .map((r) => r.id);
    }, ROWS);
    const folded = () =>
      page.evaluate(() => [...document.querySelectorAll('[data-tn-fold]')].map((r) => r.id));

    const popup = await openPopup(session, await tabIdOf(session, STORY));
    await popup.getByRole('button', { name: 'Collapse all top-level' }).click();
    await expect.poll(folded).toEqual(top);
    expect(await popup.locator('.folds [role="status"]').textContent()).toBe(
      `Changed ${top.length} comments.`,
    );
    await expect
      .poll(() => popup.locator('[data-count="collapsed"] strong').textContent())
      .toBe(String(top.length));
    await popup.screenshot({ path: join(OUTPUT, 'folds-popup.png') });
    await popup.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(folded).toEqual([]);
    await popup.close();

    // Keyboard: j moves onto comments, x collapses, h hides, X/E bulk, u undoes.
    await page.bringToFront();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(top[0]);
    await page.keyboard.press('x');
    await expect.poll(folded).toEqual([top[0]]);
    await page.keyboard.press('x');
    await expect.poll(folded).toEqual([]);
    await page.keyboard.press('j');
    const second = await page.evaluate(() => document.activeElement?.id);
    await page.keyboard.press('h');
    await expect.poll(folded).toEqual([second]);
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe(second);
    await page.keyboard.press('u');
    await expect.poll(folded).toEqual([]);
    await page.keyboard.press('Shift+X');
    await expect.poll(folded).toEqual(top);
    await page.keyboard.press('Shift+E');
    await expect.poll(folded).toEqual([]);

    // Never while typing: the panel's fields take the keys.
    const panel = await panelFor(page, MOTOBOI);
    await panel.locator('input#tn-comment-tags-input').press('x');
    expect(await panel.locator('input#tn-comment-tags-input').inputValue()).toBe('x');
    expect(await folded()).toEqual([]);
    await page.close();
  });

  it('folds on the 3,000-comment page and keeps them across a reload', async () => {
    const page = await openThread(session, BENCH, ROWS);
    const rows = await page.locator(ROWS).count();
    expect(rows).toBe(3000);
    const tops = await topLevel(page);
    // The top-level comment with the largest subthread.
    const big = tops.reduce((best, top) => (top.size > best.size ? top : best));
    expect(big.size).toBeGreaterThan(20);
    await foldThroughPanel(page, big.id, /Collapse subthread/);
    await expect.poll(async () => (await visibleIds(page)).length).toBe(rows - (big.size - 1));
    const other = (await visibleIds(page)).find((id) => id !== big.id) ?? '';
    await foldThroughPanel(page, other, /Hide subthread/);
    await expect.poll(() => row(page, other).getAttribute('data-tn-fold')).toBe('hidden');
    // The last top-level comment with replies, a page's length below the first screen.
    const far = tops.findLast((top) => top.size > 1)?.id;
    if (!far) throw new Error('no top-level comment with replies');
    await row(page, far).scrollIntoViewIfNeeded();
    await foldThroughPanel(page, far, /Collapse subthread/);
    await expect.poll(() => row(page, far).getAttribute('data-tn-fold')).toBe('collapsed');
    // And the first top-level comment with replies, in sight at the top of the page.
    const near = tops.find((top) => top.size > 1)?.id;
    if (!near) throw new Error('no top-level comment with replies');
    await page.evaluate(() => scrollTo(0, 0));
    if (near !== big.id) await foldThroughPanel(page, near, /Collapse subthread/);
    await expect.poll(() => row(page, near).getAttribute('data-tn-fold')).toBe('collapsed');
    const visible = await visibleIds(page);

    // On reload, record every frame in which the fold in sight shows without its stub once
    // Threadnote let the comments show (the stylesheet's 3 s fallback may show them earlier on a
    // loaded machine, and says nothing of Threadnote's drawing).
    await page.addInitScript((id) => {
      const bare: number[] = [];
      (window as unknown as { tnBare: number[] }).tnBare = bare;
      const check = (time: number) => {
        const element = document.getElementById(id);
        const released = document.documentElement.classList.contains('tn-ready');
        // The stub is drawn in the chips' closed root: their host stands for it here.
        const stub = element?.querySelector('tn-chips');
        if (released && element && element.getClientRects().length > 0 && !stub) bare.push(time);
        if (!stub) requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    }, near);
    await page.reload();
    await expect.poll(() => page.locator('tn-hidden-bar').count()).toBe(1);
    expect(await visibleIds(page)).toEqual(visible);
    await expect.poll(() => inComment(page, `hn:${near}`, 'tn-chips >> .stub').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { tnBare: number[] }).tnBare)).toEqual(
      [],
    );
    // The far fold is applied, and its stub waits until the reader scrolls near it.
    expect(await row(page, far).getAttribute('data-tn-fold')).toBe('collapsed');
    expect(await row(page, far).locator('div.comment').isVisible()).toBe(false);
    expect(await row(page, far).locator('tn-chips').count()).toBe(0);
    await row(page, far).scrollIntoViewIfNeeded();
    await expect
      .poll(() => inComment(page, `hn:${far}`, 'tn-chips >> .stub').textContent())
      .toMatch(/^\d+ repl(y|ies) by .+$/);
    await page.screenshot({ path: join(OUTPUT, 'folds-3000-far-stub.png') });
    await page.close();
  });
});
