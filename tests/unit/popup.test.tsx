import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../src/popup/Popup';
import type { EnableOffer, PopupConnector } from '../../src/popup/connector';
import {
  MOCK_PAGE,
  MOCK_SUMMARY,
  MOCK_THREAD as thread,
  MOCK_THREADS,
  mockPopupConnector as mockConnector,
} from '../../src/popup/connector-mock';
import type { PageInfo, PopupState } from '../../src/shared/messages';

async function mount(connector: PopupConnector): Promise<HTMLElement> {
  const root = document.createElement('main');
  document.body.append(root);
  await act(async () => {
    render(<Popup connector={connector} />, root);
  });
  await settle();
  return root;
}

/** Lets the connector's promises settle and the state updates render. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

/** A popup opened on a tab showing `page` (null: no forum page), with `summary`. */
function opening(
  page: PageInfo | null,
  summary: PopupState['summary'] = null,
  threads = MOCK_THREADS,
  storageTrouble: string | null = null,
): Pick<PopupConnector, 'open'> {
  return { open: async () => ({ tabId: 9, state: { page, summary, threads, storageTrouble } }) };
}

function button(root: HTMLElement, text: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes(text));
  if (!found) throw new Error(`No button “${text}”`);
  return found;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('popup', () => {
  it('shows the thread’s title and counts', async () => {
    const root = await mount(mockConnector());
    expect(root.querySelector('[data-testid="thread-title"]')?.textContent).toBe(thread.title);
    const count = (id: string) => root.querySelector(`[data-count="${id}"] strong`)?.textContent;
    expect(count('tagged')).toBe('2');
    expect(count('noted')).toBe('3');
    expect(count('collapsed')).toBe('1');
    expect(count('hidden')).toBe('1');
    expect(count('orphaned')).toBe('1');
    expect(count('users')).toBe('1');
    expect(count('new')).toBe('3');
    expect(count('comments')).toBe('31');
    expect(root.textContent).toContain('First visited');
    expect(root.querySelector('[role="tab"][aria-selected="true"]')?.textContent).toBe(
      'This thread',
    );
  });

  it('groups the annotated comments by tag in page order, and shows one on a click', async () => {
    const show = vi.fn(async () => undefined);
    const root = await mount(mockConnector({ show }));
    const groups = [...root.querySelectorAll('.annotated .group')].map((group) => [
      group.querySelector('h3')?.textContent,
      [...group.querySelectorAll('.who')].map((who) => who.textContent),
    ]);
    expect(groups).toEqual([
      ['insightful 2', ['simonw · collapsed', 'motoboi']],
      ['follow-up 1', ['motoboi']],
      ['Notes without tags 1', ['pg · hidden']],
    ]);
    // The note whose comment left the page is listed apart, with its quote.
    expect(root.querySelector('[data-orphan="hn:44533499"]')?.textContent).toContain(
      'This comment was edited away',
    );
    await act(async () => {
      root.querySelector<HTMLButtonElement>('[data-annotation="hn:44533420"]')?.click();
    });
    expect(show).toHaveBeenCalledWith(
      { key: 'hn:44533420', threadUrl: thread.url },
      { tabId: 7, page: MOCK_PAGE },
    );
  });

  it('moves the tab through its new comments', async () => {
    const nextNew = vi.fn(async (_tab: number, step: 1 | -1) =>
      step === 1 ? { key: 'hn:5', position: 2, total: 3 } : { key: null, position: 0, total: 3 },
    );
    const root = await mount(mockConnector({ nextNew }));
    await act(async () => button(root, 'Next new').click());
    await settle();
    expect(nextNew).toHaveBeenCalledWith(7, 1);
    expect(root.querySelector('.new-nav [role="status"]')?.textContent).toBe('New comment 2 of 3.');
    await act(async () => button(root, 'Previous new').click());
    await settle();
    expect(root.querySelector('.new-nav [role="status"]')?.textContent).toBe(
      'No new comment above this one.',
    );
  });

  it('says what to do on a page that is not a thread', async () => {
    const root = await mount(mockConnector(opening(null)));
    // Anywhere but a thread, the popup opens on the list of every thread.
    expect(root.querySelector('[role="tab"][aria-selected="true"]')?.textContent).toBe(
      'All threads',
    );
    await act(async () => root.querySelector<HTMLButtonElement>('#tab-thread')?.click());
    expect(root.textContent).toContain('Open a comment page on Hacker News');
  });

  it('shows a failure as a message, not a blank popup', async () => {
    const root = await mount(
      mockConnector({
        open: () => Promise.reject(new Error('database unavailable')),
      }),
    );
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('database unavailable');
  });

  it('says plainly that saving fails while the disk is full', async () => {
    const trouble = 'Threadnote cannot save: your disk is full.';
    const root = await mount(mockConnector(opening(MOCK_PAGE, null, MOCK_THREADS, trouble)));
    const alert = root.querySelector('[role="alert"]')?.textContent ?? '';
    expect(alert).toContain(trouble);
    expect(alert).toContain('saved as soon as there is room again');
    const calm = await mount(mockConnector(opening(MOCK_PAGE)));
    expect(calm.querySelector('.storage')).toBeNull();
  });

  it('renders titles as text, never as HTML', async () => {
    const hostile = { ...thread, title: '<img src=x onerror=alert(1)>' };
    const root = await mount(
      mockConnector(
        opening(
          { ...MOCK_PAGE, thread: hostile },
          {
            thread: null,
            counts: { annotated: 0, tagged: 0, noted: 0, collapsed: 0, hidden: 0 },
            tags: [],
            annotations: [],
          },
        ),
      ),
    );
    expect(root.querySelector('img[src="x"]')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('exports the thread it shows, as JSON or Markdown', async () => {
    const exportThread = vi.fn(async (key: string, format: string) => `file-${key}.${format}`);
    const openOptions = vi.fn(async () => undefined);
    const root = await mount(mockConnector({ exportThread, openOptions }));
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('.export button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['JSON', 'Markdown']);
    await act(async () => {
      buttons[1]?.click();
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(exportThread).toHaveBeenCalledWith(thread.key, 'markdown');
    expect(root.querySelector('.export [role="status"]')?.textContent).toBe(
      `Saved file-${thread.key}.markdown`,
    );
    await act(async () => {
      root.querySelector<HTMLButtonElement>('footer button')?.click();
    });
    expect(openOptions).toHaveBeenCalledTimes(1);
  });

  it('offers to enable a Discourse topic’s host, asks from the click, then shows the thread', async () => {
    const offer: EnableOffer = {
      kind: 'engine',
      tabId: 9,
      host: 'forum.example.org',
      site: 'discourse/forum.example.org',
      name: 'Discourse',
      origins: ['https://forum.example.org/*'],
    };
    const page: PageInfo = {
      ...MOCK_PAGE,
      site: 'discourse/forum.example.org',
      siteName: 'Discourse (forum.example.org)',
      thread: {
        key: 'discourse/forum.example.org:t/4242',
        title: 'Offline-first sync',
        url: 'https://forum.example.org/t/x/4242',
      },
      comments: 20,
      enabledHost: 'forum.example.org',
      commentKeys: [],
    };
    let enabled = false;
    const asked: unknown[] = [];
    const disabled: string[] = [];
    const root = await mount(
      mockConnector({
        open: async () => ({
          tabId: 9,
          state: {
            page: enabled ? page : null,
            summary: enabled ? MOCK_SUMMARY : null,
            threads: MOCK_THREADS,
            storageTrouble: null,
          },
        }),
        enableOffer: async () => offer,
        enableSite: (requested) => {
          // Called synchronously from the click: nothing awaited before Chrome's request.
          asked.push(requested);
          enabled = true;
          return Promise.resolve({ status: 'enabled', site: page.site, name: page.siteName });
        },
        disableSite: async (host) => {
          disabled.push(host);
          enabled = false;
        },
      }),
    );
    await act(async () => root.querySelector<HTMLButtonElement>('#tab-thread')?.click());
    const enable = root.querySelector('button.primary');
    expect(enable?.textContent).toBe('Enable Threadnote on forum.example.org');
    expect(root.textContent).toContain('your browser will ask you');
    await act(async () => {
      (enable as HTMLButtonElement).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(asked).toEqual([offer]);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(root.querySelector('.site')?.textContent).toBe('Discourse (forum.example.org)');
    expect(root.querySelector('[data-testid="thread-title"]')?.textContent).toBe(thread.title);
    expect(root.querySelector('.access')?.textContent).toContain('On for forum.example.org');

    await act(async () => {
      root.querySelector<HTMLButtonElement>('.access button')?.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    await settle();
    expect(disabled).toEqual(['forum.example.org']);
    expect(root.querySelector('button.primary')?.textContent).toBe(
      'Enable Threadnote on forum.example.org',
    );
  });

  it('offers to allow a forum whose access was taken back, and waits for its reload', async () => {
    const offer: EnableOffer = {
      kind: 'site',
      tabId: 7,
      host: 'news.ycombinator.com',
      site: 'hn',
      name: 'Hacker News',
      origins: ['https://news.ycombinator.com/*'],
    };
    let allowed = false;
    let reloaded: () => void = () => undefined;
    const asked: EnableOffer[] = [];
    const root = await mount(
      mockConnector({
        open: async () => ({
          tabId: 7,
          state: {
            page: allowed ? MOCK_PAGE : null,
            summary: allowed ? MOCK_SUMMARY : null,
            threads: MOCK_THREADS,
            storageTrouble: null,
          },
        }),
        enableOffer: async () => (allowed ? null : offer),
        enableSite: (requested) => {
          asked.push(requested);
          return new Promise((resolve) => {
            reloaded = () => {
              allowed = true;
              resolve({ status: 'enabled', site: 'hn', name: 'Hacker News' });
            };
          });
        },
      }),
    );
    expect(root.querySelector('.site')?.textContent).toBe('Hacker News');
    expect(root.textContent).toContain('was taken back');
    const button = root.querySelector<HTMLButtonElement>('button.primary');
    expect(button?.textContent).toBe('Allow Threadnote on news.ycombinator.com');
    await act(async () => {
      button?.click();
    });
    // Asked from the click itself, with nothing awaited first.
    expect(asked).toEqual([offer]);
    expect(root.querySelector('[aria-busy="true"]')?.textContent).toBe(
      'Waiting for the page to reload…',
    );
    expect(button?.disabled).toBe(true);
    await act(async () => {
      reloaded();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(root.querySelector('[data-testid="thread-title"]')?.textContent).toBe(thread.title);
  });

  it('says so when the browser does not give the access', async () => {
    const root = await mount(
      mockConnector({
        ...opening(null),
        enableOffer: async () => ({
          kind: 'site',
          tabId: 7,
          host: 'lobste.rs',
          site: 'lobsters',
          name: 'Lobsters',
          origins: ['https://lobste.rs/*'],
        }),
        enableSite: async () => ({ status: 'no-access' }),
      }),
    );
    await act(async () => {
      root.querySelector<HTMLButtonElement>('button.primary')?.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'Your browser did not give Threadnote access to this site, so it stays off here.',
    );
    expect(root.querySelector<HTMLButtonElement>('button.primary')?.disabled).toBe(false);
  });

  it('says why a site stays off', async () => {
    const root = await mount(
      mockConnector({
        ...opening(null),
        enableOffer: async () => ({
          kind: 'engine',
          tabId: 9,
          host: 'blog.example',
          site: 'discourse/blog.example',
          name: 'Discourse',
          origins: ['https://blog.example/*'],
        }),
        enableSite: async () => ({ status: 'not-forum' }),
      }),
    );
    await act(async () => root.querySelector<HTMLButtonElement>('#tab-thread')?.click());
    await act(async () => {
      root.querySelector<HTMLButtonElement>('button.primary')?.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'not a forum Threadnote can read',
    );
    expect(root.querySelector<HTMLButtonElement>('button.primary')?.disabled).toBe(false);
  });

  it('runs a bulk fold on the tab and says what changed', async () => {
    const calls: [number, string][] = [];
    const root = await mount(
      mockConnector({
        bulkFold: async (tabId, action) => {
          calls.push([tabId, action]);
          return { changed: 12, canUndo: true };
        },
      }),
    );
    await act(async () => {
      button(root, 'Collapse all top-level').click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(calls).toEqual([[7, 'collapse-top']]);
    expect(root.querySelector('.folds [role="status"]')?.textContent).toBe('Changed 12 comments.');
  });

  it('lists every thread, filters by site and tag, pages on, and opens one', async () => {
    const listThreads = vi.fn<PopupConnector['listThreads']>(async ({ site, tag, after }) => {
      if (after) {
        return {
          total: 3,
          next: null,
          threads: MOCK_THREADS.threads
            .slice(0, 1)
            .map((t) => ({ ...t, key: 'hn:3', title: 'Third' })),
        };
      }
      return mockConnector().listThreads({ site, tag, after, limit: 50 });
    });
    const openThread = vi.fn(async () => undefined);
    const root = await mount(
      mockConnector({
        ...opening(null, null, {
          ...MOCK_THREADS,
          total: 3,
          next: { activityAt: 'x', thread: 'y' },
        }),
        listThreads,
        openThread,
      }),
    );
    const titles = () => [...root.querySelectorAll('.threads .who')].map((t) => t.textContent);
    expect(titles()).toEqual([thread.title, 'Why SQLite uses bytecode']);
    expect(root.querySelector('.threads li')?.textContent).toContain('insightful 2');
    expect(listThreads).not.toHaveBeenCalled();

    await act(async () => button(root, 'Show more (1 more)').click());
    await settle();
    expect(titles()).toEqual([thread.title, 'Why SQLite uses bytecode', 'Third']);

    const choose = async (index: number, value: string) => {
      const select = root.querySelectorAll('select')[index];
      if (!select) throw new Error('No select');
      await act(async () => {
        select.value = value;
        select.dispatchEvent(new Event('change'));
      });
      await settle();
    };
    const [siteSelect] = [...root.querySelectorAll('select')];
    expect([...(siteSelect?.options ?? [])].map((o) => o.textContent)).toEqual([
      'All sites',
      'Hacker News',
      'Lobsters',
    ]);
    await choose(0, 'lobsters');
    expect(listThreads).toHaveBeenLastCalledWith({
      site: 'lobsters',
      tag: null,
      after: null,
      limit: 50,
    });
    expect(titles()).toEqual(['Why SQLite uses bytecode']);
    expect(root.querySelector('.all-threads [role="status"]')?.textContent).toBe('1 thread match');

    await choose(1, 'insightful');
    expect(titles()).toEqual([]);
    expect(root.textContent).toContain('No annotated thread matches');

    await choose(0, '');
    expect(titles()).toEqual([thread.title]);
    await act(async () => root.querySelector<HTMLButtonElement>('.threads button')?.click());
    expect(openThread).toHaveBeenCalledWith({ url: thread.url });
  });

  it('switches views with the arrow keys, as tabs do', async () => {
    const root = await mount(mockConnector());
    const tab = root.querySelector<HTMLButtonElement>('#tab-thread');
    await act(async () => {
      tab?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(root.querySelector('[role="tab"][aria-selected="true"]')?.textContent).toBe(
      'All threads',
    );
    expect(root.querySelector('[role="tabpanel"]')?.getAttribute('aria-labelledby')).toBe(
      'tab-all',
    );
  });

  it('shows search results in place of the views while a query is typed', async () => {
    const search = vi.fn<PopupConnector['search']>(async () => [
      {
        kind: 'comment',
        key: 'hn:44533410',
        author: 'motoboi',
        note: 'Compare with the DeepSeek paper',
        quote: '',
        tags: [],
        url: 'https://news.ycombinator.com/item?id=44533410',
        thread: MOCK_THREAD_REF,
        updatedAt: '2026-11-29T10:00:00.000Z',
      },
    ]);
    const root = await mount(mockConnector({ search }));
    const input = root.querySelector<HTMLInputElement>('input[type="search"]');
    if (!input) throw new Error('No search field');
    await act(async () => {
      input.value = 'deepseek';
      input.dispatchEvent(new Event('input'));
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    expect(search).toHaveBeenCalledWith('deepseek');
    expect(root.querySelector('[role="tablist"]')).toBeNull();
    expect(root.querySelector('.results .what')?.textContent).toBe(
      'Compare with the DeepSeek paper',
    );
  });
  it('offers to turn a forum the reader turned off back on, without asking the browser', async () => {
    const offer: EnableOffer = {
      kind: 'off',
      tabId: 7,
      host: 'news.ycombinator.com',
      site: 'hn',
      name: 'Hacker News',
      origins: ['https://news.ycombinator.com/*'],
    };
    const enableSite = vi.fn(
      async () => ({ status: 'enabled', site: 'hn', name: 'Hacker News' }) as const,
    );
    const root = await mount(
      mockConnector({ ...opening(null), enableOffer: async () => offer, enableSite }),
    );
    expect(root.textContent).toContain('You turned Threadnote off for Hacker News in its settings');
    await act(async () => button(root, 'Turn on Threadnote on news.ycombinator.com').click());
    expect(enableSite).toHaveBeenCalledWith(offer);
  });
});

const MOCK_THREAD_REF = { key: thread.key, title: thread.title, url: thread.url };
