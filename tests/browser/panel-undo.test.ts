/**
 * Undo through the real UI: each action that removes something offers "· Undo" in the toast, `u`
 * undoes the latest, and the stored records (read from the worker's database) come back exactly
 * as they were, times included, while a second tab of the thread follows.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HN, OUTPUT, browserForSuite, openThread } from '../kit/chromium';
import { storedRecords } from './lockout-kit';
import { ROWS, commentIds, focusedComment, openPanel } from './panel-kit';
import { inComment, inShadow } from '../kit/chromium-shadow';

const STORY = `${HN}/item?id=44533403`;
const session = browserForSuite();

/** The records a reader's edits change: comments, users and tags, as stored. */
async function stored(): Promise<unknown> {
  const all = (await (await session().worker()).evaluate(storedRecords)) as [string, unknown][];
  return all.filter(([name]) => ['comments', 'users', 'tags'].includes(name));
}

describe('undo', () => {
  let page: Page;
  let other: Page;
  let id = '';
  const tagsIn = (tab: Page) => tab.locator(`tr[id="${id}"]`).getAttribute('data-tn-tags');

  it('starts from tags, a user tag and a note, added through the panel', async () => {
    page = await openThread(session(), STORY, ROWS);
    other = await openThread(session(), STORY, ROWS);
    await page.bringToFront();
    await page.setViewportSize({ width: 1280, height: 800 });
    id = (await commentIds(page))[1] ?? '';
    const panel = await openPanel(page, id);
    await panel.locator('input#tn-comment-tags-input').fill('alpha, beta, gamma,');
    await panel.locator('input#tn-user-tags-input').fill('expert,');
    await expect.poll(() => tagsIn(page)).toBe('alpha beta gamma');
    await panel.locator('button', { hasText: 'Write a note' }).click();
    const editor = inComment(page, `hn:${id}`, 'tn-note-editor >> textarea');
    await editor.fill('Worth a second read.');
    await editor.press('Control+Enter');
    await expect.poll(() => page.locator(`tr[id="${id}"]`).getAttribute('data-tn-note')).toBe('');
    await expect.poll(() => tagsIn(other)).toBe('alpha beta gamma');
  });

  it('restores a removed tag from the toast’s Undo, in its place, here and in another tab', async () => {
    const before = await stored();
    const panel = await openPanel(page, id);
    // The × shows on hover or focus, as a reader finds it.
    const chipBeta = panel.locator('.chips .chip', { hasText: 'beta' });
    await chipBeta.hover();
    await chipBeta.locator('button.remove').click();
    await expect.poll(() => tagsIn(page)).toBe('alpha gamma');
    await expect.poll(() => tagsIn(other)).toBe('alpha gamma');
    const toast = inShadow(page, 'tn-toast >> .toast');
    expect(await toast.textContent()).toContain('Removed tag ‘beta’ · Undo');
    await page.screenshot({ path: join(OUTPUT, 'panel-undo-toast.png') });
    await toast.locator('button.action').click();
    await expect.poll(() => tagsIn(page)).toBe('alpha beta gamma');
    await expect.poll(() => tagsIn(other)).toBe('alpha beta gamma');
    expect(await stored()).toEqual(before);
  });

  it('undoes a removed user tag and a deleted note with u', async () => {
    const before = await stored();
    const panel = await openPanel(page, id);
    // The × shows on hover or focus, as a reader finds it.
    const chipExpert = panel.locator('.chips .chip', { hasText: 'expert' });
    await chipExpert.hover();
    await chipExpert.locator('button.remove').click();
    await expect.poll(async () => JSON.stringify(await stored())).not.toBe(JSON.stringify(before));
    await page.keyboard.press('Escape');
    await page.keyboard.press('u');
    await expect.poll(() => stored()).toEqual(before);

    await page.keyboard.press('n');
    const editor = inComment(page, `hn:${id}`, 'tn-note-editor >> textarea');
    await editor.fill('');
    await editor.press('Control+Enter');
    await expect.poll(() => page.locator(`tr[id="${id}"]`).getAttribute('data-tn-note')).toBeNull();
    // The note is stored a moment before the editor closes and hands the keys back to the comment.
    await expect.poll(() => focusedComment(page)).toBe(`hn:${id}`);
    await page.keyboard.press('u');
    await expect.poll(() => stored()).toEqual(before);
    await expect.poll(() => other.locator(`tr[id="${id}"]`).getAttribute('data-tn-note')).toBe('');
  });

  it('undoes an expand and the bulk folds with u', async () => {
    const folded = (tab: Page) =>
      tab.evaluate(() =>
        [...document.querySelectorAll('[data-tn-fold]')].map(
          (row) => `${row.id}:${row.getAttribute('data-tn-fold')}`,
        ),
      );
    await page.locator(`tr[id="${id}"] .commtext`).first().click();
    await page.keyboard.press('x');
    await expect.poll(() => folded(page)).toEqual([`${id}:collapsed`]);
    const collapsed = await stored();
    await page.keyboard.press('x');
    await expect.poll(() => folded(page)).toEqual([]);
    await page.keyboard.press('u');
    await expect.poll(() => stored()).toEqual(collapsed);
    await expect.poll(() => folded(other)).toEqual([`${id}:collapsed`]);

    await page.keyboard.press('Shift+X');
    await expect.poll(async () => (await folded(page)).length).toBeGreaterThan(1);
    await page.keyboard.press('u');
    await expect.poll(() => stored()).toEqual(collapsed);
    await page.keyboard.press('Shift+E');
    await expect.poll(() => folded(page)).toEqual([]);
    await page.keyboard.press('u');
    await expect.poll(() => stored()).toEqual(collapsed);
    await expect.poll(() => folded(other)).toEqual([`${id}:collapsed`]);
  });
});
