/**
 * How Firefox tests reach Threadnote's UI in closed shadow roots: Puppeteer's `>>>` pierces only
 * open ones, and no page script can reach in. WebDriver BiDi can: it serializes a node with its
 * shadow root, closed ones too (`includeShadowTree: 'all'`), `browsingContext.locateNodes` searches
 * from such a root, and `script.callFunction` runs with a found node as `this`, in a sandbox the
 * page's scripts do not share. Actions are then the reader's own, trusted input through Puppeteer
 * (the mouse at the element's box, the keyboard in the focused field): Threadnote ignores
 * synthetic events (src/content/trusted.ts).
 *
 * Selectors are those of chromium-shadow.ts: CSS steps joined by ` >> `, each matching inside
 * what the element on its left holds, its shadow root included.
 */
import type { Page } from 'puppeteer-core';

interface BidiSession {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

/** What Puppeteer's BiDi frame keeps of its browsing context (see core/BrowsingContext.js). */
interface BidiFrame {
  browsingContext: { id: string; userContext: { browser: { session: BidiSession } } };
}

interface NodeValue {
  type: 'node';
  sharedId: string;
  value?: { shadowRoot?: { sharedId: string } | null };
}

const SANDBOX = 'threadnote-tests';

function contextOf(page: Page): { session: BidiSession; context: string } {
  const { browsingContext } = page.mainFrame() as unknown as BidiFrame;
  return { session: browsingContext.userContext.browser.session, context: browsingContext.id };
}

/** Runs `fn` with `node` as `this`, in the tests' sandbox of the page; returns its JSON value. */
async function callOn<T>(page: Page, node: NodeValue, fn: string, ...args: unknown[]) {
  const { session, context } = contextOf(page);
  const { result } = await session.send('script.callFunction', {
    functionDeclaration: `function (...args) {
      return JSON.stringify((${fn}).apply(this, args.map((arg) => JSON.parse(arg))));
    }`,
    this: { sharedId: node.sharedId },
    arguments: args.map((value) => ({ type: 'string', value: JSON.stringify(value) })),
    target: { context, sandbox: SANDBOX },
    awaitPromise: true,
  });
  const value = result as { type: string; result?: { value?: string }; exceptionDetails?: unknown };
  if (value.type === 'exception') throw new Error(JSON.stringify(value.exceptionDetails));
  return JSON.parse(value.result?.value ?? 'null') as T;
}

/** The elements a deep selector finds, in document order within each step. */
async function locate(page: Page, selector: string, hasText?: string): Promise<NodeValue[]> {
  const { session, context } = contextOf(page);
  // From the document itself: without start nodes, BiDi searches below <html> only.
  const { result: documentNode } = await session.send('script.evaluate', {
    expression: 'document',
    target: { context, sandbox: SANDBOX },
    awaitPromise: false,
    serializationOptions: { maxDomDepth: 0 },
  });
  let found: NodeValue[] = [(documentNode as { result: NodeValue }).result];
  for (const css of selector.split(' >> ')) {
    // Within each element found, and within its shadow root.
    const starts = found.flatMap((node) => [
      { sharedId: node.sharedId },
      ...(node.value?.shadowRoot ? [{ sharedId: node.value.shadowRoot.sharedId }] : []),
    ]);
    const next: NodeValue[] = [];
    for (const start of starts) {
      const { result } = await session.send('browsingContext.locateNodes', {
        context,
        locator: { type: 'css', value: css.trim() },
        startNodes: [start],
        serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
      });
      for (const node of result.nodes as NodeValue[]) {
        if (!next.some((known) => known.sharedId === node.sharedId)) next.push(node);
      }
    }
    found = next;
  }
  if (hasText === undefined) return found;
  const texts = await Promise.all(
    found.map((node) => callOn<string>(page, node, 'function () { return this.textContent; }')),
  );
  return found.filter((_, index) => texts[index]?.includes(hasText));
}

async function first(page: Page, selector: string, hasText?: string): Promise<NodeValue | null> {
  return (await locate(page, selector, hasText))[0] ?? null;
}

/** Waits until the element shows, scrolls it into view and returns the middle of its box. */
async function boxOf(page: Page, selector: string, hasText?: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const node = await first(page, selector, hasText);
    const box =
      node &&
      (await callOn<{ x: number; y: number } | null>(
        page,
        node,
        `function () {
          this.scrollIntoView({ block: 'center', inline: 'center' });
          const box = this.getBoundingClientRect();
          if (box.width === 0 || box.height === 0 || !this.checkVisibility()) return null;
          return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        }`,
      ));
    if (node && box) return { node, box };
    if (Date.now() > deadline) throw new Error(`Nothing visible matches ${selector}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Presses `Enter`, `Escape`, `Control+Enter` or `Shift+X` in whatever has focus. */
export async function pressKeys(page: Page, key: string): Promise<void> {
  const keys = key.split('+') as Parameters<Page['keyboard']['press']>[0][];
  const pressed = keys.pop();
  if (!pressed) throw new Error(`No key in “${key}”`);
  for (const modifier of keys) await page.keyboard.down(modifier);
  await page.keyboard.press(pressed);
  for (const modifier of keys.reverse()) await page.keyboard.up(modifier);
}

/**
 * Elements matching `css` in the page and in every shadow root of its elements, closed ones too:
 * BiDi serializes each element with its root, and searches from there.
 */
async function deepCount(page: Page, css: string): Promise<number> {
  const { session, context } = contextOf(page);
  const { result } = await session.send('script.evaluate', {
    expression: `[document.querySelectorAll(${JSON.stringify(css)}).length, [...document.querySelectorAll('*')]]`,
    target: { context, sandbox: SANDBOX },
    awaitPromise: false,
    serializationOptions: { maxDomDepth: 0, maxObjectDepth: 2, includeShadowTree: 'all' },
  });
  const [light, elements] = (
    result as { result: { value: [{ value: number }, { value: NodeValue[] }] } }
  ).result.value;
  let found = light.value;
  for (const element of elements.value) {
    const root = element.value?.shadowRoot;
    if (!root) continue;
    const { result: inRoot } = await session.send('browsingContext.locateNodes', {
      context,
      locator: { type: 'css', value: css },
      startNodes: [{ sharedId: root.sharedId }],
      serializationOptions: { maxDomDepth: 0 },
    });
    found += (inRoot.nodes as NodeValue[]).length;
  }
  return found;
}

/** The driver's Tab operations on what a page shows, Threadnote's UI included (driver.ts). */
export function shadowTab(page: Page) {
  const focus = async (selector: string, select: boolean) => {
    const { node } = await boxOf(page, selector);
    await callOn(
      page,
      node,
      'function (select) { this.focus(); if (select) this.select(); return true; }',
      select,
    );
  };
  const read = async <T>(selector: string, fn: string, ...args: unknown[]): Promise<T[]> => {
    const nodes = await locate(page, selector);
    return Promise.all(nodes.map((node) => callOn<T>(page, node, fn, ...args)));
  };
  return {
    deepCount: (css: string) => deepCount(page, css),
    attributes: (selector: string, name: string) =>
      read<string | null>(selector, 'function (n) { return this.getAttribute(n); }', name),
    texts: (selector: string) =>
      read<string>(selector, 'function () { return this.textContent ?? ""; }'),
    async value(selector: string): Promise<string> {
      const [value = ''] = await read<string>(selector, 'function () { return this.value; }');
      return value;
    },
    async checked(selector: string): Promise<boolean> {
      const [checked = false] = await read<boolean>(
        selector,
        'function () { return this.checked; }',
      );
      return checked;
    },
    focus: (selector: string) => focus(selector, false),
    /** Types at the end of what the field holds, key by key. */
    async typeInto(selector: string, text: string): Promise<void> {
      await focus(selector, false);
      await page.keyboard.type(text);
    },
    async attribute(selector: string, name: string): Promise<string | null> {
      const node = await first(page, selector);
      return node
        ? callOn<string | null>(page, node, 'function (n) { return this.getAttribute(n); }', name)
        : null;
    },
    async text(selector: string): Promise<string | null> {
      const node = await first(page, selector);
      return node
        ? callOn<string | null>(page, node, 'function () { return this.textContent; }')
        : null;
    },
    count: async (selector: string) => (await locate(page, selector)).length,
    async visible(selector: string): Promise<boolean> {
      const node = await first(page, selector);
      return node
        ? callOn<boolean>(
            page,
            node,
            `function () {
              const box = this.getBoundingClientRect();
              return box.width > 0 && box.height > 0 && this.checkVisibility();
            }`,
          )
        : false;
    },
    async hover(selector: string): Promise<void> {
      const { box } = await boxOf(page, selector);
      await page.mouse.move(box.x, box.y);
    },
    async click(selector: string, hasText?: string): Promise<void> {
      const { box } = await boxOf(page, selector, hasText);
      await page.mouse.click(box.x, box.y);
    },
    /** Focuses the field, selects what it holds and types over it, as the reader would. */
    async fill(selector: string, text: string): Promise<void> {
      await focus(selector, true);
      if (text === '') await page.keyboard.press('Delete');
      else await page.keyboard.type(text);
    },
    async press(selector: string, key: string): Promise<void> {
      await focus(selector, false);
      await pressKeys(page, key);
    },
  };
}
