/**
 * Lobsters in a real Chromium, on the saved story page served as lobste.rs: tag, note and
 * collapse a comment through the control, reload, find it back, and fold with Lobsters' own
 * checkbox alongside.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { annotate, inComment, expandFromStub, expectAnnotated, expectPopup } from './flows';
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
    expect(await inComment(page, GIOELE, 'tn-chips >> .stub').textContent()).toContain(
      '[+] 1 reply by kghose',
    );
    expect(await page.locator('#c_9vyyu5').isVisible()).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'lobsters-annotated.png') });

    await page.reload();
    await expectAnnotated(page, GIOELE, annotation);
    expect(await page.locator('#c_lqqn3a').isVisible()).toBe(false);
    expect(await page.locator('b', { hasText: 'not' }).count()).toBe(0);
    await page.close();
  });

  it('leaves Lobsters’ own fold working, independent of Threadnote’s', async () => {
    const page = await openThread(session(), STORY, COMMENTS);
    await expectAnnotated(page, GIOELE, {
      tags: ['insightful', 'follow-up'],
      note: NOTE,
      collapse: true,
    });

    // Lobsters folds the parent: its text and every reply go, Threadnote's fold below stays.
    await nativeFold(page, '9vyyu5').click();
    expect(await text(page, '9vyyu5').isVisible()).toBe(false);
    expect(await page.locator('#c_owddle').isVisible()).toBe(false);
    await nativeFold(page, '9vyyu5').click();
    expect(await page.locator('#c_owddle').isVisible()).toBe(true);
    expect(await text(page, 'owddle').isVisible()).toBe(false);

    // Folded both ways, the comment opens both ways: Threadnote's expand, then Lobsters' [+].
    await nativeFold(page, 'owddle').click();
    await expandFromStub(page, GIOELE);
    expect(await page.locator('#c_lqqn3a').isVisible()).toBe(false);
    await nativeFold(page, 'owddle').click();
    expect(await text(page, 'owddle').isVisible()).toBe(true);
    expect(await page.locator('#c_lqqn3a').isVisible()).toBe(true);
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
        collapsed: 0,
        comments: 10,
      },
      'lobsters-popup',
    );
    await page.close();
  });
});
