import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Options } from '../../src/options/Options';
import type { OptionsConnector } from '../../src/options/connector';
import { MOCK_OVERVIEW, mockOptionsConnector } from '../../src/options/connector-mock';
import type { ImportOutcome, ImportSummary } from '../../src/shared/messages';

// Browsers have these handler properties and happy-dom does not; Preact looks for them to pick
// the event name it listens to.
for (const name of ['ondragenter', 'ondragover', 'ondragleave', 'ondrop']) {
  if (!(name in HTMLElement.prototype)) {
    Object.defineProperty(HTMLElement.prototype, name, { value: null, writable: true });
  }
}

const summary: ImportSummary = {
  exportedAt: '2026-11-29T10:00:00.000Z',
  tags: { total: 5, new: 2, updated: 0, unchanged: 3, older: 0 },
  threads: { total: 12, new: 10, updated: 2, unchanged: 0, older: 0 },
  comments: { total: 340, new: 300, updated: 35, unchanged: 0, older: 5 },
  users: { total: 0, new: 0, updated: 0, unchanged: 0, older: 0 },
};

const overview = MOCK_OVERVIEW;

function mockConnector(overrides: Partial<OptionsConnector> = {}) {
  const connector = {
    ...mockOptionsConnector(),
    tags: vi.fn(async () => overview.tags.map(({ comments: _c, users: _u, ...tag }) => tag)),
    usage: vi.fn(async () => [{ name: 'insightful', comments: 4, users: 0 }]),
    settings: vi.fn(async () => ({ quickTags: [], disabledSites: [], tagNamesInPage: true })),
    updateTag: vi.fn<OptionsConnector['updateTag']>(),
    renameTag: vi.fn(async () => ({ comments: 4, users: 0 })),
    mergeTags: vi.fn<OptionsConnector['mergeTags']>(),
    deleteTag: vi.fn<OptionsConnector['deleteTag']>(),
    setQuickTags: vi.fn<OptionsConnector['setQuickTags']>(),
    overview: vi.fn(async () => overview),
    exportFile: vi.fn<OptionsConnector['exportFile']>(async (format, _selection, onProgress) => {
      onProgress({ done: 6, total: 12 });
      return {
        fileName: `threadnote-2026-11-29.${format === 'markdown' ? 'md' : format}`,
        counts: { threads: 1, comments: 12, users: 2, tags: 3 },
      };
    }),
    checkImport: vi.fn<OptionsConnector['checkImport']>(async (): Promise<ImportOutcome> => ({
      kind: 'preview',
      summary,
    })),
    applyImport: vi.fn<OptionsConnector['applyImport']>(async (): Promise<ImportOutcome> => ({
      kind: 'done',
      summary,
    })),
    wipe: vi.fn(async () => ({ threads: 40, comments: 12, users: 2, tags: 3 })),
    ...overrides,
  };
  return connector;
}

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function mount(connector: OptionsConnector): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.append(root);
  await act(async () => {
    render(<Options connector={connector} />, root);
  });
  await settle();
  return root;
}

function button(root: HTMLElement, text: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes(text));
  if (!found) throw new Error(`No button “${text}”`);
  return found;
}

async function click(element: HTMLElement) {
  await act(async () => {
    element.click();
  });
  await settle();
}

async function type(input: HTMLInputElement, value: string) {
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function chooseFile(root: HTMLElement, file: File) {
  const input = root.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('No file input');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}

const backupFile = () =>
  new File(['{"format":"threadnote"}'], 'threadnote-2026-11-28.json', {
    type: 'application/json',
  });

afterEach(() => {
  document.body.innerHTML = '';
});

describe('options page: Data section', () => {
  it('says what is stored and exports everything as JSON', async () => {
    const connector = mockConnector();
    const root = await mount(connector);
    expect([...root.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      'Tags',
      'Sites',
      'Your data',
      'Sync',
      'Keyboard',
      'About & privacy',
    ]);
    expect(root.querySelector('[data-testid="totals"]')?.textContent).toContain(
      '12 annotated comments in 2 threads',
    );
    expect(root.querySelector('[data-testid="totals"]')?.textContent).toContain(
      'Storage used: 3.2 MB.',
    );
    await click(button(root, 'JSON backup'));
    expect(connector.exportFile).toHaveBeenCalledWith('json', null, expect.any(Function));
    expect(root.textContent).toContain(
      'Saved threadnote-2026-11-29.json: 1 thread, 12 comments, 2 users and 3 tags.',
    );
  });

  it('exports a chosen set of threads and tags, as text it never renders as HTML', async () => {
    const connector = mockConnector();
    const root = await mount(connector);
    const some = root.querySelectorAll<HTMLInputElement>('input[name="export-scope"]')[1];
    if (!some) throw new Error('No scope radio');
    await click(some);
    expect(button(root, 'Markdown').disabled).toBe(true);
    expect(root.textContent).toContain('Choose at least one thread or tag.');
    expect(root.querySelector('img[src="x"]')).toBeNull();
    expect(root.textContent).toContain('Ask HN: <img src=x onerror=alert(1)>');

    const checkboxes = root.querySelectorAll<HTMLInputElement>('.chooser input[type="checkbox"]');
    expect(checkboxes).toHaveLength(3);
    await click(checkboxes[0] as HTMLInputElement);
    await click(checkboxes[2] as HTMLInputElement);
    await click(button(root, 'Markdown'));
    expect(connector.exportFile).toHaveBeenCalledWith(
      'markdown',
      { threads: ['hn:2'], tags: ['insightful'] },
      expect.any(Function),
    );

    const filter = root.querySelector<HTMLInputElement>('input[type="search"]');
    if (!filter) throw new Error('No filter');
    await type(filter, 'show hn');
    expect(root.querySelectorAll('.thread-choices li')).toHaveLength(1);
  });

  it('previews an import, saves a backup first, then imports', async () => {
    const connector = mockConnector();
    const root = await mount(connector);
    await chooseFile(root, backupFile());
    expect(connector.checkImport).toHaveBeenCalledTimes(1);
    expect(connector.applyImport).not.toHaveBeenCalled();
    const preview = root.querySelector('[data-testid="import-preview"]');
    expect(preview?.querySelector('[data-kind="comments"]')?.textContent).toBe(
      'Comments340300 new, 35 updated, 5 older ignored',
    );
    expect(preview?.querySelector('[data-kind="threads"]')?.textContent).toContain(
      '10 new, 2 updated',
    );
    const backup = preview?.querySelector<HTMLInputElement>('input[type="checkbox"]');
    expect(backup?.checked).toBe(true);

    await click(button(root, 'Import'));
    expect(connector.exportFile).toHaveBeenCalledWith('json', null, expect.any(Function));
    expect(connector.applyImport).toHaveBeenCalledTimes(1);
    const exportOrder = vi.mocked(connector.exportFile).mock.invocationCallOrder[0] ?? Infinity;
    const applyOrder = vi.mocked(connector.applyImport).mock.invocationCallOrder[0] ?? -Infinity;
    expect(exportOrder).toBeLessThan(applyOrder);
    expect(root.querySelector('[data-testid="import-done"]')?.textContent).toContain(
      'Imported threadnote-2026-11-28.json',
    );
    expect(connector.overview).toHaveBeenCalledTimes(2);
    // The imported tags show in the Tags section without a reload.
    expect(connector.tags).toHaveBeenCalledTimes(2);
  });

  it('does not import when the backup asked for could not be saved', async () => {
    const connector = mockConnector({
      exportFile: vi.fn(async () => {
        throw new Error('disk full');
      }),
    });
    const root = await mount(connector);
    await chooseFile(root, backupFile());
    await click(button(root, 'Import'));
    expect(connector.applyImport).not.toHaveBeenCalled();
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'The backup could not be saved, so nothing was imported: disk full',
    );
  });

  it('imports without a backup when the reader unticks it', async () => {
    const connector = mockConnector();
    const root = await mount(connector);
    await chooseFile(root, backupFile());
    const backup = root.querySelector<HTMLInputElement>(
      '[data-testid="import-preview"] input[type="checkbox"]',
    );
    await click(backup as HTMLInputElement);
    await click(button(root, 'Import'));
    expect(connector.exportFile).not.toHaveBeenCalled();
    expect(connector.applyImport).toHaveBeenCalledTimes(1);
  });

  it('lists every problem of a file it refuses, and imports nothing', async () => {
    const connector = mockConnector({
      checkImport: vi.fn(async (): Promise<ImportOutcome> => ({
        kind: 'invalid',
        problems: [
          { where: 'comments[3] (hn:41428115).note', message: 'must be text, not the number 5' },
          { where: 'document', message: 'It was made by a newer Threadnote' },
        ],
        more: 498,
      })),
    });
    const root = await mount(connector);
    await chooseFile(root, backupFile());
    const report = root.querySelector('.report[role="alert"]');
    expect(report?.textContent).toContain(
      'cannot be imported, and nothing was changed. 500 problems',
    );
    expect([...(report?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual([
      'comments[3] (hn:41428115).note must be text, not the number 5',
      'document It was made by a newer Threadnote',
    ]);
    expect(report?.textContent).toContain('…and 498 more problems.');
    expect([...root.querySelectorAll('button')].some((b) => b.textContent === 'Import')).toBe(
      false,
    );
    expect(connector.applyImport).not.toHaveBeenCalled();
  });

  it('takes a file dropped on the import area', async () => {
    const connector = mockConnector();
    const root = await mount(connector);
    const zone = root.querySelector('[data-testid="dropzone"]');
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [backupFile()] } });
    await act(async () => {
      zone?.dispatchEvent(drop);
    });
    await settle();
    expect(drop.defaultPrevented).toBe(true);
    expect(connector.checkImport).toHaveBeenCalledTimes(1);
    expect(root.querySelector('[data-testid="import-preview"]')).not.toBeNull();
  });

  it('wipes only after the confirmation is typed', async () => {
    const connector = mockConnector();
    const root = await mount(connector);
    const wipe = button(root, 'Delete everything');
    expect(wipe.disabled).toBe(true);
    const input = root.querySelector<HTMLInputElement>('.danger-zone input[type="text"]');
    if (!input) throw new Error('No confirmation field');
    await type(input, 'delete');
    expect(wipe.disabled).toBe(true);
    await type(input, 'delete everything');
    expect(wipe.disabled).toBe(false);
    await click(wipe);
    expect(connector.wipe).toHaveBeenCalledTimes(1);
    expect(root.querySelector('.danger-zone [role="status"]')?.textContent).toBe(
      'Deleted 40 threads, 12 comments, 2 users and 3 tags.',
    );
    expect(input.value).toBe('');
  });
});

describe('options page: Tags and Data together', () => {
  it('reads what an export can choose again after a tag is renamed', async () => {
    const connector = mockConnector();
    const root = await mount(connector);
    expect(root.querySelector('[data-tag="insightful"] .usage')?.textContent).toBe(
      '4 comments, 0 users',
    );
    await click(button(root, 'Rename'));
    const field = root.querySelector<HTMLInputElement>('.pending input');
    if (!field) throw new Error('No rename field');
    await type(field, 'Thoughtful');
    await act(async () => {
      root.querySelector('.pending form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    });
    await settle();
    expect(connector.renameTag).toHaveBeenCalledWith('insightful', 'thoughtful');
    expect(root.querySelector('#tags [role="status"]')?.textContent).toBe(
      'Renamed “insightful” to “thoughtful” on 4 comments and 0 users.',
    );
    expect(connector.overview).toHaveBeenCalledTimes(2);
  });
});

describe('options page: Sites, Keyboard and About', () => {
  it('turns a built-in site off and on, and gives an enabled host back', async () => {
    const setSiteOn = vi.fn(async () => undefined);
    const forgetHost = vi.fn(async () => undefined);
    const root = await mount(mockConnector({ setSiteOn, forgetHost }));
    const sites = root.querySelector('#sites');
    const boxes = [...(sites?.querySelectorAll<HTMLInputElement>('.site-list input') ?? [])];
    expect(boxes.map((box) => [box.parentElement?.textContent?.trim(), box.checked])).toEqual([
      ['Hacker News', true],
      ['Lobsters', false],
      ['Reddit (classic)', true],
    ]);
    await act(async () => {
      const hn = boxes[0];
      if (!hn) throw new Error('No Hacker News box');
      hn.checked = false;
      hn.dispatchEvent(new Event('change'));
    });
    await settle();
    expect(setSiteOn).toHaveBeenCalledWith('hn', false);
    expect(sites?.querySelector('[role="status"]')?.textContent).toContain(
      'Threadnote is off for Hacker News from the next page you open there.',
    );
    expect(sites?.textContent).toContain('Discourse (forum.example.org)');
    await click(button(root, 'Turn off'));
    expect(forgetHost).toHaveBeenCalledWith('discourse/forum.example.org');
  });

  it('keeps tag names out of the forums’ pages when the reader unticks them', async () => {
    const setTagNamesInPage = vi.fn(async (tagNamesInPage: boolean) => ({
      quickTags: [],
      disabledSites: [],
      tagNamesInPage,
    }));
    const root = await mount(mockConnector({ setTagNamesInPage }));
    const box = [...root.querySelectorAll<HTMLInputElement>('#sites input')].find((input) =>
      input.parentElement?.textContent?.includes('Tag names in page attributes'),
    );
    if (!box) throw new Error('No box for tag names in pages');
    expect(box.checked).toBe(true);
    await act(async () => {
      box.checked = false;
      box.dispatchEvent(new Event('change'));
    });
    await settle();
    expect(setTagNamesInPage).toHaveBeenCalledWith(false);
    expect(root.querySelector('#sites [role="status"]')?.textContent).toContain(
      'no longer carry tag names',
    );
  });

  it('shows the keys and sends the reader to the browser’s shortcut settings', async () => {
    const openShortcutSettings = vi.fn(async () => false);
    const root = await mount(mockConnector({ openShortcutSettings }));
    const keys = root.querySelector('#shortcuts');
    expect(keys?.textContent).toContain('Alt+Shift+T');
    expect(keys?.textContent).toContain('Next / previous comment new since your last visit');
    await click(button(root, 'Change in the browser’s shortcut settings'));
    expect(openShortcutSettings).toHaveBeenCalledTimes(1);
    // Where the browser will not let an extension open that page, it says where it is.
    expect(keys?.querySelector('[role="status"]')?.textContent).toContain('about:addons');
  });

  it('says what Threadnote keeps and that nothing leaves the browser', async () => {
    const root = await mount(mockConnector());
    const about = root.querySelector('#about')?.textContent ?? '';
    expect(about).toContain('Threadnote 0.1.0');
    expect(about).toContain('sends nothing anywhere');
  });
});
