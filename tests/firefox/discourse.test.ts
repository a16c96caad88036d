/**
 * Enabling a Discourse forum in Firefox, through its real permission request: Firefox can answer
 * it without a prompt (extensions.webextOptionalPermissionPrompts, see harness.ts), so unlike the
 * Chromium suite nothing is declared granted beforehand. Then the script Threadnote registers for
 * the host runs again after a reload, in Firefox's event page as in Chrome's service worker, and
 * turning the forum off takes it away.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { DISCOURSE, OUTPUT } from '../kit/chromium';
import { firefoxForSuite, openPopup } from '../kit/firefox';

const TOPIC = `${DISCOURSE}/t/offline-first-sync-crdts-or-server-authoritative/4242`;
const TITLE = 'Offline-first sync: CRDTs or server-authoritative?';

const session = firefoxForSuite({ permissions: ['tabs'] });

function markedPosts(page: Page): Promise<[number, number]> {
  return page.$$eval('article[data-post-id]', (posts): [number, number] => [
    posts.length,
    posts.filter((post) => post.hasAttribute('data-tn-comment')).length,
  ]);
}

async function allMarked(page: Page): Promise<boolean> {
  const [posts, marked] = await markedPosts(page);
  return posts > 0 && marked === posts;
}

interface PermissionsApi {
  permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
}

function enabled(): Promise<boolean> {
  return session().extensionPage.evaluate(() =>
    (globalThis as unknown as { browser: PermissionsApi }).browser.permissions.contains({
      origins: ['https://forum.example.org/*'],
    }),
  );
}

async function shownPosts(page: Page): Promise<number> {
  await page.waitForFunction(() => document.querySelector('article[data-post-id]') !== null);
  return (await markedPosts(page))[0];
}

describe('Firefox: a Discourse forum the reader enables', () => {
  it('is off until enabled from the popup, then on, through a reload, until turned off', async () => {
    const page = await session().browser.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(TOPIC);
    expect(await shownPosts(page)).toBeGreaterThan(0);
    expect((await markedPosts(page))[1]).toBe(0);

    const popup = await openPopup(session(), TOPIC);
    const enable = await popup.waitForSelector('button.primary');
    expect(await enable?.evaluate((button) => button.textContent)).toBe(
      'Enable Threadnote on forum.example.org',
    );
    await enable?.click();
    await popup.waitForSelector('[data-testid="thread-title"]');
    expect(await popup.$eval('[data-testid="thread-title"]', (title) => title.textContent)).toBe(
      TITLE,
    );
    expect(await popup.$eval('.access', (access) => access.textContent)).toContain(
      'On for forum.example.org',
    );
    await popup.screenshot({ path: join(OUTPUT, 'firefox-discourse-popup.png') });
    await page.bringToFront();
    await expect.poll(() => allMarked(page)).toBe(true);

    await page.reload();
    await expect.poll(() => allMarked(page)).toBe(true);

    await popup.bringToFront();
    await popup.click('.access button');
    await expect.poll(() => enabled()).toBe(false);
    await popup.close();
    // The open tab keeps its marks until it loads again (README, Limits); then nothing runs.
    await page.bringToFront();
    await page.reload();
    expect(await shownPosts(page)).toBeGreaterThan(0);
    expect((await markedPosts(page))[1]).toBe(0);
    const again = await openPopup(session(), TOPIC);
    expect(
      await (await again.waitForSelector('button.primary'))?.evaluate((b) => b.textContent),
    ).toBe('Enable Threadnote on forum.example.org');
    await again.close();
    await page.close();
  });
});
