/**
 * Lobsters in a real Chromium, on the saved story page served as lobste.rs: tag, note and
 * collapse a comment through the control, reload, find it back; Lobsters' own fold checkbox and
 * Threadnote's collapse are one fold.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { annotate, comment, inComment, expectAnnotated, expectPopup, openControl } from './flows';
import { LOBSTERS, OUTPUT, browserForSuite, openThread } from '../kit/chromium';

const STORY = `${LOBSTERS}/s/tdfoqh/ranking_comments_by_sum_replies_scores`;
const COMMENTS = 'div.comment[id^="c_"]';
const HOVER = '.byline a[href^="/~"]:not([aria-hidden])';
const GIOELE = 'lobsters:owddle';
const NOTE = 'He answers the point about popularity <b>not</b> quality.';

const session = browserForSuite();

const text = (page: Page, id: string) => page.locator(`#c_${id} .comment_text`);
/** Lobsters' own fold: the label of the checkbox before the comment. */
const nativeFold = (page: Page, id: string) =>
  page.locator(`#c_${id} label.comment_folder[for="comment_folder_${id}"]`);

describe('Lobsters in a real Chromium', () => {
  it('marks every comment of the story', async () => {
    const page = await openThread(session(), STORY, COMMENTS);
    expect(await page.locator(`${COMMENTS}[data-tn-comment^="lobsters:"]`).count()).toBe(10);
    await page.close();
  });

  it('tags, notes and collapses a comment through its control, and keeps it all', async () => {
    const page = await openThread(session(), STORY, COMMENTS);
    const annotation = { tags: ['insightful', 'follow-up'], note: NOTE, collapse: true };
    await annotate(page, GIOELE, HOVER, annotation);
    expect(await text(page, 'owddle').isVisible()).toBe(false);
    expect(await page.locator('#c_lqqn3a').isVisible()).toBe(false);
    // Lobsters' own [+] opens it: the stub has no second one.
    expect(await inComment(page, GIOELE, 'tn-chips >> .stub').textContent()).toBe(
      '1 reply by kghose · 1 note',
    );
    expect(await page.locator('#comment_folder_owddle').isChecked()).toBe(true);
    expect(await page.locator('#c_9vyyu5').isVisible()).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'lobsters-annotated.png') });

    await page.reload();
    await expectAnnotated(page, GIOELE, annotation);
    expect(await page.locator('#c_lqqn3a').isVisible()).toBe(false);
    expect(await page.locator('b', { hasText: 'not' }).count()).toBe(0);
    await page.close();
  });

  it('keeps Lobsters’ own fold and Threadnote’s collapse one fold, both ways', async () => {
    const page = await openThread(session(), STORY, COMMENTS);
    const annotation = { tags: ['insightful', 'follow-up'], note: NOTE, collapse: true };
    await expectAnnotated(page, GIOELE, annotation);
    const folder = page.locator('#comment_folder_owddle');
    const fold = () => comment(page, GIOELE).getAttribute('data-tn-fold');
    expect(await folder.isChecked()).toBe(true);

    // Lobsters' [-] and [+] fold and open Threadnote's collapse with them.
    await nativeFold(page, 'owddle').click();
    await expect.poll(fold).toBeNull();
    expect(await text(page, 'owddle').isVisible()).toBe(true);
    expect(await page.locator('#c_lqqn3a').isVisible()).toBe(true);
    await nativeFold(page, 'owddle').click();
    await expect.poll(fold).toBe('collapsed');
    expect(await text(page, 'owddle').isVisible()).toBe(false);
    expect(await page.locator('#c_lqqn3a').isVisible()).toBe(false);
    await page.reload();
    await expectAnnotated(page, GIOELE, annotation);
    expect(await folder.isChecked()).toBe(true);

    // Threadnote's expand opens Lobsters' fold too, and its collapse folds it.
    let panel = await openControl(page, GIOELE, HOVER);
    await panel.locator('button', { hasText: 'Expand subthread' }).click();
    await expect.poll(fold).toBeNull();
    expect(await folder.isChecked()).toBe(false);
    expect(await text(page, 'owddle').isVisible()).toBe(true);
    expect(await page.locator('#c_lqqn3a').isVisible()).toBe(true);
    panel = await openControl(page, GIOELE, HOVER);
    await panel.locator('button', { hasText: 'Collapse subthread' }).click();
    await expect.poll(fold).toBe('collapsed');
    expect(await folder.isChecked()).toBe(true);

    // A parent folded by Lobsters alone hides its replies, Threadnote's fold among them, which
    // is still there when it opens.
    await nativeFold(page, '9vyyu5').click();
    await expect
      .poll(() => comment(page, 'lobsters:9vyyu5').getAttribute('data-tn-fold'))
      .toBe('collapsed');
    expect(await page.locator('#c_owddle').isVisible()).toBe(false);
    await nativeFold(page, '9vyyu5').click();
    await expect
      .poll(() => comment(page, 'lobsters:9vyyu5').getAttribute('data-tn-fold'))
      .toBeNull();
    expect(await page.locator('#c_owddle').isVisible()).toBe(true);
    expect(await text(page, 'owddle').isVisible()).toBe(false);
    await page.close();
  });

  it('counts the story in the popup', async () => {
    const page = await openThread(session(), STORY, COMMENTS);
    await expectPopup(
      session(),
      STORY,
      {
        site: 'Lobsters',
        title: "Ranking comments by sum of replies' scores",
        tagged: 1,
        noted: 1,
        collapsed: 1,
        comments: 10,
      },
      'lobsters-popup',
    );
    await page.close();
  });
});
