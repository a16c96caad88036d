/**
 * Threadnote's look on each forum, from computed styles rather than pixels: the forum's own font
 * and sizes, no colour outside the forum's tokens, text contrast of 4.5:1 or more, light and dark
 * (the forum's own dark theme, and a page darkened by an injected stylesheet); a long note clamped;
 * HN's own [–] and Threadnote's fold in agreement; a permalink inside a folded subthread shown.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ForumLook } from '../../src/sites/forum-look';
import { discourseLook } from '../../src/sites/discourse-style';
import { hackerNewsLook } from '../../src/sites/hacker-news-style';
import { lobstersLook } from '../../src/sites/lobsters-style';
import { redditLook } from '../../src/sites/reddit-style';
import { annotate, comment, openControl } from './flows';
import {
  DISCOURSE,
  HN,
  LOBSTERS,
  OLD_REDDIT,
  OUTPUT,
  browserForSuite,
  launch,
  openPopup,
  openThread,
  tabIdOf,
  type Session,
} from '../kit/chromium';
import { inComment, inContentWorld } from '../kit/chromium-shadow';
import { darken } from '../kit/forum-dark.mjs';

const session = browserForSuite({ grantedHosts: ['forum.example.org'] });

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on Threadnote's UI in the page. It lives in closed shadow roots, which axe cannot see
 * from the page; so axe runs in the content script's world, where every root can be opened, and
 * is shown them as open ones. Only Threadnote's hosts are audited: the forum's own markup is not
 * ours to judge.
 */
async function auditPageUi(page: Page): Promise<string[]> {
  const install = `(arg, open) => {
    if (!globalThis.axe) {
      Object.defineProperty(Element.prototype, 'shadowRoot', {
        configurable: true,
        get() { return this instanceof HTMLElement ? open(this) : null; },
      });
      ${AXE}
    }
    globalThis.tnAxe = null;
    const hosts = [...document.querySelectorAll('tn-chips, tn-note, tn-hidden-bar, tn-control')];
    globalThis.axe
      .run({ include: hosts }, {
        resultTypes: ['violations'],
        // Where a forum puts its comments (in a landmark or not) is the forum's markup.
        rules: { region: { enabled: false } },
      })
      .then((result) => { globalThis.tnAxe = result.violations.map((v) =>
        v.id + ': ' + v.help + ' (' + v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)).join(', ') + ')'); })
      .catch((error) => { globalThis.tnAxe = ['axe failed: ' + error]; });
    return hosts.length;
  }`;
  const source = Object.assign(() => 0, { toString: () => install });
  expect(await inContentWorld(page, source, null)).toBeGreaterThan(0);
  const read = Object.assign(() => null, { toString: () => '() => globalThis.tnAxe' });
  await expect.poll(() => inContentWorld<null, string[] | null>(page, read, null)).not.toBeNull();
  return (await inContentWorld<null, string[] | null>(page, read, null)) ?? [];
}

/** axe-core on one of the extension's own pages (the popup), which it reads as any page. */
async function auditExtensionPage(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: { id: string; help: string }[] }> };
      }
    ).axe;
    return (await axe.run()).violations.map((v) => `${v.id}: ${v.help}`);
  });
}

interface Forum {
  name: string;
  url: string;
  rows: string;
  hover: string;
  look: ForumLook;
  /** Keys of two comments: one tagged and noted, one collapsed. */
  noted: string;
  folded: string;
  /** Font sizes, in px, the forum itself uses for comment headers and text. */
  sizes: [number, number];
  /** Makes the page dark the forum's own way. */
  darken: (page: Page) => Promise<void>;
  /** Opens the thread (Discourse: once the reader has enabled the host). */
  open?: () => Promise<Page>;
}

/** Enables Threadnote on the Discourse host from the popup, as a reader does, and opens the topic. */
async function openDiscourse(url: string): Promise<Page> {
  const page = await session().context.newPage();
  await page.bringToFront();
  await page.goto(url);
  const popup = await openPopup(session(), await tabIdOf(session(), url));
  const enable = popup.getByRole('button', { name: 'Enable Threadnote on forum.example.org' });
  await expect.poll(() => enable.isVisible()).toBe(true);
  await enable.click();
  await expect.poll(() => popup.locator('.site').textContent()).toContain('Discourse');
  await popup.close();
  await page.bringToFront();
  await expect
    .poll(() => page.locator('article[data-post-id]:not([data-tn-comment])').count())
    .toBe(0);
  return page;
}

const TOPIC = `${DISCOURSE}/t/offline-first-sync-crdts-or-server-authoritative/4242`;

const FORUMS: Forum[] = [
  {
    name: 'hn',
    url: `${HN}/item?id=44533403`,
    rows: 'tr.athing.comtr',
    hover: '.comhead .hnuser',
    look: hackerNewsLook,
    noted: 'hn:44536000',
    folded: 'hn:44535112',
    sizes: [10.6, 12.1],
    darken: (page) => darken(page, 'hn'),
  },
  {
    name: 'lobsters',
    url: `${LOBSTERS}/s/tdfoqh/ranking_comments_by_sum_replies_scores`,
    rows: 'div.comment[id^="c_"]',
    hover: '.byline a[href^="/~"]:not([aria-hidden])',
    look: lobstersLook,
    noted: 'lobsters:owddle',
    folded: 'lobsters:lqqn3a',
    sizes: [11.9, 13.4],
    darken: (page) => darken(page, 'lobsters'),
  },
  {
    name: 'reddit',
    url: `${OLD_REDDIT}/r/science/comments/579v6t/science_ama_series_hi_reddit_im_phil_klotzbach_a/`,
    rows: '.commentarea div.thing.comment',
    hover: ':scope > .entry .tagline a.author',
    look: redditLook,
    noted: 'reddit:t1_d8q50n6',
    folded: 'reddit:t1_d8q4lwg',
    sizes: [9.9, 13.1],
    darken: (page) => darken(page, 'reddit'),
  },
  {
    name: 'discourse',
    url: TOPIC,
    rows: 'article[data-post-id]',
    hover: '.topic-meta-data .names a[data-user-card]',
    look: discourseLook,
    noted: 'discourse/forum.example.org:57325',
    folded: 'discourse/forum.example.org:57349',
    sizes: [12.9, 14.1],
    darken: (page) => darken(page, 'discourse'),
    open: () => openDiscourse(TOPIC),
  },
];

function hexToRgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

interface Seen {
  scheme: string;
  fonts: string[];
  sizes: number[];
  colours: string[];
  /** Text that reads below 4.5:1, with its ratio. */
  lowContrast: string[];
  elements: number;
}

/**
 * Reads, in the content script's world, every visible element of Threadnote's chips, stubs, notes
 * and bars: fonts, sizes, colours, and the contrast of its text on the background behind it.
 */
function readLook(page: Page): Promise<Seen> {
  return inContentWorld(
    page,
    (_: null, open) => {
      const parse = (value: string): number[] => {
        const m = /rgba?\(([^)]+)\)/.exec(value);
        if (!m?.[1]) return [0, 0, 0, 0];
        const parts = m[1]
          .split(/[\s,/]+/)
          .filter(Boolean)
          .map(Number);
        return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
      };
      const lum = ([r = 0, g = 0, b = 0]: number[]) => {
        const c = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
      };
      const up = (element: Element): Element | null =>
        element.parentElement ??
        (element.parentNode instanceof ShadowRoot ? element.parentNode.host : null);
      const behind = (element: Element): number[] => {
        for (let at: Element | null = element; at; at = up(at)) {
          const colour = parse(getComputedStyle(at).backgroundColor);
          if ((colour[3] ?? 0) >= 0.5) return colour;
        }
        return [255, 255, 255, 1];
      };
      const seen: Seen = {
        scheme: '',
        fonts: [],
        sizes: [],
        colours: [],
        lowContrast: [],
        elements: 0,
      };
      for (const host of document.querySelectorAll('tn-chips, tn-note, tn-hidden-bar')) {
        const root = open(host);
        if (!root) continue;
        for (const element of root.querySelectorAll('*')) {
          const box = element.getBoundingClientRect();
          if (box.width === 0 || box.height === 0 || !element.checkVisibility()) continue;
          const style = getComputedStyle(element);
          seen.elements++;
          seen.scheme ||= style.getPropertyValue('--tn-scheme').trim();
          if (!element.classList.contains('swatch')) {
            seen.fonts.push(style.fontFamily);
            seen.sizes.push(Number.parseFloat(style.fontSize));
            seen.colours.push(style.color);
            if (parse(style.backgroundColor)[3]) seen.colours.push(style.backgroundColor);
          }
          for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
            const width = Number.parseFloat(
              style.getPropertyValue(`border-${side.toLowerCase()}-width`),
            );
            const colour = style.getPropertyValue(`border-${side.toLowerCase()}-color`);
            if (width > 0 && parse(colour)[3]) seen.colours.push(colour);
          }
          const ownText = [...element.childNodes].some(
            (node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim(),
          );
          if (ownText && Number(style.opacity) > 0) {
            const a = lum(parse(style.color));
            const b = lum(behind(element));
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            if (ratio < 4.5)
              seen.lowContrast.push(`${element.textContent ?? ''}: ${ratio.toFixed(2)}`);
          }
        }
      }
      return seen;
    },
    null,
  );
}

function expectForumLook(seen: Seen, forum: Forum, dark: boolean): void {
  const palette = dark ? forum.look.dark : forum.look.light;
  const allowed = new Set([...Object.values(palette).map(hexToRgb)]);
  expect(seen.elements).toBeGreaterThan(3);
  expect(seen.scheme).toBe(dark ? 'dark' : 'light');
  const family = forum.look.font.split(',')[0]?.replace(/"/g, '').trim().toLowerCase();
  for (const font of new Set(seen.fonts)) {
    expect(font.split(',')[0]?.replace(/"/g, '').trim().toLowerCase()).toBe(family);
  }
  for (const size of seen.sizes) {
    expect(size).toBeGreaterThanOrEqual(forum.sizes[0]);
    expect(size).toBeLessThanOrEqual(forum.sizes[1]);
  }
  expect([...new Set(seen.colours)].filter((colour) => !allowed.has(colour))).toEqual([]);
  expect(seen.lowContrast).toEqual([]);
}

describe('Threadnote looks native on each forum', () => {
  for (const forum of FORUMS) {
    it(`${forum.name}: the forum's font, sizes and colours, light and dark`, async () => {
      const page = forum.open
        ? await forum.open()
        : await openThread(session(), forum.url, forum.rows);
      await annotate(page, forum.noted, forum.hover, {
        tags: ['insightful'],
        note: 'Asked about remote work. '.repeat(3),
      });
      await annotate(page, forum.folded, forum.hover, { collapse: true });
      await comment(page, forum.noted).scrollIntoViewIfNeeded();
      await expect.poll(async () => (await readLook(page)).scheme).toBe('light');
      expectForumLook(await readLook(page), forum, false);
      expect(await auditPageUi(page)).toEqual([]);
      for (const width of [1280, 1024, 360]) {
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: join(OUTPUT, `look-${forum.name}-${width}-light.png`) });
      }
      await page.setViewportSize({ width: 1024, height: 800 });

      await forum.darken(page);
      await expect.poll(async () => (await readLook(page)).scheme).toBe('dark');
      expectForumLook(await readLook(page), forum, true);
      expect(await auditPageUi(page)).toEqual([]);
      for (const width of [1280, 1024, 360]) {
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: join(OUTPUT, `look-${forum.name}-${width}-dark.png`) });
      }
      await page.close();
    });
  }

  it('goes dark on a forum page darkened by an injected stylesheet, and light again', async () => {
    const forum = FORUMS[1] as Forum;
    const page = await openThread(session(), forum.url, forum.rows);
    await comment(page, forum.noted).scrollIntoViewIfNeeded();
    await expect.poll(async () => (await readLook(page)).scheme).toBe('light');
    const style = await page.addStyleTag({
      content: 'html, body { background: #111 !important; color: #ddd !important; }',
    });
    await expect.poll(async () => (await readLook(page)).scheme).toBe('dark');
    expectForumLook(await readLook(page), forum, true);
    await style.evaluate((element) => (element as HTMLElement).remove());
    await expect.poll(async () => (await readLook(page)).scheme).toBe('light');
    await page.close();
  });
});

const STORY = `${HN}/item?id=44533403`;
const ROWS = 'tr.athing.comtr';
const HOVER = '.comhead .hnuser';
const MOTOBOI = '44536000';
const LANTERNFISH = '44536118'; // a reply in motoboi's subthread
const row = (page: Page, id: string) => page.locator(`tr.athing[id="${id}"]`);

/** The ids of the comment rows the reader can see. */
function visibleIds(page: Page): Promise<string[]> {
  return page.evaluate(
    (rows) =>
      [...document.querySelectorAll<HTMLElement>(rows)]
        .filter((r) => r.checkVisibility())
        .map((r) => r.id),
    ROWS,
  );
}

describe('long notes, one fold, permalinks', () => {
  // A browser of its own for each: these fold and note the same comments from scratch.
  let own: Session;
  beforeEach(async () => {
    own = await launch();
  });
  afterEach(async () => {
    await own?.close();
  });
  it('clamps a 20,000-character note to a few lines until "more", and folds it with its comment', async () => {
    const page = await openThread(own, STORY, ROWS);
    const long = 'A very long note about this comment. '.repeat(541).slice(0, 20_000);
    await annotate(page, `hn:${LANTERNFISH}`, HOVER, { note: long });
    const lines = () =>
      inContentWorld(
        page,
        (key: string, open) => {
          const host = document.querySelector(`[data-tn-comment="${key}"] tn-note`);
          const text = host && open(host)?.querySelector('.text');
          if (!text) return 0;
          const style = getComputedStyle(text);
          return text.getBoundingClientRect().height / Number.parseFloat(style.lineHeight);
        },
        `hn:${LANTERNFISH}`,
      );
    await expect.poll(lines).toBeGreaterThan(0);
    expect(await lines()).toBeLessThanOrEqual(5);
    await inComment(page, `hn:${LANTERNFISH}`, 'tn-note >> button.more').click();
    await expect.poll(lines).toBeGreaterThan(5);
    await page.screenshot({ path: join(OUTPUT, 'look-long-note-open.png') });
    await inComment(page, `hn:${LANTERNFISH}`, 'tn-note >> button.more').click();
    await expect.poll(lines).toBeLessThanOrEqual(5);

    // Collapsed, the note goes with the comment's text, and the stub says it is there.
    await annotate(page, `hn:${LANTERNFISH}`, HOVER, { collapse: true });
    await expect
      .poll(() => inComment(page, `hn:${LANTERNFISH}`, 'tn-chips >> .stub').textContent())
      .toMatch(/^\d+ repl(y|ies) by .+ · 1 note$/);
    expect(await inComment(page, `hn:${LANTERNFISH}`, 'tn-note >> .note').isVisible()).toBe(false);
    await page.close();
  });

  it('keeps HN’s own [–] and Threadnote’s fold in agreement, both ways', async () => {
    const page = await openThread(own, STORY, ROWS);
    const all = await visibleIds(page);
    const toggle = row(page, MOTOBOI).locator('a.togg');

    // HN's [–] folds; Threadnote's fold follows, stored, and HN's [+N] opens both.
    await toggle.click();
    await expect
      .poll(() => comment(page, `hn:${MOTOBOI}`).getAttribute('data-tn-fold'))
      .toBe('collapsed');
    expect(await toggle.textContent()).toBe('[+15]');
    await expect
      .poll(() => inComment(page, `hn:${MOTOBOI}`, 'tn-chips >> .stub').textContent())
      .toMatch(/^14 replies by .+/);
    // One fold control: the stub has no second [+] beside HN's.
    expect(await inComment(page, `hn:${MOTOBOI}`, 'tn-chips >> .stub button').count()).toBe(0);
    await page.screenshot({ path: join(OUTPUT, 'look-hn-one-fold.png') });
    await page.reload();
    await expect
      .poll(() => comment(page, `hn:${MOTOBOI}`).getAttribute('data-tn-fold'))
      .toBe('collapsed');
    await expect.poll(() => toggle.textContent()).toBe('[+15]');
    await toggle.click();
    await expect.poll(() => comment(page, `hn:${MOTOBOI}`).getAttribute('data-tn-fold')).toBeNull();
    expect(await toggle.textContent()).toBe('[–]');
    await expect.poll(() => visibleIds(page)).toEqual(all);

    // Threadnote's collapse (x) folds HN's too; HN's [+N] opens it, and Threadnote's with it.
    const panel = await openControl(page, `hn:${MOTOBOI}`, HOVER);
    await panel.locator('button', { hasText: /^Collapse (subthread|comment)/ }).click();
    await expect.poll(() => row(page, MOTOBOI).getAttribute('class')).toContain('coll');
    expect(await toggle.textContent()).toBe('[+15]');
    await toggle.click();
    await expect.poll(() => comment(page, `hn:${MOTOBOI}`).getAttribute('data-tn-fold')).toBeNull();
    expect(await row(page, MOTOBOI).getAttribute('class')).not.toContain('coll');
    await expect.poll(() => visibleIds(page)).toEqual(all);
    await page.close();
  });

  it('shows a permalink’s comment open inside a folded subthread; its replies keep their folds', async () => {
    const page = await openThread(own, STORY, ROWS);
    await annotate(page, `hn:${LANTERNFISH}`, HOVER, { tags: ['reply'], collapse: true });
    await annotate(page, `hn:${MOTOBOI}`, HOVER, { collapse: true });
    await annotate(page, 'hn:44535633', HOVER, { note: 'Elsewhere in the thread' });

    await page.goto(`${HN}/item?id=${MOTOBOI}`);
    await expect.poll(() => comment(page, `hn:${MOTOBOI}`).count()).toBe(1);
    await expect.poll(() => row(page, MOTOBOI).locator('div.comment').isVisible()).toBe(true);
    expect(await comment(page, `hn:${MOTOBOI}`).getAttribute('data-tn-fold')).toBeNull();
    await expect
      .poll(() => comment(page, `hn:${LANTERNFISH}`).getAttribute('data-tn-fold'))
      .toBe('collapsed');
    expect(await row(page, LANTERNFISH).locator('div.comment').isVisible()).toBe(false);

    const popup = await openPopup(own, await tabIdOf(own, `${HN}/item?id=${MOTOBOI}`));
    await expect
      .poll(() => popup.locator('.more-notes').textContent())
      .toBe('1 more note in the full thread · open the thread');
    expect(await popup.locator('.more-notes a').getAttribute('href')).toBe(STORY);
    expect(await popup.locator('.orphans').count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('fits the popup of a typical thread in 600 px, with only the counters that are not zero', async () => {
    const page = await openThread(own, STORY, ROWS);
    await annotate(page, `hn:${MOTOBOI}`, HOVER, { tags: ['insightful'], note: 'x '.repeat(400) });
    await annotate(page, `hn:${LANTERNFISH}`, HOVER, { tags: ['follow-up'], collapse: true });
    const popup = await openPopup(own, await tabIdOf(own, STORY));
    await popup.setViewportSize({ width: 400, height: 600 });
    await expect.poll(() => popup.locator('[data-count="tagged"] strong').textContent()).toBe('2');
    expect(await popup.locator('[data-count="hidden"]').count()).toBe(0);
    const height = await popup.evaluate(() => document.documentElement.scrollHeight);
    await popup.screenshot({ path: join(OUTPUT, 'look-popup-600.png'), fullPage: true });
    expect(height).toBeLessThanOrEqual(600);
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      expect(await auditExtensionPage(popup)).toEqual([]);
      await popup.screenshot({ path: join(OUTPUT, `look-popup-600-${scheme}.png`) });
    }
    await popup.close();
    await page.close();
  });
});
