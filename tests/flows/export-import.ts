/**
 * The reader's round trip through the real options page, in every browser: annotate a thread,
 * download a JSON backup, wipe everything, import the downloaded file through the file picker,
 * and find the annotations back on the thread page. Also the other formats, the popup's
 * one-thread export, and a broken file dropped on the import area. One browser for the file:
 * each test goes on from what the one before it left. tests/browser/export-import.test.ts runs
 * them in Chromium, tests/firefox/export-import.test.ts in Firefox.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExportDocument } from '../../src/shared/model';
import type { BrowserDriver, SavedFile, Tab } from '../kit/driver';
import {
  MOTOBOI,
  ROWS,
  STORY,
  TITLE,
  comment,
  editor,
  enterTag,
  noteText,
  openOptions,
  openPanel,
  panel,
  tags,
} from './steps';

const NOTE = 'Licence? <img src=x onerror="document.title=`pwned`"> [x](javascript:alert(1))';
const TOTALS = '[data-testid="totals"]';
const PREVIEW = '[data-testid="import-preview"]';
const DONE = '[data-testid="import-done"]';
const SCOPE = 'label:has(> input[name="export-scope"])';
const exportButton = (options: Tab, label: string) => options.clickText('.actions button', label);

export function exportImportFlows(driver: () => BrowserDriver): void {
  describe('export and import through the options page', () => {
    let backup: SavedFile;
    /** Open from before the wipe to after the import: opening it later would record a visit. */
    let openTab: Tab;

    it('downloads a JSON backup, Markdown and CSV of what was annotated', async () => {
      const thread = await driver().openThread(STORY, ROWS);
      await openPanel(thread, MOTOBOI);
      await enterTag(thread, MOTOBOI, 'insightful');
      await expect.poll(() => tags(thread, MOTOBOI)).toBe('insightful');
      await thread.clickText(`${panel(MOTOBOI)} button`, 'Write a note');
      await thread.fill(editor(MOTOBOI), NOTE);
      await thread.press(editor(MOTOBOI), 'Control+Enter');
      await expect.poll(() => thread.attribute(comment(MOTOBOI), 'data-tn-note')).toBe('');
      await thread.close();

      const options = await openOptions(driver(), TOTALS);
      await expect.poll(() => options.text(TOTALS)).toContain('1 annotated comment in 1 thread');
      await options.screenshot('options-data', true);
      await options.clickText(SCOPE, 'Only the threads and tags I choose');
      await options.click('.thread-choices input');
      expect(await options.checked('.thread-choices input')).toBe(true);
      await options.screenshot('options-export-chooser', true);
      await options.clickText(SCOPE, 'Everything');
      expect(await options.checked(`${SCOPE} input`)).toBe(true);

      backup = await options.download(() => exportButton(options, 'JSON backup'));
      expect(backup.name).toMatch(/^threadnote-\d{4}-\d{2}-\d{2}\.json$/);
      const document = JSON.parse(backup.text) as ExportDocument;
      expect(document).toMatchObject({ format: 'threadnote', version: 1 });
      expect(document.comments).toEqual([
        expect.objectContaining({
          key: `hn:${MOTOBOI}`,
          thread: 'hn:44533403',
          note: NOTE,
          tags: ['insightful'],
        }),
      ]);
      expect(document.threads.map((t) => t.key)).toContain('hn:44533403');
      await expect.poll(() => options.text('.panel .ok')).toContain(`Saved ${backup.name}`);

      const markdown = await options.download(() => exportButton(options, 'Markdown'));
      expect(markdown.name).toMatch(/^threadnote-\d{4}-\d{2}-\d{2}\.md$/);
      expect(markdown.text).toContain(`## [${TITLE}]`);
      expect(markdown.text).toContain('\\<img src\\=x');

      const csv = await options.download(() => exportButton(options, 'CSV'));
      expect(csv.name).toMatch(/^threadnote-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(readFileSync(csv.path).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(csv.text).toContain(TITLE);
      await options.close();
    });

    it('wipes everything after the typed confirmation, and open pages follow', async () => {
      openTab = await driver().openThread(STORY, ROWS);
      await expect.poll(() => tags(openTab, MOTOBOI)).toBe('insightful');

      const options = await openOptions(driver(), TOTALS);
      const wipe = '.danger-zone button[type="submit"]';
      expect(await options.text(wipe)).toContain('Delete everything');
      expect(await options.attribute(wipe, 'disabled')).not.toBeNull();
      await options.fill('.danger-zone input[type="text"]', 'delete everything');
      await options.click(wipe);
      await expect
        .poll(() => options.text('.danger-zone [role="status"]'))
        .toMatch(/^Deleted \d+ threads?, 1 comment/);
      await expect.poll(() => options.text(TOTALS)).toContain('0 annotated comments');

      // The open thread page drops what it showed, without a reload.
      await expect.poll(() => tags(openTab, MOTOBOI)).toBeNull();
      expect(await openTab.attribute(comment(MOTOBOI), 'data-tn-note')).toBeNull();
      await options.close();
    });

    it('imports the downloaded file through the file picker, after a preview', async () => {
      const options = await openOptions(driver(), TOTALS);
      await options.setFile('input[type="file"]', backup.path);
      await expect.poll(() => options.count(PREVIEW)).toBe(1);
      expect(await options.text(`${PREVIEW} [data-kind="comments"]`)).toBe('Comments11 new');
      await options.screenshot('options-import-preview', true);

      await options.clickText(`${PREVIEW} button.primary`, 'Import');
      await expect.poll(() => options.count(DONE)).toBe(1);
      await expect.poll(() => options.text(TOTALS)).toContain('1 annotated comment in 1 thread');
      // The Tags section above reads the imported tag without a reload.
      await expect
        .poll(() => options.text('tr[data-tag="insightful"] .usage'))
        .toBe('1 comment, 0 users');
      await options.screenshot('options-import-done', true);

      // The restored store exports the same document but for exportedAt.
      const again = await options.download(() => exportButton(options, 'JSON backup'));
      const strip = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '');
      expect(strip(again.text)).toBe(strip(backup.text));

      // The page that was open shows the annotation again; so does a fresh one.
      await expect.poll(() => tags(openTab, MOTOBOI)).toBe('insightful');
      const fresh = await driver().openThread(STORY, ROWS);
      await expect.poll(() => tags(fresh, MOTOBOI)).toBe('insightful');
      expect(await fresh.text(noteText(MOTOBOI))).toBe(NOTE);
      expect(await fresh.evaluate(() => document.title, null)).not.toBe('pwned');
      await fresh.screenshot('export-import-restored');

      // The import filled the search index in the same transaction: the popup finds the note.
      const popup = await driver().openPopup(STORY);
      await popup.fill('.search input[type="search"]', 'licence');
      await expect.poll(() => popup.count('.results .result')).toBe(1);
      expect(await popup.text('.results .result .who')).toBe('motoboi');
      await popup.close();

      await fresh.close();
      await openTab.close();
      await options.close();
    });

    it('offers a backup before importing into a store that has data', async () => {
      const options = await openOptions(driver(), TOTALS);
      await options.setFile('input[type="file"]', backup.path);
      await expect.poll(() => options.count(PREVIEW)).toBe(1);
      expect(await options.text(`${PREVIEW} [data-kind="comments"]`)).toBe(
        'Comments11 already here',
      );
      expect(await options.checked(`${PREVIEW} input[type="checkbox"]`)).toBe(true);
      const saved = await options.download(() =>
        options.clickText(`${PREVIEW} button.primary`, 'Import'),
      );
      expect(saved.name).toMatch(/^threadnote-\d{4}-\d{2}-\d{2}\.json$/);
      expect((JSON.parse(saved.text) as ExportDocument).comments).toHaveLength(1);
      await expect.poll(() => options.count(DONE)).toBe(1);
      await options.close();
    });

    it('reports every problem of a broken file dropped on the import area', async () => {
      const options = await openOptions(driver(), TOTALS);
      const broken = JSON.parse(backup.text) as { comments: Record<string, unknown>[] };
      broken.comments = broken.comments.map((c) => ({
        ...c,
        fold: 'sideways',
        tags: 'insightful',
      }));
      // No browser automation drags a file from the desktop: the drop is the page's own event.
      await options.evaluate((content) => {
        const zone = document.querySelector('[data-testid="dropzone"]');
        const transfer = new DataTransfer();
        transfer.items.add(new File([content], 'broken.json', { type: 'application/json' }));
        zone?.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true }));
        zone?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
      }, JSON.stringify(broken));
      const report = '.report[role="alert"]';
      await expect.poll(() => options.count(report)).toBe(1);
      expect(await options.texts(`${report} li`)).toEqual([
        `comments[0] (hn:${MOTOBOI}).tags must be a list, not the text “insightful”`,
        `comments[0] (hn:${MOTOBOI}).fold must be one of none, collapsed, hidden, not the text “sideways”`,
      ]);
      await options.screenshot('options-import-invalid', true);
      await expect.poll(() => options.text(TOTALS)).toContain('1 annotated comment in 1 thread');
      await options.close();
    });

    it('exports one thread from the popup', async () => {
      const thread = await driver().openThread(STORY, ROWS);
      const popup = await driver().openPopup(STORY);
      const saved = await popup.download(() => popup.clickText('.export button', 'JSON'));
      expect(saved.name).toMatch(/^threadnote-\d{4}-\d{2}-\d{2}-hn-44533403\.json$/);
      const document = JSON.parse(saved.text) as ExportDocument;
      expect(document.threads.map((t) => t.key)).toEqual(['hn:44533403']);
      expect(document.comments.map((c) => c.key)).toEqual([`hn:${MOTOBOI}`]);
      await expect.poll(() => popup.text('.export [role="status"]')).toContain(saved.name);
      await popup.screenshot('popup-export');
      await popup.close();
      await thread.close();
    });
  });
}
