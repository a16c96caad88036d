import type { Fold } from '../shared/model';

interface FoldableComment {
  key: string;
  depth: number;
}

/**
 * The comments hidden because an ancestor is folded, from the page's comments in order (parents
 * before their replies). A comment is hidden while any comment above it with a smaller depth,
 * and no shallower sibling in between, is folded.
 */
export function foldedDescendants(
  comments: readonly FoldableComment[],
  foldOf: (key: string) => Fold,
): Set<string> {
  const hidden = new Set<string>();
  const foldDepths: number[] = [];
  for (const comment of comments) {
    while (foldDepths.length > 0 && (foldDepths.at(-1) ?? -1) >= comment.depth) foldDepths.pop();
    if (foldDepths.length > 0) hidden.add(comment.key);
    if (foldOf(comment.key) !== 'none') foldDepths.push(comment.depth);
  }
  return hidden;
}

/** "3 replies by alice, bob and 2 others" — who is behind a collapsed subthread. */
export function describeReplies(count: number, authors: readonly string[]): string {
  if (count === 0) return 'no replies';
  const noun = count === 1 ? 'reply' : 'replies';
  const names = [...new Set(authors)];
  if (names.length === 0) return `${count} ${noun}`;
  if (names.length <= 2) return `${count} ${noun} by ${names.join(' and ')}`;
  const others = names.length - 2;
  return `${count} ${noun} by ${names[0]}, ${names[1]} and ${others} other${others === 1 ? '' : 's'}`;
}
