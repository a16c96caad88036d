/**
 * Injected UI lives in closed shadow roots: the forum's CSS cannot reach it, nor ours the forum,
 * and the forum's scripts cannot read it (a note's text, the panel, the editor): a host's
 * `shadowRoot` is null for them, and for Threadnote too, which finds its roots with shadowOf.
 */
import { render, type ComponentChild } from 'preact';
import { themeSheet } from './theme';

const sheets = new Map<string, CSSStyleSheet>();
const roots = new WeakMap<Element, ShadowRoot>();

function sheetFor(css: string): CSSStyleSheet {
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  return sheet;
}

/** Tag names start with `tn-` (DESIGN.md); they need no custom element definition to host a root. */
export function createShadowHost(tag: `tn-${string}`, css: string): HTMLElement {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  // The forum's tokens first (theme.ts): every root's own rules read them.
  root.adoptedStyleSheets = [themeSheet(), sheetFor(css)];
  roots.set(host, root);
  return host;
}

export function shadowOf(host: HTMLElement): ShadowRoot {
  const root = roots.get(host);
  if (!root) throw new Error(`${host.tagName} has no shadow root`);
  return root;
}

/**
 * The element that has focus, inside Threadnote's closed roots too: an event's path stops at
 * their host for listeners outside them, as it does for the page's.
 */
export function focusedWithin(element: Element): Element {
  let focused = element;
  let inner = roots.get(focused)?.activeElement;
  while (inner) {
    focused = inner;
    inner = roots.get(focused)?.activeElement;
  }
  return focused;
}

/** A Preact UI in a closed shadow root of its own: one host, drawn again in place, then removed. */
export class ShadowUi {
  readonly host: HTMLElement;

  constructor(tag: `tn-${string}`, css: string) {
    this.host = createShadowHost(tag, css);
  }

  render(ui: ComponentChild): void {
    render(ui, shadowOf(this.host));
  }

  /** Unmounts the UI (its effects end) and takes the host off the page. */
  remove(): void {
    render(null, shadowOf(this.host));
    this.host.remove();
  }
}
