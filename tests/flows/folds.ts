/**
 * Folds through the real UI, in every browser: hide and collapse subthreads, reload without a
 * frame showing them open, live updates in a second tab, new replies inside folds, Hacker News's
 * own [–] both ways, bulk actions from the popup and the keyboard, undo, and the 3,000-comment
 * page. tests/browser/folds.test.ts runs them in Chromium, tests/firefox/folds.test.ts in
 * Firefox; each test starts from an empty profile, so folds left by one never change another.
 */
import { describe, expect, it } from 'vitest';
import { HN } from '../kit/launcher.mjs';
import type { BrowserDriver, Tab } from '../kit/driver';
import {
  MOTOBOI,
  ROWS,
  STORY,
  expandCollapsed,
  focusedId,
  fold,
  foldThroughPanel,
  panel,
  subtreeIds,
  tagInput,
  ui,
  visibleIds,
  openPanel,
} from './steps';

const BENCH = `${HN}/item?id=44500000`;
const QUILLON = '44535247'; // collapsed by Hacker News itself
const LATER_REPLIES = ['44536931', '44537040']; // inside motoboi's subthread
const toggle = (id: string) => `tr[id="${id}"] a.togg`;

/**
 * Before any page script runs, records on every animation frame which of the given rows a reader
 * could see. Frames run before paint, so a row never recorded was never painted open.
 */
async function watchFrames(tab: Tab, ids: string[]): Promise<void> {
  await tab.initScript((watched) => {
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

function seenOpen(tab: Tab): Promise<string[]> {
  return tab.evaluate(() => [...(window as unknown as { tnSeen: Set<string> }).tnSeen], null);
}

/** The top-level comments in page order, each with its subthread's size as HN counts it. */
function topLevel(tab: Tab): Promise<{ id: string; size: number }[]> {
  return tab.evaluate(
    (selector) =>
      [...document.querySelectorAll(selector)]
        .filter((r) => r.querySelector('td.ind')?.getAttribute('indent') === '0')
        .map((r) => ({ id: r.id, size: Number(r.querySelector('a.togg')?.getAttribute('n')) })),
    ROWS,
  );
}

function scrollToRow(tab: Tab, id: string): Promise<void> {
  return tab.evaluate((target) => {
    document.getElementById(target)?.scrollIntoView({ block: 'nearest' });
  }, id);
}

export function foldFlows(driver: () => BrowserDriver): void {
  describe('folds', () => {
    it('hides a subthread, lists it in the bar, and never shows it open on reload', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      const before = await visibleIds(tab);
      const hidden = await subtreeIds(tab, MOTOBOI);
      await foldThroughPanel(tab, MOTOBOI, 'Hide subthread');
      await expect.poll(() => fold(tab, MOTOBOI)).toBe('hidden');
      expect(await visibleIds(tab)).toEqual(before.filter((id) => !hidden.includes(id)));
      expect(await tab.text('tn-hidden-bar >> button.toggle')).toBe(
        `1 subthread hidden (${hidden.length} comments)`,
      );
      // The reader lands on the comment after the hidden subthread.
      const next = before[before.indexOf(MOTOBOI) + hidden.length];
      expect(await focusedId(tab)).toBe(next);
      await tab.screenshot('folds-hidden-bar');

      const fresh = await driver().newTab();
      await watchFrames(fresh, hidden);
      await fresh.goto(STORY);
      await expect.poll(() => fresh.count('tn-hidden-bar')).toBe(1);
      expect(await seenOpen(fresh)).toEqual([]);
      expect(await visibleIds(fresh)).toEqual(before.filter((id) => !hidden.includes(id)));

      await fresh.click('tn-hidden-bar >> button.toggle');
      await fresh.clickText('tn-hidden-bar >> li button', 'show');
      await expect.poll(() => visibleIds(fresh)).toEqual(before);
      expect(await fresh.count('tn-hidden-bar')).toBe(0);
      expect(await fold(fresh, MOTOBOI)).toBeNull();
      await fresh.close();
      await tab.close();
    });

    it('re-applies a collapse before the first frame and follows it live in another tab', async () => {
      const first = await driver().openThread(STORY, ROWS);
      const replies = (await subtreeIds(first, MOTOBOI)).slice(1);
      const second = await driver().openThread(STORY, ROWS);
      await first.front();
      await foldThroughPanel(first, MOTOBOI, 'Collapse subthread');
      await expect.poll(() => fold(first, MOTOBOI)).toBe('collapsed');
      // The other tab shows it without a reload.
      await expect.poll(() => fold(second, MOTOBOI)).toBe('collapsed');
      await second.front();
      await expect
        .poll(async () => (await visibleIds(second)).filter((id) => replies.includes(id)))
        .toEqual([]);
      await second.close();

      const again = await driver().newTab();
      await watchFrames(again, replies);
      await again.goto(STORY);
      await expect.poll(() => fold(again, MOTOBOI)).toBe('collapsed');
      expect(await seenOpen(again)).toEqual([]);
      await expandCollapsed(again, MOTOBOI);
      await again.close();
      await first.close();
    });

    it('moves the focus to the fold that hid the focused comment', async () => {
      const first = await driver().openThread(STORY, ROWS);
      const replies = (await subtreeIds(first, MOTOBOI)).slice(1);
      const second = await driver().openThread(STORY, ROWS);
      await second.front();
      for (
        let presses = 0;
        presses < 400 && !replies.includes(await focusedId(second));
        presses++
      ) {
        await second.keys('j');
      }
      expect(replies).toContain(await focusedId(second));
      // Another tab collapses the subthread: the focused reply goes out of sight with it.
      await first.front();
      await foldThroughPanel(first, MOTOBOI, 'Collapse subthread');
      await second.front();
      await expect.poll(() => fold(second, MOTOBOI)).toBe('collapsed');
      await expect.poll(() => focusedId(second)).toBe(MOTOBOI);
      // The keys act on the comment in sight: x opens the fold again.
      await second.keys('x');
      await expect.poll(() => fold(second, MOTOBOI)).toBeNull();
      await first.close();
      await second.close();
    });

    it('agrees with Hacker News’s own [–], both ways, and leaves HN’s own folds as HN serves them', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      const all = await visibleIds(tab);

      // Threadnote first: HN's toggle says [+N] too, and opening it there opens both.
      await foldThroughPanel(tab, MOTOBOI, 'Collapse subthread');
      await expect.poll(() => fold(tab, MOTOBOI)).toBe('collapsed');
      expect(await tab.text(toggle(MOTOBOI))).toBe('[+15]');
      await tab.click(toggle(MOTOBOI));
      await expect.poll(() => fold(tab, MOTOBOI)).toBeNull();
      expect(await tab.text(toggle(MOTOBOI))).toBe('[–]');
      await expect.poll(() => visibleIds(tab)).toEqual(all);

      // A subthread HN serves folded (a moderator's, or the reader's on HN) stays as HN shows it,
      // opens with HN's toggle, and HN's toggle folding it again is Threadnote's fold too.
      const quillon = await subtreeIds(tab, QUILLON);
      expect(all.filter((id) => quillon.includes(id))).toEqual([QUILLON]);
      expect(await fold(tab, QUILLON)).toBeNull();
      expect(await tab.text(toggle(QUILLON))).toBe('[+4]');
      await tab.click(toggle(QUILLON));
      await expect
        .poll(async () => (await visibleIds(tab)).filter((id) => quillon.includes(id)))
        .toEqual(quillon);
      expect(await fold(tab, QUILLON)).toBeNull();
      await tab.click(toggle(QUILLON));
      await expect.poll(() => fold(tab, QUILLON)).toBe('collapsed');
      await tab.click(toggle(QUILLON));
      await expect.poll(() => fold(tab, QUILLON)).toBeNull();
      await tab.close();
    });

    it('says how many replies are new inside a fold', async () => {
      // First visit: the page as it was before two replies arrived.
      const tab = await driver().newTab();
      await tab.serveStoryWithout(STORY, LATER_REPLIES);
      await tab.goto(STORY);
      await tab.waitForThread(ROWS);
      expect(await tab.count(`tr[id="${LATER_REPLIES[0] ?? ''}"]`)).toBe(0);
      await foldThroughPanel(tab, MOTOBOI, 'Collapse subthread');
      await expect.poll(() => fold(tab, MOTOBOI)).toBe('collapsed');
      await tab.unserve(STORY);

      // Next visit: the replies are there, inside the fold.
      await tab.reload();
      await expect.poll(() => tab.text(`${ui(MOTOBOI, 'tn-chips')}.stub`)).toMatch(/ · 2 new$/);
      for (const id of LATER_REPLIES) {
        expect(await tab.attribute(`tr[id="${id}"]`, 'data-tn-new')).toBe('');
      }
      await tab.screenshot('folds-new-in-collapsed');
      await expandCollapsed(tab, MOTOBOI);
      await tab.close();
    });

    it('runs bulk actions from the popup and the keyboard, and undoes them', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      const top = (await topLevel(tab)).map((row) => row.id);
      const folded = () =>
        tab.evaluate(() => [...document.querySelectorAll('[data-tn-fold]')].map((r) => r.id), null);

      const popup = await driver().openPopup(STORY);
      await popup.clickText('.folds button', 'Collapse all top-level');
      await expect.poll(folded).toEqual(top);
      expect(await popup.text('.folds [role="status"]')).toBe(`Changed ${top.length} comments.`);
      await expect
        .poll(() => popup.text('[data-count="collapsed"] strong'))
        .toBe(String(top.length));
      await popup.screenshot('folds-popup');
      await popup.clickText('.folds button', 'Undo');
      await expect.poll(folded).toEqual([]);
      await popup.close();

      // Keyboard: j moves onto comments, x collapses, h hides, X/E bulk, u undoes.
      await tab.front();
      await tab.clickAt(5, 5);
      await tab.keys('j');
      expect(await focusedId(tab)).toBe(top[0]);
      await tab.keys('x');
      await expect.poll(folded).toEqual([top[0]]);
      await tab.keys('x');
      await expect.poll(folded).toEqual([]);
      await tab.keys('j');
      const second = await focusedId(tab);
      await tab.keys('h');
      await expect.poll(folded).toEqual([second]);
      expect(await focusedId(tab)).not.toBe(second);
      await tab.keys('u');
      await expect.poll(folded).toEqual([]);
      await tab.keys('Shift+X');
      await expect.poll(folded).toEqual(top);
      await tab.keys('Shift+E');
      await expect.poll(folded).toEqual([]);

      // Never while typing: the panel's fields take the keys.
      await openPanel(tab, MOTOBOI);
      await tab.press(tagInput(MOTOBOI), 'x');
      expect(await tab.value(tagInput(MOTOBOI))).toBe('x');
      expect(await tab.visible(panel(MOTOBOI))).toBe(true);
      expect(await folded()).toEqual([]);
      await tab.close();
    });

    it('folds on the 3,000-comment page and keeps them across a reload', async () => {
      const tab = await driver().openThread(BENCH, ROWS);
      const rows = await tab.count(ROWS);
      expect(rows).toBe(3000);
      const tops = await topLevel(tab);
      // The top-level comment with the largest subthread.
      const big = tops.reduce((best, top) => (top.size > best.size ? top : best));
      expect(big.size).toBeGreaterThan(20);
      await foldThroughPanel(tab, big.id, 'Collapse subthread');
      await expect.poll(async () => (await visibleIds(tab)).length).toBe(rows - (big.size - 1));
      const other = (await visibleIds(tab)).find((id) => id !== big.id) ?? '';
      await foldThroughPanel(tab, other, 'Hide subthread');
      await expect.poll(() => fold(tab, other)).toBe('hidden');
      // The last top-level comment with replies, a page's length below the first screen.
      const far = tops.findLast((top) => top.size > 1)?.id;
      if (!far) throw new Error('no top-level comment with replies');
      await scrollToRow(tab, far);
      await foldThroughPanel(tab, far, 'Collapse subthread');
      await expect.poll(() => fold(tab, far)).toBe('collapsed');
      // And the first top-level comment with replies, in sight at the top of the page.
      const near = tops.find((top) => top.size > 1)?.id;
      if (!near) throw new Error('no top-level comment with replies');
      await tab.evaluate(() => window.scrollTo(0, 0), null);
      if (near !== big.id) await foldThroughPanel(tab, near, 'Collapse subthread');
      await expect.poll(() => fold(tab, near)).toBe('collapsed');
      const visible = await visibleIds(tab);

      // On reload, record every frame in which the fold in sight shows without its stub once
      // Threadnote let the comments show (the stylesheet's 3 s fallback may show them earlier on
      // a loaded machine, and says nothing of Threadnote's drawing).
      await tab.initScript((id) => {
        const bare: number[] = [];
        (window as unknown as { tnBare: number[] }).tnBare = bare;
        const check = (time: number) => {
          const element = document.getElementById(id);
          const released = document.documentElement.classList.contains('tn-ready');
          // The stub is drawn in the chips' closed root: their host stands for it here.
          const stub = element?.querySelector('tn-chips');
          if (released && element && element.getClientRects().length > 0 && !stub) {
            bare.push(time);
          }
          if (!stub) requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }, near);
      await tab.reload();
      await expect.poll(() => tab.count('tn-hidden-bar')).toBe(1);
      expect(await visibleIds(tab)).toEqual(visible);
      await expect.poll(() => tab.count(`${ui(near, 'tn-chips')}.stub`)).toBe(1);
      expect(
        await tab.evaluate(() => (window as unknown as { tnBare: number[] }).tnBare, null),
      ).toEqual([]);
      // The far fold is applied, and its stub waits until the reader scrolls near it.
      expect(await fold(tab, far)).toBe('collapsed');
      expect(await tab.visible(`tr[id="${far}"] div.comment`)).toBe(false);
      expect(await tab.count(`tr[id="${far}"] tn-chips`)).toBe(0);
      await scrollToRow(tab, far);
      await expect
        .poll(() => tab.text(`${ui(far, 'tn-chips')}.stub`))
        .toMatch(/^\d+ repl(y|ies) by .+$/);
      await tab.screenshot('folds-3000-far-stub');
      await tab.close();
    });
  });
}
