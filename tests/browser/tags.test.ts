/**
 * Tags through the real UI: keyboard-only tagging, user tags on every comment by that user
 * across threads and on submitter links, a second tab kept live, the options page's rename,
 * merge and delete, filtering by a tag, quick tags, reloads, a worker restart and hostile names.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HN, OUTPUT, launch, openThread, stopServiceWorker, type Session } from './harness';
import { inComment, inShadow } from './shadow';

const STORY = `${HN}/item?id=44533403`;
const COMMENT_PAGE = `${HN}/item?id=44536000`;
const THREADS = `${HN}/threads?id=motoboi`;
const ROWS = 'tr.athing.comtr';
const MOTOBOI = '44536000';
const HOLLOWBIT = 'hollowbit';

let session: Session;

beforeEach(async () => {
  session = await launch();
});

afterEach(async () => {
  await session?.close();
});

function row(page: Page, id: string) {
  return page.locator(`[data-tn-comment="hn:${id}"]`);
}

async function panelFor(page: Page, id: string) {
  await row(page, id).locator('span.comhead a.hnuser').first().hover();
  await inComment(page, `hn:${id}`, 'tn-control >> button.trigger').click();
  return inComment(page, `hn:${id}`, 'tn-control >> [role="dialog"]');
}

async function addTag(page: Page, id: string, name: string, field = 'comment-tags') {
  const panel = await panelFor(page, id);
  await panel.locator(`input#tn-${field}-input`).fill(name);
  await panel.locator(`input#tn-${field}-input`).press('Enter');
  await panel.press('Escape');
}

async function openOptions(): Promise<Page> {
  const options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
  await options.locator('table.tags-table').waitFor();
  return options;
}

function idsWith(page: Page, attribute: string, value: string): Promise<string[]> {
  return page.evaluate(
    ({ attribute, value }) =>
      [...document.querySelectorAll(`[${attribute}~="${value}"]`)].map((element) => element.id),
    { attribute, value },
  );
}

describe('tags', () => {
  it('tags a comment with the keyboard alone', async () => {
    const page = await openThread(session, STORY, ROWS);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    const first = (await page.evaluate(() => document.activeElement?.id)) ?? '';
    await page.keyboard.press('t');
    await page.keyboard.type('Follow up');
    expect(
      await inComment(
        page,
        `hn:${first}`,
        'tn-control >> input#tn-comment-tags-input',
      ).inputValue(),
    ).toBe('Follow up');
    await page.keyboard.press('Enter');
    await expect.poll(() => row(page, first).getAttribute('data-tn-tags')).toBe('follow-up');
    await page.keyboard.type('source');
    await page.keyboard.press('Enter');
    await expect.poll(() => row(page, first).getAttribute('data-tn-tags')).toBe('follow-up source');
    // An empty field offers the tags used last; arrows pick one, Enter on an applied one takes
    // it off.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => row(page, first).getAttribute('data-tn-tags')).toBe('follow-up');
    await page.keyboard.press('Escape');
    expect(await inComment(page, `hn:${first}`, 'tn-control >> [role="dialog"]').count()).toBe(0);
    // Focus goes back to the comment, where the keys act (issue 16).
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(first);

    await page.reload();
    await expect.poll(() => row(page, first).getAttribute('data-tn-tags')).toBe('follow-up');
    await page.close();
  });

  it('shows user tags on every comment by the user, across threads and tabs', async () => {
    const page = await openThread(session, STORY, ROWS);
    const other = await openThread(session, THREADS, 'tr.athing');
    await page.bringToFront();
    const byHollowbit = await page.evaluate(
      (name) =>
        [...document.querySelectorAll('tr.athing.comtr')]
          .filter((r) => r.querySelector('a.hnuser')?.textContent === name)
          .map((r) => r.id),
      HOLLOWBIT,
    );
    expect(byHollowbit.length).toBeGreaterThan(1);
    await addTag(page, byHollowbit[0] ?? '', 'Expert in compilers', 'user-tags');
    await expect
      .poll(() => idsWith(page, 'data-tn-user-tags', 'expert-in-compilers'))
      .toEqual(byHollowbit);
    expect(
      await inComment(page, `hn:${byHollowbit[1] ?? ''}`, 'tn-chips >> .user-chip').textContent(),
    ).toBe('expert-in-compilers');
    await page.screenshot({ path: join(OUTPUT, 'tags-user-tags.png') });

    // The other open tab, another page listing hollowbit's comments, follows without a reload.
    const onThreads = await other.evaluate(
      (name) =>
        [...document.querySelectorAll('tr.athing')]
          .filter((r) => r.querySelector('a.hnuser')?.textContent === name)
          .map((r) => r.id),
      HOLLOWBIT,
    );
    expect(onThreads.length).toBeGreaterThan(0);
    await expect
      .poll(() => idsWith(other, 'data-tn-user-tags', 'expert-in-compilers'))
      .toEqual(onThreads);

    // And a thread opened later shows it too.
    const commentPage = await openThread(session, COMMENT_PAGE, ROWS);
    const there = await idsWith(commentPage, 'data-tn-user-tags', 'expert-in-compilers');
    expect(there.length).toBeGreaterThan(0);
    await Promise.all([page.close(), other.close(), commentPage.close()]);
  });

  it('updates a second tab of the thread live', async () => {
    const a = await openThread(session, STORY, ROWS);
    const b = await openThread(session, STORY, ROWS);
    await a.bringToFront();
    await addTag(a, MOTOBOI, 'insightful');
    await expect.poll(() => row(b, MOTOBOI).getAttribute('data-tn-tags')).toBe('insightful');
    await Promise.all([a.close(), b.close()]);
  });

  it('renames, merges and deletes tags in the options page, and open pages follow', async () => {
    const page = await openThread(session, STORY, ROWS);
    const ids = await page.locator(ROWS).evaluateAll((rows) => rows.slice(0, 3).map((r) => r.id));
    await addTag(page, ids[0] ?? '', 'insightful');
    // Enter would take the near match `insightful`: the typo is made through its Create row, the
    // last one, which ArrowUp reaches from the first.
    const panel = await panelFor(page, ids[1] ?? '');
    await panel.locator('input#tn-comment-tags-input').fill('insigthful');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => row(page, ids[1] ?? '').getAttribute('data-tn-tags'))
      .toBe('insigthful');
    await page.keyboard.press('Escape');
    await addTag(page, ids[2] ?? '', 'wrong');
    await addTag(page, ids[2] ?? '', 'insightful');

    const options = await openOptions();
    const usage = (name: string) =>
      options.locator(`tr[data-tag="${name}"] td.usage`).getAttribute('data-usage');
    expect(await usage('insightful')).toBe('2/0');
    await options.screenshot({ path: join(OUTPUT, 'tags-options.png'), fullPage: true });

    // A typo'd tag renamed onto the right one merges them.
    await options
      .locator('tr[data-tag="insigthful"]')
      .getByRole('button', { name: 'Rename' })
      .click();
    await options.locator('.pending input').fill('Insightful');
    await options.locator('.pending').getByRole('button', { name: 'Rename' }).click();
    await expect
      .poll(() => options.locator('#tags').getByRole('status').textContent())
      .toBe('Merged “insigthful” into “insightful” on 1 comment and 0 users.');
    await expect.poll(() => usage('insightful')).toBe('3/0');
    await expect.poll(() => idsWith(page, 'data-tn-tags', 'insightful')).toEqual(ids);

    await options
      .locator('tr[data-tag="insightful"]')
      .getByRole('button', { name: 'Rename' })
      .click();
    await options.locator('.pending input').fill('great');
    await options.locator('.pending').getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => idsWith(page, 'data-tn-tags', 'great')).toEqual(ids);
    expect(await idsWith(page, 'data-tn-tags', 'insightful')).toEqual([]);

    await options.locator('tr[data-tag="wrong"]').getByRole('button', { name: 'Merge…' }).click();
    await options.locator('.pending select').selectOption('great');
    await options.locator('.pending').getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => row(page, ids[2] ?? '').getAttribute('data-tn-tags')).toBe('great');

    await options.locator('tr[data-tag="great"]').getByRole('button', { name: 'Delete' }).click();
    expect(await options.locator('.pending p').textContent()).toContain(
      'It is on 3 comments and 0 users',
    );
    await options.locator('.pending').getByRole('button', { name: 'Delete “great”' }).click();
    await expect.poll(() => page.locator('[data-tn-tags]').count()).toBe(0);
    expect(await options.locator('table.tags-table').count()).toBe(0);

    await page.reload();
    await page.locator(`${ROWS}[data-tn-comment]`).first().waitFor();
    expect(await page.locator('[data-tn-tags]').count()).toBe(0);
    await Promise.all([page.close(), options.close()]);
  });

  it('filters the thread by a tag from a chip, with next and clear', async () => {
    const page = await openThread(session, STORY, ROWS);
    const ids = await page.locator(ROWS).evaluateAll((rows) => [rows[1]?.id, rows[9]?.id]);
    for (const id of ids) await addTag(page, id ?? '', 'source');
    const total = await page.locator(ROWS).count();
    await inComment(page, `hn:${ids[0] ?? ''}`, 'tn-chips >> button.name', {
      hasText: 'source',
    }).click();
    const bar = inShadow(page, 'tn-filter-bar');
    await expect
      .poll(() => bar.locator('.count').textContent())
      .toBe(`2 of ${total} comments tagged source`);
    expect(await page.locator('.tn-dimmed').count()).toBe(total - 2);
    expect(await row(page, ids[1] ?? '').evaluate((r) => r.classList.contains('tn-dimmed'))).toBe(
      false,
    );
    // From the comment whose chip was clicked, next goes on to the following match, then wraps.
    await bar.locator('button', { hasText: /^next$/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(ids[1]);
    await bar.locator('button', { hasText: /^next$/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(ids[0]);
    await bar.locator('button', { hasText: /^previous$/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(ids[1]);
    await page.screenshot({ path: join(OUTPUT, 'tags-filter.png') });
    await bar.locator('button', { hasText: /^clear$/ }).click();
    expect(await page.locator('.tn-dimmed').count()).toBe(0);
    expect(await page.locator('tn-filter-bar').count()).toBe(0);
    await page.close();
  });

  it('applies quick tags with number keys, and survives a worker restart', async () => {
    const page = await openThread(session, STORY, ROWS);
    await addTag(page, MOTOBOI, 'insightful');
    await addTag(page, MOTOBOI, 'wrong');
    await addTag(page, MOTOBOI, 'wrong'); // toggling via the picker is not re-adding: still one
    const options = await openOptions();
    await options.getByRole('button', { name: 'Make wrong a quick tag' }).click();
    await options.getByRole('button', { name: 'Quick tag 1: wrong' }).waitFor();
    await options.getByRole('button', { name: 'Make insightful a quick tag' }).click();
    await expect
      .poll(() => options.getByRole('button', { name: 'Quick tag 2: insightful' }).count())
      .toBe(1);
    await options.close();

    await page.bringToFront();
    await stopServiceWorker(session, page);
    const target = (await page.locator(ROWS).nth(0).getAttribute('id')) ?? '';
    await page.locator(`tr[id="${target}"]`).evaluate((r: HTMLElement) => {
      r.setAttribute('tabindex', '-1');
      r.focus();
    });
    await page.keyboard.press('1');
    await expect.poll(() => row(page, target).getAttribute('data-tn-tags')).toBe('wrong');
    await page.keyboard.press('2');
    await expect
      .poll(() => row(page, target).getAttribute('data-tn-tags'))
      .toBe('wrong insightful');
    await page.keyboard.press('1');
    await expect.poll(() => row(page, target).getAttribute('data-tn-tags')).toBe('insightful');
    await page.reload();
    await expect.poll(() => row(page, target).getAttribute('data-tn-tags')).toBe('insightful');

    // Keys pressed back to back each count: the second no longer writes over the first.
    const next = (await page.locator(ROWS).nth(1).getAttribute('id')) ?? '';
    await page.locator(`tr[id="${next}"]`).evaluate((r: HTMLElement) => {
      r.setAttribute('tabindex', '-1');
      r.focus();
    });
    await page.keyboard.press('1');
    await page.keyboard.press('2');
    await expect.poll(() => row(page, next).getAttribute('data-tn-tags')).toBe('wrong insightful');
    await page.reload();
    await expect.poll(() => row(page, next).getAttribute('data-tn-tags')).toBe('wrong insightful');
    await page.close();
  });

  it('keeps hostile names inert, and shows user tags on submitter links', async () => {
    const page = await openThread(session, STORY, ROWS);
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    const hostile = '<img src=x onerror=alert(1)>';
    await addTag(page, MOTOBOI, hostile);
    await expect
      .poll(() => row(page, MOTOBOI).getAttribute('data-tn-tags'))
      .toBe('<img-src=x-onerror=alert(1)>');
    expect(await inComment(page, `hn:${MOTOBOI}`, 'tn-chips >> button.name').textContent()).toBe(
      '<img-src=x-onerror=alert(1)>',
    );
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    const panel = await panelFor(page, MOTOBOI);
    await panel.locator('input#tn-comment-tags-input').fill('a\u202Eb');
    await panel.locator('input#tn-comment-tags-input').press('Enter');
    expect(await panel.locator('[role="alert"]').textContent()).toContain(
      'invisible or text-direction',
    );
    await panel.locator('input#tn-comment-tags-input').fill('x'.repeat(4000));
    await panel.locator('input#tn-comment-tags-input').press('Enter');
    expect(await panel.locator('[role="alert"]').textContent()).toContain('at most 40 characters');
    expect(await row(page, MOTOBOI).getAttribute('data-tn-tags')).toBe(
      '<img-src=x-onerror=alert(1)>',
    );

    // A user tag made from an extension page shows next to the story's submitter.
    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/src/popup/index.html`);
    const result = await popup.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({
        threadnote: 1,
        type: 'user.edit',
        payload: {
          user: { key: 'hn:c4pt0r', name: 'c4pt0r' },
          ops: [{ op: 'tag.add', tag: 'submitter' }],
        },
      }),
    );
    expect(result).toMatchObject({ ok: true });
    await page.bringToFront();
    await expect.poll(() => page.locator('td.subtext tn-user-chips').count()).toBe(1);
    expect(await inShadow(page, 'td.subtext tn-user-chips >> .user-chip').textContent()).toBe(
      'submitter',
    );
    expect(dialogs).toBe(0);
    await Promise.all([page.close(), popup.close()]);
  });
});
