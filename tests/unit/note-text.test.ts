import { describe, expect, it } from 'vitest';
import { firstLine, noteParts } from '../../src/shared/note-text';

describe('noteParts', () => {
  it('links http and https URLs and keeps the rest as text', () => {
    expect(noteParts('See https://example.com/a?b=1, and http://x.org.')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ', and ' },
      { kind: 'link', text: 'http://x.org', href: 'http://x.org/' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('never links other schemes, and keeps markup as text', () => {
    for (const note of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '<a href="javascript:alert(1)">x</a>',
      'vbscript:msgbox(1)',
    ]) {
      expect(noteParts(note).every((part) => part.kind === 'text')).toBe(true);
    }
  });

  it('drops bidi controls from what is shown', () => {
    expect(noteParts('safe \u202Etxt.exe\u202C https://a.b/\u202Ex')).toEqual([
      { kind: 'text', text: 'safe txt.exe ' },
      { kind: 'link', text: 'https://a.b/x', href: 'https://a.b/x' },
    ]);
  });

  it('keeps line breaks for the display to show', () => {
    expect(noteParts('one\ntwo')).toEqual([{ kind: 'text', text: 'one\ntwo' }]);
    expect(firstLine('  works at X\nknows Y')).toBe('works at X');
  });
});
