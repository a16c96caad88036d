/**
 * The forum's look, light or dark, as CSS custom properties (`--tn-fg`, `--tn-font`, …) in one
 * stylesheet that every Threadnote shadow root adopts first (shadow.ts): changing it restyles all
 * of Threadnote's UI at once, and nothing else.
 *
 * Whether the page is dark is read from its computed colours, not from a list of themes or
 * add-ons: the effective background behind the comments (the first opaque one walking up from a
 * comment to <html>) and its luminance. Lobsters' prefers-color-scheme styles, Reddit's night
 * mode class, a Discourse dark scheme and a page darkened by Dark Reader or an injected stylesheet
 * all end up there. It is read again when the system's scheme changes, when <html> or <body>
 * change class or style, and when the page's <head> gains or loses a stylesheet.
 */
import type { ForumLook } from '../sites/forum-look';
import { themeSheet } from './shadow-roots';
import { trusted } from './trusted';

/** Below this relative luminance a background counts as dark (mid-grey is about 0.2). */
const DARK_BELOW = 0.2;

let shown = '';

/** The `:host` rule that declares a look's tokens. */
export function tokensCss(look: ForumLook, dark: boolean): string {
  const palette = dark ? look.dark : look.light;
  // `onAccent` is `--tn-on-accent`.
  const colours = Object.entries(palette)
    .map(
      ([name, value]) => `--tn-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${value};`,
    )
    .join(' ');
  return `:host { --tn-font: ${look.font}; --tn-size: ${look.size}; --tn-small: ${look.small}; ${colours} --tn-scheme: ${dark ? 'dark' : 'light'}; color-scheme: ${dark ? 'dark' : 'light'}; }`;
}

function applyTokens(look: ForumLook, dark: boolean): void {
  const css = tokensCss(look, dark);
  if (css === shown) return;
  shown = css;
  themeSheet().replaceSync(css);
}

/** Red, green, blue (0–255) and alpha (0–1) of a computed colour. */
export type Rgba = [number, number, number, number];

/**
 * Parses a computed colour. Browsers give `rgb()`/`rgba()` for every sRGB colour, however the page
 * wrote it; a colour in a wider space (`oklch()`, `color()`) counts as transparent, and the walk
 * for the background goes on past it.
 */
export function parseColour(value: string): Rgba | null {
  const match =
    /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(
      value.trim(),
    );
  if (!match) return null;
  const alpha = match[4] ?? '1';
  const a = alpha.endsWith('%') ? Number.parseFloat(alpha) / 100 : Number(alpha);
  return [Number(match[1]), Number(match[2]), Number(match[3]), a];
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance([r, g, b]: Rgba): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/**
 * The background a reader sees behind the element: the first ancestor's that is mostly opaque,
 * or, when every one is transparent, the canvas of the root's colour scheme.
 */
export function effectiveBackground(element: Element): Rgba {
  for (let at: Element | null = element; at; at = at.parentElement) {
    const colour = parseColour(getComputedStyle(at).backgroundColor);
    if (colour && colour[3] >= 0.5) return colour;
  }
  const scheme = getComputedStyle(element.ownerDocument.documentElement).colorScheme;
  return scheme.includes('dark') && !scheme.includes('light')
    ? [18, 18, 18, 1]
    : [255, 255, 255, 1];
}

export function isDarkBehind(element: Element): boolean {
  return luminance(effectiveBackground(element)) < DARK_BELOW;
}

/**
 * Keeps the tokens to the page: the forum's look, light or dark as the page shows now. `sample`
 * gives the element whose background counts (a comment, or the body before comments are read).
 */
export class Theme {
  private readonly observer: MutationObserver;
  private readonly media: MediaQueryList;
  private pending = 0;
  private dark = false;
  private readonly onScheme = () => this.schedule();
  private readonly onLoad = trusted(() => this.schedule());

  constructor(
    private readonly look: ForumLook,
    private readonly doc: Document,
    private readonly sample: () => Element | null,
  ) {
    applyTokens(look, false);
    this.observer = new MutationObserver(() => this.schedule());
    this.media = doc.defaultView?.matchMedia('(prefers-color-scheme: dark)') ?? matchMedia('all');
  }

  start(): void {
    const { doc } = this;
    const watched = { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] };
    this.observer.observe(doc.documentElement, watched);
    if (doc.body) this.observer.observe(doc.body, watched);
    if (doc.head) {
      this.observer.observe(doc.head, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['media', 'disabled', 'href'],
      });
    }
    // A scheme change is the browser's, not the page's: no page script can fire it.
    this.media.onchange = this.onScheme;
    // Stylesheets still loading change the colours once more.
    if (doc.readyState !== 'complete') {
      doc.defaultView?.addEventListener('load', this.onLoad, { once: true });
    }
    this.schedule();
  }

  /** Whether the page reads as dark now. */
  isDark(): boolean {
    return this.dark;
  }

  /** Reads the page's colours again, once per frame however many changes came. */
  private schedule(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.detect();
    });
  }

  detect(): void {
    const element = this.sample() ?? this.doc.body ?? this.doc.documentElement;
    this.dark = isDarkBehind(element);
    applyTokens(this.look, this.dark);
  }

  stop(): void {
    this.observer.disconnect();
    if (this.media.onchange === this.onScheme) this.media.onchange = null;
    this.doc.defaultView?.removeEventListener('load', this.onLoad);
    if (this.pending) cancelAnimationFrame(this.pending);
  }
}
