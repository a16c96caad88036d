/**
 * Firefox lets the reader withhold or take back an MV3 extension's host permissions (about:addons
 * → Threadnote → Permissions). Then Threadnote does not run on that forum, and the popup offers
 * to ask for the access again, from the click, and reloads the page once it is given.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HN, OUTPUT } from '../kit/chromium';
import { firefoxForSuite, openPopup } from '../kit/firefox';

const STORY = `${HN}/item?id=44533403`;
const HN_ACCESS = 'https://news.ycombinator.com/*';

const session = firefoxForSuite({ permissions: ['tabs'] });

interface PermissionsApi {
  permissions: {
    remove(permissions: { origins: string[] }): Promise<boolean>;
    contains(permissions: { origins: string[] }): Promise<boolean>;
  };
}

function hasAccess(): Promise<boolean> {
  return session().extensionPage.evaluate(
    (origin) =>
      (globalThis as unknown as { browser: PermissionsApi }).browser.permissions.contains({
        origins: [origin],
      }),
    HN_ACCESS,
  );
}

describe('Firefox: a forum whose access the reader took back', () => {
  it('stays untouched, and the popup asks for the access again and starts on the page', async () => {
    await session().extensionPage.evaluate(
      (origin) =>
        (globalThis as unknown as { browser: PermissionsApi }).browser.permissions.remove({
          origins: [origin],
        }),
      HN_ACCESS,
    );
    expect(await hasAccess()).toBe(false);

    const page = await session().browser.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(STORY);
    // No content script, so no hold either: the comments show as Hacker News serves them.
    expect(await page.$$eval('tr.athing.comtr', (rows) => rows.length)).toBeGreaterThan(0);
    expect(await page.$$eval('[data-tn-comment]', (rows) => rows.length)).toBe(0);
    expect(await page.$eval('table.comment-tree', (table) => getComputedStyle(table).opacity)).toBe(
      '1',
    );

    const popup = await openPopup(session(), STORY);
    const allow = await popup.waitForSelector('button.primary');
    expect(await allow?.evaluate((button) => button.textContent)).toBe(
      'Allow Threadnote on news.ycombinator.com',
    );
    expect(await popup.$eval('.site', (site) => site.textContent)).toBe('Hacker News');
    await popup.screenshot({ path: join(OUTPUT, 'firefox-popup-allow.png') });

    await allow?.click();
    // The popup waits for the reload and then sums up the thread.
    await popup.waitForSelector('[data-testid="thread-title"]');
    expect(await hasAccess()).toBe(true);
    await page.bringToFront();
    await expect
      .poll(() =>
        page.$$eval(
          'tr.athing.comtr',
          (rows) => rows.length > 0 && rows.every((row) => row.hasAttribute('data-tn-comment')),
        ),
      )
      .toBe(true);
    expect(await popup.$eval('[data-count="comments"] strong', (count) => count.textContent)).toBe(
      String(await page.$$eval('tr.athing.comtr', (rows) => rows.length)),
    );
    await popup.screenshot({ path: join(OUTPUT, 'firefox-popup-allowed.png') });
    await popup.close();
    await page.close();
  });
});
