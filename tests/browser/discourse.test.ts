/**
 * Discourse in a real Chromium, on the stand-in forum forum.example.org: the reader enables the
 * host from the popup, then tags, notes and collapses a post while Discourse's stream takes
 * posts off the page and renders them again as the reader scrolls, and the annotations stay on
 * the right posts, through a reload too.
 *
 * Headless Chromium cannot answer Chrome's permission prompt, so this suite's copy of the
 * extension declares forum.example.org as already granted (see LaunchOptions.grantedHosts):
 * the popup's real request resolves without a prompt, and everything after it runs as usual.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { annotate, comment, inComment, expectAnnotated, expectPopup, openControl } from './flows';
import { DISCOURSE, OUTPUT, browserForSuite, openPopup, tabIdOf } from '../kit/chromium';
import { inContentWorld } from '../kit/chromium-shadow';

const TOPIC = `${DISCOURSE}/t/offline-first-sync-crdts-or-server-authoritative/4242`;
const TITLE = 'Offline-first sync: CRDTs or server-authoritative?';
const SITE = 'discourse/forum.example.org';
const HOVER = '.topic-meta-data .names a[data-user-card]';
/** Post numbers and ids, as tests/kit/discourse-page.mjs made them. */
const POST = { 3: 57319, 4: 57325, 7: 57349, 11: 57373, 20: 57426, 24: 57450 } as const;
const key = (number: keyof typeof POST) => `${SITE}:${POST[number]}`;
const DMITRI = { tags: ['key-question'], note: 'The rejected-intent problem.', collapse: true };

const session = browserForSuite({ grantedHosts: ['forum.example.org'] });

const article = (page: Page, number: number) => page.locator(`article#post_${number}`);

/** Lets the forum's stream and Threadnote each take their next animation frame. */
function frames(page: Page): Promise<unknown> {
  return page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/** Scrolls like a reader, a screen at a time, until `done` holds. */
async function scrollUntil(page: Page, step: number, done: () => Promise<boolean>) {
  for (let screens = 0; screens < 40 && !(await done()); screens++) {
    await page.mouse.wheel(0, step);
    await frames(page);
  }
  expect(await done()).toBe(true);
}

function atEnd(page: Page): Promise<boolean> {
  return page.evaluate(() => scrollY + innerHeight >= document.documentElement.scrollHeight - 1);
}

/** Every post on the page is marked by Threadnote, and there is at least one. */
async function allPostsMarked(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const posts = [...document.querySelectorAll('article[data-post-id]')];
    return posts.length > 0 && posts.every((post) => post.hasAttribute('data-tn-comment'));
  });
}

interface Span {
  left: number;
  right: number;
}

/** Where a post's header items are, left to right: the names, chips, trigger and date. */
function headerSpans(page: Page, key: string): Promise<Record<string, Span | null>> {
  return inContentWorld(
    page,
    (wanted: string) => {
      const post = document.querySelector(`[data-tn-comment="${wanted}"]`);
      const header = post?.querySelector('.topic-meta-data');
      const control = header?.querySelector(':scope > tn-control');
      const roots = (globalThis as { threadnoteRoots?: WeakMap<Element, ShadowRoot> })
        .threadnoteRoots;
      const span = (element: Element | null | undefined) => {
        if (!element) return null;
        const { left, right } = element.getBoundingClientRect();
        return { left, right };
      };
      return {
        post: span(post),
        names: span(header?.querySelector(':scope > .names')),
        chips: span(header?.querySelector(':scope > tn-chips')),
        trigger: span(control ? roots?.get(control)?.querySelector('.trigger') : null),
        date: span(header?.querySelector(':scope > .post-infos')),
      };
    },
    key,
  );
}

/** Whether the spans follow each other without overlapping, all inside the post. */
function inOrder(spans: Record<string, Span | null>): boolean {
  const { post, names, chips, trigger, date } = spans;
  if (!post || !names || !chips || !trigger || !date) return false;
  return (
    post.left <= names.left &&
    names.right <= chips.left &&
    chips.right <= trigger.left &&
    trigger.right <= date.left &&
    date.right <= post.right
  );
}

describe('Discourse in a real Chromium', () => {
  let page: Page;

  it('is off until the reader enables the host from the popup', async () => {
    page = await session().context.newPage();
    await page.bringToFront();
    await page.goto(TOPIC);
    await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') !== null);
    expect(await page.locator('[data-tn-comment]').count()).toBe(0);

    const popup = await openPopup(session(), await tabIdOf(session(), TOPIC));
    const enable = popup.getByRole('button', { name: 'Enable Threadnote on forum.example.org' });
    await expect.poll(() => enable.isVisible()).toBe(true);
    await popup.screenshot({ path: join(OUTPUT, 'discourse-popup-offer.png') });
    await enable.click();
    await expect
      .poll(() => popup.locator('.site').textContent())
      .toBe('Discourse (forum.example.org)');
    expect(await popup.getByTestId('thread-title').textContent()).toBe(TITLE);
    expect(await popup.locator('.access').textContent()).toContain('On for forum.example.org');
    await popup.close();

    await page.bringToFront();
    await expect.poll(() => allPostsMarked(page)).toBe(true);
  });

  it('keeps a post’s annotations and fold while the stream drops and re-renders it', async () => {
    await annotate(page, key(4), HOVER, DMITRI);
    expect(await article(page, 4).locator('.cooked').isVisible()).toBe(false);
    expect(await article(page, 7).isVisible()).toBe(false);
    await page.screenshot({ path: join(OUTPUT, 'discourse-annotated.png') });

    // Down to the end: post 4 is cloaked, the last posts are loaded, and replies down the
    // chain (post 20 answers 15, which answers 11, which answers 7) stay folded.
    const old = await article(page, 4).elementHandle();
    await scrollUntil(page, 700, async () => (await article(page, 26).count()) > 0 && atEnd(page));
    await expect.poll(() => article(page, 4).count()).toBe(0);
    expect(await old?.evaluate((element) => element.isConnected)).toBe(false);
    expect(await comment(page, key(4)).count()).toBe(0);
    await expect.poll(() => allPostsMarked(page)).toBe(true);
    await expect.poll(() => article(page, 20).getAttribute('data-tn-comment')).toBe(key(20));
    expect(await article(page, 20).isVisible()).toBe(false);

    await annotate(page, key(24), HOVER, { tags: ['follow-up'] });
    await page.screenshot({ path: join(OUTPUT, 'discourse-end-of-stream.png') });

    // Back up: post 4 comes back as a new element, with everything on it.
    await scrollUntil(page, -700, async () => (await article(page, 4).count()) > 0);
    await expectAnnotated(page, key(4), DMITRI);
    // The stream renders it back well above the viewport; its chips are drawn as it nears.
    await article(page, 4).scrollIntoViewIfNeeded();
    await expect.poll(() => article(page, 4).locator('tn-chips').count()).toBe(1);
    expect(await article(page, 4).locator('.cooked').isVisible()).toBe(false);
    expect(await article(page, 7).isVisible()).toBe(false);
    expect(await article(page, 11).isVisible()).toBe(false);
    expect(await inComment(page, key(4), 'tn-chips >> .stub').textContent()).toMatch(
      /\[\+\] 4 replies by alice, dmitri and 2 others/,
    );
    await page.screenshot({ path: join(OUTPUT, 'discourse-back-at-top.png') });
  });

  it('runs again on the next visit, and counts the topic in the popup', async () => {
    await page.reload();
    await expect.poll(() => allPostsMarked(page)).toBe(true);
    await expectAnnotated(page, key(4), DMITRI);
    expect(await article(page, 7).isVisible()).toBe(false);
    await expectPopup(
      session(),
      TOPIC,
      {
        site: 'Discourse (forum.example.org)',
        title: TITLE,
        tagged: 2,
        noted: 1,
        collapsed: 1,
        comments: await page.locator('article[data-tn-comment]').count(),
      },
      'discourse-popup',
    );
  });

  it('follows Discourse’s moves between the topic list and the topic, which load no page', async () => {
    await page.goto(`${DISCOURSE}/latest`);
    await page.waitForFunction(() => document.querySelector('.topic-list') !== null);
    expect(await page.locator('[data-tn-comment]').count()).toBe(0);

    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.locator('.topic-list a.title', { hasText: 'Offline-first sync' }).click();
    await expect.poll(() => allPostsMarked(page)).toBe(true);
    await expectAnnotated(page, key(4), DMITRI);
    expect(await article(page, 7).isVisible()).toBe(false);

    await page.locator('.d-header a[data-auto-route]').click();
    await page.waitForFunction(() => document.querySelector('.topic-list') !== null);
    expect(await page.locator('[data-tn-comment], tn-control').count()).toBe(0);

    await page.goBack();
    await expect.poll(() => allPostsMarked(page)).toBe(true);
    await expectAnnotated(page, key(4), DMITRI);
    await annotate(page, key(3), HOVER, { tags: ['storage'] });
    expect(page.url()).toBe(TOPIC);

    // Chips and the trigger sit beside the author's name, before the date, inside the post; a
    // chip added from the open panel pushes the trigger along rather than going under it.
    const panel = await openControl(page, key(3), HOVER);
    await expect.poll(async () => inOrder(await headerSpans(page, key(3)))).toBe(true);
    await panel.locator('input#tn-comment-tags-input').fill('schema-migrations');
    await panel.locator('input#tn-comment-tags-input').press('Enter');
    await expect
      .poll(() => comment(page, key(3)).getAttribute('data-tn-tags'))
      .toBe('storage schema-migrations');
    await expect.poll(async () => inOrder(await headerSpans(page, key(3)))).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'discourse-header.png') });
    expect(loads).toEqual([]);
    await page.close();
  });
});
