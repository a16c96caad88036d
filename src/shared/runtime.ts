/**
 * The two calls of the WebExtension API that the content script makes, without
 * webextension-polyfill: the polyfill is 2.5 KB gzip that every forum page load would pay for.
 * Firefox has `browser` with promises; Chromium's `chrome.runtime.sendMessage` returns a promise
 * in Manifest V3. An `onMessage` listener answers through `sendResponse` and `return true`, which
 * both browsers take (Chromium 120 does not take a returned promise).
 *
 * Pages (popup, options) and the worker use the full API from ./browser.
 */
interface MessageEvent {
  addListener(
    listener: (
      message: unknown,
      sender: unknown,
      sendResponse: (response: unknown) => void,
    ) => boolean | undefined,
  ): void;
}

interface RuntimeApi {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: MessageEvent;
}

function api(): RuntimeApi {
  const scope = globalThis as {
    browser?: { runtime: RuntimeApi };
    chrome?: { runtime: RuntimeApi };
  };
  const found = scope.browser?.runtime ?? scope.chrome?.runtime;
  if (!found) throw new Error('Extension context invalidated.');
  return found;
}

/** Sends to the worker; resolves with its answer, or undefined when it gave none. */
export function sendMessage(message: unknown): Promise<unknown> {
  return api().sendMessage(message);
}

/**
 * Listens to the extension's messages. The handler answers with a promise, or with undefined to
 * leave the message to another listener.
 */
export function onMessage(handler: (message: unknown) => Promise<unknown> | undefined): void {
  api().onMessage.addListener((message, _sender, sendResponse) => {
    const answer = handler(message);
    if (answer === undefined) return undefined;
    answer.then(sendResponse, () => sendResponse(undefined));
    return true;
  });
}
