/**
 * The JSON export format: version 1 exactly as DESIGN.md defines it, the upgrade steps that bring
 * older versions to it, and every check a document passes before an import may touch the store.
 */
import * as v from 'valibot';
import { KEY_PATTERN, MAX_KEY, MAX_TEXT } from '../shared/field-schemas';
import type { ImportProblem } from '../shared/messages';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  FOLDS,
  MAX_NOTE_LENGTH,
  QUOTE_LENGTH,
  isEmptyAnnotation,
  isNormalTagName,
  siteOfKey,
  type ExportDocument,
} from '../shared/model';

export const MAX_TAGS_PER_RECORD = 100;
export const MAX_DESCRIPTION = 1_000;
const MAX_NAME = 200;
/** A problem's text quotes the document; long values are cut so a report stays readable. */
const MAX_QUOTED = 80;

export type UpgradeStep = (document: Record<string, unknown>) => Record<string, unknown>;

/**
 * Upgrade steps keyed by the version they read: `upgrades[n]` turns a version-n document into a
 * version n + 1 one, so the import reads any older version through a chain of small steps. Version
 * 1 is the first there is; format version 2 adds `upgrades[1]` and raises EXPORT_VERSION.
 */
export const upgrades: Readonly<Record<number, UpgradeStep>> = {};

function clip(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
}

function kindOf(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  switch (typeof input) {
    case 'string':
      return `the text “${clip(input)}”`;
    case 'number':
      return `the number ${input}`;
    case 'boolean':
      return String(input);
    case 'object':
      return 'an object';
    default:
      return typeof input;
  }
}

const objectMessage = (issue: v.BaseIssue<unknown>): string => {
  if (issue.expected === 'never') return 'is not a field of this record';
  if (issue.received === 'undefined' && issue.path?.at(-1)?.origin === 'key') return 'is missing';
  return `must be an object, not ${kindOf(issue.input)}`;
};

function text(max: number, what = 'characters') {
  return v.pipe(
    v.string((issue) => `must be text, not ${kindOf(issue.input)}`),
    v.maxLength(
      max,
      (issue) =>
        `has ${(issue.input as string).length.toLocaleString('en')} ${what}; at most ${max.toLocaleString('en')} are allowed`,
    ),
  );
}

function list<T extends v.GenericSchema>(item: T, max: number) {
  return v.pipe(
    v.array(item, (issue) => `must be a list, not ${kindOf(issue.input)}`),
    v.maxLength(max, (issue) => `has ${(issue.input as unknown[]).length} entries; at most ${max}`),
  );
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const timestamp = v.pipe(
  v.string((issue) => `must be a time as text, not ${kindOf(issue.input)}`),
  v.check(
    // The round trip through Date also refuses days and hours that do not exist.
    (value) =>
      ISO_UTC.test(value) &&
      !Number.isNaN(Date.parse(value)) &&
      new Date(value).toISOString() === value,
    (issue) => `must be a UTC time like 2026-11-29T10:00:00.000Z, not ${kindOf(issue.input)}`,
  ),
);

const key = v.pipe(
  v.string((issue) => `must be a key as text, not ${kindOf(issue.input)}`),
  v.check(
    (value) => value.length >= 3 && value.length <= MAX_KEY && KEY_PATTERN.test(value),
    (issue) => `must be a key like hn:41428115, not ${kindOf(issue.input)}`,
  ),
);

const url = v.pipe(
  text(MAX_TEXT),
  v.check(
    (value) => /^https?:\/\//i.test(value) && URL.canParse(value),
    (issue) => `must be an http or https link, not ${kindOf(issue.input)}`,
  ),
);

const tagName = v.pipe(
  v.string((issue) => `must be a tag name as text, not ${kindOf(issue.input)}`),
  v.check(
    isNormalTagName,
    (issue) =>
      `must be a tag name (lowercase, 1–40 characters, dashes for spaces, no commas), not ${kindOf(issue.input)}`,
  ),
);

const tagList = v.pipe(
  list(tagName, MAX_TAGS_PER_RECORD),
  v.check((names) => new Set(names).size === names.length, 'names the same tag twice'),
);

const tagSchema = v.strictObject(
  {
    name: tagName,
    color: v.pipe(
      v.string((issue) => `must be a colour as text, not ${kindOf(issue.input)}`),
      v.regex(
        /^#[0-9a-fA-F]{6}$/,
        (issue) => `must be a colour like #2f9e44, not ${kindOf(issue.input)}`,
      ),
    ),
    description: text(MAX_DESCRIPTION),
    createdAt: timestamp,
  },
  objectMessage,
);

const threadSchema = v.strictObject(
  {
    key,
    title: text(MAX_TEXT),
    url,
    firstVisitedAt: timestamp,
    lastVisitedAt: timestamp,
  },
  objectMessage,
);

const commentSchema = v.pipe(
  v.strictObject(
    {
      key,
      thread: key,
      author: text(MAX_NAME),
      url,
      quote: text(QUOTE_LENGTH),
      note: text(MAX_NOTE_LENGTH),
      tags: tagList,
      fold: v.picklist(
        FOLDS,
        (issue) => `must be one of ${FOLDS.join(', ')}, not ${kindOf(issue.input)}`,
      ),
      createdAt: timestamp,
      updatedAt: timestamp,
    },
    objectMessage,
  ),
  // Threadnote deletes an annotation once nothing is left in it, so none is ever exported.
  v.check((comment) => !isEmptyAnnotation(comment), 'has no tags, no note and no fold'),
);

const userSchema = v.strictObject(
  {
    key,
    name: text(MAX_NAME),
    tags: tagList,
    note: text(MAX_NOTE_LENGTH),
    createdAt: timestamp,
    updatedAt: timestamp,
  },
  objectMessage,
);

/** Limits per list keep a hostile file from making the worker allocate without bound. */
const MAX_RECORDS = 5_000_000;

const documentSchema = v.strictObject(
  {
    format: v.literal(EXPORT_FORMAT),
    version: v.literal(EXPORT_VERSION),
    exportedAt: timestamp,
    tags: list(tagSchema, MAX_RECORDS),
    threads: list(threadSchema, MAX_RECORDS),
    comments: list(commentSchema, MAX_RECORDS),
    users: list(userSchema, MAX_RECORDS),
  },
  objectMessage,
);

export type ReadResult =
  { ok: true; document: ExportDocument } | { ok: false; problems: ImportProblem[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type List = 'tags' | 'threads' | 'comments' | 'users';

/** `comments[12] (hn:41428115).note`: the list, the record's place and key, then the field. */
function whereOf(issue: v.BaseIssue<unknown>): string {
  let where = '';
  for (const [depth, item] of (issue.path ?? []).entries()) {
    if (item.type === 'array') {
      where += `[${String(item.key)}]`;
      const record: unknown = item.value;
      if (depth === 1 && isPlainObject(record)) {
        const label = record.key ?? record.name;
        if (typeof label === 'string') where += ` (${clip(label)})`;
      }
    } else {
      const name = clip(String(item.key));
      where += where ? `.${name}` : name;
    }
  }
  return where || 'document';
}

function refuse(message: string): ReadResult {
  return { ok: false, problems: [{ where: 'document', message }] };
}

/** Brings a document of any version this build knows to the current one. */
function upgrade(
  document: Record<string, unknown>,
  steps: Readonly<Record<number, UpgradeStep>>,
  current: number,
): Record<string, unknown> | string {
  const { version } = document;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return `Its “version” must be a whole number, not ${kindOf(version)}.`;
  }
  if (version > current) {
    return (
      `It was made by a newer Threadnote (format version ${version}); this one reads versions up ` +
      `to ${current}. Update Threadnote, then import the file again.`
    );
  }
  let upgraded = document;
  for (let at = version; at < current; at++) {
    const step = steps[at];
    if (!step) return `Format version ${at} is not one this Threadnote can read.`;
    upgraded = step(upgraded);
  }
  return upgraded;
}

/** Problems between records: duplicate keys, and comments naming threads the file lacks. */
function crossCheck(document: Record<string, unknown>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const keysOf = (name: List, field: 'key' | 'name') => {
    const seen = new Map<string, number>();
    const records = document[name];
    if (!Array.isArray(records)) return seen;
    records.forEach((record: unknown, index) => {
      if (!isPlainObject(record) || typeof record[field] !== 'string') return;
      const value = record[field];
      const first = seen.get(value);
      if (first === undefined) seen.set(value, index);
      else {
        problems.push({
          where: `${name}[${index}] (${clip(value)})`,
          message: `has the same ${field} as ${name}[${first}]`,
        });
      }
    });
    return seen;
  };
  keysOf('tags', 'name');
  const threads = keysOf('threads', 'key');
  keysOf('comments', 'key');
  keysOf('users', 'key');

  const comments = document.comments;
  if (Array.isArray(comments)) {
    comments.forEach((comment: unknown, index) => {
      if (!isPlainObject(comment)) return;
      const { key: commentKey, thread } = comment;
      if (typeof commentKey !== 'string' || typeof thread !== 'string') return;
      const where = `comments[${index}] (${clip(commentKey)}).thread`;
      if (!threads.has(thread)) {
        problems.push({
          where,
          message: `names thread ${clip(thread)}, which is not in “threads”`,
        });
      } else if (siteOfKey(thread) !== siteOfKey(commentKey)) {
        problems.push({ where, message: 'is a thread of another site than the comment' });
      }
    });
  }
  return problems;
}

/**
 * Checks a parsed JSON value as an export document: format and version first (nothing else makes
 * sense in a file that is not one), then every record and field, then the records together. All
 * problems are reported at once, each with where it is.
 */
export function readDocument(
  value: unknown,
  steps: Readonly<Record<number, UpgradeStep>> = upgrades,
  current: number = EXPORT_VERSION,
): ReadResult {
  if (!isPlainObject(value)) {
    return refuse(
      `This is not a Threadnote export: the file holds ${kindOf(value)}, not an object.`,
    );
  }
  if (value.format !== EXPORT_FORMAT) {
    return refuse(
      `This is not a Threadnote export: its “format” is ${kindOf(value.format)}, not “${EXPORT_FORMAT}”.`,
    );
  }
  const upgraded = upgrade(value, steps, current);
  if (typeof upgraded === 'string') return refuse(upgraded);

  const parsed = v.safeParse(documentSchema, upgraded);
  const problems: ImportProblem[] = parsed.success
    ? []
    : parsed.issues.map((issue) => ({ where: whereOf(issue), message: issue.message }));
  problems.push(...crossCheck(upgraded));
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const document = parsed.output as ExportDocument;
  for (const tag of document.tags) tag.color = tag.color.toLowerCase();
  return { ok: true, document };
}

/** Parses a file's text; a file that is not JSON gets one problem saying where it breaks. */
export function parseDocument(textOfFile: string): ReadResult {
  let value: unknown;
  try {
    value = JSON.parse(textOfFile);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const truncated = textOfFile.trim() !== '' && /end of JSON input/i.test(reason);
    return refuse(
      truncated
        ? `The file ends too early: it is cut off, or was not saved completely (${clip(reason)}).`
        : `The file is not valid JSON: ${clip(reason)}.`,
    );
  }
  return readDocument(value);
}
