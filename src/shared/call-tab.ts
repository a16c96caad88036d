/** Asks a tab's content script, from the popup or the worker (content scripts have no `tabs`). */
import { browser } from './browser';
import { envelope, type Result, type TabOutputs, type TabRequests } from './messages';
import { unwrap } from './messaging';

export async function callTab<K extends keyof TabRequests>(
  tabId: number,
  type: K,
  payload: TabRequests[K],
): Promise<TabOutputs[K]> {
  const response = (await browser.tabs.sendMessage(tabId, envelope(type, payload))) as
    Result<TabOutputs[K]> | undefined;
  return unwrap(response);
}
