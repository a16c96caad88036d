/**
 * The look of a forum, as tokens: Threadnote's injected UI takes its font, sizes and colours from
 * these (src/content/ui/styles.ts uses them as CSS custom properties), so that its chips, stubs
 * and notes read as part of the page. Each forum's tokens sit beside its adapter
 * (`<forum>-style.ts`); the structure is shared.
 */
export interface Palette {
  /** Text. */
  fg: string;
  /** Secondary text: chips, stubs, dates. At least 4.5:1 on `bg` and `surface`. */
  muted: string;
  /** Panels, popovers, the editor. */
  bg: string;
  /** Notes and bars set into the page. */
  surface: string;
  border: string;
  /** Links and actions written in the forum's accent, readable (4.5:1) on `bg` and `surface`. */
  accent: string;
  /** Text on a filled `accent` button. */
  onAccent: string;
  /** Decorative accent (a note's left rule), never text. */
  mark: string;
  focus: string;
  danger: string;
  ok: string;
}

export interface ForumLook {
  /** The forum's own font stack. */
  font: string;
  /** Note and panel text, as the forum sets comment text. */
  size: string;
  /** Chips, stubs and controls, as the forum sets comment headers. */
  small: string;
  light: Palette;
  /** Used when the page is dark: the forum's dark theme, the system's, or a darkening add-on. */
  dark: Palette;
}
