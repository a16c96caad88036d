/**
 * The options page's only way to the extension. Sections take an OptionsConnector, so tests can
 * hand them a mock instead of a browser.
 */
import { browser, openShortcutSettings } from '../shared/browser';
import { exportFileName, saveFile } from '../shared/download';
import type { DataOverview, ImportOutcome, RecordCounts, TagChange } from '../shared/messages';
import type { ExportSelection } from '../shared/worker-streams';
import { callWorker } from '../shared/messaging';
import {
  WIPE_CONFIRMATION,
  type ExportFormat,
  type Settings,
  type Tag,
  type TagUsage,
} from '../shared/model';
import {
  exportData,
  sendForImport,
  type ImportProgress,
  type Progress,
} from '../shared/stream-client';
import { adapters, hostPattern, siteLabel } from '../sites/registry';

export interface SavedExport {
  fileName: string;
  counts: RecordCounts;
}

/** A forum Threadnote reads: one of the built-in ones, or a host the reader enabled. */
export interface SiteSetting {
  site: string;
  name: string;
  /** Built-in sites are turned off in the settings; enabled hosts are given back. */
  kind: 'built-in' | 'enabled-host';
  on: boolean;
}

export interface Shortcut {
  description: string;
  /** As the browser shows it, or empty when none is set. */
  shortcut: string;
}

export interface OptionsConnector {
  sites(): Promise<SiteSetting[]>;
  /** Turns Threadnote on or off on a built-in site, from the next page load. */
  setSiteOn(site: string, on: boolean): Promise<void>;
  /** Gives back the permission for an enabled host: Threadnote stops running there. */
  forgetHost(site: string): Promise<void>;
  /** The browser-wide shortcuts (the one that opens the popup). */
  shortcuts(): Promise<Shortcut[]>;
  /** Opens the browser's shortcuts page; false where an extension cannot open it (Firefox). */
  openShortcutSettings(): Promise<boolean>;
  version(): string;
  /** Bytes this extension's storage takes, as the browser estimates it; null if it will not say. */
  storageUsed(): Promise<number | null>;
  tags(): Promise<Tag[]>;
  usage(): Promise<TagUsage[]>;
  settings(): Promise<Settings>;
  updateTag(name: string, patch: { color?: string; description?: string }): Promise<Tag>;
  renameTag(from: string, to: string): Promise<TagChange>;
  mergeTags(from: string[], into: string): Promise<TagChange>;
  deleteTag(name: string): Promise<TagChange>;
  setQuickTags(quickTags: string[]): Promise<Settings>;
  /** Whether comments carry their tag names in attributes the forum's page can read. */
  setTagNamesInPage(on: boolean): Promise<Settings>;
  overview(): Promise<DataOverview>;
  /** Builds an export and hands it to the browser's downloads. */
  exportFile(
    format: ExportFormat,
    selection: ExportSelection | null,
    onProgress: (progress: Progress) => void,
  ): Promise<SavedExport>;
  /** Checks a file and says what importing it would do, writing nothing. */
  checkImport(file: Blob, onProgress: (progress: ImportProgress) => void): Promise<ImportOutcome>;
  applyImport(file: Blob, onProgress: (progress: ImportProgress) => void): Promise<ImportOutcome>;
  wipe(): Promise<RecordCounts>;
}

export const extensionConnector: OptionsConnector = {
  async sites() {
    const [settings, enabled] = await Promise.all([
      callWorker('settings.get', {}),
      callWorker('sites.enabled', {}),
    ]);
    return [
      ...adapters.map((adapter) => ({
        site: adapter.site,
        name: adapter.name,
        kind: 'built-in' as const,
        on: !settings.disabledSites.includes(adapter.site),
      })),
      ...enabled.map((site) => ({
        site,
        name: siteLabel(site),
        kind: 'enabled-host' as const,
        on: true,
      })),
    ];
  },
  async setSiteOn(site, on) {
    await callWorker('settings.site', { site, on });
  },
  async forgetHost(site) {
    await browser.permissions.remove({ origins: [hostPattern(site.slice(site.indexOf('/') + 1))] });
  },
  async shortcuts() {
    const commands = await browser.commands.getAll();
    return commands.map((command) => ({
      description:
        command.name === '_execute_action'
          ? 'Open the Threadnote popup'
          : (command.description ?? ''),
      shortcut: command.shortcut ?? '',
    }));
  },
  openShortcutSettings,
  version: () => browser.runtime.getManifest().version,
  async storageUsed() {
    const estimate = await navigator.storage?.estimate?.();
    return estimate?.usage ?? null;
  },
  tags: () => callWorker('tags.list', {}),
  usage: () => callWorker('tags.usage', {}),
  settings: () => callWorker('settings.get', {}),
  updateTag: (name, patch) => callWorker('tags.update', { name, patch }),
  renameTag: (from, to) => callWorker('tags.rename', { from, to }),
  mergeTags: (from, into) => callWorker('tags.merge', { from, into }),
  deleteTag: (name) => callWorker('tags.delete', { name }),
  setQuickTags: (quickTags) => callWorker('settings.update', { quickTags }),
  setTagNamesInPage: (tagNamesInPage) => callWorker('settings.update', { tagNamesInPage }),
  overview: () => callWorker('data.overview', {}),
  async exportFile(format, selection, onProgress) {
    const { blob, counts } = await exportData(format, selection, onProgress);
    const fileName = exportFileName(format, new Date());
    saveFile(blob, fileName);
    return { fileName, counts };
  },
  checkImport: (file, onProgress) => sendForImport(file, 'preview', onProgress),
  applyImport: (file, onProgress) => sendForImport(file, 'apply', onProgress),
  wipe: () => callWorker('data.wipe', { confirm: WIPE_CONFIRMATION }),
};
