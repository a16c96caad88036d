/**
 * What a reader does with Threadnote on any forum, through its real UI: open the control of a
 * comment, tag, note and collapse it, and read the popup. Forum tests name their comments and
 * where to point the mouse; everything else is the same on every forum.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { OUTPUT, openPopup, tabIdOf, type Session } from '../kit/chromium';
import { inComment as inMarked, type ShadowLocator } from '../kit/chromium-shadow';

const marked = (key: string) => `[data-tn-comment="${key}"]`;

/** The element Threadnote marked as this comment. */
export function comment(page: Page, key: string): Locator {
  return page.locator(marked(key));
}

/** Threadnote's UI in the comment: `tn-note >> .text` (see shadow.ts). */
export function inComment(page: Page, key: string, selector: string): ShadowLocator {
  return inMarked(page, key, selector).first();
}

/** Hovers the comment (at `hoverTarget`, inside it) and opens its Threadnote panel. */
export async function openControl(
  page: Page,
  key: string,
  hoverTarget: string,
): Promise<ShadowLocator> {
  const target = comment(page, key);
  const panel = inComment(page, key, 'tn-control >> [role="dialog"]');
  // Discourse's stream may still be replacing posts under the pointer after a scroll, taking the
  // control with the old element: a reader clicks again, and so does the test, twice at most.
  for (let attempt = 1; ; attempt++) {
    await target.locator(hoverTarget).first().hover();
    await inComment(page, key, 'tn-control >> button.trigger').click();
    try {
      await expect.poll(() => panel.isVisible(), { timeout: 5_000 }).toBe(true);
      return panel;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

export interface Annotation {
  tags?: string[];
  note?: string;
  collapse?: boolean;
}

/** Tags, notes and collapses a comment through its control, waiting for each to show. */
export async function annotate(
  page: Page,
  key: string,
  hoverTarget: string,
  { tags = [], note, collapse = false }: Annotation,
): Promise<void> {
  let panel = await openControl(page, key, hoverTarget);
  const tagInput = panel.locator('input#tn-comment-tags-input');
  for (const [index, tag] of tags.entries()) {
    await tagInput.fill(tag);
    await tagInput.press('Enter');
    await expect
      .poll(() => comment(page, key).getAttribute('data-tn-tags'))
      .toBe(tags.slice(0, index + 1).join(' '));
  }
  if (note !== undefined) {
    // The panel closes and the note editor opens under the comment's header.
    await panel.locator('button', { hasText: 'Write a note' }).click();
    const editor = inComment(page, key, 'tn-note-editor >> textarea');
    await editor.fill(note);
    await editor.press('Control+Enter');
    await expect.poll(() => comment(page, key).getAttribute('data-tn-note')).toBe('');
    await expect.poll(() => comment(page, key).locator('tn-note-editor').count()).toBe(0);
    if (collapse) panel = await openControl(page, key, hoverTarget);
  }
  if (collapse) {
    // Collapsing closes the panel by itself.
    await panel.locator('button', { hasText: /^Collapse (subthread|comment)/ }).click();
    await expect.poll(() => comment(page, key).getAttribute('data-tn-fold')).toBe('collapsed');
  } else if (await panel.isVisible()) {
    await page.keyboard.press('Escape');
  }
  await expect.poll(() => panel.isVisible()).toBe(false);
}

/** The comment shows exactly this annotation (after a reload, a re-render, another tab). */
export async function expectAnnotated(page: Page, key: string, expected: Annotation) {
  const target = comment(page, key);
  await expect
    .poll(() => target.getAttribute('data-tn-tags'))
    .toBe(expected.tags?.join(' ') ?? null);
  expect(await target.getAttribute('data-tn-fold')).toBe(expected.collapse ? 'collapsed' : null);
  if (expected.note === undefined) {
    expect(await target.getAttribute('data-tn-note')).toBeNull();
  } else {
    expect(await inComment(page, key, 'tn-note >> .note .text').textContent()).toBe(expected.note);
  }
}

export interface PopupSummary {
  site: string;
  title: string;
  tagged: number;
  noted: number;
  collapsed: number;
  comments: number;
}

/**
 * Opens the real popup for the tab showing `url`, checks what it says, saves a screenshot of it
 * as tests/output/<screenshot>.png and closes it.
 */
export async function expectPopup(
  session: Session,
  url: string,
  expected: PopupSummary,
  screenshot: string,
): Promise<void> {
  const popup = await openPopup(session, await tabIdOf(session, url));
  // The popup leaves out counters that are zero.
  const count = async (id: string) => {
    const value = popup.locator(`[data-count="${id}"] strong`);
    return (await value.count()) > 0 ? value.textContent() : '0';
  };
  await expect.poll(() => count('tagged')).toBe(String(expected.tagged));
  expect(await popup.locator('.site').textContent()).toBe(expected.site);
  expect(await popup.getByTestId('thread-title').textContent()).toBe(expected.title);
  expect(await count('noted')).toBe(String(expected.noted));
  expect(await count('collapsed')).toBe(String(expected.collapsed));
  expect(await count('comments')).toBe(String(expected.comments));
  await popup.screenshot({ path: join(OUTPUT, `${screenshot}.png`) });
  await popup.close();
}
