/**
 * Injected UI lives in closed shadow roots: the forum's CSS cannot reach it, nor ours the forum,
 * and the forum's scripts cannot read it (a note's text, the panel, the editor): a host's
 * `shadowRoot` is null for them, and for Threadnote too, which finds its roots with shadowOf.
 *
 * Kept apart from the Preact helper in shadow.ts: the content script that runs on every page load
 * draws chips and notes with plain DOM calls, and must not carry Preact.
 */

/**
 * Every root Threadnote made in this page's isolated world, by host. The content script and its
 * UI script (lazy/ui.ts) each carry a copy of this module, and must find each other's roots (the
 * keyboard must see that the reader types in the note editor): the map is kept on the isolated
 * world's global object, which the page's own scripts cannot see.
 */
const scope = globalThis as {
  threadnoteRoots?: WeakMap<Element, ShadowRoot>;
  threadnoteTheme?: CSSStyleSheet;
};
const roots = (scope.threadnoteRoots ??= new WeakMap());
const sheets = new Map<string, CSSStyleSheet>();

/**
 * The forum's tokens (theme.ts fills it), adopted first by every root, so the UI script's roots
 * take the look the content script found: shared the same way as the roots.
 */
export function themeSheet(): CSSStyleSheet {
  return (scope.threadnoteTheme ??= new CSSStyleSheet());
}

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
  // The forum's tokens first: every root's own rules read them.
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
