/**
 * Loads the UI script (./ui.ts) into this page's isolated world, once per document: the content
 * script puts a hook on its world's global object, then asks the worker to inject the script,
 * which hands the UI to the hook. A page script cannot see that object, so it can neither call
 * the hook nor take the UI; and nothing is web-accessible, so a page cannot load the script
 * itself or learn that Threadnote is there.
 */
import { UI_SCRIPT_HOOK } from '../../shared/ui-script';
import type { ContentConnector } from '../connector';
import type { LazyUi, UiHook } from '../context';

/** The UI once its script arrived in this world; it stays for the document. */
let arrivedUi: LazyUi | null = null;
let arrive: UiHook = () => undefined;
const arrived = new Promise<LazyUi>((resolve) => {
  arrive = (ui) => {
    arrivedUi ??= ui;
    resolve(ui);
  };
});
let asking: Promise<LazyUi> | null = null;

/** Resolves once the UI script arrived, without asking for it (see loadUi). */
export function uiArrived(): Promise<LazyUi> {
  return arrived;
}

/**
 * Asks for the UI script, once per document, and resolves with the UI once it arrived. A worker
 * stopped meanwhile is retried by the connector; a request that failed for good is made again at
 * the next use.
 */
export function loadUi(worker: ContentConnector): Promise<LazyUi> {
  if (arrivedUi) return Promise.resolve(arrivedUi);
  asking ??= (async () => {
    const scope = globalThis as { [UI_SCRIPT_HOOK]?: UiHook };
    // The worker injects the script only into a world that waits for it with this hook.
    scope[UI_SCRIPT_HOOK] ??= arrive;
    try {
      await worker.loadUi();
    } catch (error) {
      asking = null;
      throw error;
    }
    // The worker answers once the script ran, which takes the hook away.
    if (!arrivedUi) {
      asking = null;
      throw new Error('Threadnote’s UI did not start.');
    }
    return arrived;
  })();
  return asking;
}

/**
 * Loads the UI while the browser is idle, once the page is annotated, so that the first click or
 * key that needs it rarely waits.
 */
export function prefetchUi(worker: ContentConnector, signal: AbortSignal): void {
  const load = () => {
    if (!signal.aborted) loadUi(worker).catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2_000 });
  else setTimeout(load, 0);
}
