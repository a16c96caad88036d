#!/usr/bin/env node
/**
 * `npm run package` (which builds dist/ and dist-firefox/ first): writes the store uploads into
 * artifacts/ (or the folder given as `--out <dir>`), named with package.json's version:
 *
 *   threadnote-<version>-chrome.zip    the Chrome Web Store upload: dist/, manifest at the root
 *   threadnote-<version>-firefox.zip   the addons.mozilla.org upload: dist-firefox/
 *   threadnote-<version>-source.zip    the source AMO asks for when code is bundled: every file
 *                                      git tracks or would track (not node_modules, not builds)
 *
 * The zips are reproducible: files in a fixed order, all dated to the last commit.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { zipSync } from 'fflate';

const ROOT = resolve(import.meta.dirname, '..');
const BUILDS = { chrome: join(ROOT, 'dist'), firefox: join(ROOT, 'dist-firefox') };

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] ? resolve(process.argv[index + 1]) : fallback;
}

function git(...args) {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
}

/** Zip entries must not predate 1980; a checkout without history gets that date. */
function lastCommitDate() {
  try {
    return new Date(Number(git('log', '-1', '--format=%ct').trim()) * 1000);
  } catch {
    return new Date('1980-01-01T00:00:00Z');
  }
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

function zip(root, paths, mtime, prefix = '') {
  const entries = {};
  for (const path of [...paths].sort()) {
    const name = prefix + relative(root, path).split(sep).join('/');
    entries[name] = [readFileSync(path), { mtime, level: 9 }];
  }
  return zipSync(entries);
}

function builtVersion(dir) {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) return null;
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const out = option('--out', join(ROOT, 'artifacts'));
for (const [browser, dir] of Object.entries(BUILDS)) {
  const built = builtVersion(dir);
  if (built !== version) {
    console.error(
      built === null
        ? `${relative(ROOT, dir)}/ has no build: run \`npm run package\`, which builds first.`
        : `${relative(ROOT, dir)}/ is version ${built}, package.json says ${version}: rebuild.`,
    );
    process.exit(1);
  }
  if (
    browser === 'firefox' &&
    !readFileSync(join(dir, 'manifest.json'), 'utf8').includes('gecko')
  ) {
    console.error(`${relative(ROOT, dir)}/ is not a Firefox build.`);
    process.exit(1);
  }
}

const mtime = lastCommitDate();
const sources = git('ls-files', '--cached', '--others', '--exclude-standard', '-z')
  .split('\0')
  .filter((name) => name && existsSync(join(ROOT, name)))
  .map((name) => join(ROOT, name));
if (git('status', '--porcelain').trim()) {
  console.warn('The working tree has uncommitted changes: the source zip holds them as they are.');
}

mkdirSync(out, { recursive: true });
const zips = {
  [`threadnote-${version}-chrome.zip`]: zip(BUILDS.chrome, filesUnder(BUILDS.chrome), mtime),
  [`threadnote-${version}-firefox.zip`]: zip(BUILDS.firefox, filesUnder(BUILDS.firefox), mtime),
  [`threadnote-${version}-source.zip`]: zip(ROOT, sources, mtime, `threadnote-${version}/`),
};
for (const [name, bytes] of Object.entries(zips)) {
  writeFileSync(join(out, name), bytes);
  console.log(`${join(relative(ROOT, out) || '.', name)}  ${(bytes.length / 1024).toFixed(0)} KiB`);
}
