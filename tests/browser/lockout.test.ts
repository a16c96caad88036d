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
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportDocument } from '../../src/shared/model';
import { HN, browserForSuite, openThread, type Session } from './harness';
import { inShadow } from './shadow';

const session = browserForSuite();

const STORY = `${HN}/item?id=44533403`;
const ROWS = 'tr.athing.comtr';
const MOTOBOI = 'hn:44536000';
const NOTE = 'Xyzzy-note: ask motoboi about the licence';
const USER_NOTE = 'Plugh-usernote: trains models for a living';
const TAG = 'quagga-tag';
const USER_TAG = 'okapi-usertag';
const AT = '2026-12-01T10:00:00.000Z';

/** The words a script must never get at. */
const SECRETS = ['Xyzzy', 'Plugh'];

const row = `tr[data-tn-comment="${MOTOBOI}"]`;

const backup: ExportDocument = {
  format: EXPORT_FORMAT,
  version: EXPORT_VERSION,
  exportedAt: AT,
  tags: [TAG, USER_TAG].map((name) => ({ name, color: '#2b6cb0', description: '', createdAt: AT })),
  threads: [
    {
      key: 'hn:44533403',
      title: 'Kimi K2: Open Agentic Intelligence',
      url: STORY,
      firstVisitedAt: AT,
      lastVisitedAt: AT,
    },
  ],
  comments: [
    {
      key: MOTOBOI,
      thread: 'hn:44533403',
      author: 'motoboi',
      url: `${HN}/item?id=44536000`,
      quote: 'What amazes me is why would someone spend millions to train this model',
      note: NOTE,
      tags: [TAG],
      fold: 'none',
      createdAt: AT,
      updatedAt: AT,
    },
  ],
  users: [
    {
      key: 'hn:motoboi',
      name: 'motoboi',
      tags: [USER_TAG],
      note: USER_NOTE,
      createdAt: AT,
      updatedAt: AT,
    },
  ],
};

async function optionsPage(current: Session): Promise<Page> {
  const page = await current.context.newPage();
  await page.goto(`chrome-extension://${current.extensionId}/src/options/index.html`);
  await page.getByTestId('totals').waitFor();
  return page;
}

/** Everything Threadnote keeps, read from its database by an extension page. */
function stored(extensionPage: Page): Promise<unknown> {
  return extensionPage.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('threadnote');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names);
    const all = await Promise.all(
      names.map(
        (name) =>
          new Promise<unknown>((resolve) => {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => resolve([name, request.result]);
          }),
      ),
    );
    db.close();
    return all;
  });
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

/**
 * What a page script can read: every attribute, text and title in the document and in any open
 * shadow root, the document's rendered text, and whether a Threadnote element lets it in.
 */
function pageReadable(page: Page): Promise<{ text: string; openRoots: string[] }> {
  return page.evaluate(() => {
    const parts: string[] = [document.title, document.body.innerText];
    const openRoots: string[] = [];
    // Roots the page's own attachShadow saw made (see `stealRoots`).
    for (const root of (window as unknown as { tnStolen: ShadowRoot[] }).tnStolen) {
      openRoots.push(root.host.tagName);
    }
    const walk = (root: Document | ShadowRoot) => {
      parts.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
      for (const element of root.querySelectorAll('*')) {
        for (const attribute of element.attributes) parts.push(attribute.value);
        parts.push(element.textContent ?? '');
        if (element instanceof HTMLElement) parts.push(element.title, element.innerText);
        if (element.shadowRoot) {
          if (element.tagName.startsWith('TN-')) openRoots.push(element.tagName);
          walk(element.shadowRoot);
        }
      }
    };
    walk(document);
    return { text: parts.join('\n'), openRoots };
  });
}

/** Every synthetic event a script could try, on everything it reaches, and every key. */
function attack(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const targets: EventTarget[] = [document, window, document.body];
    const collect = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        targets.push(element);
        if (element.shadowRoot) collect(element.shadowRoot);
      }
    };
    collect(document);
    // Threadnote's elements, and the comments it marked with everything in them but links and
    // the forum's form (following either would leave the page, and prove nothing).
    const threadnote = targets.filter(
      (target) =>
        target instanceof Element &&
        (target.tagName.startsWith('TN-') ||
          (target.closest('[data-tn-comment]') !== null && !target.closest('a, form'))),
    );
    const keys = ['1', 'h', 'x', 'X', 't', 'n', 'E', 'R', 'u', 'j', 'k', 'N', 'Enter', 'Escape'];
    const events = () => [
      new MouseEvent('mousemove', { bubbles: true, composed: true }),
      new MouseEvent('mousedown', { bubbles: true, composed: true }),
      new MouseEvent('mouseup', { bubbles: true, composed: true }),
      new MouseEvent('click', { bubbles: true, composed: true }),
      new FocusEvent('focusin', { bubbles: true, composed: true }),
      new FocusEvent('focus', { composed: true }),
      new FocusEvent('blur', { composed: true }),
      new InputEvent('input', { bubbles: true, composed: true, data: 'pwned' }),
      new Event('change', { bubbles: true, composed: true }),
      new Event('submit', { bubbles: true, composed: true }),
      new Event('pagehide'),
      ...keys.map((key) => new KeyboardEvent('keydown', { key, bubbles: true, composed: true })),
      new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }),
    ];
    for (const target of [document, window, ...threadnote]) {
      for (const event of events()) target.dispatchEvent(event);
      if (target instanceof HTMLElement) {
        target.click();
        target.focus();
        target.blur();
      }
    }
    // The keys once more on the document, with the comment focused as the reader's would be.
    const comment = document.querySelector<HTMLElement>('[data-tn-comment="hn:44536000"]');
    comment?.setAttribute('tabindex', '-1');
    comment?.focus();
    for (const key of keys) {
      document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      comment?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    }
    // Let anything these set off reach the worker and back.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
  });
}

/**
 * Before any of its scripts, the page swaps attachShadow for one that forces roots open and keeps
 * them: Threadnote's content script must not use the page's DOM functions.
 */
async function stealRoots(current: Session): Promise<void> {
  await current.context.addInitScript(() => {
    const stolen: ShadowRoot[] = [];
    (window as unknown as { tnStolen: ShadowRoot[] }).tnStolen = stolen;
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, { ...init, mode: 'open' });
      stolen.push(root);
      return root;
    };
  });
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
