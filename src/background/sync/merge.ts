/**
 * The merge of conflicting revisions of one sync document: deterministic and independent of the
 * order it is given them, so that every device, merging the same revisions, writes the same
 * record. The rules are the edit operations' (shared/operations.ts): tag adds and removes never
 * erase each other (each tag goes with its newest change, an add winning a tie); the newest note
 * wins and a text its writer never saw is kept as a conflicting version (`keepReplaced`); folds,
 * visits and whole values go to the newest.
 */
import type { NoteVersion, Settings, Tag, ThreadRecord } from '../../shared/model';
import { MAX_NOTE_VERSIONS, keepReplaced } from '../../shared/operations';
import {
  dismissalsField,
  isDismissed,
  type CommentPayload,
  type Dismissals,
  type NoteClock,
  type Payload,
  type TagClock,
  type UserPayload,
} from './payload';

/** A total order on anything JSON: ties between equal times still pick one side everywhere. */
function canonical(value: unknown): string {
  return JSON.stringify(value);
}

function newer<T extends { at: string }>(a: T, b: T): T {
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return canonical(a) >= canonical(b) ? a : b;
}

function mergeTags(a: TagClock, b: TagClock): TagClock {
  const merged: TagClock = { ...a };
  for (const [tag, [at, on]] of Object.entries(b)) {
    const mine = merged[tag];
    if (!mine || at > mine[0] || (at === mine[0] && on)) merged[tag] = [at, on];
  }
  return Object.fromEntries(Object.entries(merged).sort(([x], [y]) => (x < y ? -1 : 1)));
}

/** One list of kept versions, a text once, newest first, never the note itself. */
function keptVersions(
  note: string,
  dismissed: Dismissals,
  ...lists: NoteVersion[][]
): NoteVersion[] {
  const byText = new Map<string, NoteVersion>();
  for (const version of lists.flat()) {
    if (isDismissed(dismissed, version)) continue;
    const known = byText.get(version.note);
    if (!known || version.updatedAt > known.updatedAt) byText.set(version.note, version);
  }
  byText.delete(note);
  byText.delete('');
  return [...byText.values()]
    .sort((x, y) =>
      x.updatedAt === y.updatedAt ? (x.note < y.note ? -1 : 1) : x.updatedAt > y.updatedAt ? -1 : 1,
    )
    .slice(0, MAX_NOTE_VERSIONS);
}

/** Per text, the latest dismissal of either side. */
function mergeDismissals(a: Dismissals = {}, b: Dismissals = {}): Dismissals {
  const merged: Dismissals = { ...a };
  for (const [text, at] of Object.entries(b)) {
    const mine = merged[text];
    if (mine === undefined || at > mine) merged[text] = at;
  }
  return merged;
}

interface NoteSide {
  note: NoteClock;
  conflicts: NoteVersion[];
  dismissed?: Dismissals;
}

function mergeNotes(a: NoteSide, b: NoteSide): NoteSide {
  const winner = newer(a.note, b.note);
  const loser = winner === a.note ? b.note : a.note;
  // The loser's text was seen by the winner's writer when the winner replaced it.
  const seen = winner.baseAt !== null && winner.baseAt === loser.at;
  const { kept } = keepReplaced(
    { note: loser.text, updatedAt: loser.at },
    { note: winner.text, base: seen ? loser.text : '' },
  );
  const extra = kept ? [kept] : [];
  const dismissed = mergeDismissals(a.dismissed, b.dismissed);
  return {
    note: winner,
    conflicts: keptVersions(winner.text, dismissed, a.conflicts, b.conflicts, extra),
    ...dismissalsField(dismissed),
  };
}

function mergeThreads(a: ThreadRecord | null, b: ThreadRecord | null): ThreadRecord | null {
  if (!a || !b) return a ?? b;
  const later = a.lastVisitedAt >= b.lastVisitedAt ? a : b;
  return {
    key: a.key,
    title: later.title || (later === a ? b : a).title,
    url: later.url,
    firstVisitedAt: a.firstVisitedAt < b.firstVisitedAt ? a.firstVisitedAt : b.firstVisitedAt,
    lastVisitedAt: later.lastVisitedAt,
    seenCommentKeys: [...new Set([...a.seenCommentKeys, ...b.seenCommentKeys])].sort(),
  };
}

/**
 * What both sides say of the record itself (a comment's thread, author and quote, a user's name):
 * the same on every device unless they differ, when the canonical first wins, so every device
 * picks the same; created when the earlier side was.
 */
function mergeInfo<T extends { createdAt: string }>(a: T, b: T): T {
  const info = canonical(a) <= canonical(b) ? a : b;
  return { ...info, createdAt: a.createdAt < b.createdAt ? a.createdAt : b.createdAt };
}

function mergeTwo(a: Payload, b: Payload): Payload {
  if (a.kind === 'comment' && b.kind === 'comment') {
    const merged: CommentPayload = {
      kind: 'comment',
      key: a.key,
      info: mergeInfo(a.info, b.info),
      tags: mergeTags(a.tags, b.tags),
      ...mergeNotes(a, b),
      fold: newer(a.fold, b.fold),
    };
    return merged;
  }
  if (a.kind === 'user' && b.kind === 'user') {
    const merged: UserPayload = {
      kind: 'user',
      key: a.key,
      info: mergeInfo(a.info, b.info),
      tags: mergeTags(a.tags, b.tags),
      ...mergeNotes(a, b),
    };
    return merged;
  }
  if (a.kind === 'thread' && b.kind === 'thread') {
    const at = a.at > b.at ? a.at : b.at;
    return { kind: 'thread', key: a.key, value: mergeThreads(a.value, b.value), at };
  }
  if (a.kind === b.kind) return newer<Payload & { at: string }>(a as ValueLike, b as ValueLike);
  // Two kinds under one id cannot come from Threadnote; keep one, the same one everywhere.
  return canonical(a) >= canonical(b) ? a : b;
}

type ValueLike = Payload & { at: string; value: Tag | Settings | null };

/** Merges any number of revisions' payloads, in an order fixed by their content. */
export function mergePayloads(payloads: readonly Payload[]): Payload {
  const ordered = [...payloads].sort((x, y) => (canonical(x) < canonical(y) ? -1 : 1));
  const [first, ...rest] = ordered;
  if (!first) throw new Error('Nothing to merge.');
  return rest.reduce(mergeTwo, first);
}

export { canonical };
