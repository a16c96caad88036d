/** The only module that imports the WebExtension API: everything else takes `browser` from here. */
import browser from 'webextension-polyfill';

export type { Alarms, Permissions, Runtime, Scripting, Tabs } from 'webextension-polyfill';
export { browser };

/**
 * A file of the extension as a path inside its package, as `scripting` takes it: Chrome's
 * `runtime.getManifest()` lists files that way, Firefox's as full moz-extension:// URLs.
 */
export function packagePath(file: string): string {
  const root = browser.runtime.getURL('');
  return file.startsWith(root) ? file.slice(root.length) : file;
}

/**
 * Opens the browser's own page for extension keyboard shortcuts. Chromium has one at an address
 * an extension may open; Firefox keeps it in the add-ons manager, which an extension cannot open,
 * so this resolves false there and the caller says where to find it.
 */
export async function openShortcutSettings(): Promise<boolean> {
  try {
    await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
    return true;
  } catch {
    return false;
  }
}
