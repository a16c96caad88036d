/** The report's tables: a label, then median, min and max, then the median against a baseline. */

export const LABEL = 52;
const COLUMN = 9;

export const fmt = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
export const times = (value, digits = 1) =>
  Number.isFinite(value) ? `${value.toFixed(digits)}×` : '–';

export function heading(title, baseline) {
  return (
    title.padEnd(LABEL) +
    ['median', 'min', 'max', baseline].map((head) => head.padStart(COLUMN)).join('')
  );
}

/**
 * One row of a table. `against` turns the median into a ratio column (omit it for counts and
 * absolute figures); `note` follows the row.
 */
export function tableRow(label, summary, { digits = 1, against, note = '' } = {}) {
  return (
    label.padEnd(LABEL) +
    [summary.median, summary.min, summary.max]
      .map((value) => fmt(value, digits).padStart(COLUMN))
      .join('') +
    (against ? times(against(summary.median)) : '').padStart(COLUMN) +
    (note ? `   ${note}` : '')
  );
}

/** Explanations under a table, aligned with its numbers. */
export const aside = (text) => `${''.padEnd(LABEL)}${text}`;
