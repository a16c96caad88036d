/**
 * What the lockout tests share (tests/browser/lockout.test.ts in Chromium,
 * tests/firefox/lockout.test.ts in Firefox): the records to import, the words no page script may
 * read, and the functions run in the page's own world (the forum's) or in an extension page.
 * Those are sent to the browser as source text: they use only the page and their arguments.
 */
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportDocument } from '../../src/shared/model';
import { HN } from '../kit/chromium';

export const STORY = `${HN}/item?id=44533403`;
export const ROWS = 'tr.athing.comtr';
const MOTOBOI = 'hn:44536000';
export const NOTE = 'Xyzzy-note: ask motoboi about the licence';
export const USER_NOTE = 'Plugh-usernote: trains models for a living';
export const TAG = 'quagga-tag';
export const USER_TAG = 'okapi-usertag';
const AT = '2026-12-01T10:00:00.000Z';

/** The words a script must never get at. */
export const SECRETS = ['Xyzzy', 'Plugh'];

export const row = `tr[data-tn-comment="${MOTOBOI}"]`;

export const backup: ExportDocument = {
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

/** Everything Threadnote keeps, read from its database by an extension page. */
export async function storedRecords(): Promise<unknown> {
  {
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
  }
}

/**
 * What a page script can read: every attribute, text and title in the document and in any open
 * shadow root, the document's rendered text, and whether a Threadnote element lets it in.
 */
export function readableInPage(): { text: string; openRoots: string[] } {
  {
    const parts: string[] = [document.title, document.body.innerText];
    const openRoots: string[] = [];
    // Roots the page's own attachShadow saw made (see `stealRootsInPage`), where it could.
    for (const root of (window as unknown as { tnStolen?: ShadowRoot[] }).tnStolen ?? []) {
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
  }
}

/** Every synthetic event a script could try, on everything it reaches, and every key. */
export async function attackInPage(): Promise<void> {
  {
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
  }
}

/**
 * Before any of its scripts, the page swaps attachShadow for one that forces roots open and keeps
 * them: Threadnote's content script must not use the page's DOM functions.
 */
export function stealRootsInPage(): void {
  {
    const stolen: ShadowRoot[] = [];
    (window as unknown as { tnStolen: ShadowRoot[] }).tnStolen = stolen;
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, { ...init, mode: 'open' });
      stolen.push(root);
      return root;
    };
  }
}
