/**
 * What the panel tests measure on a Hacker News thread: the page's own comment text boxes, the
 * open panel's box, the page's width, and the keys of comments with room around them.
 */
import type { Page } from 'playwright-core';
import { inComment, inContentWorld } from '../kit/chromium-shadow';

export const ROWS = 'tr.athing.comtr';

export const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
  { width: 360, height: 640 },
] as const;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes of the forum's own comment text, in page coordinates, for the first `count` rows. */
export function textBoxes(page: Page, count = 12): Promise<Box[]> {
  return page.evaluate((count) => {
    return [...document.querySelectorAll('tr.athing.comtr')].slice(0, count).flatMap((row) =>
      [...row.querySelectorAll('.commtext, span.comhead a.hnuser')].map((element) => {
        const box = element.getBoundingClientRect();
        return { x: box.x + scrollX, y: box.y + scrollY, width: box.width, height: box.height };
      }),
    );
  }, count);
}

export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
}

/** The open panel's box in the viewport, or null while no panel is open. */
export function panelBox(page: Page): Promise<(Box & { vw: number; vh: number }) | null> {
  return inContentWorld(
    page,
    (_: null, open) => {
      for (const host of document.querySelectorAll('tn-control')) {
        const panel = open(host)?.querySelector('.panel');
        if (!panel) continue;
        const box = panel.getBoundingClientRect();
        return {
          x: box.x,
          y: box.y,
          width: box.width,
          height: box.height,
          vw: document.documentElement.clientWidth,
          vh: document.documentElement.clientHeight,
        };
      }
      return null;
    },
    null,
  );
}

/** The key of the comment that has the focus, if one has. */
export function focusedComment(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-tn-comment') ?? null);
}

export function commentIds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('tr.athing.comtr')].map((row) => row.id),
  );
}

/** Shows the trigger on a comment by pointing at its author, then opens the panel. */
export async function openPanel(page: Page, id: string) {
  await page.locator(`tr[id="${id}"] span.comhead a.hnuser`).first().hover();
  await inComment(page, `hn:${id}`, 'tn-control >> button.trigger').click();
  const panel = inComment(page, `hn:${id}`, 'tn-control >> [role="dialog"]');
  await panel.waitFor();
  return panel;
}

/** The colours of the tag chips Threadnote shows in a comment's header (each chip's swatch). */
export function chipColors(page: Page, key: string): Promise<string[]> {
  return inContentWorld(
    page,
    (key: string, open) => {
      const host = document.querySelector(`[data-tn-comment="${key}"] tn-chips`);
      const root = host ? open(host) : null;
      return [...(root?.querySelectorAll<HTMLElement>('.chip:not(.user-chip) .swatch') ?? [])].map(
        (chip) => getComputedStyle(chip).backgroundColor,
      );
    },
    key,
  );
}

/**
 * axe-core cannot see into closed shadow roots, and Threadnote's UI lives in them. For an audit,
 * each root's content and styles are copied into an open root on a stand-in host at the same
 * place, with the real host hidden meanwhile; `restore` puts the page back.
 */
export function mirrorRoots(page: Page, restore = false): Promise<number> {
  return inContentWorld(
    page,
    (restore: boolean, open) => {
      if (restore) {
        for (const mirror of document.querySelectorAll('tn-axe-mirror')) mirror.remove();
        for (const host of document.querySelectorAll<HTMLElement>('[data-tn-mirrored]')) {
          host.style.removeProperty('display');
          host.removeAttribute('data-tn-mirrored');
        }
        return 0;
      }
      let count = 0;
      for (const host of document.querySelectorAll<HTMLElement>('*')) {
        if (!host.tagName.startsWith('TN-') || host.tagName === 'TN-AXE-MIRROR') continue;
        const root = open(host);
        if (!root) continue;
        const mirror = document.createElement('tn-axe-mirror');
        const copy = mirror.attachShadow({ mode: 'open' });
        const css = root.adoptedStyleSheets
          .map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('\n'))
          .join('\n');
        const style = document.createElement('style');
        style.textContent = css;
        copy.append(style, ...[...root.childNodes].map((node) => node.cloneNode(true)));
        host.after(mirror);
        host.style.display = 'none';
        host.setAttribute('data-tn-mirrored', '');
        count++;
      }
      return count;
    },
    restore,
  );
}
