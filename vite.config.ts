import { defineConfig } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

// package.json is the one place the version is written; the manifest takes it at build time.
const withVersion = { ...manifest, version: pkg.version } as ManifestV3Export;

export default defineConfig({
  plugins: [
    preact(),
    crx({
      manifest: withVersion,
      browser: 'chrome',
      contentScripts: { standaloneFiles: ['src/content/index.ts'] },
    }),
  ],
  build: {
    target: 'chrome120',
    sourcemap: false,
    emptyOutDir: true,
  },
  // The content script runs on every forum page: keep dev-only helpers out of it.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
});
