/**
 * The vertical slice through the real UI in a real Chromium: tag, note and collapse a comment on
 * the demo thread, reload, find it all back on the story's page and on the comment's own page,
 * and see the popup count it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  HN,
  OUTPUT,
  browserForSuite,
  openPopup,
  openThread,
  stopServiceWorker,
  tabIdOf,
} from '../kit/chromium';
import { openControl as openForumControl } from './flows';
import { inComment } from '../kit/chromium-shadow';

const STORY = `${HN}/item?id=44533403`;
const COMMENT_PAGE = `${HN}/item?id=44536000`;
const MOTOBOI = '44536000';
const ROWS = 'tr.athing.comtr';

const session = browserForSuite();

function row(page: Page, id: string) {
  return page.locator(`tr[data-tn-comment="hn:${id}"]`);
}

/** Replies under a comment, read from the page's own tree (indent) — not from Threadnote. */
async function descendantIds(page: Page, id: string): Promise<string[]> {
  return page.evaluate((start) => {
    const rows = [...document.querySelectorAll<HTMLElement>('tr.athing.comtr')];
    const indent = (r: Element) => Number(r.querySelector('td.ind')?.getAttribute('indent'));
    const index = rows.findIndex((r) => r.id === start);
    const ids: string[] = [];
    for (const r of rows.slice(index + 1)) {
      if (indent(r) <= indent(rows[index] as Element)) break;
      ids.push(r.id);
    }
    return ids;
  }, id);
}

function openControl(page: Page, id: string) {
  return openForumControl(page, `hn:${id}`, 'span.comhead a.hnuser');
}

describe('foundation: Hacker News in a real Chromium', () => {
  it('marks every comment of every demo page', async () => {
    for (const url of [STORY, COMMENT_PAGE, `${HN}/item?id=36817231`]) {
      const page = await openThread(session(), url, ROWS);
      const rows = await page.locator(ROWS).count();
      expect(rows).toBeGreaterThan(0);
      expect(await page.locator(`${ROWS}[data-tn-comment^="hn:"]`).count()).toBe(rows);
      await page.close();
    }
  });

  it('tags, notes and collapses a comment through its control, and keeps it all', async () => {
    const page = await openThread(session(), STORY, ROWS);
    const replies = await descendantIds(page, MOTOBOI);
    expect(replies.length).toBeGreaterThan(2);

    const panel = await openControl(page, MOTOBOI);
    const tagInput = panel.locator('input#tn-comment-tags-input');
    await tagInput.fill('Insightful');
    await tagInput.press('Enter');
    await expect.poll(() => row(page, MOTOBOI).getAttribute('data-tn-tags')).toBe('insightful');
    await tagInput.fill('follow up');
    await tagInput.press('Enter');
    await expect
      .poll(() => row(page, MOTOBOI).getAttribute('data-tn-tags'))
      .toBe('insightful follow-up');

    const note = 'Ask about the licence <img src=x onerror="document.title=`pwned`">';
    await panel.locator('button', { hasText: 'Write a note' }).click();
    const editor = inComment(page, `hn:${MOTOBOI}`, 'tn-note-editor >> textarea');
    await editor.fill(note);
    await editor.press('Control+Enter');
    await expect.poll(() => row(page, MOTOBOI).getAttribute('data-tn-note')).toBe('');
    const shownNote = inComment(page, `hn:${MOTOBOI}`, 'tn-note >> .note .text');
    expect(await shownNote.textContent()).toBe(note);
    expect(await row(page, MOTOBOI).locator('tn-note-editor').count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    const again = await openControl(page, MOTOBOI);
    await again.locator('button', { hasText: /^Collapse (subthread|comment)/ }).click();
    await expect.poll(() => row(page, MOTOBOI).getAttribute('data-tn-fold')).toBe('collapsed');
    for (const id of replies) expect(await page.locator(`tr[id="${id}"]`).isVisible()).toBe(false);
    expect(await row(page, MOTOBOI).locator('div.comment').isVisible()).toBe(false);
    expect(await inComment(page, `hn:${MOTOBOI}`, 'tn-chips >> .stub').textContent()).toMatch(
      new RegExp(`^${replies.length} replies by `),
    );
    await page.screenshot({ path: join(OUTPUT, 'foundation-annotated.png') });

    await page.reload();
    await expect
      .poll(() => row(page, MOTOBOI).getAttribute('data-tn-tags'))
      .toBe('insightful follow-up');
    expect(await row(page, MOTOBOI).getAttribute('data-tn-note')).toBe('');
    expect(await row(page, MOTOBOI).getAttribute('data-tn-fold')).toBe('collapsed');
    expect(await inComment(page, `hn:${MOTOBOI}`, 'tn-note >> .note .text').textContent()).toBe(
      note,
    );
    for (const id of replies) expect(await page.locator(`tr[id="${id}"]`).isVisible()).toBe(false);
    expect(await page.title()).not.toBe('pwned');
    await page.screenshot({ path: join(OUTPUT, 'foundation-after-reload.png'), fullPage: true });
    await page.close();
  });

  it('shows the same annotation on the comment’s own page, where it can be undone', async () => {
    const page = await openThread(session(), COMMENT_PAGE, ROWS);
    const focus = page.locator(`table.fatitem tr[data-tn-comment="hn:${MOTOBOI}"]`);
    await expect.poll(() => focus.getAttribute('data-tn-tags')).toBe('insightful follow-up');
    // A permalink is for reading: the comment shows open, and so do its replies, folded or not
    // on the story's page.
    expect(await focus.getAttribute('data-tn-fold')).toBeNull();
    expect(await focus.locator('div.comment').isVisible()).toBe(true);
    expect(await page.locator(`${ROWS}:visible`).count()).toBe(await page.locator(ROWS).count());

    // The stored collapse is still there to undo, from the panel.
    const panel = await openControl(page, MOTOBOI);
    await panel.locator('button', { hasText: 'Expand subthread' }).click();
    await expect.poll(() => panel.isVisible()).toBe(false);
    await page.close();

    const story = await openThread(session(), STORY, ROWS);
    await expect
      .poll(() => row(story, MOTOBOI).getAttribute('data-tn-tags'))
      .toBe('insightful follow-up');
    expect(await row(story, MOTOBOI).getAttribute('data-tn-fold')).toBeNull();
    await story.close();
  });

  it('counts the thread in the popup', async () => {
    const page = await openThread(session(), STORY, ROWS);
    const panel = await openControl(page, MOTOBOI);
    await panel.locator('button', { hasText: /^Collapse (subthread|comment)/ }).click();
    await expect.poll(() => row(page, MOTOBOI).getAttribute('data-tn-fold')).toBe('collapsed');

    const popup = await openPopup(session(), await tabIdOf(session(), STORY));
    // The popup leaves out counters that are zero.
    const count = async (id: string) => {
      const value = popup.locator(`[data-count="${id}"] strong`);
      return (await value.count()) > 0 ? value.textContent() : '0';
    };
    await expect.poll(() => count('tagged')).toBe('1');
    expect(await count('noted')).toBe('1');
    expect(await count('collapsed')).toBe('1');
    expect(await count('comments')).toBe(String(await page.locator(ROWS).count()));
    expect(await popup.getByTestId('thread-title').textContent()).toBe(
      'Kimi K2: Open Agentic Intelligence',
    );
    await popup.screenshot({ path: join(OUTPUT, 'foundation-popup.png') });
    await popup.close();
    await page.close();
  });

  it('keeps working when Chromium stops the service worker between edits', async () => {
    const page = await openThread(session(), STORY, ROWS);
    const other = (await page.locator(ROWS).nth(0).getAttribute('id')) ?? '';
    await stopServiceWorker(session(), page);
    const panel = await openControl(page, other);
    await panel.locator('input#tn-comment-tags-input').fill('source');
    await panel.locator('input#tn-comment-tags-input').press('Enter');
    await expect.poll(() => row(page, other).getAttribute('data-tn-tags')).toBe('source');
    await page.reload();
    await expect.poll(() => row(page, other).getAttribute('data-tn-tags')).toBe('source');
    await page.close();
  });

  it('picks up comments the page adds later', async () => {
    const page = await openThread(session(), STORY, ROWS);
    await page.evaluate(() => {
      const template = document.querySelector<HTMLElement>('tr.athing.comtr');
      if (!template?.parentNode) throw new Error('no comment row');
      for (const id of ['49990001', '49990002']) {
        const copy = template.cloneNode(true) as HTMLElement;
        copy.id = id;
        copy.removeAttribute('data-tn-comment');
        copy.querySelectorAll('tn-chips, tn-note, tn-control').forEach((node) => node.remove());
        template.parentNode.appendChild(copy);
      }
    });
    await expect
      .poll(() => page.locator('tr[id="49990002"]').getAttribute('data-tn-comment'))
      .toBe('hn:49990002');
    expect(await page.locator('tr[id="49990001"]').getAttribute('data-tn-comment')).toBe(
      'hn:49990001',
    );
    await page.close();
  });

  it('annotates comments on a page that lists many threads, under each one’s own thread', async () => {
    const page = await openThread(session(), `${HN}/newcomments`, 'tr.athing');
    const first = page.locator('tr.athing').first();
    const id = (await first.getAttribute('id')) ?? '';
    const story = await first.locator('span.onstory a').getAttribute('href');
    const panel = await openControl(page, id);
    await panel.locator('input#tn-comment-tags-input').fill('wrong');
    await panel.locator('input#tn-comment-tags-input').press('Enter');
    await expect.poll(() => row(page, id).getAttribute('data-tn-tags')).toBe('wrong');

    const popup = await openPopup(session(), await tabIdOf(session(), `${HN}/newcomments`));
    await expect.poll(() => popup.locator('main').textContent()).toContain('many threads');
    await popup.close();

    const storyPage = await session().context.newPage();
    await storyPage.goto(`${HN}/${story ?? ''}`);
    const threadPopup = await openPopup(
      session(),
      await tabIdOf(session(), `${HN}/${story ?? ''}`),
    );
    await expect
      .poll(() => threadPopup.locator('[data-count="tagged"] strong').textContent())
      .toBe('1');
    await threadPopup.close();
    await storyPage.close();
    await page.close();
  });
});
