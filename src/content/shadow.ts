/** Injected UI lives in shadow roots so the forum's CSS cannot reach it, nor ours the forum. */
const sheets = new Map<string, CSSStyleSheet>();

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
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [sheetFor(css)];
  return host;
}

export function shadowOf(host: HTMLElement): ShadowRoot {
  if (!host.shadowRoot) throw new Error(`${host.tagName} has no shadow root`);
  return host.shadowRoot;
}
