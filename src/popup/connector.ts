/**
 * The popup's only way to the extension. Components take a PopupConnector, so tests can hand
 * them a mock instead of a browser.
 */
import { browser } from '../shared/browser';
import { exportFileName, saveFile } from '../shared/download';
import type {
  BulkFoldAction,
  PageInfo,
  PopupState,
  SearchResult,
  SiteEnableResult,
  TabOutputs,
  ThreadListInput,
  ThreadListPage,
} from '../shared/messages';
import { callTab, callWorker } from '../shared/messaging';
import type { ExportFormat, Tag } from '../shared/model';
import { exportData } from '../shared/stream-client';
import { engineForUrl, hostPattern, parseUrl } from '../sites/registry';

export interface CurrentPage {
  tabId: number;
  page: PageInfo;
}

/** A page of forum software (Discourse) on a host where Threadnote is not on yet. */
export interface EnableOffer {
  tabId: number;
  host: string;
  engineName: string;
}

/** What the popup opens with: its tab, and everything it shows first. */
export interface PopupStart {
  /** The tab the popup is about; null when there is none (a window without tabs). */
  tabId: number | null;
  state: PopupState;
}

export interface PopupConnector {
  /** The tab's forum page with its thread's summary, and the first page of all threads. */
  open(): Promise<PopupStart>;
  listThreads(input: ThreadListInput): Promise<ThreadListPage>;
  /** Sites with annotated threads, for the list's filter. */
  listedSites(): Promise<string[]>;
  listTags(): Promise<Tag[]>;
  /** Whether the tab looks like a forum engine's thread that the reader could enable. */
  enableOffer(): Promise<EnableOffer | null>;
  /** Asks Chrome for the host, then turns Threadnote on there. Call it from the click itself. */
  enableSite(offer: EnableOffer): Promise<SiteEnableResult>;
  /** Gives a forum engine's host back; Threadnote stops there from the next page load. */
  disableSite(host: string): Promise<void>;
  bulkFold(tabId: number, action: BulkFoldAction): Promise<TabOutputs['folds.bulk']>;
  filter(tabId: number, tag: string | null): Promise<TabOutputs['filter.set']>;
  search(query: string): Promise<SearchResult[]>;
  /** Shows a comment: in the tab already on its thread, else in a new tab opened on it. */
  show(comment: { key: string; threadUrl: string }, current: CurrentPage | null): Promise<void>;
  /** Moves the tab to its next (1) or previous (-1) new comment. */
  nextNew(tabId: number, step: 1 | -1): Promise<TabOutputs['comment.next-new']>;
  /** Brings a tab already on the thread to the front, or opens the thread in a new one. */
  openThread(thread: { url: string }): Promise<void>;
  /** Saves one thread's annotations as a file; resolves with the file's name. */
  exportThread(threadKey: string, format: ExportFormat): Promise<string>;
  openOptions(): Promise<void>;
}

const SEARCH_LIMIT = 50;

async function targetTabId(): Promise<number | undefined> {
  // `?tab=<id>` opens the popup for a given tab, e.g. when it is opened in a tab of its own.
  const requested = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(requested) && requested > 0) return requested;
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

/** Puts a tab and its window in front of the reader. */
async function bringForward(tabId: number): Promise<void> {
  const tab = await browser.tabs.update(tabId, { active: true });
  if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
}

function withoutHash(href: string): string {
  const url = parseUrl(href);
  if (!url) return href;
  url.hash = '';
  return url.href;
}

export const extensionConnector: PopupConnector = {
  async open() {
    const tabId = (await targetTabId()) ?? null;
    return { tabId, state: await callWorker('popup.open', { tabId }) };
  },
  listThreads: (input) => callWorker('threads.list', input),
  listedSites: () => callWorker('threads.sites', {}),
  listTags: () => callWorker('tags.list', {}),
  async enableOffer() {
    const tabId = await targetTabId();
    if (tabId === undefined) return null;
    // Chrome shows the address only for the tab the toolbar button was clicked on (activeTab).
    // A tab closed meanwhile has no address to offer.
    const tab = await browser.tabs.get(tabId).catch(() => null);
    const url = parseUrl(tab?.url ?? '');
    const engine = url ? engineForUrl(url.href) : null;
    return url && engine ? { tabId, host: url.host, engineName: engine.name } : null;
  },
  enableSite(offer) {
    // Chrome grants a permission only while the click that asked for it is being handled.
    return browser.permissions
      .request({ origins: [hostPattern(offer.host)] })
      .then((granted) =>
        granted
          ? callWorker('site.enable', { tabId: offer.tabId })
          : ({ status: 'no-access' } as const),
      );
  },
  async disableSite(host) {
    await browser.permissions.remove({ origins: [hostPattern(host)] });
  },
  bulkFold: (tabId, action) => callTab(tabId, 'folds.bulk', { action }),
  filter: (tabId, tag) => callTab(tabId, 'filter.set', { tag }),
  search: (query) => callWorker('notes.search', { query, limit: SEARCH_LIMIT }),
  async show({ key, threadUrl }, current) {
    if (current?.page.commentKeys.includes(key)) {
      const { found } = await callTab(current.tabId, 'comment.reveal', { key });
      if (found) {
        await bringForward(current.tabId);
        return;
      }
    }
    const url = new URL(threadUrl);
    url.hash = `threadnote=${encodeURIComponent(key)}`;
    await browser.tabs.create({ url: url.href });
  },
  async nextNew(tabId, step) {
    const moved = await callTab(tabId, 'comment.next-new', { step });
    if (moved.key) await bringForward(tabId);
    return moved;
  },
  async openThread(thread) {
    // Host permissions let the extension see the addresses of forum tabs, and only those.
    const wanted = withoutHash(thread.url);
    const tabs = await browser.tabs.query({});
    const open = tabs.find((tab) => tab.url !== undefined && withoutHash(tab.url) === wanted);
    if (open?.id !== undefined) await bringForward(open.id);
    else await browser.tabs.create({ url: thread.url });
  },
  async exportThread(threadKey, format) {
    const { blob } = await exportData(format, { threads: [threadKey], tags: [] }, () => undefined);
    const name = exportFileName(format, new Date(), threadKey);
    saveFile(blob, name);
    return name;
  },
  openOptions: () => browser.runtime.openOptionsPage(),
};
