import { defineConfig, type Plugin } from 'vite';
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

/**
 * The Discourse content script and the content scripts' UI script (src/content/lazy/ui.ts) are
 * built by crxjs from `?script&iife` imports in the worker, which injects them with `scripting`:
 * that needs no web-accessible file. crxjs lists them in `web_accessible_resources` for every site
 * all the same, which would let any page detect Threadnote by loading them, and emits an ES chunk
 * of each that nothing loads. Both go.
 */
function contentScriptsStayPrivate(): Plugin {
  const injected = ['/src/content/entries/', '/src/content/lazy/'];
  return {
    name: 'threadnote:content-scripts-stay-private',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const [file, output] of Object.entries(bundle)) {
          const facade = output.type === 'chunk' ? output.facadeModuleId : null;
          if (facade && injected.some((folder) => facade.includes(folder))) {
            Reflect.deleteProperty(bundle, file);
          }
        }
        const asset = bundle['manifest.json'];
        if (asset?.type !== 'asset') return;
        const built = JSON.parse(String(asset.source)) as {
          web_accessible_resources?: { resources: string[] }[];
        };
        const kept = (built.web_accessible_resources ?? [])
          .map((entry) => ({
            ...entry,
            resources: entry.resources.filter((file) => !file.startsWith('src/content/')),
          }))
          .filter((entry) => entry.resources.length > 0);
        if (kept.length > 0) built.web_accessible_resources = kept;
        else delete built.web_accessible_resources;
        asset.source = `${JSON.stringify(built, null, 2)}\n`;
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [
      preact(),
      crx({
        manifest: manifestFor(browser),
        browser,
        // Each forum's content script is one self-contained file: it needs no web-accessible
        // chunk, which would let any page detect Threadnote (docs/architecture.md). Read from the
        // manifest, so a forum added there cannot be built as a loader that never runs.
        contentScripts: {
          standaloneFiles: manifest.content_scripts.flatMap((script) => script.js),
        },
      }),
      contentScriptsStayPrivate(),
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
