/**
 * Tags through the real UI, in every browser: keyboard-only tagging, user tags on every comment
 * by that user across threads and on submitter links, a second tab kept live, the options page's
 * rename, merge and delete, filtering by a tag, quick tags, reloads, a stopped background and
 * hostile names. tests/browser/tags.test.ts runs them in Chromium, tests/firefox/tags.test.ts in
 * Firefox; each test starts from an empty profile.
 */
import { describe, expect, it } from 'vitest';
import { HN } from '../kit/launcher.mjs';
import type { BrowserDriver } from '../kit/driver';
import {
  COMMENT_PAGE,
  MOTOBOI,
  ROWS,
  STORY,
  addTag,
  comment,
  enterTag,
  focusRow,
  focusedId,
  idsBy,
  idsWith,
  openOptions,
  openPanel,
  panel,
  tagInput,
  tags,
  ui,
} from './steps';

const THREADS = `${HN}/threads?id=motoboi`;
const HOLLOWBIT = 'hollowbit';

export function tagFlows(driver: () => BrowserDriver): void {
  describe('tags', () => {
    it('tags a comment with the keyboard alone', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      await tab.clickAt(5, 5);
      await tab.keys('j');
      const first = await focusedId(tab);
      await tab.keys('t');
      await tab.type('Follow up');
      expect(await tab.value(tagInput(first))).toBe('Follow up');
      await tab.keys('Enter');
      await expect.poll(() => tags(tab, first)).toBe('follow-up');
      await tab.type('source');
      await tab.keys('Enter');
      await expect.poll(() => tags(tab, first)).toBe('follow-up source');
      // An empty field offers the tags used last; arrows pick one, Enter on an applied one takes
      // it off.
      await tab.keys('ArrowDown');
      await tab.keys('Enter');
      await expect.poll(() => tags(tab, first)).toBe('follow-up');
      await tab.keys('Escape');
      expect(await tab.count(panel(first))).toBe(0);
      // Focus goes back to the comment, where the keys act (issue 16).
      expect(await focusedId(tab)).toBe(first);

      await tab.reload();
      await expect.poll(() => tags(tab, first)).toBe('follow-up');
      await tab.close();
    });

    it('shows user tags on every comment by the user, across threads and tabs', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      const other = await driver().openThread(THREADS, 'tr.athing');
      await tab.front();
      const byHollowbit = await idsBy(tab, ROWS, HOLLOWBIT);
      expect(byHollowbit.length).toBeGreaterThan(1);
      await addTag(tab, byHollowbit[0] ?? '', 'Expert in compilers', 'user-tags');
      await expect
        .poll(() => idsWith(tab, 'data-tn-user-tags', 'expert-in-compilers'))
        .toEqual(byHollowbit);
      expect(await tab.text(`${ui(byHollowbit[1] ?? '', 'tn-chips')}.user-chip`)).toBe(
        'expert-in-compilers',
      );
      await tab.screenshot('tags-user-tags');

      // The other open tab, another page listing hollowbit's comments, follows without a reload.
      const onThreads = await idsBy(other, 'tr.athing', HOLLOWBIT);
      expect(onThreads.length).toBeGreaterThan(0);
      await expect
        .poll(() => idsWith(other, 'data-tn-user-tags', 'expert-in-compilers'))
        .toEqual(onThreads);

      // And a thread opened later shows it too.
      const commentPage = await driver().openThread(COMMENT_PAGE, ROWS);
      const there = await idsWith(commentPage, 'data-tn-user-tags', 'expert-in-compilers');
      expect(there.length).toBeGreaterThan(0);
      await Promise.all([tab.close(), other.close(), commentPage.close()]);
    });

    it('updates a second tab of the thread live', async () => {
      const a = await driver().openThread(STORY, ROWS);
      const b = await driver().openThread(STORY, ROWS);
      await a.front();
      await addTag(a, MOTOBOI, 'insightful');
      await expect.poll(() => tags(b, MOTOBOI)).toBe('insightful');
      await Promise.all([a.close(), b.close()]);
    });

    it('renames, merges and deletes tags in the options page, and open pages follow', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      const ids = await tab.evaluate(
        (rows) => [...document.querySelectorAll(rows)].slice(0, 3).map((r) => r.id),
        ROWS,
      );
      await addTag(tab, ids[0] ?? '', 'insightful');
      // Enter would take the near match `insightful`: the typo is made through its Create row, the
      // last one, which ArrowUp reaches from the first.
      await openPanel(tab, ids[1] ?? '');
      await tab.fill(tagInput(ids[1] ?? ''), 'insigthful');
      await tab.keys('ArrowUp');
      await tab.keys('Enter');
      await expect.poll(() => tags(tab, ids[1] ?? '')).toBe('insigthful');
      await tab.keys('Escape');
      await addTag(tab, ids[2] ?? '', 'wrong');
      await addTag(tab, ids[2] ?? '', 'insightful');

      const options = await openOptions(driver(), 'table.tags-table');
      const usage = (name: string) =>
        options.attribute(`tr[data-tag="${name}"] td.usage`, 'data-usage');
      expect(await usage('insightful')).toBe('2/0');
      await options.screenshot('tags-options', true);

      // A typo'd tag renamed onto the right one merges them.
      await options.clickText('tr[data-tag="insigthful"] button', 'Rename');
      await options.fill('.pending input', 'Insightful');
      await options.clickText('.pending button[type="submit"]', 'Rename');
      await expect
        .poll(() => options.text('#tags [role="status"]'))
        .toBe('Merged “insigthful” into “insightful” on 1 comment and 0 users.');
      await expect.poll(() => usage('insightful')).toBe('3/0');
      await expect.poll(() => idsWith(tab, 'data-tn-tags', 'insightful')).toEqual(ids);

      await options.clickText('tr[data-tag="insightful"] button', 'Rename');
      await options.fill('.pending input', 'great');
      await options.clickText('.pending button[type="submit"]', 'Rename');
      await expect.poll(() => idsWith(tab, 'data-tn-tags', 'great')).toEqual(ids);
      expect(await idsWith(tab, 'data-tn-tags', 'insightful')).toEqual([]);

      await options.clickText('tr[data-tag="wrong"] button', 'Merge…');
      await options.select('.pending select', 'great');
      await options.clickText('.pending button[type="submit"]', 'Merge');
      await expect.poll(() => tags(tab, ids[2] ?? '')).toBe('great');

      await options.clickText('tr[data-tag="great"] button', 'Delete');
      expect(await options.text('.pending p')).toContain('It is on 3 comments and 0 users');
      await options.clickText('.pending button', 'Delete “great”');
      await expect.poll(() => tab.count('[data-tn-tags]')).toBe(0);
      // The options page redraws on its own schedule: in Firefox, at times after the thread.
      await expect.poll(() => options.count('table.tags-table')).toBe(0);

      await tab.reload();
      await tab.waitForThread(ROWS);
      expect(await tab.count('[data-tn-tags]')).toBe(0);
      await Promise.all([tab.close(), options.close()]);
    });

    it('filters the thread by a tag from a chip, with next and clear', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      const ids = await tab.evaluate((rows) => {
        const all = document.querySelectorAll(rows);
        return [all[1]?.id ?? '', all[9]?.id ?? ''];
      }, ROWS);
      for (const id of ids) await addTag(tab, id, 'source');
      const total = await tab.count(ROWS);
      await tab.clickText(`${ui(ids[0] ?? '', 'tn-chips')}button.name`, 'source');
      const bar = 'tn-filter-bar >> ';
      await expect
        .poll(() => tab.text(`${bar}.count`))
        .toBe(`2 of ${total} comments tagged source`);
      expect(await tab.count('.tn-dimmed')).toBe(total - 2);
      expect(await tab.count(`${comment(ids[1] ?? '')}.tn-dimmed`)).toBe(0);
      // From the comment whose chip was clicked, next goes on to the following match, then wraps.
      await tab.clickText(`${bar}button`, 'next');
      expect(await focusedId(tab)).toBe(ids[1]);
      await tab.clickText(`${bar}button`, 'next');
      expect(await focusedId(tab)).toBe(ids[0]);
      await tab.clickText(`${bar}button`, 'previous');
      expect(await focusedId(tab)).toBe(ids[1]);
      await tab.screenshot('tags-filter');
      await tab.clickText(`${bar}button`, 'clear');
      expect(await tab.count('.tn-dimmed')).toBe(0);
      expect(await tab.count('tn-filter-bar')).toBe(0);
      await tab.close();
    });

    it('applies quick tags with number keys, and survives a stopped background', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      await addTag(tab, MOTOBOI, 'insightful');
      await addTag(tab, MOTOBOI, 'wrong');
      await addTag(tab, MOTOBOI, 'wrong'); // toggling via the picker is not re-adding: still one
      const options = await openOptions(driver(), 'table.tags-table');
      await options.click('button[aria-label="Make wrong a quick tag"]');
      await expect.poll(() => options.count('button[aria-label="Quick tag 1: wrong"]')).toBe(1);
      await options.click('button[aria-label="Make insightful a quick tag"]');
      await expect
        .poll(() => options.count('button[aria-label="Quick tag 2: insightful"]'))
        .toBe(1);
      await options.close();

      await tab.front();
      await driver().stopBackground();
      const [target = '', next = ''] = await tab.evaluate(
        (rows) => [...document.querySelectorAll(rows)].slice(0, 2).map((r) => r.id),
        ROWS,
      );
      await focusRow(tab, target);
      await tab.keys('1');
      await expect.poll(() => tags(tab, target)).toBe('wrong');
      await tab.keys('2');
      await expect.poll(() => tags(tab, target)).toBe('wrong insightful');
      await tab.keys('1');
      await expect.poll(() => tags(tab, target)).toBe('insightful');
      await tab.reload();
      await expect.poll(() => tags(tab, target)).toBe('insightful');

      // Keys pressed back to back each count: the second no longer writes over the first.
      await focusRow(tab, next);
      await tab.keys('1');
      await tab.keys('2');
      await expect.poll(() => tags(tab, next)).toBe('wrong insightful');
      await tab.reload();
      await expect.poll(() => tags(tab, next)).toBe('wrong insightful');
      await tab.close();
    });

    it('keeps hostile names inert, and shows user tags on submitter links', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      const dialogs = tab.dialogs();
      const hostile = '<img src=x onerror=alert(1)>';
      await addTag(tab, MOTOBOI, hostile);
      await expect.poll(() => tags(tab, MOTOBOI)).toBe('<img-src=x-onerror=alert(1)>');
      expect(await tab.text(`${ui(MOTOBOI, 'tn-chips')}button.name`)).toBe(
        '<img-src=x-onerror=alert(1)>',
      );
      expect(await tab.count('img[src="x"]')).toBe(0);

      await openPanel(tab, MOTOBOI);
      await enterTag(tab, MOTOBOI, 'a\u202Eb');
      expect(await tab.text(`${panel(MOTOBOI)} [role="alert"]`)).toContain(
        'invisible or text-direction',
      );
      await enterTag(tab, MOTOBOI, 'x'.repeat(4000));
      expect(await tab.text(`${panel(MOTOBOI)} [role="alert"]`)).toContain('at most 40 characters');
      expect(await tags(tab, MOTOBOI)).toBe('<img-src=x-onerror=alert(1)>');

      // A user tag made from an extension page shows next to the story's submitter.
      const result = await driver().sendMessage({
        threadnote: 1,
        type: 'user.edit',
        payload: {
          user: { key: 'hn:c4pt0r', name: 'c4pt0r' },
          ops: [{ op: 'tag.add', tag: 'submitter' }],
        },
      });
      expect(result).toMatchObject({ ok: true });
      await tab.front();
      await expect.poll(() => tab.count('td.subtext tn-user-chips')).toBe(1);
      expect(await tab.text('td.subtext tn-user-chips >> .user-chip')).toBe('submitter');
      expect(dialogs()).toBe(0);
      await tab.close();
    });
  });
}
