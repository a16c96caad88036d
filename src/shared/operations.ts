/**
 * Edits travel to the worker as operations on the stored record, never as the record's new state:
 * the worker applies them, in one IndexedDB transaction, to what is stored at that moment. Two
 * tabs adding different tags, or two quick-tag keys pressed a millisecond apart, can then never
 * erase each other. Sync (CouchDB revisions) merges with the same rules, through `keepReplaced`.
 */
import type { CommentAnnotation, Fold, NoteVersion, UserAnnotation } from './model';

/** `at` puts an added tag back where an undone removal took it from. */
export type TagOp = { op: 'tag.add'; tag: string; at?: number } | { op: 'tag.remove'; tag: string };
/**
 * `base` is the saved text the writer started from. When what is stored differs from it, someone
 * else (another tab, a sync) wrote the note meanwhile: that text is kept as a conflicting version
 * the reader can restore, and the newer write wins.
 */
export type NoteOp =
  | { op: 'note.set'; note: string; base: string }
  /** Brings back a kept version (by its `updatedAt`); the text it replaces is kept in its stead. */
  | { op: 'note.restore'; version: string }
  /** Forgets a kept version. */
  | { op: 'note.dismiss'; version: string };
export type FoldOp = { op: 'fold.set'; fold: Fold };
/**
 * Puts back a record's times, last in an undo's operations: undoing restores the record as it
 * was, not as it was with today's `updatedAt` (inverseOps).
 */
export type StampOp = { op: 'stamp.set'; createdAt: string; updatedAt: string };
export type CommentOp = TagOp | NoteOp | FoldOp | StampOp;
export type UserOp = TagOp | NoteOp | StampOp;

/** At most this many replaced texts are kept per record, newest first. */
export const MAX_NOTE_VERSIONS = 5;

type NoteHolder = Pick<CommentAnnotation, 'note' | 'updatedAt' | 'conflicts'>;

/**
 * The one rule for a note written over another: the incoming text wins; a different, non-empty
 * stored text that the writer never saw goes to the front of `conflicts`. A kept version never
 * repeats the note or another kept version: one with the incoming text is dropped, as that text
 * is the note now. Returns the kept versions and the version kept by this write, if any.
 */
export function keepReplaced(
  stored: NoteHolder,
  incoming: { note: string; base: string },
): { conflicts: NoteVersion[]; kept: NoteVersion | null } {
  const conflicts = (stored.conflicts ?? []).filter((version) => version.note !== incoming.note);
  const unseen =
    stored.note !== '' && stored.note !== incoming.base && stored.note !== incoming.note;
  if (!unseen) return { conflicts, kept: null };
  const kept: NoteVersion = { note: stored.note, updatedAt: stored.updatedAt };
  const rest = conflicts.filter((version) => version.note !== kept.note);
  return { conflicts: [kept, ...rest].slice(0, MAX_NOTE_VERSIONS), kept };
}

/** The one rule for a tag operation: an add keeps one of each name, a remove takes it off. */
export function applyTagOp(tags: readonly string[], op: TagOp): string[] {
  if (op.op === 'tag.add') {
    if (tags.includes(op.tag)) return [...tags];
    const at = Math.min(op.at ?? tags.length, tags.length);
    return [...tags.slice(0, at), op.tag, ...tags.slice(at)];
  }
  return tags.filter((tag) => tag !== op.tag);
}

export interface Applied<T> {
  next: T;
  /** Texts this edit replaced without their writer having seen them. */
  kept: NoteVersion[];
}

/** What comments and users both hold: tags, a note and its kept versions, and their stamps. */
type Annotated = NoteHolder & Pick<CommentAnnotation, 'tags' | 'createdAt'>;

/**
 * Applies operations, in order, to a stored annotation (pure; `now` stamps it). Only a comment
 * has a fold: `fold` sets it.
 */
function applyOps<T extends Annotated>(
  stored: T,
  ops: readonly CommentOp[],
  now: string,
  fold: (record: T, op: FoldOp) => T,
): Applied<T> {
  let next: T = { ...stored, tags: [...stored.tags] };
  const kept: NoteVersion[] = [];
  let updatedAt = now;
  for (const op of ops) {
    if (op.op === 'fold.set') next = fold(next, op);
    else if (op.op === 'stamp.set') {
      next = { ...next, createdAt: op.createdAt };
      updatedAt = op.updatedAt;
    } else if (op.op === 'tag.add' || op.op === 'tag.remove') {
      next = { ...next, tags: applyTagOp(next.tags, op) };
    } else next = applyNoteOp(next, op, kept);
  }
  return { next: { ...next, updatedAt }, kept };
}

/** Applies operations, in order, to a comment's stored annotation (pure; `now` stamps it). */
export function applyCommentOps(
  stored: CommentAnnotation,
  ops: readonly CommentOp[],
  now: string,
): Applied<CommentAnnotation> {
  return applyOps(stored, ops, now, (record, op) => ({ ...record, fold: op.fold }));
}

function applyNoteOp<T extends NoteHolder>(record: T, op: NoteOp, kept: NoteVersion[]): T {
  const conflicts = record.conflicts ?? [];
  if (op.op === 'note.set') {
    const merged = keepReplaced(record, op);
    if (merged.kept) kept.push(merged.kept);
    return withConflicts({ ...record, note: op.note }, merged.conflicts);
  }
  const version = conflicts.find((candidate) => candidate.updatedAt === op.version);
  if (!version) return record;
  if (op.op === 'note.dismiss') {
    return withConflicts(
      record,
      conflicts.filter((candidate) => candidate !== version),
    );
  }
  // The restored text is the note now, and the note it replaces a kept version: neither repeats.
  const rest = conflicts.filter(
    (candidate) => candidate.note !== version.note && candidate.note !== record.note,
  );
  const current = record.note === '' ? [] : [{ note: record.note, updatedAt: record.updatedAt }];
  return withConflicts(
    { ...record, note: version.note },
    [...current, ...rest].slice(0, MAX_NOTE_VERSIONS),
  );
}

/** Applies operations, in order, to a user's stored annotation (pure; `now` stamps it). */
export function applyUserOps(
  stored: UserAnnotation,
  ops: readonly UserOp[],
  now: string,
): Applied<UserAnnotation> {
  // UserOp has no fold.set, so this never runs.
  return applyOps(stored, ops, now, (record) => record);
}

/** Records without kept versions carry no `conflicts` field at all. */
function withConflicts<T extends { conflicts?: NoteVersion[] }>(
  record: T,
  conflicts: NoteVersion[],
): T {
  const { conflicts: _replaced, ...rest } = record;
  return (conflicts.length > 0 ? { ...rest, conflicts } : rest) as T;
}

/** The operations that take a tag list from `before` to `after` (what a tag field edits). */
export function tagDiff(before: readonly string[], after: readonly string[]): TagOp[] {
  return [
    ...before
      .filter((tag) => !after.includes(tag))
      .map((tag) => ({ op: 'tag.remove' as const, tag })),
    ...after.filter((tag) => !before.includes(tag)).map((tag) => ({ op: 'tag.add' as const, tag })),
  ];
}

type Undoable = Pick<CommentAnnotation, 'tags' | 'note' | 'createdAt' | 'updatedAt'> & {
  fold?: Fold;
};

/**
 * The operations that take a record from `now` back to `before` (null: no record), for undo.
 * Tags go back to their places and the times to what they were, so the stored record is the one
 * the undone edit replaced, field for field. Kept note versions are left as they are.
 */
export function inverseOps(before: Undoable | null, now: Undoable | null): CommentOp[] {
  const was = before ?? { tags: [], note: '', fold: 'none' as Fold, createdAt: '', updatedAt: '' };
  const is = now ?? { tags: [], note: '', fold: 'none' as Fold, createdAt: '', updatedAt: '' };
  const ops: CommentOp[] = is.tags
    .filter((tag) => !was.tags.includes(tag))
    .map((tag) => ({ op: 'tag.remove', tag }));
  was.tags.forEach((tag, at) => {
    if (!is.tags.includes(tag)) ops.push({ op: 'tag.add', tag, at });
  });
  if (was.note !== is.note) ops.push({ op: 'note.set', note: was.note, base: is.note });
  if ((was.fold ?? 'none') !== (is.fold ?? 'none')) {
    ops.push({ op: 'fold.set', fold: was.fold ?? 'none' });
  }
  if (before && ops.length > 0) {
    ops.push({ op: 'stamp.set', createdAt: before.createdAt, updatedAt: before.updatedAt });
  }
  return ops;
}
