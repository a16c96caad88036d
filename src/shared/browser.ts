/** The only module that imports the WebExtension API: everything else takes `browser` from here. */
import browser from 'webextension-polyfill';

export type { Permissions, Runtime, Scripting, Tabs } from 'webextension-polyfill';
export { browser };
