/**
 * Classic Reddit in a real Chromium, on the saved AMA page served as old.reddit.com: tag, note
 * and collapse through the control, Reddit's own [–] and Threadnote's collapse as one fold, and
 * comments that “load more comments” brings in later picked up and annotated.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { annotate, comment, inComment, expectAnnotated, expectPopup, openControl } from './flows';
import { OLD_REDDIT, OUTPUT, browserForSuite, openThread } from '../kit/chromium';

const PATH = '/r/science/comments/579v6t/science_ama_series_hi_reddit_im_phil_klotzbach_a/';
const THREAD = `${OLD_REDDIT}${PATH}`;
const COMMENTS = '.commentarea div.thing.comment';
const HOVER = ':scope > .entry .tagline a.author';
const TITLE =
  "Science AMA Series: Hi Reddit, I'm Phil Klotzbach, a research scientist in the Department of Atmospheric Science at Colorado State University. I'm here to talk about the 2016 Atlantic hurricane season specifically as well as any other hurricane/typhoon related questions you have. Ask me anything!";
const ASKER = 'reddit:t1_d8q50n6';
const ASKER_REPLIES = ['d8q8wjo', 'd8q98wu'];
const NATE = 'reddit:t1_d8q4lwg';
const LOADED = 'reddit:t1_d8q6yaj';

const session = browserForSuite();

const thing = (page: Page, id: string) => page.locator(`#thing_t1_${id}`);
const ownText = (page: Page, id: string) => thing(page, id).locator(':scope > .entry .usertext');
const expand = (page: Page, id: string) =>
  thing(page, id).locator(':scope > .entry .tagline a.expand');

async function loadMore(page: Page): Promise<void> {
  await page.locator('#more_t1_d8q6yaj').click();
  await expect.poll(() => comment(page, LOADED).count()).toBe(1);
}

describe('classic Reddit in a real Chromium', () => {
  it('marks every comment, on old.reddit.com and on www.reddit.com', async () => {
    for (const url of [THREAD, `https://www.reddit.com${PATH}`]) {
      const page = await openThread(session(), url, COMMENTS);
      expect(await page.locator(`${COMMENTS}[data-tn-comment^="reddit:t1_"]`).count()).toBe(72);
      await page.close();
    }
  });

  it('tags, notes and collapses a comment through its control, and keeps it all', async () => {
    const page = await openThread(session(), THREAD, COMMENTS);
    const annotation = {
      tags: ['forecasting'],
      note: 'Euro vs GFS: ask for sources',
      collapse: true,
    };
    await annotate(page, ASKER, HOVER, annotation);
    expect(await ownText(page, 'd8q50n6').isVisible()).toBe(false);
    expect(await thing(page, 'd8q50n6').locator(':scope > .entry ul.buttons').isVisible()).toBe(
      false,
    );
    for (const id of ASKER_REPLIES) expect(await thing(page, id).isVisible()).toBe(false);
    // Reddit's own [+] opens it: the stub has no second one.
    expect(await inComment(page, ASKER, 'tn-chips >> .stub').textContent()).toBe(
      '2 replies by deathstartrenchrun and Zberry1978 · 1 note',
    );
    expect(await expand(page, 'd8q50n6').textContent()).toBe('[+]');
    await comment(page, ASKER).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT, 'reddit-annotated.png') });

    await page.reload();
    await expectAnnotated(page, ASKER, annotation);
    for (const id of ASKER_REPLIES) expect(await thing(page, id).isVisible()).toBe(false);
    await page.close();
  });

  it('keeps Reddit’s own [–] and Threadnote’s collapse one fold, both ways', async () => {
    const page = await openThread(session(), THREAD, COMMENTS);
    const fold = () => comment(page, ASKER).getAttribute('data-tn-fold');
    const repliesShow = async () => {
      const shown = await Promise.all(ASKER_REPLIES.map((id) => thing(page, id).isVisible()));
      return shown.every(Boolean);
    };
    await expect.poll(fold).toBe('collapsed');
    expect(await expand(page, 'd8q50n6').textContent()).toBe('[+]');

    // Reddit's [+] opens Threadnote's collapse, and its [–] folds it again.
    await expand(page, 'd8q50n6').click();
    await expect.poll(fold).toBeNull();
    expect(await expand(page, 'd8q50n6').textContent()).toBe('[–]');
    expect(await ownText(page, 'd8q50n6').isVisible()).toBe(true);
    expect(await repliesShow()).toBe(true);
    await expand(page, 'd8q50n6').click();
    await expect.poll(fold).toBe('collapsed');
    expect(await expand(page, 'd8q50n6').textContent()).toBe('[+]');
    expect(await ownText(page, 'd8q50n6').isVisible()).toBe(false);
    for (const id of ASKER_REPLIES) expect(await thing(page, id).isVisible()).toBe(false);

    // Threadnote's expand opens Reddit's fold too.
    const panel = await openControl(page, ASKER, HOVER);
    await panel.locator('button', { hasText: 'Expand subthread' }).click();
    await expect.poll(fold).toBeNull();
    expect(await expand(page, 'd8q50n6').textContent()).toBe('[–]');
    expect(await ownText(page, 'd8q50n6').isVisible()).toBe(true);
    expect(await repliesShow()).toBe(true);

    // The comment Reddit serves folded stays as served, and opens with its [+].
    const removed = page.locator('.thing.deleted.comment');
    expect(await removed.locator(':scope > .entry .usertext').isVisible()).toBe(false);
    await removed.locator(':scope > .entry .tagline a.expand').click();
    expect(await removed.locator(':scope > .entry .usertext').isVisible()).toBe(true);
    await page.close();
  });

  it('picks up and annotates the comments “load more comments” brings in', async () => {
    const page = await openThread(session(), THREAD, COMMENTS);
    await annotate(page, NATE, HOVER, { tags: ['mod-note'] });
    await loadMore(page);
    expect(await page.locator('.thing.morechildren').count()).toBe(0);
    await annotate(page, LOADED, HOVER, { tags: ['question'], note: 'answered further down?' });
    // Each annotation stays on its own comment.
    await expectAnnotated(page, NATE, { tags: ['mod-note'] });
    expect(await page.locator('[data-tn-tags~="question"]').count()).toBe(1);
    await comment(page, LOADED).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT, 'reddit-load-more.png') });

    await page.reload();
    await expectAnnotated(page, NATE, { tags: ['mod-note'] });
    await loadMore(page);
    await expectAnnotated(page, LOADED, { tags: ['question'], note: 'answered further down?' });
    await page.close();
  });

  it('counts the thread in the popup', async () => {
    const page = await openThread(session(), THREAD, COMMENTS);
    await expectPopup(
      session(),
      THREAD,
      {
        site: 'Reddit',
        title: TITLE,
        tagged: 3,
        noted: 2,
        collapsed: 0,
        comments: 72,
      },
      'reddit-popup',
    );
    await page.close();
  });
});
