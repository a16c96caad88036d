import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../src/popup/Popup';
import type { EnableOffer, PopupConnector } from '../../src/popup/connector';
import type { ThreadSummary } from '../../src/shared/messages';
import { thread } from './helpers';

function mockConnector(overrides: Partial<PopupConnector> = {}): PopupConnector {
  const summary: ThreadSummary = {
    thread: {
      key: thread.key,
      title: thread.title,
      url: thread.url,
      firstVisitedAt: '2026-11-01T10:00:00.000Z',
      lastVisitedAt: '2026-11-29T10:00:00.000Z',
    },
    counts: { annotated: 4, tagged: 2, noted: 3, collapsed: 1, hidden: 1 },
    tags: [{ name: 'insightful', color: '#1864ab', comments: 2 }],
    notes: [],
  };
  return {
    currentPage: async () => ({
      tabId: 7,
      page: {
        site: 'hn',
        siteName: 'Hacker News',
        thread,
        comments: 31,
        enabledHost: null,
        commentKeys: [],
      },
    }),
    threadSummary: async () => summary,
    enableOffer: async () => null,
    enableSite: async () => ({ status: 'no-access' }),
    disableSite: async () => undefined,
    bulkFold: async () => ({ changed: 0, canUndo: false }),
    filter: async () => ({ matches: 0 }),
    search: async () => [],
    show: async () => undefined,
    exportThread: async (key, format) => `threadnote-2026-11-29-${key}.${format}`,
    openOptions: async () => undefined,
    ...overrides,
  };
}

async function mount(connector: PopupConnector): Promise<HTMLElement> {
  const root = document.createElement('main');
  document.body.append(root);
  await act(async () => {
    render(<Popup connector={connector} />, root);
  });
  // Let the connector's promises settle and the state update render.
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return root;
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
    expect(count('folded')).toBe('2');
    expect(count('comments')).toBe('31');
    expect(root.textContent).toContain('First visited');
  });

  it('says what to do on a page that is not a thread', async () => {
    const root = await mount(mockConnector({ currentPage: async () => null }));
    expect(root.textContent).toContain('Open a comment page on Hacker News');
  });

  it('shows a failure as a message, not a blank popup', async () => {
    const root = await mount(
      mockConnector({
        threadSummary: () => Promise.reject(new Error('database unavailable')),
      }),
    );
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('database unavailable');
  });

  it('renders titles as text, never as HTML', async () => {
    const hostile = { ...thread, title: '<img src=x onerror=alert(1)>' };
    const root = await mount(
      mockConnector({
        currentPage: async () => ({
          tabId: 1,
          page: {
            site: 'hn',
            siteName: 'Hacker News',
            thread: hostile,
            comments: 1,
            enabledHost: null,
            commentKeys: [],
          },
        }),
        threadSummary: async () => ({
          thread: null,
          counts: { annotated: 0, tagged: 0, noted: 0, collapsed: 0, hidden: 0 },
          tags: [],
          notes: [],
        }),
      }),
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
    const page = {
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
        currentPage: async () => (enabled ? { tabId: 9, page } : null),
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
    const button = root.querySelector('button.primary');
    expect(button?.textContent).toBe('Enable Threadnote on forum.example.org');
    expect(root.textContent).toContain('your browser will ask you');
    await act(async () => {
      (button as HTMLButtonElement).click();
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
    const current = await mockConnector().currentPage();
    const root = await mount(
      mockConnector({
        currentPage: async () => (allowed ? current : null),
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
        currentPage: async () => null,
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
        currentPage: async () => null,
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
    const button = [...root.querySelectorAll('button')].find(
      (candidate) => candidate.textContent === 'Collapse all top-level',
    );
    await act(async () => {
      button?.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(calls).toEqual([[7, 'collapse-top']]);
    expect(root.querySelector('.folds [role="status"]')?.textContent).toBe('Changed 12 comments.');
  });
});
