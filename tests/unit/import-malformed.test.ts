/**
 * 1,000 generated broken files: each is refused with a problem that says where and what, and the
 * store stays byte for byte what it was.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ThreadnoteDB } from '../../src/background/schema';
import { exportText } from '../../src/background/export';
import { importText } from '../../src/background/import';
import { EXPORTED_AT, dumpStore, fillFixtureStore } from './fixture-store';
import { freshDatabase } from './helpers';

type Json = Record<string, unknown>;
type List = 'tags' | 'threads' | 'comments' | 'users';
const LISTS: List[] = ['tags', 'threads', 'comments', 'users'];

/** What a case expects of the report: a problem whose place and message match these. */
interface Broken {
  kind: string;
  label: string;
  text: string;
  where: RegExp;
  message: RegExp;
}

let db: ThreadnoteDB;
let valid: string;
let before: string;

beforeAll(async () => {
  db = await freshDatabase();
  await fillFixtureStore(db);
  valid = await exportText(db, 'json', null, EXPORTED_AT);
  before = await dumpStore(db);
});

function copy(): Json {
  return JSON.parse(valid) as Json;
}

function records(document: Json, list: List): Json[] {
  return document[list] as Json[];
}

function recordAt(document: Json, list: List, index: number): Json {
  const found = records(document, list)[index];
  if (!found) throw new Error(`${list}[${index}] is not in the fixture`);
  return found;
}

const place = (list: List, index: number, field?: string) =>
  new RegExp(`^${list}\\[${index}\\][^.]*${field ? `\\.${field}$` : ''}`);

/** Picks a record: its list, its index and one of its fields. */
const record = fc
  .constantFrom(...LISTS)
  .chain((list) =>
    fc.record({
      list: fc.constant(list),
      index: fc.nat({ max: 1_000 }),
      field: fc.nat({ max: 100 }),
    }),
  )
  .map(({ list, index, field }) => {
    const document = copy();
    const all = records(document, list);
    const at = index % all.length;
    const fields = Object.keys(all[at] ?? {});
    return { document, list, index: at, field: fields[field % fields.length] ?? 'key' };
  });

const wrongValues: unknown[] = [42, -1.5, null, true, [], {}, 'text', ['a', 1], { nested: {} }];

const wrongType: fc.Arbitrary<Broken> = fc
  .tuple(record, fc.constantFrom(...wrongValues))
  .filter(([{ document, list, index, field }, value]) => {
    const current = records(document, list)[index]?.[field];
    return Array.isArray(current) !== Array.isArray(value) || typeof current !== typeof value;
  })
  .map(([{ document, list, index, field }, value]) => {
    recordAt(document, list, index)[field] = value;
    return {
      kind: 'wrongType',
      label: `${list}[${index}].${field} = ${JSON.stringify(value)}`,
      text: JSON.stringify(document),
      where: place(list, index),
      message: /./,
    };
  });

const missingField: fc.Arbitrary<Broken> = record.map(({ document, list, index, field }) => {
  Reflect.deleteProperty(recordAt(document, list, index), field);
  return {
    kind: 'missingField',
    label: `${list}[${index}] without ${field}`,
    text: JSON.stringify(document),
    where: place(list, index, field),
    message: /is missing/,
  };
});

const extraField: fc.Arbitrary<Broken> = fc
  .tuple(record, fc.stringMatching(/^[a-zA-Z]{1,12}$/))
  .filter(([{ document, list, index }, name]) => !(name in recordAt(document, list, index)))
  .map(([{ document, list, index }, name]) => {
    recordAt(document, list, index)[name] = 'surprise';
    return {
      kind: 'extraField',
      label: `${list}[${index}].${name} added`,
      text: JSON.stringify(document),
      where: place(list, index, name),
      message: /not a field/,
    };
  });

const duplicate: fc.Arbitrary<Broken> = record.map(({ document, list, index }) => {
  const all = records(document, list);
  all.push({ ...all[index] });
  return {
    kind: 'duplicate',
    label: `${list}[${index}] twice`,
    text: JSON.stringify(document),
    where: place(list, all.length - 1),
    message: new RegExp(`same (key|name) as ${list}\\[${index}\\]`),
  };
});

const hugeString: fc.Arbitrary<Broken> = fc
  .tuple(record, fc.integer({ min: 20_001, max: 3_000_000 }))
  .filter(([{ document, list, index, field }]) => {
    return typeof records(document, list)[index]?.[field] === 'string';
  })
  .map(([{ document, list, index, field }, length]) => {
    recordAt(document, list, index)[field] = 'x'.repeat(length);
    return {
      kind: 'hugeString',
      label: `${list}[${index}].${field} of ${length} characters`,
      text: JSON.stringify(document),
      where: place(list, index),
      message: /./,
    };
  });

const BAD_VALUES: [List, string, unknown, RegExp][] = [
  ['comments', 'fold', 'sideways', /must be one of none, collapsed, hidden/],
  ['comments', 'url', 'javascript:alert(1)', /http or https link/],
  ['comments', 'updatedAt', '2026-13-45T99:00:00.000Z', /UTC time/],
  ['comments', 'createdAt', 'yesterday', /UTC time/],
  ['comments', 'key', 'not a key', /key like hn:/],
  ['comments', 'thread', 'hn:1', /not in “threads”/],
  ['comments', 'thread', 'reddit:36817231', /not in “threads”/],
  ['comments', 'tags', ['Not Normal'], /tag name/],
  ['comments', 'tags', ['dup', 'dup'], /same tag twice/],
  ['tags', 'color', 'red', /colour like/],
  ['tags', 'name', 'has,comma', /tag name/],
  ['users', 'tags', ['x'.repeat(41)], /tag name/],
  ['threads', 'url', 'ftp://example.com/', /http or https link/],
];

const badValue: fc.Arbitrary<Broken> = fc
  .constantFrom(...BAD_VALUES)
  .chain(([list, field, value, message]) =>
    fc.nat({ max: 20 }).map((n) => {
      const document = copy();
      const all = records(document, list);
      const index = n % all.length;
      recordAt(document, list, index)[field] = value;
      return {
        kind: 'badValue',
        label: `${list}[${index}].${field} = ${JSON.stringify(value)}`,
        text: JSON.stringify(document),
        where: place(list, index),
        message,
      };
    }),
  );

const emptyAnnotation: fc.Arbitrary<Broken> = fc.nat({ max: 20 }).map((n) => {
  const document = copy();
  const comments = records(document, 'comments');
  const index = n % comments.length;
  Object.assign(recordAt(document, 'comments', index), { note: '', tags: [], fold: 'none' });
  return {
    kind: 'emptyAnnotation',
    label: `comments[${index}] emptied`,
    text: JSON.stringify(document),
    where: place('comments', index),
    message: /no tags, no note and no fold/,
  };
});

const truncated: fc.Arbitrary<Broken> = fc.nat().map((n) => {
  const end = n % valid.lastIndexOf('}');
  return {
    kind: 'truncated',
    label: `cut at ${end}`,
    text: valid.slice(0, end),
    where: /^document$/,
    message: /ends too early|not valid JSON/,
  };
});

const notJson: fc.Arbitrary<Broken> = fc
  .constantFrom('', '   ', 'hello', '{format: threadnote}', "{'a': 1}", '<html>', '{"a":1,}', 'NaN')
  .map((text) => ({
    kind: 'notJson',
    label: `text ${JSON.stringify(text)}`,
    text,
    where: /^document$/,
    message: /not valid JSON|ends too early/,
  }));

const wrongFormat: fc.Arbitrary<Broken> = fc
  .constantFrom<unknown>('res', 'Threadnote', '', 1, null, undefined, ['threadnote'])
  .map((format) => {
    const document = copy();
    document.format = format;
    return {
      kind: 'wrongFormat',
      label: `format ${JSON.stringify(format)}`,
      text: JSON.stringify(document),
      where: /^document$/,
      message: /not a Threadnote export/,
    };
  });

const wrongVersion: fc.Arbitrary<Broken> = fc
  .oneof(
    fc.integer({ min: 2, max: 1_000_000 }).map((v) => [v, /newer Threadnote/] as const),
    fc
      .integer({ min: -1_000, max: 0 })
      .map((v) => [v, /is not one this Threadnote can read/] as const),
    fc
      .constantFrom<unknown>('1', 1.5, null, undefined, [1], {}, true)
      .map((v) => [v, /whole number/] as const),
  )
  .map(([version, message]) => {
    const document = copy();
    document.version = version;
    return {
      kind: 'wrongVersion',
      label: `version ${JSON.stringify(version)}`,
      text: JSON.stringify(document),
      where: /^document$/,
      message,
    };
  });

const notAnObject: fc.Arbitrary<Broken> = fc
  .constantFrom('[]', '42', '"threadnote"', 'null', 'true', '[{"format":"threadnote"}]')
  .map((text) => ({
    kind: 'notAnObject',
    label: `JSON ${text}`,
    text,
    where: /^document$/,
    message: /not a Threadnote export/,
  }));

const brokenFile = fc.oneof(
  { arbitrary: wrongType, weight: 4 },
  { arbitrary: missingField, weight: 3 },
  { arbitrary: extraField, weight: 2 },
  { arbitrary: duplicate, weight: 2 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: badValue, weight: 3 },
  { arbitrary: emptyAnnotation, weight: 1 },
  { arbitrary: truncated, weight: 3 },
  { arbitrary: notJson, weight: 1 },
  { arbitrary: wrongFormat, weight: 1 },
  { arbitrary: wrongVersion, weight: 2 },
  { arbitrary: notAnObject, weight: 1 },
);

describe('malformed imports', () => {
  it('refuses 1,000 broken files with a clear problem each, changing nothing', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(brokenFile, async (broken) => {
        seen.add(broken.kind);
        const outcome = await importText(db, broken.text, 'apply', EXPORTED_AT);
        if (outcome.kind !== 'invalid') {
          throw new Error(`${broken.label} was accepted: ${JSON.stringify(outcome)}`);
        }
        expect(outcome.problems.length).toBeGreaterThan(0);
        for (const problem of outcome.problems) {
          expect(problem.message.length).toBeGreaterThan(5);
          expect(problem.message.length).toBeLessThan(400);
          expect(problem.where.length).toBeLessThan(200);
        }
        const match = outcome.problems.find(
          (p) => broken.where.test(p.where) && broken.message.test(p.message),
        );
        if (!match) {
          throw new Error(
            `${broken.label}: no problem like ${broken.where} ${broken.message} in ${JSON.stringify(outcome.problems)}`,
          );
        }
        expect(await dumpStore(db)).toBe(before);
      }),
      { numRuns: 1_000 },
    );
    // Every kind of damage was tried.
    expect(seen.size).toBe(12);
  });
});
