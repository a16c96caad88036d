/**
 * What the drills share: their size (full, or short under DRILLS=short), the line each prints,
 * trusted input on Hacker News's story page, what the page shows as saved (attributes Threadnote
 * writes only from the worker's answers), what IndexedDB really holds, and the text of
 * Threadnote's shadow roots read through CDP's pierced DOM, which reaches closed roots too.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { CommentAnnotation, UserAnnotation } from '../../src/shared/model';
import {
  HN,
  OUTPUT,
  launch,
  waitForThread,
  type LaunchOptions,
  type Session,
} from '../kit/chromium';
import { browserFor } from '../kit/driver';

export const STORY = `${HN}/item?id=44533403`;
export const ROWS = 'tr.athing.comtr';

/** The short form runs inside `npm test`; the full form is `npm run drills`. */
const SHORT = process.env.DRILLS === 'short';

export function size(full: number, short: number): number {
  return SHORT ? short : full;
}

/** How long an edit may take to show as saved before it counts as not acknowledged. */
export const ACK_TIMEOUT_MS = 10_000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Prints `drill <name>: 1000 attempts, 0 failures, …` and appends it to tests/output/drills.txt,
 * where the figures of a long run can be collected afterwards.
 */
export function report(name: string, figures: Record<string, number>): void {
  const line = `drill ${name}${SHORT ? ' (short)' : ''}: ${Object.entries(figures)
    .map(([label, value]) => `${value} ${label}`)
    .join(', ')}`;
  console.log(line);
  mkdirSync(OUTPUT, { recursive: true });
  appendFileSync(join(OUTPUT, 'drills.txt'), `${new Date().toISOString()} ${line}\n`);
}

/** An extension page that reads IndexedDB and calls the worker as the options page does. */
export interface Inspector {
  comments(): Promise<Map<string, CommentAnnotation>>;
  users(): Promise<Map<string, UserAnnotation>>;
  call(type: string, payload: unknown): Promise<unknown>;
  page: Page;
}

/** A drill's Chromium and its inspector page: one for the file, or (`each`) a fresh one per test. */
export function drillBrowser(
  options: LaunchOptions = {},
  { each = false } = {},
): () => { session: Session; inspector: Inspector } {
  return browserFor(
    async () => {
      const session = await launch(options);
      return { session, inspector: await openInspector(session) };
    },
    ({ session }) => session.close(),
    each,
  );
}

export async function openInspector(session: Session): Promise<Inspector> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
  const read = <T extends { key: string }>(store: string) =>
    page
      .evaluate(
        (name) =>
          new Promise<unknown[]>((resolve, reject) => {
            // No version: the worker made the database; a drill must never create or upgrade it.
            const open = indexedDB.open('threadnote');
            open.onupgradeneeded = () => open.transaction?.abort();
            open.onerror = () => resolve([]);
            open.onsuccess = () => {
              const db = open.result;
              const all = db.transaction(name).objectStore(name).getAll();
              all.onsuccess = () => {
                db.close();
                resolve(all.result);
              };
              all.onerror = () => reject(new Error(String(all.error)));
            };
          }),
        store,
      )
      .then((records) => new Map((records as T[]).map((record) => [record.key, record])));
  return {
    page,
    comments: () => read<CommentAnnotation>('comments'),
    users: () => read<UserAnnotation>('users'),
    call: (type, payload) =>
      page.evaluate(
        (message) =>
          (
            globalThis as unknown as {
              chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
            }
          ).chrome.runtime.sendMessage(message),
        { threadnote: 1, type, payload },
      ),
  };
}

/** The comment row the reader is on (the keyboard's focus, or the panel inside it). */
export function currentRow(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.closest('tr.athing')?.id ?? '');
}

/** Puts the reader on the first comment with the keyboard, as a reader does. */
export async function startOnFirstComment(page: Page): Promise<string> {
  await page.bringToFront();
  await page.mouse.click(5, 5);
  await page.keyboard.press('j');
  return currentRow(page);
}

/**
 * Moves one comment on with `j`, or back with `k` at the end of the page: the returned step is
 * the direction to take next time.
 */
export async function step(page: Page, direction: 'j' | 'k'): Promise<'j' | 'k'> {
  const before = await currentRow(page);
  await page.keyboard.press(direction);
  if ((await currentRow(page)) !== before) return direction;
  const back = direction === 'j' ? 'k' : 'j';
  await page.keyboard.press(back);
  return back;
}

/** Waits until the focused element is one of Threadnote's hosts (a panel, an editor). */
export async function focusIn(page: Page, host: 'TN-CONTROL' | 'TN-NOTE-EDITOR'): Promise<void> {
  await page.waitForFunction((tag) => document.activeElement?.tagName === tag, host, {
    timeout: ACK_TIMEOUT_MS,
  });
}

/** Whether `test` becomes true in the page within ACK_TIMEOUT_MS. */
export async function becomes(
  page: Page,
  test: (arg: string) => boolean,
  arg: string,
): Promise<boolean> {
  try {
    await page.waitForFunction(test, arg, { timeout: ACK_TIMEOUT_MS, polling: 20 });
    return true;
  } catch {
    return false;
  }
}

export type Attribute = 'data-tn-tags' | 'data-tn-fold' | 'data-tn-note' | 'data-tn-user-tags';
export interface Change {
  at: number;
  id: string;
  attribute: Attribute;
  value: string | null;
}

/**
 * Records every change of Threadnote's attributes on the page, from the page's own world: these
 * are written only when the worker answered, so a change is an acknowledged edit.
 */
export async function watchAttributes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: unknown[] = [];
    (window as unknown as { tnDrillLog: unknown[] }).tnDrillLog = log;
    new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target as Element;
        const name = record.attributeName ?? '';
        log.push({
          at: Date.now(),
          id: target.id,
          attribute: name,
          value: target.getAttribute(name),
        });
      }
    }).observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-tn-tags', 'data-tn-fold', 'data-tn-note', 'data-tn-user-tags'],
    });
  });
}

/** The changes recorded since the last call. */
function drainChanges(page: Page): Promise<Change[]> {
  return page.evaluate(() => (window as unknown as { tnDrillLog: Change[] }).tnDrillLog.splice(0));
}

/** Collects a page's changes and waits for one that matches. */
export class ChangeLog {
  readonly seen: Change[] = [];
  constructor(readonly page: Page) {}

  async pull(): Promise<void> {
    this.seen.push(...(await drainChanges(this.page)));
  }

  /** Waits for a change after `since` (ms since the epoch) that satisfies `test`; false on timeout. */
  async waitFor(
    since: number,
    test: (change: Change) => boolean,
    timeout = ACK_TIMEOUT_MS,
  ): Promise<boolean> {
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.pull();
      if (this.seen.some((change) => change.at >= since && test(change))) return true;
      if (Date.now() > deadline) return false;
      await sleep(20);
    }
  }
}

export function tagsOf(value: string | null): string[] {
  return value ? value.split(' ') : [];
}

interface DomNode {
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function cdpOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

/** The whole document, closed shadow roots included, as CDP's pierced DOM gives it. */
async function piercedDocument(page: Page): Promise<DomNode> {
  const cdp = await cdpOf(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
    root: DomNode;
  };
  return root;
}

function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  for (const child of [
    ...(node.shadowRoots ?? []),
    ...(node.children ?? []),
    ...(node.contentDocument ? [node.contentDocument] : []),
  ]) {
    yield* walk(child);
  }
}

const TEXT_NODE = 3;

function textOf(node: DomNode): string {
  let text = '';
  for (const inner of walk(node)) {
    if (inner.nodeType === TEXT_NODE) text += inner.nodeValue;
  }
  return text;
}

function attributeOf(node: DomNode, name: string): string | null {
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1] ?? null;
  return null;
}

/** The text of every Threadnote host (`tn-*`) on the page, its shadow root included. */
async function threadnoteTexts(page: Page): Promise<string[]> {
  const texts: string[] = [];
  for (const node of walk(await piercedDocument(page))) {
    if (node.nodeName.startsWith('TN-')) texts.push(textOf(node).trim());
  }
  return texts.filter((text) => text !== '');
}

/** Words a message telling the reader that something was not saved would use. */
const FAILURE_WORDS =
  /not saved|could not|couldn’t|can’t|cannot|failed|full|space|quota|storage|try(ing)? again/i;

/** Threadnote's texts on the page that tell of a failure. */
export async function failureMessages(page: Page): Promise<string[]> {
  return (await threadnoteTexts(page)).filter((text) => FAILURE_WORDS.test(text));
}

/**
 * Clicks, with the mouse, the first element inside a Threadnote shadow root (open or closed)
 * whose id is `id`: page scripts and locators cannot reach into closed roots, a reader can.
 */
export async function clickById(page: Page, id: string): Promise<void> {
  const node = [...walk(await piercedDocument(page))].find(
    (candidate) => attributeOf(candidate, 'id') === id,
  );
  if (!node) throw new Error(`No element #${id} on the page`);
  const cdp = await cdpOf(page);
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
  const { model } = (await cdp.send('DOM.getBoxModel', {
    backendNodeId: node.backendNodeId,
  })) as { model: { content: number[] } };
  const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
}

/**
 * Makes `names` the quick tags 1, 2, 3…: creates them by typing them into the focused comment's
 * panel (tags exist once used), stars them through the worker as the options page does, and
 * reloads the page so it reads them.
 */
export async function setQuickTags(
  inspector: Inspector,
  page: Page,
  names: readonly string[],
): Promise<void> {
  await page.keyboard.press('t');
  await focusIn(page, 'TN-CONTROL');
  const row = await currentRow(page);
  for (const name of names) {
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      ({ id, tag }) =>
        (document.getElementById(id)?.getAttribute('data-tn-tags') ?? '').split(' ').includes(tag),
      { id: row, tag: name },
      { timeout: ACK_TIMEOUT_MS },
    );
  }
  await page.keyboard.press('Escape');
  const answer = (await inspector.call('settings.update', { quickTags: names })) as {
    ok: boolean;
  };
  if (!answer.ok) throw new Error(`Could not set quick tags: ${JSON.stringify(answer)}`);
  await page.reload();
  await waitForThread(page, ROWS);
}
