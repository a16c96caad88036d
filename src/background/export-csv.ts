/**
 * CSV for spreadsheets: one row per annotated comment. Quoting is Papa Parse's (RFC 4180, CRLF
 * between records), and cells that a spreadsheet would run as a formula get a leading apostrophe.
 */
import Papa from 'papaparse';
import type { CommentAnnotation, ExportedThread } from '../shared/model';

/** Excel reads a CSV as UTF-8 only when it starts with a byte order mark. */
export const CSV_BOM = '\ufeff';

export const CSV_COLUMNS = [
  'Thread',
  'Thread link',
  'Comment link',
  'Author',
  'Tags',
  'Note',
  'Quote',
  'Fold',
  'Annotated',
  'Updated',
] as const;

/** OWASP's "CSV Injection" list, with the full-width forms Apple Numbers also runs. */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** Rows as CSV, each ending in CRLF, so pieces written one after another join into one file. */
function toCsv(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const csv = Papa.unparse(rows as string[][], {
    newline: '\r\n',
    header: false,
    escapeFormulae: FORMULA_START,
  });
  return `${csv}\r\n`;
}

export function csvHeader(): string {
  return toCsv([CSV_COLUMNS]);
}

export function csvRows(thread: ExportedThread, comments: readonly CommentAnnotation[]): string {
  return toCsv(
    comments.map((comment) => [
      thread.title,
      thread.url,
      comment.url,
      comment.author,
      comment.tags.join(', '),
      comment.note,
      comment.quote,
      comment.fold,
      comment.createdAt,
      comment.updatedAt,
    ]),
  );
}
