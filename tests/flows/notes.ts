/**
 * Notes through the real UI, in every browser: write, edit, cancel and delete; a tab closed while
 * typing gets its draft back; the background stopped between keystrokes loses nothing; a note on
 * a comment gone from the page shows as an orphan with its quote; search finds notes and jumps
 * to them; user notes; a note two tabs saved over each other, kept as a version; and an XSS
 * corpus that must stay inert. tests/browser/notes.test.ts runs them in Chromium,
 * tests/firefox/notes.test.ts in Firefox; each test starts from an empty profile.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserDriver } from '../kit/driver';
import {
  MOTOBOI,
  ROWS,
  STORY,
  comment,
  foldThroughPanel,
  fold,
  focusedId,
  idsBy,
  noteText,
  openEditor,
  ui,
} from './steps';

const LANTERNFISH = '44536118'; // on both the story page and motoboi's comment page
const ORPHAN = '44535112'; // on the story page only
const SEARCH = '.search input[type="search"]';

const XSS = [
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

const DANGEROUS =
  'script, iframe, object, embed, svg, math, img[src="x"], base, meta[http-equiv], link[href*="evil"], video, form, input, details, template, noscript, style:not(:empty)';

export interface NoteFlowOptions {
  /**
   * Whether the keys typed in the last moment before the tab closes reach the draft store: the
   * editor sends them from `pagehide`. Firefox ESR loses that message (the tab's content script
   * is torn down with it), so there the flow closes the tab after a pause in typing, which saves
   * the draft on its own; the `pagehide` path is checked in Chromium only.
   */
  draftOnClose?: boolean;
}

/** The editor saves a draft after this long without a keystroke (NoteEditor's DRAFT_PAUSE_MS). */
const DRAFT_PAUSE_MS = 500;

export function noteFlows(
  driver: () => BrowserDriver,
  { draftOnClose = true }: NoteFlowOptions = {},
): void {
  describe('notes', () => {
    it('writes, edits, cancels and deletes a note, with links and line breaks', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      const text = 'Asked him by mail.\nSee https://example.com/paper and javascript:alert(1)';
      let field = await openEditor(tab, MOTOBOI);
      await tab.fill(field, text);
      await tab.press(field, 'Control+Enter');
      await expect.poll(() => tab.text(noteText(MOTOBOI))).toBe(text);
      const links = `${ui(MOTOBOI, 'tn-note')}.note a`;
      expect(await tab.count(links)).toBe(1);
      expect(await tab.attribute(links, 'href')).toBe('https://example.com/paper');
      expect(await tab.attribute(links, 'rel')).toContain('noopener');

      // Edit, then leave the field: blur saves.
      field = await openEditor(tab, MOTOBOI);
      expect(await tab.value(field)).toContain('Asked him by mail.');
      await tab.fill(field, 'Asked him by mail. He replied.');
      await tab.clickAt(5, 5);
      await expect.poll(() => tab.text(noteText(MOTOBOI))).toBe('Asked him by mail. He replied.');

      // Escape with unsaved text asks first; keeping editing keeps the text.
      field = await openEditor(tab, MOTOBOI);
      await tab.fill(field, 'Something I will regret');
      await tab.press(field, 'Escape');
      const confirm = `${ui(MOTOBOI, 'tn-note-editor')}[role="alertdialog"] button`;
      await tab.clickText(confirm, 'Keep editing');
      expect(await tab.value(field)).toBe('Something I will regret');
      await tab.press(field, 'Escape');
      await tab.clickText(confirm, 'Discard');
      expect(await tab.count(`${comment(MOTOBOI)} tn-note-editor`)).toBe(0);
      expect(await tab.text(noteText(MOTOBOI))).toBe('Asked him by mail. He replied.');

      // An empty note deletes it.
      field = await openEditor(tab, MOTOBOI);
      await tab.fill(field, '');
      await tab.press(field, 'Control+Enter');
      await expect.poll(() => tab.attribute(comment(MOTOBOI), 'data-tn-note')).toBeNull();
      await tab.reload();
      await tab.waitForThread(ROWS);
      expect(await tab.count(`${comment(MOTOBOI)} tn-note`)).toBe(0);
      await tab.close();
    });

    it('keeps a note another tab saved meanwhile as a version, to restore or dismiss', async () => {
      const a = await driver().openThread(STORY, ROWS);
      const b = await driver().openThread(STORY, ROWS);
      await a.front();
      const first = await openEditor(a, MOTOBOI);
      await b.front();
      const second = await openEditor(b, MOTOBOI);
      await b.fill(second, 'Written in the second tab.');
      await b.press(second, 'Control+Enter');
      await expect.poll(() => a.text(noteText(MOTOBOI))).toBe('Written in the second tab.');

      // The first tab's editor opened on no note: saving there keeps the second tab's text.
      await a.front();
      await a.fill(first, 'Written in the first tab.');
      await a.press(first, 'Control+Enter');
      await expect.poll(() => a.text(noteText(MOTOBOI))).toBe('Written in the first tab.');
      const kept = `${ui(MOTOBOI, 'tn-note')}button.kept`;
      await expect.poll(() => a.text(kept)).toBe('another version kept · show');
      await a.screenshot('notes-kept-version');
      await a.click(kept);
      const versions = `${ui(MOTOBOI, 'tn-note-editor')}.versions`;
      // The editor opens once it has asked for a draft: wait for it.
      await expect.poll(() => a.text(`${versions} .excerpt`)).toBe('Written in the second tab.');
      await a.screenshot('notes-kept-version-editor');

      // Restoring brings it back everywhere and keeps the text it replaces in its stead.
      await a.clickText(`${versions} button`, 'Restore');
      await expect.poll(() => a.text(noteText(MOTOBOI))).toBe('Written in the second tab.');
      await expect.poll(() => b.text(noteText(MOTOBOI))).toBe('Written in the second tab.');
      await expect.poll(() => a.text(`${versions} .excerpt`)).toBe('Written in the first tab.');
      await a.clickText(`${versions} button`, 'Dismiss');
      await expect.poll(() => a.count(versions)).toBe(0);
      await expect.poll(() => a.count(kept)).toBe(0);
      await Promise.all([a.close(), b.close()]);
    });

    const closing = draftOnClose ? 'while typing' : 'after a pause in typing';
    it(`offers the draft again after the tab is closed ${closing}`, async () => {
      const tab = await driver().openThread(STORY, ROWS);
      const field = await openEditor(tab, MOTOBOI);
      await tab.typeInto(field, 'Half a thought that must not be lost');
      if (!draftOnClose) await new Promise((resolve) => setTimeout(resolve, DRAFT_PAUSE_MS * 2));
      await tab.close({ runBeforeUnload: true });

      const again = await driver().openThread(STORY, ROWS);
      await openEditor(again, MOTOBOI);
      const offer = `${ui(MOTOBOI, 'tn-note-editor')}.offer`;
      await expect.poll(() => again.count(offer)).toBe(1);
      await again.clickText(`${offer} button`, 'Restore draft');
      expect(await again.value(field)).toBe('Half a thought that must not be lost');
      await again.press(field, 'Control+Enter');
      await expect
        .poll(() => again.text(noteText(MOTOBOI)))
        .toBe('Half a thought that must not be lost');

      // Saved: no draft is offered any more, though the editor has had time to ask for one.
      await openEditor(again, MOTOBOI);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await again.count(offer)).toBe(0);
      await again.close();
    });

    it('loses nothing when the background is stopped between keystrokes', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      const field = await openEditor(tab, MOTOBOI);
      await tab.typeInto(field, 'Typed before ');
      await driver().stopBackground();
      await tab.typeInto(field, 'and after the worker stopped');
      await driver().stopBackground();
      await tab.press(field, 'Control+Enter');
      await expect
        .poll(() => tab.text(noteText(MOTOBOI)))
        .toBe('Typed before and after the worker stopped');
      await tab.reload();
      await expect
        .poll(() => tab.text(noteText(MOTOBOI)))
        .toBe('Typed before and after the worker stopped');
      await tab.close();
    });

    it('shows a note whose comment left the page as an orphan, with its quote', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      const quote = ((await tab.text(`${comment(ORPHAN)} .commtext`)) ?? '').slice(0, 40);
      const field = await openEditor(tab, ORPHAN);
      await tab.fill(field, 'Ran the same harness; different result.');
      await tab.press(field, 'Control+Enter');
      await expect.poll(() => tab.attribute(comment(ORPHAN), 'data-tn-note')).toBe('');
      await tab.close();

      // The story's page again, the comment since deleted from it. (On a comment's own page the
      // thread's other notes are not missing: look.test.ts checks what the popup says there.)
      const other = await driver().newTab();
      await other.serveStoryWithout(STORY, [ORPHAN]);
      await other.goto(STORY);
      await other.waitForThread(ROWS);
      const popup = await driver().openPopup(STORY);
      const orphan = `[data-orphan="hn:${ORPHAN}"]`;
      await expect.poll(() => popup.count(orphan)).toBe(1);
      expect(await popup.text(`${orphan} blockquote`)).toContain(quote);
      expect(await popup.text(`${orphan} .note`)).toBe('Ran the same harness; different result.');
      await popup.screenshot('notes-popup-orphan');
      await Promise.all([popup.close(), other.close()]);
    });

    it('finds notes by word and by author, and jumps to the comment', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      let field = await openEditor(tab, LANTERNFISH);
      await tab.fill(field, 'Chip War is the book to read on this');
      await tab.press(field, 'Control+Enter');
      await expect.poll(() => tab.text(noteText(LANTERNFISH))).toContain('Chip War');
      // A hidden subthread must open for the jump.
      field = await openEditor(tab, MOTOBOI);
      await tab.fill(field, 'Start of the interesting part');
      await tab.press(field, 'Control+Enter');
      await foldThroughPanel(tab, MOTOBOI, 'Collapse subthread');
      await expect.poll(() => fold(tab, MOTOBOI)).toBe('collapsed');
      await tab.close();

      const popup = await driver().openExtensionPage('src/popup/index.html?tab=999999', {
        width: 400,
        height: 320,
      });
      await popup.fill(SEARCH, 'chip war');
      const results = '.results .result';
      await expect.poll(() => popup.count(results)).toBe(1);
      expect(await popup.text(`${results} .who`)).toBe('lanternfish');
      await popup.fill(SEARCH, 'lanternfish');
      await expect.poll(() => popup.text(`${results} .who`)).toBe('lanternfish');
      await popup.screenshot('notes-popup-search');

      const thread = await driver().nextTab(() => popup.click(results));
      await expect.poll(() => focusedId(thread)).toBe(LANTERNFISH);
      expect(await fold(thread, MOTOBOI)).toBeNull();
      expect(await thread.visible(comment(LANTERNFISH))).toBe(true);
      await Promise.all([popup.close(), thread.close()]);
    });

    it('shows a user note’s first line on every comment by the user', async () => {
      const tab = await driver().openThread(STORY, ROWS);
      const byHollowbit = await idsBy(tab, ROWS, 'hollowbit');
      const field = await openEditor(tab, byHollowbit[0] ?? '', 'Note on hollowbit');
      await tab.fill(field, 'Works on inference infra\nMet at a meetup in 2024');
      await tab.press(field, 'Control+Enter');
      for (const id of byHollowbit) {
        await expect
          .poll(() => tab.text(`${ui(id, 'tn-chips')}.user-note`))
          // Its first line, then the whole note (shown on hover or focus).
          .toBe('nb: Works on inference infraWorks on inference infra\nMet at a meetup in 2024');
      }
      const note = `${ui(byHollowbit[1] ?? '', 'tn-chips')}.user-note`;
      await tab.focus(note);
      expect(await tab.visible(`${note} .full`)).toBe(true);
      expect(await tab.text(`${note} .full`)).toBe(
        'Works on inference infra\nMet at a meetup in 2024',
      );
      await tab.screenshot('notes-user-note');
      await tab.close();
    });

    it('keeps an XSS corpus inert: no dialog, no injected element, no request', async () => {
      expect(XSS.length).toBeGreaterThanOrEqual(30);
      const tab = await driver().openThread(STORY, ROWS);
      const dialogs = tab.dialogs();
      const requests = tab.requests();
      // Rows Hacker News itself shows (not the replies it collapsed).
      const ids = await tab.evaluate(
        (rows) =>
          [...document.querySelectorAll(rows)]
            .filter((r) => r.getClientRects().length > 0)
            .map((r) => r.id),
        ROWS,
      );
      const before = await tab.deepCount(DANGEROUS);
      for (const [index, payload] of XSS.entries()) {
        const id = ids[index % ids.length] ?? '';
        const field = await openEditor(tab, id);
        await tab.fill(field, payload);
        await tab.press(field, 'Control+Enter');
        await expect.poll(() => tab.text(noteText(id))).toBe(payload.replace(/\u202E/g, ''));
      }
      await tab.reload();
      await expect.poll(() => tab.count(`${comment(ids[0] ?? '')} tn-note`)).toBe(1);
      expect(dialogs()).toBe(0);
      expect(await tab.deepCount(DANGEROUS)).toBe(before);
      expect(await tab.evaluate(() => document.title, null)).toBe(
        'Kimi K2: Open Agentic Intelligence | Hacker News',
      );
      const hrefs = await tab.attributes('tn-note >> a', 'href');
      expect(hrefs.every((href) => /^https?:\/\//.test(href ?? ''))).toBe(true);
      // The extension's own scripts load from its own scheme; anything else must be HN.
      const foreign = requests().filter((url) => {
        const { protocol, hostname } = new URL(url);
        return !protocol.endsWith('-extension:') && hostname !== 'news.ycombinator.com';
      });
      expect(foreign).toEqual([]);
      await tab.close();
    });
  });
}
