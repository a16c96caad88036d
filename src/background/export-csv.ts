/**
 * CSV for spreadsheets: one row per annotated comment. Quoting is csv-stringify's (RFC 4180, CRLF
 * between records), and cells that a spreadsheet would run as a formula get a leading apostrophe.
 */
import { stringify } from 'csv-stringify/sync';
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

function toCsv(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], {
    record_delimiter: 'windows',
    // `=`, `+`, `-`, `@`, tab, CR and their full-width forms: see OWASP's "CSV Injection".
    escape_formulas: true,
    // Only CRLF is the record delimiter here; a lone LF or CR inside a cell must be quoted too.
    quoted_match: /[\r\n]/,
  });
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
