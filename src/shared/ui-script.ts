/**
 * The name under which a content script waits for its UI script (src/content/lazy/ui.ts): a
 * property of the extension's isolated world, which the page's own scripts cannot see. The worker
 * reads it too, to inject the UI script only into a world that is waiting for it.
 */
export const UI_SCRIPT_HOOK = 'threadnoteUi';
