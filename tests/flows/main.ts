/**
 * The main flows through the real UI, written once and run in every browser Threadnote ships for:
 * tag, note and collapse a comment on Hacker News, reload and find it all back (folded before it
 * shows), read the popup's summary, export the thread, and keep working after the browser stops
 * the extension's background. tests/browser/main-flows.test.ts runs them in Chromium,
 * tests/firefox/main-flows.test.ts in Firefox.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserDriver, Tab } from '../kit/driver';
import {
  MOTOBOI,
  ROWS,
  STORY,
  TITLE,
  comment,
  editor,
  enterTag,
  fold,
  noteText,
  openPanel,
  panel,
  subtreeIds,
  tags,
  ui,
} from './steps';

const NOTE = 'Ask about the licence <img src=x onerror="document.title=`pwned`">';

async function addTag(tab: Tab, id: string, typed: string, expected: string): Promise<void> {
  await enterTag(tab, id, typed);
  await expect.poll(() => tags(tab, id)).toBe(expected);
}

/** Every comment row is marked, and the comments show. */
async function expectMarked(tab: Tab): Promise<void> {
  const rows = await tab.count(ROWS);
  expect(rows).toBeGreaterThan(0);
  expect(await tab.count(`${ROWS}[data-tn-comment^="hn:"]`)).toBe(rows);
  expect(await tab.attribute('html', 'class')).toContain('tn-ready');
}

export function mainFlows(driver: () => BrowserDriver): void {
  describe('the main flows on Hacker News', () => {
    let replies: string[] = [];

    it('marks every comment and lets them show', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      await expectMarked(tab);
      replies = (await subtreeIds(tab, MOTOBOI)).slice(1);
      expect(replies.length).toBeGreaterThan(2);
      await tab.close();
    });

    it('tags, notes and collapses a comment through its control', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      await openPanel(tab, MOTOBOI);
      await addTag(tab, MOTOBOI, 'Insightful', 'insightful');
      await addTag(tab, MOTOBOI, 'follow up', 'insightful follow-up');

      await tab.clickText(`${panel(MOTOBOI)} button`, 'Write a note');
      await tab.fill(editor(MOTOBOI), NOTE);
      await tab.press(editor(MOTOBOI), 'Control+Enter');
      await expect.poll(() => tab.attribute(comment(MOTOBOI), 'data-tn-note')).toBe('');
      await expect.poll(() => tab.count(`${comment(MOTOBOI)} tn-note-editor`)).toBe(0);
      expect(await tab.text(noteText(MOTOBOI))).toBe(NOTE);
      expect(await tab.count('img[src="x"]')).toBe(0);

      await openPanel(tab, MOTOBOI);
      await tab.clickText(`${panel(MOTOBOI)} button`, 'Collapse subthread');
      await expect.poll(() => fold(tab, MOTOBOI)).toBe('collapsed');
      for (const id of replies) expect(await tab.visible(`tr[id="${id}"]`)).toBe(false);
      expect(await tab.text(`${ui(MOTOBOI, 'tn-chips')}.stub`)).toMatch(
        new RegExp(`${replies.length} replies by `),
      );
      await tab.screenshot('annotated');
      await tab.close();
    });

    it('finds it all back after a reload, folded before the comments show', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      await expect.poll(() => tags(tab, MOTOBOI)).toBe('insightful follow-up');
      await tab.reload();
      await expect.poll(() => tab.attribute('html', 'class')).toContain('tn-ready');
      await expect.poll(() => tags(tab, MOTOBOI)).toBe('insightful follow-up');
      expect(await fold(tab, MOTOBOI)).toBe('collapsed');
      expect(await tab.text(noteText(MOTOBOI))).toBe(NOTE);
      for (const id of replies) expect(await tab.visible(`tr[id="${id}"]`)).toBe(false);
      await expectMarked(tab);
      expect(await tab.evaluate(() => document.title, '')).not.toBe('pwned');
      await tab.screenshot('after-reload', true);
      await tab.close();
    });

    it('sums the thread up in the popup and exports it as JSON', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      const popup = await driver().openPopup(STORY);
      const count = (id: string) => popup.text(`[data-count="${id}"] strong`);
      await expect.poll(() => count('tagged')).toBe('1');
      expect(await count('noted')).toBe('1');
      expect(await count('collapsed')).toBe('1');
      expect(await count('comments')).toBe(String(await tab.count(ROWS)));
      expect(await popup.text('[data-testid="thread-title"]')).toBe(TITLE);
      expect(await popup.text('.site')).toBe('Hacker News');

      const saved = await popup.download(() => popup.clickText('.export button', 'JSON'));
      expect(saved.name).toMatch(/^threadnote-\d{4}-\d{2}-\d{2}-hn-44533403\.json$/);
      const document = JSON.parse(saved.text) as {
        format: string;
        comments: { key: string; tags: string[]; note: string; fold: string }[];
        threads: { key: string; title: string }[];
      };
      expect(document.format).toBe('threadnote');
      expect(document.threads).toEqual([
        expect.objectContaining({ key: 'hn:44533403', title: TITLE }),
      ]);
      expect(document.comments).toEqual([
        expect.objectContaining({
          key: `hn:${MOTOBOI}`,
          tags: ['insightful', 'follow-up'],
          note: NOTE,
          fold: 'collapsed',
        }),
      ]);
      await expect.poll(() => popup.text('.export .saved')).toBe(`Saved ${saved.name}`);
      await popup.screenshot('popup', true);
      await popup.close();
      await tab.close();
    });

    it('keeps working after the browser stops the extension’s background, in every tab', async () => {
      const other = await driver().openThread(STORY, ROWS);
      const tab = await driver().openThread(STORY, ROWS);
      const first = (await tab.attribute(ROWS, 'id')) ?? '';
      await driver().stopBackground();
      await openPanel(tab, first);
      await addTag(tab, first, 'source', 'source');
      // The other tab of the thread follows at once, without a reload.
      await other.front();
      await expect.poll(() => tags(other, first)).toBe('source');
      await tab.front();
      await tab.reload();
      await expect.poll(() => tags(tab, first)).toBe('source');
      await tab.close();
      await other.close();
    });
  });
}
