/** Service worker entry. Holds nothing in memory that matters: it may stop between messages. */
import { browser, type Runtime } from '../shared/browser';
import { envelope, isEnvelope } from '../shared/messages';
import { adapterForSite } from '../sites/registry';
import { database } from './db';
import { connect, route, type RouterDeps } from './router';

const deps: RouterDeps = {
  extensionId: browser.runtime.id,
  extensionOrigin: browser.runtime.getURL(''),
  database,
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
};

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isEnvelope(message)) return undefined;
  return route(message, sender, deps);
});

browser.runtime.onConnect.addListener((port) => {
  void connect(port, deps);
});
