/** Service worker entry. Holds nothing in memory that matters: it may stop between messages. */
import { browser, packagePath, type Runtime } from '../shared/browser';
import { envelope, isEnvelope } from '../shared/messages';
import { callTab } from '../shared/call-tab';
import { adapterForSite } from '../sites/registry';
// The build's file name of the Discourse content script, one self-contained file as well.
import discourseScript from '../content/entries/discourse.ts?script&iife';
// The content script's UI, injected into a forum page's isolated world on first use.
import uiScript from '../content/lazy/ui.ts?script&iife';
import { database } from './db';
import type { RouterDeps } from './deps';
import { connect, route } from './router';
import { StorageHealth } from './storage-health';
import { scheduleSync, syncSoon } from './sync/scheduler';
import { runSync } from './sync/service';
import { syncDeps } from './sync/wiring';
import {
  enableGrantedTabs,
  enableTab,
  enabledSites,
  hostEnabled,
  syncRegistrations,
  type SiteAccessDeps,
} from './site-access';
import { injectUi } from './ui-script';

const manifest = browser.runtime.getManifest();
const declared = (manifest.content_scripts ?? []).map((entry) => ({
  js: (entry.js ?? []).map(packagePath),
  css: (entry.css ?? []).map(packagePath),
}));
const [first] = declared;

const siteAccess: SiteAccessDeps = {
  permissions: browser.permissions,
  scripting: browser.scripting,
  tabs: browser.tabs,
  // Forum engines' hosts get their own script, with the stylesheet the fixed forums all share:
  // each fixed forum's own stylesheet holds back only its markup.
  contentScript: {
    js: [packagePath(discourseScript)],
    css: (first?.css ?? []).filter((file) => declared.every((entry) => entry.css.includes(file))),
  },
  declaredOrigins: manifest.host_permissions ?? [],
};

// One change of site access at a time: the popup's request and Chrome's permission event may
// both ask to enable the same host.
let accessQueue: Promise<unknown> = Promise.resolve();
function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = accessQueue.then(work, work);
  accessQueue = run.catch(() => undefined);
  return run;
}

function logFailure(error: unknown): void {
  console.warn('Threadnote could not update site access:', error);
}

const deps: RouterDeps = {
  extensionId: browser.runtime.id,
  extensionOrigin: browser.runtime.getURL(''),
  database,
  health: new StorageHealth(),
  now: () => new Date().toISOString(),
  broadcast(site, type, payload) {
    const adapter = adapterForSite(site);
    if (!adapter) return;
    void browser.tabs
      .query({ url: [...adapter.matches] })
      .then((tabs) =>
        Promise.all(
          tabs.map((tab) =>
            tab.id === undefined
              ? undefined
              : // A tab without our content script (still loading, or discarded) just misses it.
                browser.tabs.sendMessage(tab.id, envelope(type, payload)).catch(() => undefined),
          ),
        ),
      )
      .catch(() => undefined);
  },
  hostEnabled: (url) => hostEnabled(siteAccess, url),
  enabledSites: () => enabledSites(siteAccess),
  enableTab: (tabId) => serially(() => enableTab(siteAccess, tabId)),
  injectUi: (tabId, frameId) => injectUi(browser.scripting, packagePath(uiScript), tabId, frameId),
  // No content script answers: not a forum page, or one still loading.
  pageInfo: (tabId) => callTab(tabId, 'page.info', {}).catch(() => null),
  syncSoon: () => syncSoon(browser.alarms),
};

scheduleSync(browser.alarms, () => runSync(syncDeps(deps)));

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isEnvelope(message)) return undefined;
  return route(message, sender, deps);
});

browser.runtime.onConnect.addListener((port) => {
  void connect(port, deps);
});

browser.permissions.onAdded.addListener(({ origins = [] }) => {
  serially(() => enableGrantedTabs(siteAccess, origins)).catch(logFailure);
});
browser.permissions.onRemoved.addListener(() => {
  serially(() => syncRegistrations(siteAccess)).catch(logFailure);
});
browser.runtime.onStartup.addListener(() => {
  serially(() => syncRegistrations(siteAccess)).catch(logFailure);
  void runSync(syncDeps(deps)).catch(() => undefined);
});
browser.runtime.onInstalled.addListener(() => {
  serially(() => syncRegistrations(siteAccess)).catch(logFailure);
});
