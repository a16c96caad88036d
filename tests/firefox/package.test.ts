/**
 * `npm run package`'s zips hold what each store expects, with package.json's version, and the
 * addons.mozilla.org one installs and runs in Firefox as it is.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { HN } from '../kit/chromium';
import { launchFirefox, openThread } from '../kit/firefox';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const out = mkdtempSync(join(tmpdir(), 'threadnote-package-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The packaging script on the builds npm test has just made. */
function packageZips(): void {
  execFileSync(process.execPath, ['scripts/package.mjs', '--out', out], { stdio: 'pipe' });
}

function entries(name: string): Record<string, Uint8Array> {
  return unzipSync(readFileSync(join(out, `threadnote-${version}-${name}.zip`)));
}

interface Manifest {
  version: string;
  background: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: {
    gecko: { id: string; data_collection_permissions: { required: string[] } };
  };
}

function manifestOf(files: Record<string, Uint8Array>): Manifest {
  const bytes = files['manifest.json'];
  if (!bytes) throw new Error('No manifest.json at the root of the zip');
  return JSON.parse(strFromU8(bytes)) as Manifest;
}

describe('npm run package', () => {
  it('zips each build with its manifest at the root, and the sources', () => {
    packageZips();
    const chrome = manifestOf(entries('chrome'));
    expect(chrome.version).toBe(version);
    expect(chrome.background.service_worker).toBeDefined();
    expect(chrome.browser_specific_settings).toBeUndefined();

    const firefox = manifestOf(entries('firefox'));
    expect(firefox.version).toBe(version);
    expect(firefox.background.scripts).toHaveLength(1);
    expect(firefox.background.service_worker).toBeUndefined();
    expect(firefox.browser_specific_settings?.gecko.data_collection_permissions).toEqual({
      required: ['none'],
    });

    const source = Object.keys(entries('source'));
    const root = `threadnote-${version}/`;
    expect(source).toEqual(
      expect.arrayContaining(
        ['package.json', 'package-lock.json', 'README.md', 'vite.config.ts', 'manifest.json'].map(
          (name) => root + name,
        ),
      ),
    );
    expect(source.every((name) => name.startsWith(root))).toBe(true);
    expect(source.filter((name) => /\/(node_modules|dist|dist-firefox)\//.test(name))).toEqual([]);
  });

  it('installs the addons.mozilla.org zip in Firefox, where it annotates a thread', async () => {
    const session = await launchFirefox({
      extension: join(out, `threadnote-${version}-firefox.zip`),
    });
    try {
      const page = await openThread(session, `${HN}/item?id=44533403`, 'tr.athing.comtr');
      expect(await page.$$eval('[data-tn-comment^="hn:"]', (rows) => rows.length)).toBe(
        await page.$$eval('tr.athing.comtr', (rows) => rows.length),
      );
    } finally {
      await session.close();
    }
  });
});
