/**
 * Notes through the real UI: write, edit, cancel and delete; a tab closed while typing gets its
 * draft back; the worker stopped between keystrokes loses nothing; a note on a comment gone from
 * the page shows as an orphan with its quote; search finds notes and jumps to them; user notes;
 * a note two tabs saved over each other, kept as a version; and an XSS corpus that must stay
 * inert.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HN,
  OUTPUT,
  launch,
  openPopup,
  openThread,
  serveStoryWithout,
  stopServiceWorker,
  tabIdOf,
  waitForThread,
  type Session,
} from './harness';
import { inComment, inContentWorld } from './shadow';

const STORY = `${HN}/item?id=44533403`;
const ROWS = 'tr.athing.comtr';
const MOTOBOI = '44536000';
const LANTERNFISH = '44536118'; // on both the story page and motoboi's comment page

let session: Session;

beforeEach(async () => {
  session = await launch();
});

afterEach(async () => {
  await session?.close();
});

function row(page: Page, id: string) {
  return page.locator(`[data-tn-comment="hn:${id}"]`);
}

async function openEditor(page: Page, id: string, button = /Write a note|Edit note$/) {
  // The header, not the author link: deleted comments have none.
  await row(page, id)
    .locator('span.comhead')
    .first()
    .hover({ position: { x: 2, y: 2 } });
  await inComment(page, `hn:${id}`, 'tn-control >> button.trigger').click();
  await inComment(page, `hn:${id}`, 'tn-control >> [role="dialog"]')
    .locator('button', { hasText: button })
    .click();
  const editor = inComment(page, `hn:${id}`, 'tn-note-editor >> textarea');
  await editor.waitFor();
  return editor;
}

function noteText(page: Page, id: string) {
  return inComment(page, `hn:${id}`, 'tn-note >> .note .text').textContent();
}

describe('notes', () => {
  it('writes, edits, cancels and deletes a note, with links and line breaks', async () => {
    const page = await openThread(session, STORY, ROWS);
    let editor = await openEditor(page, MOTOBOI);
    await editor.fill('Asked him by mail.\nSee https://example.com/paper and javascript:alert(1)');
    await editor.press('Control+Enter');
    await expect
      .poll(() => noteText(page, MOTOBOI))
      .toBe('Asked him by mail.\nSee https://example.com/paper and javascript:alert(1)');
    const links = inComment(page, `hn:${MOTOBOI}`, 'tn-note >> .note a');
    expect(await links.count()).toBe(1);
    expect(await links.getAttribute('href')).toBe('https://example.com/paper');
    expect(await links.getAttribute('rel')).toContain('noopener');

    // Edit, then leave the field: blur saves.
    editor = await openEditor(page, MOTOBOI);
    expect(await editor.inputValue()).toContain('Asked him by mail.');
    await editor.fill('Asked him by mail. He replied.');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await expect.poll(() => noteText(page, MOTOBOI)).toBe('Asked him by mail. He replied.');

    // Escape with unsaved text asks first; keeping editing keeps the text.
    editor = await openEditor(page, MOTOBOI);
    await editor.fill('Something I will regret');
    await editor.press('Escape');
    const confirm = inComment(page, `hn:${MOTOBOI}`, 'tn-note-editor >> [role="alertdialog"]');
    await confirm.locator('button', { hasText: 'Keep editing' }).click();
    expect(await editor.inputValue()).toBe('Something I will regret');
    await editor.press('Escape');
    await confirm.locator('button', { hasText: 'Discard' }).click();
    expect(await row(page, MOTOBOI).locator('tn-note-editor').count()).toBe(0);
    expect(await noteText(page, MOTOBOI)).toBe('Asked him by mail. He replied.');

    // An empty note deletes it.
    editor = await openEditor(page, MOTOBOI);
    await editor.fill('');
    await editor.press('Control+Enter');
    await expect.poll(() => row(page, MOTOBOI).getAttribute('data-tn-note')).toBeNull();
    await page.reload();
    await row(page, MOTOBOI).waitFor();
    expect(await row(page, MOTOBOI).locator('tn-note').count()).toBe(0);
    await page.close();
  });

  it('keeps a note another tab saved meanwhile as a version, to restore or dismiss', async () => {
    const a = await openThread(session, STORY, ROWS);
    const b = await openThread(session, STORY, ROWS);
    await a.bringToFront();
    const first = await openEditor(a, MOTOBOI);
    await b.bringToFront();
    const second = await openEditor(b, MOTOBOI);
    await second.fill('Written in the second tab.');
    await second.press('Control+Enter');
    await expect.poll(() => noteText(a, MOTOBOI)).toBe('Written in the second tab.');

    // The first tab's editor opened on no note: saving there keeps the second tab's text.
    await a.bringToFront();
    await first.fill('Written in the first tab.');
    await first.press('Control+Enter');
    await expect.poll(() => noteText(a, MOTOBOI)).toBe('Written in the first tab.');
    const kept = inComment(a, `hn:${MOTOBOI}`, 'tn-note >> button.kept');
    await expect.poll(() => kept.textContent()).toBe('another version kept · show');
    await a.screenshot({ path: join(OUTPUT, 'notes-kept-version.png') });
    await kept.click();
    const versions = inComment(a, `hn:${MOTOBOI}`, 'tn-note-editor >> .versions');
    // The editor opens once it has asked for a draft: wait for it.
    await expect
      .poll(() => versions.locator('.excerpt').textContent())
      .toBe('Written in the second tab.');
    await a.screenshot({ path: join(OUTPUT, 'notes-kept-version-editor.png') });

    // Restoring brings it back everywhere and keeps the text it replaces in its stead.
    await versions.locator('button', { hasText: /^Restore$/ }).click();
    await expect.poll(() => noteText(a, MOTOBOI)).toBe('Written in the second tab.');
    await expect.poll(() => noteText(b, MOTOBOI)).toBe('Written in the second tab.');
    await expect
      .poll(() => versions.locator('.excerpt').textContent())
      .toBe('Written in the first tab.');
    await versions.locator('button', { hasText: /^Dismiss$/ }).click();
    await expect.poll(() => versions.count()).toBe(0);
    await expect
      .poll(() => inComment(a, `hn:${MOTOBOI}`, 'tn-note >> button.kept').count())
      .toBe(0);
    await Promise.all([a.close(), b.close()]);
  });

  it('offers the draft again after the tab is closed while typing', async () => {
    const page = await openThread(session, STORY, ROWS);
    const editor = await openEditor(page, MOTOBOI);
    await editor.pressSequentially('Half a thought that must not be lost');
    await page.close({ runBeforeUnload: true });

    const again = await openThread(session, STORY, ROWS);
    const reopened = await openEditor(again, MOTOBOI);
    const offer = inComment(again, `hn:${MOTOBOI}`, 'tn-note-editor >> .offer');
    await expect.poll(() => offer.count()).toBe(1);
    await offer.locator('button', { hasText: 'Restore draft' }).click();
    expect(await reopened.inputValue()).toBe('Half a thought that must not be lost');
    await reopened.press('Control+Enter');
    await expect.poll(() => noteText(again, MOTOBOI)).toBe('Half a thought that must not be lost');

    // Saved: no draft is offered any more.
    await openEditor(again, MOTOBOI);
    await again.waitForTimeout(300);
    expect(await inComment(again, `hn:${MOTOBOI}`, 'tn-note-editor >> .offer').count()).toBe(0);
    await again.close();
  });

  it('loses nothing when the worker is stopped between keystrokes', async () => {
    const page = await openThread(session, STORY, ROWS);
    const editor = await openEditor(page, MOTOBOI);
    await editor.pressSequentially('Typed before ');
    await stopServiceWorker(session, page);
    await editor.pressSequentially('and after the worker stopped');
    await stopServiceWorker(session, page);
    await editor.press('Control+Enter');
    await expect
      .poll(() => noteText(page, MOTOBOI))
      .toBe('Typed before and after the worker stopped');
    await page.reload();
    await expect
      .poll(() => noteText(page, MOTOBOI))
      .toBe('Typed before and after the worker stopped');
    await page.close();
  });

  it('shows a note whose comment left the page as an orphan, with its quote', async () => {
    const page = await openThread(session, STORY, ROWS);
    const quote = ((await row(page, '44535112').locator('.commtext').textContent()) ?? '').slice(
      0,
      40,
    );
    const editor = await openEditor(page, '44535112');
    await editor.fill('Ran the same harness; different result.');
    await editor.press('Control+Enter');
    await expect.poll(() => row(page, '44535112').getAttribute('data-tn-note')).toBe('');
    await page.close();

    // The story's page again, the comment since deleted from it. (On a comment's own page the
    // thread's other notes are not missing: look.test.ts checks what the popup says there.)
    const other = await session.context.newPage();
    await other.bringToFront();
    await serveStoryWithout(other, STORY, ['44535112']);
    await other.goto(STORY);
    await waitForThread(other, ROWS);
    const popup = await openPopup(session, await tabIdOf(session, STORY));
    const orphan = popup.locator('[data-orphan="hn:44535112"]');
    await expect.poll(() => orphan.count()).toBe(1);
    expect(await orphan.locator('blockquote').textContent()).toContain(quote);
    expect(await orphan.locator('.note').textContent()).toBe(
      'Ran the same harness; different result.',
    );
    await popup.screenshot({ path: join(OUTPUT, 'notes-popup-orphan.png') });
    await Promise.all([popup.close(), other.close()]);
  });

  it('finds notes by word and by author, and jumps to the comment', async () => {
    const page = await openThread(session, STORY, ROWS);
    let editor = await openEditor(page, LANTERNFISH);
    await editor.fill('Chip War is the book to read on this');
    await editor.press('Control+Enter');
    await expect.poll(() => noteText(page, LANTERNFISH)).toContain('Chip War');
    // A hidden subthread must open for the jump.
    editor = await openEditor(page, MOTOBOI);
    await editor.fill('Start of the interesting part');
    await editor.press('Control+Enter');
    await row(page, MOTOBOI).locator('span.comhead a.hnuser').first().hover();
    await inComment(page, `hn:${MOTOBOI}`, 'tn-control >> button.trigger').click();
    await inComment(page, `hn:${MOTOBOI}`, 'tn-control >> button', {
      hasText: 'Collapse subthread',
    }).click();
    await expect.poll(() => row(page, MOTOBOI).getAttribute('data-tn-fold')).toBe('collapsed');
    await page.close();

    const popup = await openPopup(session, 999_999);
    const search = popup.getByRole('searchbox', { name: 'Search notes, tags, quotes and authors' });
    await search.fill('chip war');
    const results = popup.locator('.results .result');
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.first().locator('.who').textContent()).toBe('lanternfish');
    await search.fill('lanternfish');
    await expect.poll(() => results.first().locator('.who').textContent()).toBe('lanternfish');
    await popup.screenshot({ path: join(OUTPUT, 'notes-popup-search.png') });

    const opened = session.context.waitForEvent('page');
    await results.first().click();
    const thread = await opened;
    await thread.waitForLoadState();
    await expect.poll(() => thread.evaluate(() => document.activeElement?.id)).toBe(LANTERNFISH);
    expect(await row(thread, MOTOBOI).getAttribute('data-tn-fold')).toBeNull();
    expect(await row(thread, LANTERNFISH).isVisible()).toBe(true);
    await Promise.all([popup.close(), thread.close()]);
  });

  it('shows a user note’s first line on every comment by the user', async () => {
    const page = await openThread(session, STORY, ROWS);
    const byHollowbit = await page.evaluate(() =>
      [...document.querySelectorAll('tr.athing.comtr')]
        .filter((r) => r.querySelector('a.hnuser')?.textContent === 'hollowbit')
        .map((r) => r.id),
    );
    const editor = await openEditor(page, byHollowbit[0] ?? '', /Note on hollowbit/);
    await editor.fill('Works on inference infra\nMet at a meetup in 2024');
    await editor.press('Control+Enter');
    for (const id of byHollowbit) {
      await expect
        .poll(() => inComment(page, `hn:${id}`, 'tn-chips >> .user-note').textContent())
        // Its first line, then the whole note (shown on hover or focus).
        .toBe('nb: Works on inference infraWorks on inference infra\nMet at a meetup in 2024');
    }
    const note = inComment(page, `hn:${byHollowbit[1] ?? ''}`, 'tn-chips >> .user-note');
    await note.focus();
    expect(await note.locator('.full').isVisible()).toBe(true);
    expect(await note.locator('.full').textContent()).toBe(
      'Works on inference infra\nMet at a meetup in 2024',
    );
    await page.screenshot({ path: join(OUTPUT, 'notes-user-note.png') });
    await page.close();
  });

  it('keeps an XSS corpus inert: no dialog, no injected element, no request', async () => {
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<svg onload=alert(1)>',
      '<svg><script>alert(1)</script></svg>',
      '"><img src=x onerror=alert(1)>',
      "'><img src=x onerror=alert(1)>",
      '<iframe src="javascript:alert(1)"></iframe>',
      '<a href="javascript:alert(1)">click</a>',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      '&#106;avascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '<body onload=alert(1)>',
      '<input autofocus onfocus=alert(1)>',
      '<details open ontoggle=alert(1)>',
      '<video><source onerror=alert(1)>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
      '<style>@import "https://evil.example/x.css";</style>',
      '<link rel=stylesheet href=https://evil.example/x.css>',
      '<meta http-equiv="refresh" content="0;url=https://evil.example">',
      '<object data="javascript:alert(1)">',
      '<embed src="javascript:alert(1)">',
      '<form action="javascript:alert(1)"><button>x</button></form>',
      '{{constructor.constructor("alert(1)")()}}',
      '${alert(1)}',
      '<img src="https://evil.example/pixel.gif">',
      'https://evil.example/"onmouseover="alert(1)',
      '\u202Egnp.exe',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
      '<template><img src=x onerror=alert(1)></template>',
      '<base href="https://evil.example/">',
    ];
    expect(payloads.length).toBeGreaterThanOrEqual(30);
    const page = await openThread(session, STORY, ROWS);
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    const foreign: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      // The extension's own scripts load from chrome-extension://; anything else must be HN.
      if (url.protocol !== 'chrome-extension:' && url.hostname !== 'news.ycombinator.com') {
        foreign.push(url.href);
      }
    });
    // Rows Hacker News itself shows (not the replies it collapsed).
    const ids = await page
      .locator(ROWS)
      .evaluateAll((rows) => rows.filter((r) => r.getClientRects().length > 0).map((r) => r.id));
    // Threadnote's roots are closed: the content script's world counts inside them.
    const count = (selector: string) =>
      inContentWorld(
        page,
        (s, open) => {
          const roots: (Document | ShadowRoot)[] = [document];
          for (const element of document.querySelectorAll('*')) {
            const root = open(element);
            if (root) roots.push(root);
          }
          return roots.reduce((n, root) => n + root.querySelectorAll(s).length, 0);
        },
        selector,
      );
    const dangerous =
      'script, iframe, object, embed, svg, math, img[src="x"], base, meta[http-equiv], link[href*="evil"], video, form, input, details, template, noscript, style:not(:empty)';
    const before = await count(dangerous);
    for (const [index, payload] of payloads.entries()) {
      const id = ids[index % ids.length] ?? '';
      const editor = await openEditor(page, id);
      await editor.fill(payload);
      await editor.press('Control+Enter');
      await expect.poll(() => noteText(page, id)).toBe(payload.replace(/\u202E/g, ''));
    }
    await page.reload();
    await row(page, ids[0] ?? '')
      .locator('tn-note')
      .waitFor();
    expect(dialogs).toBe(0);
    expect(await count(dangerous)).toBe(before);
    expect(await page.title()).toBe('Kimi K2: Open Agentic Intelligence | Hacker News');
    const hrefs = await inContentWorld(
      page,
      (_, open) => {
        const links: string[] = [];
        for (const host of document.querySelectorAll('tn-note')) {
          for (const a of open(host)?.querySelectorAll('a') ?? [])
            links.push(a.getAttribute('href') ?? '');
        }
        return links;
      },
      null,
    );
    expect(hrefs.every((href) => /^https?:\/\//.test(href))).toBe(true);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
