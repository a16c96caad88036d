/**
 * tests/browser/lockout.test.ts in Firefox: from the page's own world, synthetic events on
 * everything a script reaches change nothing stored, no DOM API there returns a note, and with tag
 * names kept from the page no attribute names a tag. Firefox's content scripts see the page through
 * Xray wrappers, and the events they get carry their own `isTrusted`: this checks both hold.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
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
  storedRecords,
} from '../browser/lockout-kit';
import { firefoxForSuite, openExtensionPage, openThread } from '../kit/firefox';
import { shadowTab } from '../kit/firefox-shadow';

const session = firefoxForSuite();

interface ExtensionRuntime {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

function callWorker(extensionPage: Page, type: string, payload: unknown): Promise<unknown> {
  return extensionPage.evaluate(
    (type, payload) =>
      (globalThis as unknown as { browser: ExtensionRuntime }).browser.runtime.sendMessage({
        threadnote: 1,
        type,
        payload,
      }),
    type,
    payload,
  );
}

const attribute = (page: Page, name: string) =>
  page.$eval(row, (element, wanted) => element.getAttribute(wanted), name);

describe('page scripts are locked out of Threadnote in Firefox', () => {
  it('cannot read notes nor drive the UI; with tag names kept from the page, nor read tags', async () => {
    const current = session();
    const options = await current.browser.newPage();
    await openExtensionPage(options, 'src/options/index.html');
    const file = join(current.downloads, 'threadnote-lockout.json');
    writeFileSync(file, JSON.stringify(backup));
    const picker = await options.waitForSelector('input[type="file"]');
    await picker?.uploadFile(file);
    await options.locator('[data-testid="import-preview"] button::-p-text(Import)').click();
    await options.waitForSelector('[data-testid="import-done"]');
    expect(
      await callWorker(current.extensionPage, 'settings.update', { quickTags: [TAG] }),
    ).toMatchObject({ ok: true });

    const page = await openThread(current, STORY, ROWS);
    const ui = shadowTab(page);
    await expect.poll(() => ui.text(`${row} tn-note >> .note .text`)).toBe(NOTE);
    expect(await ui.text(`${row} tn-chips >> .user-note .full`)).toBe(USER_NOTE);
    await ui.hover(`${row} span.comhead a.hnuser`);
    await ui.click(`${row} tn-control >> button.trigger`);
    await ui.click(`${row} tn-control >> [role="dialog"] button`, 'Edit note');
    await expect.poll(() => ui.visible(`${row} tn-note-editor >> textarea`)).toBe(true);
    await ui.hover(`${row} span.comhead a.hnuser`);
    await ui.click(`${row} tn-control >> button.trigger`);
    const panel = `${row} tn-control >> [role="dialog"]`;
    await expect.poll(() => ui.visible(panel)).toBe(true);

    expect(await attribute(page, 'data-tn-tags')).toBe(TAG);
    expect(await attribute(page, 'data-tn-user-tags')).toBe(USER_TAG);
    const before = await current.extensionPage.evaluate(storedRecords);
    const readable = await page.evaluate(readableInPage);
    expect(readable.openRoots).toEqual([]);
    for (const secret of SECRETS) expect(readable.text).not.toContain(secret);

    await page.evaluate(attackInPage);
    expect(await current.extensionPage.evaluate(storedRecords)).toEqual(before);
    expect(await ui.visible(panel)).toBe(true);
    expect(await page.$$eval('[data-tn-fold]', (folded) => folded.length)).toBe(0);
    const after = (await page.evaluate(readableInPage)).text;
    for (const secret of SECRETS) expect(after).not.toContain(secret);

    expect(
      await callWorker(current.extensionPage, 'settings.update', { tagNamesInPage: false }),
    ).toMatchObject({ ok: true });
    await expect.poll(() => attribute(page, 'data-tn-tags')).toBe('');
    expect(await attribute(page, 'data-tn-user-tags')).toBe('');
    const hidden = (await page.evaluate(readableInPage)).text;
    for (const secret of [...SECRETS, 'quagga', 'okapi']) expect(hidden).not.toContain(secret);
    await Promise.all([page.close(), options.close()]);
  });
});
