/**
 * What a sync document holds once opened: a record with a clock per part, so that two devices'
 * versions merge part by part (merge.ts). Tags carry when each was last added or removed; the note
 * when it was written and which version it replaced; the fold when it was set. Tags, threads and
 * settings are whole values with the time of their last change. Deletions are documents too: a
 * comment emptied of everything, a tag or thread whose value is null.
 */
import type {
  CommentAnnotation,
  Fold,
  NoteVersion,
  Settings,
  Tag,
  ThreadRecord,
  UserAnnotation,
} from '../../shared/model';
import { isEmptyAnnotation, isEmptyUser } from '../../shared/model';
import { MAX_NOTE_VERSIONS } from '../../shared/operations';
import type { SyncKind, SyncedRecords } from './changelog';

/** Per tag: when it was last added (true) or removed (false). */
export type TagClock = Record<string, [at: string, on: boolean]>;
export interface NoteClock {
  text: string;
  at: string;
  /** When the text this one replaced was written: that text was seen, so it is not kept. */
  baseAt: string | null;
}

/**
 * Per kept text a reader dismissed: when. A kept version of that text no newer than its dismissal
 * stays dismissed when revisions merge, as a tag's removal stays removed; a device that still had
 * the version cannot bring it back. Only written once there is one (older documents have none).
 */
export type Dismissals = Record<string, string>;

interface Annotated {
  key: string;
  tags: TagClock;
  note: NoteClock;
  conflicts: NoteVersion[];
  dismissed?: Dismissals;
}

export function isDismissed(dismissed: Dismissals | undefined, version: NoteVersion): boolean {
  const at = dismissed?.[version.note];
  return at !== undefined && at >= version.updatedAt;
}

/** `dismissed` as a payload carries it: absent while empty. */
export function dismissalsField(dismissed: Dismissals): { dismissed?: Dismissals } {
  const entries = Object.entries(dismissed).sort(([x], [y]) => (x < y ? -1 : 1));
  return entries.length > 0 ? { dismissed: Object.fromEntries(entries) } : {};
}
export interface CommentPayload extends Annotated {
  kind: 'comment';
  info: Pick<CommentAnnotation, 'thread' | 'author' | 'url' | 'quote' | 'createdAt'>;
  fold: { value: Fold; at: string };
}
export interface UserPayload extends Annotated {
  kind: 'user';
  info: Pick<UserAnnotation, 'name' | 'createdAt'>;
}
export interface ValuePayload<K extends 'tag' | 'thread' | 'settings'> {
  kind: K;
  key: string;
  value: SyncedRecords[K] | null;
  at: string;
}
export type Payload =
  | CommentPayload
  | UserPayload
  | ValuePayload<'tag'>
  | ValuePayload<'thread'>
  | ValuePayload<'settings'>;

const EPOCH = '1970-01-01T00:00:00.000Z';

function emptyAnnotated(key: string): Omit<Annotated, 'key'> & { key: string } {
  return { key, tags: {}, note: { text: '', at: EPOCH, baseAt: null }, conflicts: [] };
}

interface NoteParts {
  tags: string[];
  note: string;
  conflicts?: NoteVersion[];
}

/** The tags, note and kept versions of a local change, laid over the last synced payload. */
function advanceAnnotated(
  prev: Annotated,
  base: NoteParts | null,
  current: NoteParts | null,
  at: string,
): Pick<Annotated, 'tags' | 'note' | 'conflicts' | 'dismissed'> {
  const before = base ?? { tags: [], note: '' };
  const after = current ?? { tags: [], note: '' };
  const tags: TagClock = { ...prev.tags };
  for (const tag of after.tags) if (!before.tags.includes(tag)) tags[tag] = [at, true];
  for (const tag of before.tags) if (!after.tags.includes(tag)) tags[tag] = [at, false];

  let note = prev.note;
  let conflicts = prev.conflicts;
  const dismissed: Dismissals = { ...prev.dismissed };
  if (JSON.stringify(before.conflicts ?? []) !== JSON.stringify(after.conflicts ?? [])) {
    conflicts = after.conflicts ?? [];
    // A version gone without becoming the note was dismissed, unless a full list pushed it out.
    const remaining = new Set(conflicts.map((version) => version.note));
    if (conflicts.length < MAX_NOTE_VERSIONS) {
      for (const version of before.conflicts ?? []) {
        if (!remaining.has(version.note) && version.note !== after.note) {
          dismissed[version.note] = at;
        }
      }
    }
  }
  if (after.note !== before.note && after.note !== prev.note.text) {
    // Written over what this device last synced, or over a text it never saw (which is kept).
    const seen = before.note === prev.note.text;
    note = { text: after.note, at, baseAt: seen ? prev.note.at : null };
    if (!seen && prev.note.text !== '') {
      conflicts = [{ note: prev.note.text, updatedAt: prev.note.at }, ...conflicts];
    }
  }
  return {
    tags,
    note,
    conflicts: conflicts.filter(
      (version) => version.note !== note.text && !isDismissed(dismissed, version),
    ),
    ...dismissalsField(dismissed),
  };
}

/**
 * The payload after a local change of one record: `prev` is what the sync database holds (null
 * if nothing), `base` the record before the change, `current` after it (null: deleted).
 */
export function advance<K extends SyncKind>(
  kind: K,
  key: string,
  prev: Payload | null,
  base: SyncedRecords[K] | null,
  current: SyncedRecords[K] | null,
  at: string,
): Payload {
  if (kind === 'comment') {
    const was = prev?.kind === 'comment' ? prev : null;
    const before = base as CommentAnnotation | null;
    const after = current as CommentAnnotation | null;
    const source = after ?? before;
    const beforeFold = before?.fold ?? 'none';
    const afterFold = after?.fold ?? 'none';
    return {
      kind: 'comment',
      ...advanceAnnotated(was ?? emptyAnnotated(key), before, after, at),
      key,
      info: was?.info ?? {
        thread: source?.thread ?? '',
        author: source?.author ?? '',
        url: source?.url ?? '',
        quote: source?.quote ?? '',
        createdAt: source?.createdAt ?? at,
      },
      fold:
        afterFold !== beforeFold || !was
          ? { value: afterFold, at }
          : (was.fold ?? { value: afterFold, at }),
    };
  }
  if (kind === 'user') {
    const was = prev?.kind === 'user' ? prev : null;
    const before = base as UserAnnotation | null;
    const after = current as UserAnnotation | null;
    const source = after ?? before;
    return {
      kind: 'user',
      ...advanceAnnotated(was ?? emptyAnnotated(key), before, after, at),
      key,
      info: was?.info ?? { name: source?.name ?? '', createdAt: source?.createdAt ?? at },
    };
  }
  return { kind, key, value: current, at } as Payload;
}

function latest(times: Iterable<string>): string {
  let newest = EPOCH;
  for (const time of times) if (time > newest) newest = time;
  return newest;
}

function tagsOn(clock: TagClock): string[] {
  return Object.entries(clock)
    .filter(([, [, on]]) => on)
    .sort(([a, [atA]], [b, [atB]]) => (atA === atB ? (a < b ? -1 : 1) : atA < atB ? -1 : 1))
    .map(([name]) => name);
}

function noteFields(payload: Annotated): { note: string; conflicts?: NoteVersion[] } {
  return payload.conflicts.length > 0
    ? { note: payload.note.text, conflicts: payload.conflicts }
    : { note: payload.note.text };
}

/** The record a payload stands for, or null where it says the record is deleted (or empty). */
export function toRecord(payload: Payload): SyncedRecords[SyncKind] | null {
  if (payload.kind === 'comment') {
    const updatedAt = latest([
      payload.note.at,
      payload.fold.at,
      ...Object.values(payload.tags).map(([at]) => at),
    ]);
    const record: CommentAnnotation = {
      key: payload.key,
      ...payload.info,
      tags: tagsOn(payload.tags),
      fold: payload.fold.value,
      ...noteFields(payload),
      updatedAt,
    };
    return isEmptyAnnotation(record) ? null : record;
  }
  if (payload.kind === 'user') {
    const updatedAt = latest([payload.note.at, ...Object.values(payload.tags).map(([at]) => at)]);
    const record: UserAnnotation = {
      key: payload.key,
      ...payload.info,
      tags: tagsOn(payload.tags),
      ...noteFields(payload),
      updatedAt,
    };
    return isEmptyUser(record) ? null : record;
  }
  return payload.value as Tag | ThreadRecord | Settings | null;
}
