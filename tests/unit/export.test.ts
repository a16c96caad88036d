import { parse as parseCsv } from 'csv-parse/sync';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { CHUNK_CHARS, exportText, startExport } from '../../src/background/export';
import { CSV_COLUMNS } from '../../src/background/export-csv';
import { codeSpan, escapeBlock, escapeInline } from '../../src/background/export-markdown';
import { readDocument } from '../../src/background/format';
import type { ExportDocument } from '../../src/shared/model';
import {
  EXPORTED_AT,
  fillFixtureStore,
  fillStore,
  fixtureComments,
  fixtureTags,
  fixtureThreads,
  fixtureUsers,
  kimiThread,
  motoboiComment,
  unicodeComment,
} from './fixture-store';
import { freshDatabase } from './helpers';

async function fixtureDb() {
  const db = await freshDatabase();
  await fillFixtureStore(db);
  return db;
}

describe('JSON export', () => {
  it('writes format version 1 exactly: DESIGN.md’s fields in its order, records by key', async () => {
    const text = await exportText(await fixtureDb(), 'json', null, EXPORTED_AT);
    const document = JSON.parse(text) as ExportDocument;
    expect(Object.keys(document)).toEqual([
      'format',
      'version',
      'exportedAt',
      'tags',
      'threads',
      'comments',
      'users',
    ]);
    expect(document).toMatchObject({ format: 'threadnote', version: 1, exportedAt: EXPORTED_AT });
    expect(Object.keys(document.tags[0] ?? {})).toEqual([
      'name',
      'color',
      'description',
      'createdAt',
    ]);
    expect(Object.keys(document.threads[0] ?? {})).toEqual([
      'key',
      'title',
      'url',
      'firstVisitedAt',
      'lastVisitedAt',
    ]);
    expect(Object.keys(document.comments[0] ?? {})).toEqual([
      'key',
      'thread',
      'author',
      'url',
      'quote',
      'note',
      'tags',
      'fold',
      'createdAt',
      'updatedAt',
    ]);
    expect(Object.keys(document.users[0] ?? {})).toEqual([
      'key',
      'name',
      'tags',
      'note',
      'createdAt',
      'updatedAt',
    ]);
    expect(text).not.toContain('seenCommentKeys');
    const byKey = (a: string, b: string) => (a < b ? -1 : 1);
    expect(document.tags.map((t) => t.name)).toEqual(fixtureTags.map((t) => t.name).sort(byKey));
    expect(document.threads.map((t) => t.key)).toEqual(
      fixtureThreads.map((t) => t.key).sort(byKey),
    );
    expect(document.comments.map((c) => c.key)).toEqual(
      fixtureComments.map((c) => c.key).sort(byKey),
    );
    expect(document.users).toEqual(fixtureUsers);
    // Every visited thread is part of the backup, annotated or not.
    expect(document.threads.map((t) => t.key)).toContain('hn:40000000');
    expect(readDocument(document).ok).toBe(true);
  });

  it('writes an empty store as an importable document', async () => {
    const text = await exportText(await freshDatabase(), 'json', null, EXPORTED_AT);
    expect(JSON.parse(text)).toEqual({
      format: 'threadnote',
      version: 1,
      exportedAt: EXPORTED_AT,
      tags: [],
      threads: [],
      comments: [],
      users: [],
    });
    expect(readDocument(JSON.parse(text)).ok).toBe(true);
  });

  it('exports one thread with its authors’ user records and the tags they use', async () => {
    const text = await exportText(
      await fixtureDb(),
      'json',
      { threads: ['hn:44533403'], tags: [] },
      EXPORTED_AT,
    );
    const document = JSON.parse(text) as ExportDocument;
    expect(document.threads.map((t) => t.key)).toEqual(['hn:44533403']);
    expect(document.comments.map((c) => c.key)).toEqual([
      'hn:44534000',
      'hn:44535000',
      'hn:44536000',
    ]);
    expect(document.users.map((u) => u.key)).toEqual(['hn:motoboi']);
    expect(document.tags.map((t) => t.name)).toEqual([
      '@sum(1+1)',
      'follow-up',
      'founder',
      'insightful',
    ]);
    expect(readDocument(document).ok).toBe(true);
  });

  it('exports the comments and users carrying a chosen tag, with their threads', async () => {
    const text = await exportText(
      await fixtureDb(),
      'json',
      { threads: [], tags: ['insightful', 'founder'] },
      EXPORTED_AT,
    );
    const document = JSON.parse(text) as ExportDocument;
    expect(document.comments.map((c) => c.key)).toEqual(['hn:36818001', 'hn:44536000']);
    expect(document.threads.map((t) => t.key)).toEqual(['hn:36817231', 'hn:44533403']);
    expect(document.users.map((u) => u.key)).toEqual(['hn:motoboi']);
    expect(document.tags.map((t) => t.name)).toEqual(['follow-up', 'founder', 'insightful']);
    expect(readDocument(document).ok).toBe(true);
  });

  it('leaves in chunks of about a mebibyte, counting records as it goes', async () => {
    const db = await freshDatabase();
    const long = 'x'.repeat(10_000);
    await fillStore(db, {
      threads: [kimiThread],
      comments: Array.from({ length: 400 }, (_, i) => ({
        ...motoboiComment,
        key: `hn:${1_000_000 + i}`,
        note: long,
      })),
    });
    const { chunks, counts } = await startExport(db, 'json', null, EXPORTED_AT);
    expect(counts).toEqual({ tags: 0, threads: 1, comments: 400, users: 0 });
    const seen = [];
    for await (const chunk of chunks) seen.push(chunk);
    expect(seen.length).toBeGreaterThan(2);
    for (const chunk of seen.slice(0, -1)) {
      expect(chunk.text.length).toBeGreaterThanOrEqual(CHUNK_CHARS);
      expect(chunk.text.length).toBeLessThan(CHUNK_CHARS + 1_100_000);
    }
    expect(seen.map((c) => c.done)).toEqual([...seen.map((c) => c.done)].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ done: 401, total: 401 });
    expect(JSON.parse(seen.map((c) => c.text).join('')).comments).toHaveLength(400);
  });
});

describe('Markdown export', () => {
  it('matches the snapshot of the fixture store', async () => {
    const markdown = await exportText(await fixtureDb(), 'markdown', null, EXPORTED_AT);
    await expect(markdown).toMatchFileSnapshot('__snapshots__/fixture-export.md');
  });

  it('renders only the links and headings it writes, whatever the notes say', async () => {
    const markdown = await exportText(await fixtureDb(), 'markdown', null, EXPORTED_AT);
    // GitHub-like: raw HTML allowed, bare URLs linked, tables on.
    const md = new MarkdownIt({ html: true, linkify: true });
    const tokens = md.parse(markdown, {}).flatMap((token) => [token, ...(token.children ?? [])]);
    const types = new Set(tokens.map((token) => token.type));
    for (const forbidden of [
      'html_inline',
      'html_block',
      'image',
      'bullet_list_open',
      'ordered_list_open',
      'table_open',
      'code_block',
      'hr',
      'em_open',
      'strong_open',
      's_open',
    ]) {
      expect(types.has(forbidden), forbidden).toBe(false);
    }
    const permalinks = new Set([
      ...fixtureThreads.map((t) => t.url),
      ...fixtureComments.map((c) => c.url),
    ]);
    const links = tokens.filter((token) => token.type === 'link_open');
    for (const [index, link] of links.entries()) {
      const href = String(link.attrGet('href') ?? '');
      if (link.markup === 'linkify') {
        // A bare URL in a note may be linked, but then it shows exactly where it goes.
        const text = tokens[tokens.indexOf(link) + 1]?.content ?? '';
        expect(href.replace(/^https?:\/\//, '')).toContain(text.replace(/^https?:\/\//, ''));
      } else {
        expect(permalinks.has(href), `link ${index}: ${href}`).toBe(true);
      }
    }
    const headings = tokens.filter((token) => token.type === 'heading_open').map((t) => t.tag);
    expect(headings).toEqual(['h1', 'h2', 'h3', 'h3', 'h3', 'h2', 'h3', 'h3', 'h2', 'h3', 'h3']);
    const html = md.render(markdown);
    expect(html).not.toMatch(/<(img|script|b)[\s>]/);
    expect(html).not.toContain('javascript:alert(1)"');
    // Obsidian's own syntax stays text: wiki links, tags, comments, highlights, maths.
    const body = markdown
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n');
    expect(body).not.toMatch(/(?<!\\)\[\[|(?<![\\`])#\w|(?<!\\)%%|(?<!\\)==|(?<![\\`])\$/);
  });

  it('keeps line breaks and paragraphs, and cannot start a block', () => {
    expect(escapeBlock('a\nb\n\n\nc')).toEqual(['a\\', 'b', '', 'c']);
    expect(escapeBlock('> quote\n+ plus\n10) ten\n  two spaces')).toEqual([
      '\\> quote\\',
      '\\+ plus\\',
      '10\\) ten\\',
      '\u00a0\u00a0two spaces',
    ]);
    expect(escapeInline('a\n b\t*c*')).toBe('a b \\*c\\*');
    expect(codeSpan('plain')).toBe('`plain`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x')).toBe('`` `x ``');
  });

  it('exports one thread on its own', async () => {
    const markdown = await exportText(
      await fixtureDb(),
      'markdown',
      { threads: ['hn:36817231'], tags: [] },
      EXPORTED_AT,
    );
    expect(markdown).toContain('2 annotated comments');
    expect(markdown).not.toContain('Kimi K2');
    expect(markdown).not.toContain('## Users');
  });
});

describe('CSV export', () => {
  it('matches the snapshot of the fixture store', async () => {
    const csv = await exportText(await fixtureDb(), 'csv', null, EXPORTED_AT);
    await expect(csv).toMatchFileSnapshot('__snapshots__/fixture-export.csv');
  });

  it('is RFC 4180 with a BOM: one row per annotated comment, every cell read back', async () => {
    const csv = await exportText(await fixtureDb(), 'csv', null, EXPORTED_AT);
    expect(csv.startsWith('\ufeffThread,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv, { bom: true, relax_quotes: false }) as string[][];
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(fixtureComments.length + 1);
    const byLink = new Map(rows.slice(1).map((row) => [row[2], row]));
    const unicode = byLink.get('https://news.ycombinator.com/item?id=36818001');
    expect(unicode?.[5]).toBe(unicodeComment.note);
    const motoboi = byLink.get('https://news.ycombinator.com/item?id=44536000');
    expect(motoboi?.[4]).toBe('insightful, follow-up');
    expect(motoboi?.[6]).toBe(motoboiComment.quote);
  });

  it('neutralises every cell a spreadsheet would run as a formula', async () => {
    const payloads = [
      '=1+1',
      '+1+1',
      '-1+1',
      '@SUM(1,1)',
      '\t=1',
      '\r=1',
      '=HYPERLINK("http://evil.example","x")',
      "=cmd|'/c calc'!A0",
      '\uff1d1+1',
    ];
    const db = await freshDatabase();
    await fillStore(db, {
      threads: [{ ...kimiThread, title: '=evil()' }],
      comments: payloads.map((payload, i) => ({
        ...motoboiComment,
        key: `hn:${900 + i}`,
        url: `https://news.ycombinator.com/item?id=${900 + i}`,
        author: payload,
        note: payload,
        quote: payload,
        tags: [],
      })),
    });
    const rows = parseCsv(await exportText(db, 'csv', null, EXPORTED_AT), {
      bom: true,
    }) as string[][];
    for (const row of rows.slice(1)) {
      for (const cell of row) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r\uff1d]/);
      expect(row[0]).toBe("'=evil()");
    }
    const notes = rows.slice(1).map((row) => row[5]);
    expect(notes.sort()).toEqual(payloads.map((payload) => `'${payload}`).sort());
  });
});
