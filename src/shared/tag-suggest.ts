/**
 * What a tag field offers as the reader types (the panel's comment and user tag pickers). Pure:
 * names in, rows out. Existing tags come first, ranked exact, then prefix, then a word of the
 * name starting with what was typed, then substring, then near matches (a typo or two, hyphens
 * ignored: `folowup` finds `follow-up`). A new tag is offered only as an explicit "create" row,
 * and it is the highlighted row only when nothing matches, so Enter never makes `compil` while
 * `compilers` exists.
 */
import { parseTagName } from './model';

export type TagRow = { kind: 'tag'; name: string } | { kind: 'create'; name: string };

export interface Suggestions {
  rows: TagRow[];
  /** The row Enter or Tab takes, -1 for none (an empty field). */
  active: number;
  /** Why the typed text can be no tag, when it cannot. */
  invalid: string | null;
}

/** How many rows a field shows at most: a handful, never the whole vocabulary. */
export const MAX_ROWS = 6;

/** Edit distance with adjacent swaps (optimal string alignment), cut off past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current.push(value);
      least = Math.min(least, value);
    }
    if (least > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const bare = (name: string) => name.replace(/[-_]/g, '');

/** How many typos a query of this length may hold and still find a tag. */
function tolerance(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/** Lower is better; null for no match. */
function rank(query: string, name: string): number | null {
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  if (name.split(/[-_]/).some((word) => word.startsWith(query))) return 2;
  if (name.includes(query)) return 3;
  const typed = bare(query);
  const allowed = tolerance(typed.length);
  if (allowed === 0) return null;
  const whole = bare(name);
  // The whole name, or its start as far as the reader got: `compli` is on its way to `compilers`.
  const distance = Math.min(
    editDistance(typed, whole, allowed),
    editDistance(typed, whole.slice(0, typed.length), allowed),
  );
  return distance <= allowed ? 4 + distance : null;
}

/**
 * The rows for what the reader typed. `known` are the reader's tags; `recent` the ones used last,
 * newest first, which fill an empty field.
 */
export function suggestTags(
  text: string,
  known: readonly string[],
  recent: readonly string[],
  limit = MAX_ROWS,
): Suggestions {
  if (!text.trim()) {
    const shown = recent.filter((name) => known.includes(name)).slice(0, limit);
    return { rows: shown.map((name) => ({ kind: 'tag', name })), active: -1, invalid: null };
  }
  const parsed = parseTagName(text);
  const query = parsed.ok ? parsed.name : text.trim().toLowerCase().replace(/\s+/g, '-');
  const matches = known
    .map((name) => ({ name, rank: rank(query, name) }))
    .filter((match): match is { name: string; rank: number } => match.rank !== null)
    .sort(
      (a, b) => a.rank - b.rank || a.name.length - b.name.length || a.name.localeCompare(b.name),
    )
    .slice(0, limit);
  const rows: TagRow[] = matches.map(({ name }) => ({ kind: 'tag', name }));
  if (parsed.ok && !known.includes(parsed.name)) rows.push({ kind: 'create', name: parsed.name });
  return {
    rows,
    active: rows.length > 0 ? 0 : -1,
    invalid: parsed.ok ? null : parsed.reason,
  };
}

/**
 * A typed or pasted list, `a, b, c`: the names before the last comma, each as the reader wrote
 * it, and what follows the last comma, still being typed. Blank pieces are skipped.
 */
export function splitTagList(text: string): { names: string[]; rest: string; invalid: string[] } {
  const pieces = text.split(/[,\n]/);
  const rest = pieces.pop() ?? '';
  const names: string[] = [];
  const invalid: string[] = [];
  for (const piece of pieces) {
    if (!piece.trim()) continue;
    const parsed = parseTagName(piece);
    if (!parsed.ok) invalid.push(parsed.reason);
    else if (!names.includes(parsed.name)) names.push(parsed.name);
  }
  return { names, rest: rest.trimStart(), invalid };
}
