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
} from '../shared/messages';
import { callWorker } from '../shared/messaging';
import { WIPE_CONFIRMATION, type ExportFormat } from '../shared/model';
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
