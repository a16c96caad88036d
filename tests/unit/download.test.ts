import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../src/shared/download';

describe('export file names', () => {
  it('dates the file in the reader’s own calendar, and names a single thread', () => {
    // Local midnight on New Year's Day: a UTC date would still say December 31 east of UTC.
    const newYear = new Date(2027, 0, 1, 0, 5);
    expect(exportFileName('json', newYear)).toBe('threadnote-2027-01-01.json');
    expect(exportFileName('markdown', newYear)).toBe('threadnote-2027-01-01.md');
    expect(exportFileName('csv', newYear)).toBe('threadnote-2027-01-01.csv');
    expect(exportFileName('markdown', newYear, 'hn:44533403')).toBe(
      'threadnote-2027-01-01-hn-44533403.md',
    );
    expect(exportFileName('json', newYear, 'discourse/meta.discourse.org:12')).toBe(
      'threadnote-2027-01-01-discourse-meta.discourse.org-12.json',
    );
  });
});
