/**
 * The reader's steps on Hacker News's saved story, written once for every browser (driver.ts):
 * where a comment's Threadnote UI is, opening its panel, tagging, opening the note editor,
 * reading the page's own comment tree. The flows in this folder are built from them.
 */
import { expect } from 'vitest';
import { HN } from '../kit/launcher.mjs';
import type { BrowserDriver, Tab } from '../kit/driver';

export const STORY = `${HN}/item?id=44533403`;
export const COMMENT_PAGE = `${HN}/item?id=44536000`;
export const TITLE = 'Kimi K2: Open Agentic Intelligence';
export const ROWS = 'tr.athing.comtr';
export const MOTOBOI = '44536000';

/** The comment row Threadnote marked for the HN comment `id`. */
export const comment = (id: string) => `[data-tn-comment="hn:${id}"]`;
/** Threadnote's UI inside the comment: `ui(id, 'tn-note')` + ` >> .text`. */
export const ui = (id: string, host: string) => `${comment(id)} ${host} >> `;
export const panel = (id: string) => `${ui(id, 'tn-control')}[role="dialog"]`;
export const tagInput = (id: string, field = 'comment-tags') =>
  `${panel(id)} input#tn-${field}-input`;
export const editor = (id: string) => `${ui(id, 'tn-note-editor')}textarea`;
export const noteText = (id: string) => `${ui(id, 'tn-note')}.note .text`;

/** The tags Threadnote shows on the comment, as its attribute lists them. */
export function tags(tab: Tab, id: string): Promise<string | null> {
  return tab.attribute(comment(id), 'data-tn-tags');
}

export function fold(tab: Tab, id: string): Promise<string | null> {
  return tab.attribute(comment(id), 'data-tn-fold');
}

/**
 * Hovers the comment's header (not its author link: deleted comments have none) and opens its
 * Threadnote panel.
 */
export async function openPanel(tab: Tab, id: string): Promise<string> {
  await tab.hover(`${comment(id)} span.comhead`);
  await tab.click(`${ui(id, 'tn-control')}button.trigger`);
  await expect.poll(() => tab.visible(panel(id))).toBe(true);
  return panel(id);
}

/** Types a tag into the panel's comment (or user) tag field and presses Enter. */
export async function enterTag(tab: Tab, id: string, name: string, field = 'comment-tags') {
  await tab.fill(tagInput(id, field), name);
  await tab.press(tagInput(id, field), 'Enter');
}

/** Opens the panel, adds a tag and closes the panel again. */
export async function addTag(tab: Tab, id: string, name: string, field = 'comment-tags') {
  await openPanel(tab, id);
  await enterTag(tab, id, name, field);
  await tab.press(tagInput(id, field), 'Escape');
  await expect.poll(() => tab.count(panel(id))).toBe(0);
}

/**
 * Opens the comment's note editor from its panel: “Write a note”, or “Edit note” when it has
 * one, unless `button` names another (“Note on <user>”).
 */
export async function openEditor(tab: Tab, id: string, button?: string): Promise<string> {
  const noted = (await tab.attribute(comment(id), 'data-tn-note')) !== null;
  await openPanel(tab, id);
  await tab.clickText(`${panel(id)} button`, button ?? (noted ? 'Edit note' : 'Write a note'));
  await expect.poll(() => tab.visible(editor(id))).toBe(true);
  return editor(id);
}

/** Writes `text` as the comment's note and saves it with Control+Enter. */
export async function writeNote(tab: Tab, id: string, text: string): Promise<void> {
  const field = await openEditor(tab, id);
  await tab.fill(field, text);
  await tab.press(field, 'Control+Enter');
  await expect.poll(() => tab.count(`${comment(id)} tn-note-editor`)).toBe(0);
}

/** Clicks one of the panel's buttons by its text (“Collapse subthread”, “Hide subthread”). */
export async function foldThroughPanel(tab: Tab, id: string, button: string): Promise<void> {
  await openPanel(tab, id);
  await tab.clickText(`${panel(id)} button`, button);
}

/**
 * Opens a collapsed comment with HN's own [+N]: on HN that is the one fold control, and
 * Threadnote's stub beside it only says what is folded.
 */
export async function expandCollapsed(tab: Tab, id: string): Promise<void> {
  await tab.click(`tr[id="${id}"] a.togg`);
  await expect.poll(() => fold(tab, id)).toBeNull();
}

/** The comment and the replies under it, read from the page's own tree (indent), not Threadnote. */
export function subtreeIds(tab: Tab, id: string): Promise<string[]> {
  return tab.evaluate(
    ({ selector, start }) => {
      const rows = [...document.querySelectorAll<HTMLElement>(selector)];
      const indent = (r: Element) => Number(r.querySelector('td.ind')?.getAttribute('indent'));
      const index = rows.findIndex((r) => r.id === start);
      const ids = [start];
      for (const r of rows.slice(index + 1)) {
        if (indent(r) <= indent(rows[index] as Element)) break;
        ids.push(r.id);
      }
      return ids;
    },
    { selector: ROWS, start: id },
  );
}

/** Ids of the comment rows a reader can see: rendered, not display:none or visibility:hidden. */
export function visibleIds(tab: Tab): Promise<string[]> {
  return tab.evaluate((selector) => {
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((r) => r.getClientRects().length > 0 && getComputedStyle(r).visibility !== 'hidden')
      .map((r) => r.id);
  }, ROWS);
}

/** Ids of the rows whose `attribute` (a space-separated list) holds `value`. */
export function idsWith(tab: Tab, attribute: string, value: string): Promise<string[]> {
  return tab.evaluate(
    ({ attribute, value }) =>
      [...document.querySelectorAll(`[${attribute}~="${value}"]`)].map((element) => element.id),
    { attribute, value },
  );
}

/** Ids of the rows (`selector`) by the HN user `name`. */
export function idsBy(tab: Tab, selector: string, name: string): Promise<string[]> {
  return tab.evaluate(
    ({ selector, name }) =>
      [...document.querySelectorAll(selector)]
        .filter((r) => r.querySelector('a.hnuser')?.textContent === name)
        .map((r) => r.id),
    { selector, name },
  );
}

/** The id of the element that has the focus. */
export function focusedId(tab: Tab): Promise<string> {
  return tab.evaluate(() => document.activeElement?.id ?? '', null);
}

/** Gives a comment row the focus, as the reader's keyboard navigation would. */
export function focusRow(tab: Tab, id: string): Promise<void> {
  return tab.evaluate((target) => {
    const row = document.getElementById(target);
    row?.setAttribute('tabindex', '-1');
    row?.focus();
  }, id);
}

/** The real options page, once it has drawn `ready`. */
export async function openOptions(driver: BrowserDriver, ready: string): Promise<Tab> {
  const options = await driver.openExtensionPage('src/options/index.html', {
    width: 1000,
    height: 900,
  });
  await expect.poll(() => options.count(ready)).toBeGreaterThan(0);
  return options;
}
