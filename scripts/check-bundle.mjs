#!/usr/bin/env node
/**
 * Part of `npm run test:browser` and `test:firefox`, after the build: prints the size of every
 * script that the browser runs on each forum page load (one per forum), and fails when one is over
 * its limit. That eager script holds the adapter of the site, the read, attributes, chips, notes
 * and folds; the panel, tag picker, note editor, bars and toast are in the UI script
 * (src/content/lazy/ui.ts), injected at idle or on first use, whose size is printed alone.
 *
 * The limit is the goal set for it, 15 KB gzip, read strictly as 15,000 bytes. The split reached
 * 14.1-14.6 KiB; each forum's look, dark detection, note clamps and HN's fold agreement then
 * brought it to 16.6-17.3 KiB, and moving everything that edits (the outbox, the keyboard, undo)
 * to the UI script back to 14.0-14.5 KiB. Move what a page load does not need into the UI script.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT = 15_000;
const dir = process.argv[2] ?? 'dist';

const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const files = new Set((manifest.content_scripts ?? []).flatMap((script) => script.js ?? []));
// One script per forum; Discourse hosts get theirs through scripting.registerContentScripts.
for (const file of readdirSync(join(dir, 'src/content/entries'))) {
  if (file.endsWith('.js')) files.add(`src/content/entries/${file}`);
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
let over = false;
for (const file of [...files].sort()) {
  const code = readFileSync(join(dir, file));
  const gzip = gzipSync(code, { level: 9 }).length;
  const verdict = gzip > LIMIT ? 'OVER LIMIT' : 'ok';
  console.log(`${file}: ${kib(code.length)}, ${gzip} bytes gzip (limit ${LIMIT}): ${verdict}`);
  if (gzip > LIMIT) over = true;
}
const ui = 'src/content/lazy/ui.js';
const uiCode = readFileSync(join(dir, ui));
console.log(
  `${ui} (loaded later): ${kib(uiCode.length)}, ${kib(gzipSync(uiCode, { level: 9 }).length)} gzip`,
);
// Content scripts need no web-accessible listing; one would let any page detect Threadnote by
// loading it (crxjs adds one for the Discourse script, which vite.config.ts takes out).
const exposed = (manifest.web_accessible_resources ?? [])
  .flatMap((entry) => entry.resources ?? [])
  .filter((file) => file.startsWith('src/content/'));
if (exposed.length > 0) {
  console.error(`web_accessible_resources lists content scripts: ${exposed.join(', ')}`);
}
if (over) {
  console.error(
    'An eager content script grew past its limit: move what a page load does not need into the UI script (src/content/lazy/ui.ts).',
  );
}
// A manifest script that is not a self-contained entry is a crxjs loader, which imports a chunk
// that pages cannot load: that forum would get no Threadnote at all.
const loaders = (manifest.content_scripts ?? [])
  .flatMap((script) => script.js ?? [])
  .filter((file) => !file.startsWith('src/content/entries/'));
if (loaders.length > 0) {
  console.error(`Content scripts built as loaders, not standalone files: ${loaders.join(', ')}`);
}
if (over || exposed.length > 0 || loaders.length > 0) process.exit(1);
