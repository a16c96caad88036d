import { describe, expect, it } from 'vitest';
import { defaultTagColor, parseTagName, siteOfKey, TAG_PALETTE } from '../../src/shared/model';

describe('parseTagName', () => {
  it('trims, lowercases and joins inner whitespace with dashes', () => {
    expect(parseTagName('  Follow Up\tLater ')).toEqual({ ok: true, name: 'follow-up-later' });
  });

  it('refuses empty, too long and comma names with a reason', () => {
    expect(parseTagName('   ')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/empty/),
    });
    expect(parseTagName('x'.repeat(41))).toMatchObject({ ok: false });
    expect(parseTagName('x'.repeat(40))).toEqual({ ok: true, name: 'x'.repeat(40) });
    expect(parseTagName('a,b')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/comma/),
    });
  });
});

describe('keys and colours', () => {
  it('finds the site of a key, Discourse hosts included', () => {
    expect(siteOfKey('hn:41428115')).toBe('hn');
    expect(siteOfKey('discourse/meta.discourse.org:12')).toBe('discourse/meta.discourse.org');
    expect(siteOfKey('nokey')).toBe('');
  });

  it('gives every tag a stable colour from the palette', () => {
    expect(defaultTagColor('insightful')).toBe(defaultTagColor('insightful'));
    expect(TAG_PALETTE).toContain(defaultTagColor('wrong'));
  });
});

describe('hostile tag names', () => {
  it('refuses invisible and direction characters and over-long names', () => {
    expect(parseTagName('abc\u202Edef').ok).toBe(false);
    expect(parseTagName('a\u200Fb').ok).toBe(false);
    expect(parseTagName('zero\u200Bwidth').ok).toBe(false);
    expect(parseTagName('x'.repeat(4000)).ok).toBe(false);
  });

  it('keeps markup-looking names as plain names, to be shown as text', () => {
    expect(parseTagName('<img src=x onerror=alert(1)>')).toEqual({
      ok: true,
      name: '<img-src=x-onerror=alert(1)>',
    });
    expect(parseTagName('"quoted"')).toEqual({ ok: true, name: '"quoted"' });
  });
});
