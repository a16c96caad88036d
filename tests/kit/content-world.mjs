/**
 * Threadnote's content script world in a Chromium page, where its closed shadow roots can be
 * opened: found through a CDP session (`Runtime.executionContextCreated` with an extension
 * origin), where `chrome.dom.openOrClosedShadowRoot` opens closed roots. The Chromium tests
 * (chromium-shadow.ts) and `npm run screenshots` reach Threadnote's UI through it.
 *
 * Plain JavaScript with JSDoc types, so that scripts/ (.mjs, run by plain node) import it as the
 * TypeScript tests do.
 */

/** The content script's world in a page, followed across reloads. */
class ContentWorld {
  /** @type {Map<number, string>} */
  contexts = new Map();
  frame = '';

  /** @param {import('playwright-core').CDPSession} cdp */
  constructor(cdp) {
    this.cdp = cdp;
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      const aux = /** @type {{ type?: string, frameId?: string } | undefined} */ (context.auxData);
      if (aux?.type === 'isolated' && context.origin.startsWith('chrome-extension://')) {
        this.contexts.set(context.id, aux.frameId ?? '');
      }
    });
    cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) =>
      this.contexts.delete(executionContextId),
    );
    cdp.on('Runtime.executionContextsCleared', () => this.contexts.clear());
  }

  /** @param {import('playwright-core').Page} page */
  static async attach(page) {
    const cdp = await page.context().newCDPSession(page);
    const world = new ContentWorld(cdp);
    const { frameTree } = await cdp.send('Page.getFrameTree');
    world.frame = frameTree.frame.id;
    await cdp.send('Runtime.enable');
    return world;
  }

  /** The newest content script context of the top frame: the one of the page shown now. */
  context() {
    return [...this.contexts].findLast(([, frame]) => frame === this.frame)?.[0];
  }

  /**
   * Runs the function whose source is `fn` there, as `fn(arg, open)`: `open` gives any element's
   * shadow root, closed or not.
   * @template T
   * @param {string} fn
   * @param {unknown} arg
   * @returns {Promise<T>}
   */
  async run(fn, arg) {
    const expression = `(${fn})(${JSON.stringify(arg)}, (element) =>
      chrome.dom.openOrClosedShadowRoot(element))`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const contextId = this.context();
      if (contextId !== undefined) {
        const reply = await this.cdp
          .send('Runtime.evaluate', { expression, contextId, returnByValue: true })
          .catch((/** @type {unknown} */ error) => ({ error }));
        if ('result' in reply && !reply.exceptionDetails)
          return /** @type {T} */ (reply.result.value);
        // A context torn down by a reload between finding and using it: look again.
        if (!('error' in reply)) throw new Error(JSON.stringify(reply.exceptionDetails));
      }
      if (Date.now() > deadline) throw new Error('Threadnote’s content script world not found');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** @type {WeakMap<import('playwright-core').Page, Promise<ContentWorld>>} */
const worlds = new WeakMap();

/**
 * The content script's world of `page`, attached once.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<ContentWorld>}
 */
export function worldOf(page) {
  let world = worlds.get(page);
  if (!world) {
    world = ContentWorld.attach(page);
    worlds.set(page, world);
  }
  return world;
}

/**
 * Runs `fn` in the content script's world, where `open(element)` gives an element's shadow root,
 * closed or not. `fn` is sent as source text: it can use only its arguments and the page.
 * @template A, T
 * @param {import('playwright-core').Page} page
 * @param {(arg: A, open: (element: Element) => ShadowRoot | null) => T} fn
 * @param {A} arg
 * @returns {Promise<T>}
 */
export async function inContentWorld(page, fn, arg) {
  return (await worldOf(page)).run(fn.toString(), arg);
}
