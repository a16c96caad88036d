/**
 * The content script's UI (panel, tag picker, note editor, bars, toast) is a second script, which
 * the worker injects into the content script's isolated world at idle or on first use
 * (docs/architecture.md, "What a forum page loads"): a page can neither load it nor see it, and
 * it arrives though the worker is stopped meanwhile.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DIST,
  HN,
  browserForSuite,
  openThread,
  stopServiceWorker,
  waitForThread,
} from '../kit/chromium';
import { comment, inComment, openControl } from './flows';
import { inContentWorld } from '../kit/chromium-shadow';

const STORY = `${HN}/item?id=44533403`;
const MOTOBOI = 'hn:44536000';
const ROWS = 'tr.athing.comtr';

const session = browserForSuite();

describe('the UI script', () => {
  it('is listed nowhere a page could load it from, and leaves the page no trace', async () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
      web_accessible_resources?: unknown;
    };
    expect(manifest.web_accessible_resources).toBeUndefined();

    const page = await openThread(session(), STORY, ROWS);
    // The UI script is in: the control on a hovered comment is its.
    await openControl(page, MOTOBOI, 'span.comhead a.hnuser');
    const seen = await page.evaluate(async (id) => {
      const globals = ['threadnoteUi', 'threadnoteRoots', 'threadnoteRunning'].filter(
        (name) => name in globalThis,
      );
      const loads = await Promise.all(
        ['src/content/lazy/ui.js', 'src/content/entries/hacker-news.js'].map((file) =>
          fetch(`chrome-extension://${id}/${file}`).then(
            () => 'loaded',
            () => 'refused',
          ),
        ),
      );
      return { globals, loads };
    }, session().extensionId);
    expect(seen).toEqual({ globals: [], loads: ['refused', 'refused'] });
    await page.close();
  });

  it('arrives once while the worker is stopped again and again, and the first key waits for it', async () => {
    const page = await session().context.newPage();
    await page.bringToFront();
    let stopping = true;
    const stops = (async () => {
      for (let count = 0; stopping && count < 20; count++) {
        await stopServiceWorker(session(), page);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await page.goto(STORY);
    await waitForThread(page, ROWS);
    // As soon as the page is annotated: the first comment, and its panel from the keyboard.
    const first = `hn:${(await page.locator(ROWS).first().getAttribute('id')) ?? ''}`;
    await page.keyboard.press('j');
    await page.keyboard.press('t');
    const panel = inComment(page, first, 'tn-control >> [role="dialog"]');
    await expect.poll(() => panel.isVisible(), { timeout: 15_000 }).toBe(true);
    stopping = false;
    await stops;

    // Injected once: the hook the content script waited with is gone, and one control follows
    // the pointer, where a second copy of the UI would add its own.
    await page.keyboard.press('Escape');
    await comment(page, MOTOBOI).locator('span.comhead a.hnuser').first().hover();
    await expect.poll(() => comment(page, MOTOBOI).locator('tn-control').count()).toBe(1);
    expect(await page.locator('tn-control').count()).toBe(1);
    const hook = await inContentWorld(
      page,
      () => typeof (globalThis as Record<string, unknown>).threadnoteUi,
      null,
    );
    expect(hook).toBe('undefined');
    await page.close();
  });
});
