/**
 * The reader's round trip through the real options page in a real Chromium: annotate a thread,
 * download a JSON backup, wipe everything, import the downloaded file through the file picker,
 * and find the annotations back on the thread page. Also the other formats, the popup's
 * one-thread export, and a broken file dropped on the import area.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExportDocument } from '../../src/shared/model';
import { HN, OUTPUT, launch, openPopup, openThread, tabIdOf, type Session } from '../kit/chromium';
import { inComment } from '../kit/chromium-shadow';

const STORY = `${HN}/item?id=44533403`;
const MOTOBOI = '44536000';
const ROWS = 'tr.athing.comtr';
const NOTE = 'Licence? <img src=x onerror="document.title=`pwned`"> [x](javascript:alert(1))';

let session: Session;
let downloads: string;

beforeAll(async () => {
  session = await launch();
  downloads = mkdtempSync(join(tmpdir(), 'threadnote-downloads-'));
});

afterAll(async () => {
  await session?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

function row(page: Page, id: string) {
  return page.locator(`tr[data-tn-comment="hn:${id}"]`);
}

async function annotate(page: Page, id: string) {
  await row(page, id).locator('span.comhead a.hnuser').hover();
  await inComment(page, `hn:${id}`, 'tn-control >> button.trigger').click();
  const panel = inComment(page, `hn:${id}`, 'tn-control >> [role="dialog"]');
  await panel.locator('input#tn-comment-tags-input').fill('insightful');
  await panel.locator('input#tn-comment-tags-input').press('Enter');
  await expect.poll(() => row(page, id).getAttribute('data-tn-tags')).toBe('insightful');
  await panel.locator('button', { hasText: 'Write a note' }).click();
  const editor = inComment(page, `hn:${id}`, 'tn-note-editor >> textarea');
  await editor.fill(NOTE);
  await editor.press('Control+Enter');
  await expect.poll(() => row(page, id).getAttribute('data-tn-note')).toBe('');
}

async function openOptions(): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
  await page.getByTestId('totals').waitFor();
  return page;
}

/** Clicks a button that saves a file, and returns the file as it landed on disk. */
async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(mkdtempSync(join(downloads, 'file-')), file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
}

const exportButton = (page: Page, label: string) =>
  page.locator('.actions button', { hasText: label });

describe('export and import through the options page', () => {
  let backup: { name: string; path: string; text: string };
  /** Open from before the wipe to after the import: opening it later would record a visit. */
  let openTab: Page;

  it('downloads a JSON backup, Markdown and CSV of what was annotated', async () => {
    const thread = await openThread(session, STORY, ROWS);
    await annotate(thread, MOTOBOI);
    await thread.close();

    const options = await openOptions();
    await expect
      .poll(() => options.getByTestId('totals').textContent())
      .toContain('1 annotated comment in 1 thread');
    await options.screenshot({ path: join(OUTPUT, 'options-data.png'), fullPage: true });
    await options.getByLabel('Only the threads and tags I choose').check();
    await options.locator('.thread-choices input').first().check();
    await options.screenshot({ path: join(OUTPUT, 'options-export-chooser.png'), fullPage: true });
    await options.getByLabel('Everything', { exact: true }).check();

    backup = await download(options, () => exportButton(options, 'JSON backup').click());
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
    await expect
      .poll(() => options.locator('.panel .ok').first().textContent())
      .toContain(`Saved ${backup.name}`);

    const markdown = await download(options, () => exportButton(options, 'Markdown').click());
    expect(markdown.name).toMatch(/^threadnote-\d{4}-\d{2}-\d{2}\.md$/);
    expect(markdown.text).toContain('## [Kimi K2: Open Agentic Intelligence]');
    expect(markdown.text).toContain('\\<img src\\=x');

    const csv = await download(options, () => exportButton(options, 'CSV').click());
    expect(csv.name).toMatch(/^threadnote-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(readFileSync(csv.path).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.text).toContain('Kimi K2: Open Agentic Intelligence');
    await options.close();
  });

  it('wipes everything after the typed confirmation, and open pages follow', async () => {
    openTab = await openThread(session, STORY, ROWS);
    await expect.poll(() => row(openTab, MOTOBOI).getAttribute('data-tn-tags')).toBe('insightful');

    const options = await openOptions();
    const wipe = options.getByRole('button', { name: 'Delete everything' });
    expect(await wipe.isDisabled()).toBe(true);
    await options.locator('.danger-zone input[type="text"]').fill('delete everything');
    await wipe.click();
    await expect
      .poll(() => options.locator('.danger-zone [role="status"]').textContent())
      .toMatch(/^Deleted \d+ threads?, 1 comment/);
    await expect
      .poll(() => options.getByTestId('totals').textContent())
      .toContain('0 annotated comments');

    // The open thread page drops what it showed, without a reload.
    await expect.poll(() => row(openTab, MOTOBOI).getAttribute('data-tn-tags')).toBeNull();
    expect(await row(openTab, MOTOBOI).getAttribute('data-tn-note')).toBeNull();
    await options.close();
  });

  it('imports the downloaded file through the file picker, after a preview', async () => {
    const options = await openOptions();
    await options.locator('input[type="file"]').setInputFiles(backup.path);
    const preview = options.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.locator('[data-kind="comments"]').textContent()).toBe('Comments11 new');
    await options.screenshot({ path: join(OUTPUT, 'options-import-preview.png'), fullPage: true });

    await preview.getByRole('button', { name: 'Import' }).click();
    await options.getByTestId('import-done').waitFor();
    await expect
      .poll(() => options.getByTestId('totals').textContent())
      .toContain('1 annotated comment in 1 thread');
    // The Tags section above reads the imported tag without a reload.
    await expect
      .poll(() => options.locator('tr[data-tag="insightful"] .usage').textContent())
      .toBe('1 comment, 0 users');
    await options.screenshot({ path: join(OUTPUT, 'options-import-done.png'), fullPage: true });

    // The restored store exports the same document but for exportedAt.
    const again = await download(options, () => exportButton(options, 'JSON backup').click());
    const strip = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '');
    expect(strip(again.text)).toBe(strip(backup.text));

    // The page that was open shows the annotation again; so does a fresh one.
    await expect.poll(() => row(openTab, MOTOBOI).getAttribute('data-tn-tags')).toBe('insightful');
    const fresh = await openThread(session, STORY, ROWS);
    await expect.poll(() => row(fresh, MOTOBOI).getAttribute('data-tn-tags')).toBe('insightful');
    expect(await inComment(fresh, `hn:${MOTOBOI}`, 'tn-note >> .note .text').textContent()).toBe(
      NOTE,
    );
    expect(await fresh.title()).not.toBe('pwned');
    await fresh.screenshot({ path: join(OUTPUT, 'export-import-restored.png') });

    // The import filled the search index in the same transaction: the popup finds the note.
    const popup = await openPopup(session, await tabIdOf(session, STORY));
    await popup
      .getByRole('searchbox', { name: 'Search notes, tags, quotes and authors' })
      .fill('licence');
    const results = popup.locator('.results .result');
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.first().locator('.who').textContent()).toBe('motoboi');
    await popup.close();

    await fresh.close();
    await openTab.close();
    await options.close();
  });

  it('offers a backup before importing into a store that has data', async () => {
    const options = await openOptions();
    await options.locator('input[type="file"]').setInputFiles(backup.path);
    const preview = options.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.locator('[data-kind="comments"]').textContent()).toBe(
      'Comments11 already here',
    );
    expect(await preview.locator('input[type="checkbox"]').isChecked()).toBe(true);
    const saved = await download(options, () =>
      preview.getByRole('button', { name: 'Import' }).click(),
    );
    expect(saved.name).toMatch(/^threadnote-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(saved.text).comments).toHaveLength(1);
    await options.getByTestId('import-done').waitFor();
    await options.close();
  });

  it('reports every problem of a broken file dropped on the import area', async () => {
    const options = await openOptions();
    const broken = JSON.parse(backup.text) as { comments: Record<string, unknown>[] };
    broken.comments = broken.comments.map((c) => ({ ...c, fold: 'sideways', tags: 'insightful' }));
    const text = JSON.stringify(broken);
    await options.getByTestId('dropzone').evaluate((zone, content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'broken.json', { type: 'application/json' }));
      zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
    }, text);
    const report = options.locator('.report[role="alert"]');
    await report.waitFor();
    expect(await report.locator('li').allTextContents()).toEqual([
      `comments[0] (hn:${MOTOBOI}).tags must be a list, not the text “insightful”`,
      `comments[0] (hn:${MOTOBOI}).fold must be one of none, collapsed, hidden, not the text “sideways”`,
    ]);
    await options.screenshot({ path: join(OUTPUT, 'options-import-invalid.png'), fullPage: true });
    await expect
      .poll(() => options.getByTestId('totals').textContent())
      .toContain('1 annotated comment in 1 thread');
    await options.close();
  });

  it('exports one thread from the popup', async () => {
    const thread = await openThread(session, STORY, ROWS);
    const popup = await openPopup(session, await tabIdOf(session, STORY));
    const saved = await download(popup, () =>
      popup.locator('.export button', { hasText: 'JSON' }).click(),
    );
    expect(saved.name).toMatch(/^threadnote-\d{4}-\d{2}-\d{2}-hn-44533403\.json$/);
    const document = JSON.parse(saved.text) as ExportDocument;
    expect(document.threads.map((t) => t.key)).toEqual(['hn:44533403']);
    expect(document.comments.map((c) => c.key)).toEqual([`hn:${MOTOBOI}`]);
    await expect
      .poll(() => popup.locator('.export [role="status"]').textContent())
      .toContain(saved.name);
    await popup.screenshot({ path: join(OUTPUT, 'popup-export.png') });
    await popup.close();
    await thread.close();
  });
});
