import { defineConfig } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

/**
 * Firefox's identity for Threadnote. It keys the add-on's storage, so it must never change: a new
 * id would be a new add-on with an empty database.
 */
export const GECKO_ID = 'threadnote@threadnote';

/**
 * One source, two builds: `vite build` writes the Chromium build into dist/, and
 * `vite build --mode firefox` the Firefox one into dist-firefox/. Firefox runs the background as
 * an event page (`background.scripts`) rather than a service worker, and reads its own settings.
 */
function manifestFor(browser: 'chrome' | 'firefox'): ManifestV3Export {
  // package.json is the one place the version is written; the manifest takes it at build time.
  const common = { ...manifest, version: pkg.version };
  if (browser === 'chrome') return common as ManifestV3Export;
  return {
    ...common,
    background: { scripts: [manifest.background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // The first release that reads data_collection_permissions, and an ESR.
        strict_min_version: '140.0',
        // Threadnote sends nothing anywhere; Firefox shows this at install.
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android read data_collection_permissions from 142 on. (Threadnote is not
      // tested there; see the README.)
      gecko_android: { strict_min_version: '142.0' },
    },
  } as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [
      preact(),
      crx({
        manifest: manifestFor(browser),
        browser,
        contentScripts: { standaloneFiles: ['src/content/index.ts'] },
      }),
    ],
    build: {
      outDir: browser === 'firefox' ? 'dist-firefox' : 'dist',
      target: browser === 'firefox' ? 'firefox140' : 'chrome120',
      sourcemap: false,
      emptyOutDir: true,
    },
    // The content script runs on every forum page: keep dev-only helpers out of it.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  };
});
