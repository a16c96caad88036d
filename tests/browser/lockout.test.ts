/**
 * The forum's own scripts are locked out of Threadnote. From the page's main world (where the
 * forum's and any third-party script run), with a comment that has a note, tags and an author
 * with a user note and a user tag, and with the panel and the note editor open: every synthetic
 * event a script can dispatch, on every element and key it can reach, changes no stored record;
 * no DOM API it has returns a word of either note; and with tag names kept from the page, no
 * attribute names a tag.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserForSuite, openThread, type Session } from '../kit/chromium';
import {
  NOTE,
  ROWS,
  SECRETS,
  STORY,
  TAG,
  USER_NOTE,
  USER_TAG,
  attackInPage,
  backup,
  readableInPage,
  row,
  stealRootsInPage,
  storedRecords,
} from './lockout-kit';
import { inShadow } from '../kit/chromium-shadow';

const session = browserForSuite();

async function optionsPage(current: Session): Promise<Page> {
  const page = await current.context.newPage();
  await page.goto(`chrome-extension://${current.extensionId}/src/options/index.html`);
  await page.getByTestId('totals').waitFor();
  return page;
}

function callWorker(extensionPage: Page, type: string, payload: unknown): Promise<unknown> {
  return extensionPage.evaluate(
    ({ type, payload }) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ threadnote: 1, type, payload }),
    { type, payload },
  );
}

const stored = (extensionPage: Page) => extensionPage.evaluate(storedRecords);
const pageReadable = (page: Page) => page.evaluate(readableInPage);
const attack = (page: Page) => page.evaluate(attackInPage);

/** In every page, before any of its scripts (see stealRootsInPage). */
async function stealRoots(current: Session): Promise<void> {
  await current.context.addInitScript(stealRootsInPage);
}

describe('page scripts are locked out of Threadnote', () => {
  it('cannot read notes nor drive the UI; with tag names kept from the page, nor read tags', async () => {
    const current = session();
    await stealRoots(current);
    const options = await optionsPage(current);
    await options.locator('input[type="file"]').setInputFiles({
      name: 'threadnote-lockout.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(backup)),
    });
    await options.getByTestId('import-preview').getByRole('button', { name: 'Import' }).click();
    await options.getByTestId('import-done').waitFor();
    // `1` would apply it, were a script's key obeyed.
    expect(await callWorker(options, 'settings.update', { quickTags: [TAG] })).toMatchObject({
      ok: true,
    });

    const page = await openThread(current, STORY, ROWS);
    // The reader sees both notes, through the content script's own world.
    const note = inShadow(page, `${row} tn-note >> .note .text`);
    await expect.poll(() => note.textContent()).toBe(NOTE);
    expect(await inShadow(page, `${row} tn-chips >> .user-note .full`).textContent()).toBe(
      USER_NOTE,
    );
    // The note editor, then the panel, opened with the reader's own mouse.
    await inShadow(page, `${row} span.comhead a.hnuser`).hover();
    await inShadow(page, `${row} tn-control >> button.trigger`).click();
    await inShadow(page, `${row} tn-control >> [role="dialog"] button`, {
      hasText: 'Edit note',
    }).click();
    const editor = inShadow(page, `${row} tn-note-editor >> textarea`);
    await expect.poll(() => editor.inputValue()).toBe(NOTE);
    await inShadow(page, `${row} span.comhead a.hnuser`).hover();
    await inShadow(page, `${row} tn-control >> button.trigger`).click();
    const panel = inShadow(page, `${row} tn-control >> [role="dialog"]`);
    await expect.poll(() => panel.isVisible()).toBe(true);

    // Tag names are in the page's attributes by default: the check below is not vacuous.
    expect(await page.locator(row).getAttribute('data-tn-tags')).toBe(TAG);
    expect(await page.locator(row).getAttribute('data-tn-user-tags')).toBe(USER_TAG);
    const before = await stored(options);
    const readable = await pageReadable(page);
    expect(readable.openRoots).toEqual([]);
    for (const secret of SECRETS) expect(readable.text).not.toContain(secret);

    await attack(page);
    expect(await stored(options)).toEqual(before);
    expect(await editor.inputValue()).toBe(NOTE);
    expect(await panel.isVisible()).toBe(true);
    expect(await page.locator('[data-tn-fold]').count()).toBe(0);
    expect(await page.locator(row).getAttribute('data-tn-tags')).toBe(TAG);
    for (const secret of SECRETS) expect((await pageReadable(page)).text).not.toContain(secret);

    // The reader keeps tag names from the page: open pages drop them at once.
    expect(await callWorker(options, 'settings.update', { tagNamesInPage: false })).toMatchObject({
      ok: true,
    });
    await expect.poll(() => page.locator(row).getAttribute('data-tn-tags')).toBe('');
    expect(await page.locator(row).getAttribute('data-tn-user-tags')).toBe('');
    const hidden = (await pageReadable(page)).text;
    for (const secret of [...SECRETS, 'quagga', 'okapi']) expect(hidden).not.toContain(secret);
    // The reader still sees the chips, drawn where scripts cannot look, and filters by them: the
    // filter reads Threadnote's own records, not the attributes.
    const chip = inShadow(page, `${row} tn-chips >> .chip:not(.user-chip) button.name`);
    expect(await chip.textContent()).toBe(TAG);
    await chip.click();
    const total = await page.locator(ROWS).count();
    await expect.poll(() => page.locator('.tn-dimmed').count()).toBe(total - 1);
    expect(await page.locator(`${row}.tn-dimmed`).count()).toBe(0);
  });
});
