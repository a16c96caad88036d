/**
 * The popup's only way to the extension. Components take a PopupConnector, so tests can hand
 * them a mock instead of a browser.
 */
import { browser, type Tabs } from '../shared/browser';
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
import { callTab } from '../shared/call-tab';
import { callWorker } from '../shared/messaging';
import type { ExportFormat, Tag } from '../shared/model';
import { exportData } from '../shared/stream-client';
import { engineForUrl, fixedAdapterOfHost, hostPattern, parseUrl } from '../sites/registry';

export interface CurrentPage {
  tabId: number;
  page: PageInfo;
}

/**
 * A page Threadnote could read once the reader lets it: a topic of forum software (Discourse) on
 * a host not enabled yet (`engine`), or a page of a forum Threadnote is made for whose access the
 * reader withheld or took back (`site`: Firefox lets them, in about:addons, and Chrome, in its
 * site access settings), or turned off in Threadnote's own settings (`off`).
 */
export interface EnableOffer {
  kind: 'engine' | 'site' | 'off';
  tabId: number;
  host: string;
  /** The key prefix of the forum's records: `hn`, `discourse/forum.example.org`. */
  site: string;
  /** The forum software's name (“Discourse”) or the forum's (“Hacker News”). */
  name: string;
  /** The host permissions to ask for. */
  origins: string[];
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
  /** What the reader could allow for the tab: a forum engine's thread, or a forum's lost access. */
  enableOffer(): Promise<EnableOffer | null>;
  /**
   * Asks the browser for the offer's hosts, then turns Threadnote on there: on a forum engine's
   * host at once; on a forum's, by reloading the tab, where the manifest's script then starts.
   * Call it from the click itself.
   */
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

/** Reloads a tab and resolves once its new page has loaded, content scripts and all. */
function reload(tabId: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let started = false;
    const listener = (id: number, change: Tabs.OnUpdatedChangeInfoType) => {
      if (id !== tabId) return;
      if (change.status === 'loading') started = true;
      if (started && change.status === 'complete') {
        browser.tabs.onUpdated.removeListener(listener);
        resolve();
      }
    };
    browser.tabs.onUpdated.addListener(listener);
    browser.tabs.reload(tabId).catch((error: unknown) => {
      browser.tabs.onUpdated.removeListener(listener);
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

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

/** Takes a built-in forum off the reader's list of sites turned off, and reloads the tab. */
async function turnOn(offer: EnableOffer): Promise<SiteEnableResult> {
  await callWorker('settings.site', { site: offer.site, on: true });
  await reload(offer.tabId);
  return { status: 'enabled', site: offer.site, name: offer.name };
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
    // Without access to the host, the browser shows the address only for the tab whose toolbar
    // button was clicked (activeTab).
    // A tab closed meanwhile has no address to offer.
    const tab = await browser.tabs.get(tabId).catch(() => null);
    const url = parseUrl(tab?.url ?? '');
    if (!url || url.protocol !== 'https:') return null;
    const forum = fixedAdapterOfHost(url);
    if (forum) {
      const origins = [...forum.matches];
      const offer = { tabId, host: url.host, site: forum.site, name: forum.name, origins };
      if (!(await browser.permissions.contains({ origins }))) return { kind: 'site', ...offer };
      const { disabledSites } = await callWorker('settings.get', {});
      return disabledSites.includes(forum.site) ? { kind: 'off', ...offer } : null;
    }
    const engine = engineForUrl(url.href);
    if (!engine) return null;
    return {
      kind: 'engine',
      tabId,
      host: url.host,
      site: engine.forHost(url.host).site,
      name: engine.name,
      origins: [hostPattern(url.host)],
    };
  },
  enableSite(offer) {
    if (offer.kind === 'off') return turnOn(offer);
    // Browsers grant a permission only while the click that asked for it is being handled.
    return browser.permissions.request({ origins: offer.origins }).then(async (granted) => {
      if (!granted) return { status: 'no-access' } as const;
      if (offer.kind === 'engine') return callWorker('site.enable', { tabId: offer.tabId });
      await reload(offer.tabId);
      return { status: 'enabled', site: offer.site, name: offer.name } as const;
    });
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
