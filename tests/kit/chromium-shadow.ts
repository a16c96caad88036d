/**
 * How Chromium tests reach Threadnote's UI, which lives in closed shadow roots: Playwright's
 * selectors pierce only open ones, and no page script can reach in (that is the point). The tests
 * query from the content script's own isolated world instead, found through a CDP session
 * (`Runtime.executionContextCreated` with an extension origin), where
 * `chrome.dom.openOrClosedShadowRoot` opens closed roots. They then act as the reader does, with
 * trusted input: the mouse at the element's box, the keyboard in the focused field. Threadnote
 * ignores synthetic events (src/content/trusted.ts), so `element.click()` would do nothing.
 *
 * Selectors are CSS steps joined by ` >> `: each step matches inside what the element on its left
 * holds, its shadow root included (`[data-tn-comment="hn:1"] tn-control >> .panel`).
 */
import type { Page } from 'playwright-core';
import { inContentWorld, worldOf } from './content-world.mjs';

export { inContentWorld };

/** One step of a deep selector, as the isolated world reads it. */
interface Step {
  css: string;
  hasText?: { source: string; flags: string };
  nth?: number;
}

type Query =
  'count' | 'text' | 'value' | 'visible' | 'focus' | 'select' | 'box' | { attribute: string };

type Answer = number | string | boolean | null | { x: number; y: number };

/** Splits `a >> b` into steps. */
function steps(selector: string): Step[] {
  return selector.split(' >> ').map((css) => ({ css: css.trim() }));
}

function textFilter(text: string | RegExp): Step['hasText'] {
  return typeof text === 'string'
    ? { source: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags: '' }
    : { source: text.source, flags: text.flags };
}

/**
 * Runs in the content script's world, where `open` opens any root: finds the elements, answers
 * one query on the first. Self-contained: it is sent to the browser as source text.
 */
function answer(path: Step[], query: Query, open: (element: Element) => ShadowRoot | null): Answer {
  let found: ParentNode[] = [document];
  for (const step of path) {
    const next: Element[] = [];
    for (const scope of found) {
      const root = scope instanceof Element ? open(scope) : null;
      for (const within of root ? [scope, root] : [scope]) {
        for (const element of within.querySelectorAll(step.css)) {
          if (!next.includes(element)) next.push(element);
        }
      }
    }
    const pattern = step.hasText && new RegExp(step.hasText.source, step.hasText.flags);
    const matching = pattern ? next.filter((e) => pattern.test(e.textContent ?? '')) : next;
    found = step.nth === undefined ? matching : matching.slice(step.nth, step.nth + 1);
  }
  const element = found[0] as HTMLElement | undefined;
  if (query === 'count') return found.length;
  if (!element) return null;
  if (query === 'text') return element.textContent;
  if (query === 'value') return (element as HTMLInputElement).value;
  if (query === 'visible') {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && element.checkVisibility();
  }
  if (query === 'focus' || query === 'select') {
    element.focus();
    if (query === 'select') (element as HTMLInputElement).select();
    return true;
  }
  if (query === 'box') {
    element.scrollIntoView({ block: 'center', inline: 'center' });
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || !element.checkVisibility()) return null;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
  return element.getAttribute(query.attribute);
}

/** Answers `query` about the element `path` finds, in the content script's world. */
async function ask(page: Page, path: Step[], query: Query): Promise<Answer> {
  const fn = `({ path, query }, open) => (${answer.toString()})(path, query, open)`;
  return (await worldOf(page)).run(fn, { path, query });
}

/** Waits until the element shows and returns the middle of its box, scrolled into view. */
async function waitForBox(
  find: (query: Query) => Promise<Answer>,
  what: string,
): Promise<{ x: number; y: number }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const box = await find('box');
    if (box !== null && typeof box === 'object') return box;
    if (Date.now() > deadline) throw new Error(`Nothing visible matches ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A Playwright-like locator over Threadnote's closed roots, for the tests that used
 * `page.locator` on its UI: `inShadow(page, 'tr#1 tn-control >> .panel').locator('input')`.
 */
export class ShadowLocator {
  constructor(
    private readonly page: Page,
    private readonly path: Step[],
  ) {}

  private get description(): string {
    return this.path.map((step) => step.css).join(' >> ');
  }

  private find = (query: Query) => ask(this.page, this.path, query);

  private with(patch: Partial<Step>): ShadowLocator {
    const last = this.path.at(-1);
    return new ShadowLocator(this.page, [...this.path.slice(0, -1), { ...last, ...patch } as Step]);
  }

  /** Steps inside the element: its descendants and its shadow root. */
  locator(selector: string, options: { hasText?: string | RegExp } = {}): ShadowLocator {
    const added = steps(selector);
    const last = added.at(-1);
    if (last && options.hasText !== undefined) last.hasText = textFilter(options.hasText);
    return new ShadowLocator(this.page, [...this.path, ...added]);
  }

  first(): ShadowLocator {
    return this.with({ nth: 0 });
  }

  nth(index: number): ShadowLocator {
    return this.with({ nth: index });
  }

  filter({ hasText }: { hasText: string | RegExp }): ShadowLocator {
    return this.with({ hasText: textFilter(hasText) });
  }

  async count(): Promise<number> {
    return (await this.find('count')) as number;
  }

  async textContent(): Promise<string | null> {
    return (await this.find('text')) as string | null;
  }

  async inputValue(): Promise<string> {
    return ((await this.find('value')) as string | null) ?? '';
  }

  async getAttribute(name: string): Promise<string | null> {
    return (await this.find({ attribute: name })) as string | null;
  }

  async isVisible(): Promise<boolean> {
    return (await this.find('visible')) === true;
  }

  async hover(): Promise<void> {
    const { x, y } = await waitForBox(this.find, this.description);
    await this.page.mouse.move(x, y);
  }

  async click(): Promise<void> {
    const { x, y } = await waitForBox(this.find, this.description);
    await this.page.mouse.click(x, y);
  }

  async waitFor(): Promise<void> {
    await waitForBox(this.find, this.description);
  }

  /** Focuses the element from the content script's world, as the reader's Tab key would. */
  async focus(): Promise<void> {
    await waitForBox(this.find, this.description);
    await this.find('focus');
  }

  /** Focuses the field, selects what it holds and types over it, as the reader would. */
  async fill(text: string): Promise<void> {
    await waitForBox(this.find, this.description);
    await this.find('select');
    if (text === '') await this.page.keyboard.press('Delete');
    else await this.page.keyboard.insertText(text);
  }

  async press(key: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.press(key);
  }

  /** Types at the end of what the field holds, key by key. */
  async pressSequentially(text: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.type(text);
  }
}

/** Threadnote's UI in the comment Threadnote marked with `key`: `tn-note >> .text`. */
export function inComment(
  page: Page,
  key: string,
  selector: string,
  options: { hasText?: string | RegExp } = {},
): ShadowLocator {
  return inShadow(page, `[data-tn-comment="${key}"] ${selector}`, options);
}

/** Threadnote's UI in `page` at a deep selector (see the top of this file). */
export function inShadow(
  page: Page,
  selector: string,
  options: { hasText?: string | RegExp } = {},
): ShadowLocator {
  return new ShadowLocator(page, []).locator(selector, options);
}
