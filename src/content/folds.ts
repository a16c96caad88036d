import type { Fold } from '../shared/model';

interface FoldableComment {
  key: string;
  depth: number;
}

/**
 * The comments out of sight because of Threadnote's folds, from the page's comments in order
 * (parents before their replies): every reply under a collapsed or hidden comment, and the
 * hidden comments themselves.
 */
export function foldedAway(
  comments: readonly FoldableComment[],
  foldOf: (key: string) => Fold,
): Set<string> {
  const away = new Set<string>();
  const foldDepths: number[] = [];
  for (const comment of comments) {
    while (foldDepths.length > 0 && (foldDepths.at(-1) ?? -1) >= comment.depth) foldDepths.pop();
    const fold = foldOf(comment.key);
    if (foldDepths.length > 0 || fold === 'hidden') away.add(comment.key);
    if (fold !== 'none') foldDepths.push(comment.depth);
  }
  return away;
}

/** "3 replies by alice, bob and 2 others, 1 new" — who is behind a collapsed subthread. */
export function describeReplies(count: number, authors: readonly string[], fresh = 0): string {
  const described = describeAuthors(count, authors);
  return fresh > 0 ? `${described}, ${fresh} new` : described;
}

function describeAuthors(count: number, authors: readonly string[]): string {
  if (count === 0) return 'no replies';
  const noun = count === 1 ? 'reply' : 'replies';
  const names = [...new Set(authors)];
  if (names.length === 0) return `${count} ${noun}`;
  if (names.length <= 2) return `${count} ${noun} by ${names.join(' and ')}`;
  const others = names.length - 2;
  return `${count} ${noun} by ${names[0]}, ${names[1]} and ${others} other${others === 1 ? '' : 's'}`;
}
