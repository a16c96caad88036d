/** What a tag field offers: matches ranked, a new tag only by an explicit row, lists split. */
import { describe, expect, it } from 'vitest';
import { editDistance, splitTagList, suggestTags } from '../../src/shared/tag-suggest';

const KNOWN = ['compilers', 'follow-up', 'later', 'sources', 'good', 'bad', 'to-read', 'reading'];

const names = (text: string, known = KNOWN) =>
  suggestTags(text, known, []).rows.map((row) => `${row.kind}:${row.name}`);

describe('suggestTags', () => {
  it('highlights the existing tag, never a new one, while one matches', () => {
    const result = suggestTags('compil', KNOWN, []);
    expect(result.rows[result.active]).toEqual({ kind: 'tag', name: 'compilers' });
    expect(result.rows.at(-1)).toEqual({ kind: 'create', name: 'compil' });
  });

  it('ranks prefix, then a word’s start, then substring, then near matches', () => {
    expect(names('read')).toEqual(['tag:reading', 'tag:to-read', 'create:read']);
    expect(names('our')).toEqual(['tag:sources', 'create:our']);
    expect(names('folowup')).toEqual(['tag:follow-up', 'create:folowup']);
    expect(names('compliers')).toEqual(['tag:compilers', 'create:compliers']);
  });

  it('does not guess from short queries', () => {
    expect(names('bd')).toEqual(['create:bd']);
  });

  it('offers "create" highlighted only when nothing matches', () => {
    const result = suggestTags('remote', KNOWN, []);
    expect(result.rows).toEqual([{ kind: 'create', name: 'remote' }]);
    expect(result.active).toBe(0);
  });

  it('offers no create row for an existing name, and puts the exact match first', () => {
    expect(names('later')).toEqual(['tag:later']);
    expect(names('Follow Up')).toEqual(['tag:follow-up']);
  });

  it('fills an empty field with a handful of recent tags, none highlighted', () => {
    const many = Array.from({ length: 20 }, (_, i) => `tag-${i}`);
    const result = suggestTags('  ', many, [...many].reverse());
    expect(result.rows).toHaveLength(6);
    expect(result.rows[0]).toEqual({ kind: 'tag', name: 'tag-19' });
    expect(result.active).toBe(-1);
  });

  it('reports a name that can be no tag and offers to create nothing', () => {
    const result = suggestTags('x'.repeat(200), KNOWN, []);
    expect(result.invalid).toMatch(/at most/);
    expect(result.rows).toEqual([]);
  });
});

describe('splitTagList', () => {
  it('reads `a, b, c` as tags, keeping what follows the last comma', () => {
    expect(splitTagList('remote, Visa,')).toEqual({
      names: ['remote', 'visa'],
      rest: '',
      invalid: [],
    });
    expect(splitTagList('a, b, c')).toEqual({ names: ['a', 'b'], rest: 'c', invalid: [] });
    expect(splitTagList(', a,, a,')).toEqual({ names: ['a'], rest: '', invalid: [] });
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('form', 'from')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});
