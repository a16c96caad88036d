/** The only module that imports the WebExtension API: everything else takes `browser` from here. */
import browser from 'webextension-polyfill';

export type { Permissions, Runtime, Scripting, Tabs } from 'webextension-polyfill';
export { browser };

/**
 * A file of the extension as a path inside its package, as `scripting` takes it: Chrome's
 * `runtime.getManifest()` lists files that way, Firefox's as full moz-extension:// URLs.
 */
export function packagePath(file: string): string {
  const root = browser.runtime.getURL('');
  return file.startsWith(root) ? file.slice(root.length) : file;
}
