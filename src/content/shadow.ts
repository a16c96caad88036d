/**
 * Mounting a Preact UI in a closed shadow root of its own (the roots themselves: shadow-roots.ts).
 * Only the UI script (lazy/ui.ts) draws with Preact; the content script that runs on page load
 * imports shadow-roots.ts alone.
 */
import { render, type ComponentChild } from 'preact';
import { createShadowHost, shadowOf } from './shadow-roots';

export { createShadowHost, focusedWithin, shadowOf } from './shadow-roots';

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
