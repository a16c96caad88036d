/**
 * The options page's only way to the extension. Sections take an OptionsConnector, so tests can
 * hand them a mock instead of a browser.
 */
import { exportFileName, saveFile } from '../shared/download';
import type {
  DataOverview,
  ExportSelection,
  ImportOutcome,
  RecordCounts,
  TagChange,
} from '../shared/messages';
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

export interface SavedExport {
  fileName: string;
  counts: RecordCounts;
}

export interface OptionsConnector {
  tags(): Promise<Tag[]>;
  usage(): Promise<TagUsage[]>;
  settings(): Promise<Settings>;
  updateTag(name: string, patch: { color?: string; description?: string }): Promise<Tag>;
  renameTag(from: string, to: string): Promise<TagChange>;
  mergeTags(from: string[], into: string): Promise<TagChange>;
  deleteTag(name: string): Promise<TagChange>;
  setQuickTags(quickTags: string[]): Promise<Settings>;
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
  tags: () => callWorker('tags.list', {}),
  usage: () => callWorker('tags.usage', {}),
  settings: () => callWorker('settings.get', {}),
  updateTag: (name, patch) => callWorker('tags.update', { name, patch }),
  renameTag: (from, to) => callWorker('tags.rename', { from, to }),
  mergeTags: (from, into) => callWorker('tags.merge', { from, into }),
  deleteTag: (name) => callWorker('tags.delete', { name }),
  setQuickTags: (quickTags) => callWorker('settings.update', { quickTags }),
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
