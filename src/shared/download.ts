/**
 * Saves a file through the browser's own download handling: a link with `download` on a Blob
 * URL, which needs no `downloads` permission and honours the reader's "ask where to save".
 */
import type { ExportFormat } from './model';

const EXTENSION: Record<ExportFormat, string> = { json: 'json', markdown: 'md', csv: 'csv' };

/** `threadnote-2026-11-29.json`, in the reader's own calendar; one thread adds its key. */
export function exportFileName(format: ExportFormat, date: Date, threadKey?: string): string {
  const day = [
    date.getFullYear(),
    String(date.getMonth() + 1).padStart(2, '0'),
    String(date.getDate()).padStart(2, '0'),
  ].join('-');
  const thread = threadKey ? `-${threadKey.replace(/[^a-z0-9.-]+/gi, '-')}` : '';
  return `threadnote-${day}${thread}.${EXTENSION[format]}`;
}

/** How long a Blob URL outlives its click: the download has resolved it long before. */
const REVOKE_AFTER_MS = 60_000;

export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
