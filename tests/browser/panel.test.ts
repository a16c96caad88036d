/**
 * The comment panel as a popover, through the real UI on a Hacker News thread at the three window
 * sizes readers use: it stays inside the viewport without widening the page, closes on Escape, a
 * click outside and scrolling away, and neither its trigger nor the panel moves the forum's text.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HN, OUTPUT, openThread } from '../kit/chromium';
import { browserForSuite } from '../kit/chromium';
import {
  ROWS,
  SIZES,
  chipColors,
  commentIds,
  focusedComment,
  mirrorRoots,
  openPanel,
  pageWidth,
  panelBox,
  textBoxes,
} from './panel-kit';
import { inComment, inShadow } from '../kit/chromium-shadow';

const STORY = `${HN}/item?id=44533403`;
const session = browserForSuite();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core on Threadnote's UI, its closed roots copied open for the audit (mirrorRoots), in the
 * light and the dark scheme; each is photographed as audited.
 */
async function audit(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await mirrorRoots(page)).toBeGreaterThan(0);
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: { run(context: unknown): Promise<{ violations: unknown }> };
        }
      ).axe;
      return (await axe.run({ include: [['tn-axe-mirror']] })).violations as AxeViolation[];
    });
    await mirrorRoots(page, true);
    expect(
      violations.map((v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes.map((n) => n.target))})`),
    ).toEqual([]);
    await page.screenshot({ path: join(OUTPUT, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('the first-run hint', () => {
  it('shows once on the first thread, and never again once dismissed', async () => {
    const page = await openThread(session(), STORY, ROWS);
    await page.setViewportSize({ width: 360, height: 640 });
    const hint = inShadow(page, 'tn-first-run >> aside');
    expect(await hint.textContent()).toContain('press t');
    await audit(page, 'panel-first-run-360');
    await hint.locator('button', { hasText: 'Got it' }).click();
    await expect.poll(() => inShadow(page, 'tn-first-run').count()).toBe(0);
    await page.reload();
    await page.locator(`${ROWS}[data-tn-comment]`).first().waitFor();
    await page.waitForFunction(() => document.documentElement.classList.contains('tn-ready'));
    expect(await inShadow(page, 'tn-first-run').count()).toBe(0);
    await page.close();
  });
});

describe.each(SIZES)('the panel at $width×$height', ({ width, height }) => {
  let page: Page;
  let ids: string[];

  beforeAll(async () => {
    page = await openThread(session(), STORY, ROWS);
    await page.setViewportSize({ width, height });
    ids = await commentIds(page);
  });
  afterAll(async () => {
    await page.close();
  });

  it('never moves the page’s text nor widens the page', async () => {
    const id = ids[3] ?? '';
    await page.locator(`tr[id="${id}"]`).scrollIntoViewIfNeeded();
    const before = await textBoxes(page);
    const widthBefore = await pageWidth(page);
    await page.locator(`tr[id="${id}"] span.comhead a.hnuser`).first().hover();
    await inComment(page, `hn:${id}`, 'tn-control >> button.trigger').waitFor();
    expect(await textBoxes(page)).toEqual(before);
    await openPanel(page, id);
    expect(await textBoxes(page)).toEqual(before);
    expect(await pageWidth(page)).toBe(widthBefore);
    await page.screenshot({ path: join(OUTPUT, `panel-${width}.png`) });
    await page.keyboard.press('Escape');
    await expect.poll(() => panelBox(page)).toBeNull();
    expect(await textBoxes(page)).toEqual(before);
  });

  it('stays inside the viewport near every edge, flipping above near the bottom', async () => {
    const widthBefore = await pageWidth(page);
    // The most indented of the first rows reaches furthest right.
    const deepest = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('tr.athing.comtr')].slice(0, 40);
      const indent = (r: Element) => Number(r.querySelector('td.ind')?.getAttribute('indent'));
      return rows.reduce((best, row) => (indent(row) > indent(best) ? row : best)).id;
    });
    for (const id of [deepest, ids[1] ?? '']) {
      for (const where of ['top', 'bottom'] as const) {
        await page.evaluate(
          ({ id, where }) => {
            const row = document.getElementById(id);
            const header = row?.querySelector('span.comhead');
            if (!header) return;
            const box = header.getBoundingClientRect();
            scrollBy(0, where === 'top' ? box.top - 10 : box.bottom - innerHeight + 10);
          },
          { id, where },
        );
        await openPanel(page, id);
        const box = await panelBox(page);
        expect(box).not.toBeNull();
        if (!box) return;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(box.vw);
        expect(box.y + box.height).toBeLessThanOrEqual(box.vh);
        expect(await pageWidth(page)).toBe(widthBefore);
        if (where === 'bottom') {
          await page.screenshot({ path: join(OUTPUT, `panel-${width}-flipped.png`) });
        }
        await page.keyboard.press('Escape');
        await expect.poll(() => panelBox(page)).toBeNull();
      }
    }
  });

  it('closes on Escape, a click outside and scrolling away, and keeps one open', async () => {
    const [first, second] = [ids[2] ?? '', ids[4] ?? ''];
    await page.locator(`tr[id="${first}"]`).scrollIntoViewIfNeeded();
    await openPanel(page, first);
    await page.keyboard.press('Escape');
    await expect.poll(() => panelBox(page)).toBeNull();
    expect(await focusedComment(page)).toBe(`hn:${first}`);

    await openPanel(page, first);
    // Another comment still shows its trigger, and opening it closes the first panel.
    await openPanel(page, second);
    expect(await inComment(page, `hn:${first}`, 'tn-control >> .panel').count()).toBe(0);
    await page.mouse.click(2, 2);
    await expect.poll(() => panelBox(page)).toBeNull();

    await openPanel(page, first);
    await page.evaluate(() => scrollBy(0, innerHeight * 3));
    await expect.poll(() => panelBox(page)).toBeNull();
  });
});

describe('tag entry', () => {
  it('takes the matching tag on Enter, creates only through its row, and reads a, b as two', async () => {
    const page = await openThread(session(), STORY, ROWS);
    const [first, second] = await commentIds(page);
    const tagsOf = (id = '') => page.locator(`tr[id="${id}"]`).getAttribute('data-tn-tags');
    let panel = await openPanel(page, first ?? '');
    const field = panel.locator('input#tn-comment-tags-input');
    await field.fill('compilers');
    // Nothing matches: the one row is "Create", and it is the highlighted one.
    expect(await panel.locator('.option.active').textContent()).toBe('Create ‘compilers’');
    await field.press('Enter');
    await expect.poll(() => tagsOf(first)).toBe('compilers');
    await page.keyboard.press('Escape');

    panel = await openPanel(page, second ?? '');
    await panel.locator('input#tn-comment-tags-input').fill('compil');
    expect(await panel.locator('.option.active').textContent()).toBe('compilers');
    await page.screenshot({ path: join(OUTPUT, 'panel-suggestions.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => tagsOf(second)).toBe('compilers');
    // A name near no tag is offered for creation, highlighted as nothing else matches.
    await page.keyboard.type('folowup');
    expect(await panel.locator('.option.active').textContent()).toBe('Create ‘folowup’');
    await page.keyboard.press('Escape');

    panel = await openPanel(page, second ?? '');
    await panel.locator('input#tn-comment-tags-input').fill('remote, visa, ');
    await expect.poll(() => tagsOf(second)).toBe('compilers remote visa');
    await panel.locator('input#tn-comment-tags-input').fill('rmote');
    await page.keyboard.press('Tab');
    await panel.locator('input#tn-comment-tags-input').fill('compil');
    await page.keyboard.press('Tab');
    // Neither completion made a tag: `compilers` and `remote` were on already.
    expect(await tagsOf(second)).toBe('compilers remote visa');
    const known = await page.evaluate(() =>
      [...document.querySelectorAll('[data-tn-tags]')].flatMap((row) =>
        (row.getAttribute('data-tn-tags') ?? '').split(' '),
      ),
    );
    expect(known).not.toContain('compil');
    expect(known).not.toContain('rmote');
    await page.close();
  });
});

describe('tag colours', () => {
  it('gives twelve new tags twelve distinct colours', async () => {
    const page = await openThread(session(), STORY, ROWS);
    const [id = ''] = (await commentIds(page)).slice(6);
    const panel = await openPanel(page, id);
    const names = Array.from({ length: 12 }, (_, i) => `colour-${i + 1}`);
    await panel.locator('input#tn-comment-tags-input').fill(`${names.join(', ')},`);
    await expect
      .poll(() => page.locator(`tr[id="${id}"]`).getAttribute('data-tn-tags'))
      .toBe(names.join(' '));
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await chipColors(page, `hn:${id}`)).length).toBe(12);
    expect(new Set(await chipColors(page, `hn:${id}`)).size).toBe(12);
    await page.locator(`tr[id="${id}"]`).screenshot({ path: join(OUTPUT, 'panel-colours.png') });
    await page.close();
  });
});

describe('selection and help', () => {
  it('focuses a clicked comment for the keys, lists every key on ?, and refocuses after a save', async () => {
    const page = await openThread(session(), STORY, ROWS);
    const [, , id = ''] = await commentIds(page);
    await page.locator(`tr[id="${id}"] .commtext`).first().click();
    expect(await focusedComment(page)).toBe(`hn:${id}`);
    await page.keyboard.press('x');
    await expect
      .poll(() => page.locator(`tr[id="${id}"]`).getAttribute('data-tn-fold'))
      .toBe('collapsed');
    await page.keyboard.press('x');
    await expect.poll(() => page.locator(`tr[id="${id}"]`).getAttribute('data-tn-fold')).toBeNull();

    // Every key the options page lists shows in the overlay, as written there.
    const options = await session().context.newPage();
    await options.goto(`chrome-extension://${session().extensionId}/src/options/index.html`);
    const listed = await options
      .locator('table.keys')
      .last()
      .locator('tbody kbd')
      .allTextContents();
    await options.close();
    await page.bringToFront();
    await page.keyboard.press('?');
    const shown = inShadow(page, 'tn-key-help >> [role="dialog"] kbd');
    await expect.poll(() => shown.count()).toBe(listed.length);
    for (const [index, keys] of listed.entries()) {
      expect(await shown.nth(index).textContent()).toBe(keys);
    }
    expect(listed).toEqual(expect.arrayContaining(['?', 'X', 'u', 't']));
    await page.screenshot({ path: join(OUTPUT, 'panel-keys.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => inShadow(page, 'tn-key-help').count()).toBe(0);
    expect(await focusedComment(page)).toBe(`hn:${id}`);

    await page.keyboard.press('n');
    const editor = inComment(page, `hn:${id}`, 'tn-note-editor >> textarea');
    await editor.fill('Saved from the keyboard.');
    await editor.press('Control+Enter');
    await expect.poll(() => page.locator(`tr[id="${id}"]`).getAttribute('data-tn-note')).toBe('');
    // Stored a moment before the editor closes and hands the keys back.
    await expect.poll(() => focusedComment(page)).toBe(`hn:${id}`);
    await page.close();
  });
});

describe.each(SIZES)('accessibility at $width×$height', ({ width, height }) => {
  it('has no axe-core violations with the panel, the toast and the key help open', async () => {
    const page = await openThread(session(), STORY, ROWS);
    await page.setViewportSize({ width, height });
    // A comment of its own for each size, untouched by the tests above.
    const id = (await commentIds(page))[10 + SIZES.findIndex((size) => size.width === width)] ?? '';
    const panel = await openPanel(page, id);
    await panel.locator('input#tn-comment-tags-input').fill('axe-check');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator(`tr[id="${id}"]`).getAttribute('data-tn-tags'))
      .toBe('axe-check');
    await panel.locator('input#tn-comment-tags-input').fill('axe');
    await audit(page, `panel-a11y-${width}`);
    // The list of matches floats over what is below the field: empty the field to reach a chip.
    await panel.locator('input#tn-comment-tags-input').fill('');
    // The × shows on hover or focus, as a reader finds it.
    const axeChip = panel.locator('.chips .chip', { hasText: 'axe-check' });
    await axeChip.hover();
    await axeChip.locator('button.remove').click();
    await inShadow(page, 'tn-toast >> button.action').waitFor();
    await page.keyboard.press('Escape');
    await audit(page, `panel-toast-${width}`);
    await page.keyboard.press('?');
    await inShadow(page, 'tn-key-help >> [role="dialog"]').waitFor();
    await audit(page, `panel-help-${width}`);
    await page.close();
  });
});
