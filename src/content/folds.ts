import type { Fold } from '../shared/model';

interface FoldableComment {
  key: string;
  parentKey: string | null;
}

interface PageComment extends FoldableComment {
  author: string | null;
  /** The comment and its replies on the page, through `parentKey`. */
  subtreeSize: number;
}

/** A reply under a comment, and who wrote it. */
export interface Reply {
  readonly key: string;
  readonly author: string | null;
}

/**
 * The comments out of sight because of Threadnote's folds, from the page's comments in order
 * (parents before their replies, which on flat streams need not follow them at once): every
 * reply under a collapsed or hidden comment, and the hidden comments themselves. One pass, and
 * nothing kept per comment but for those under a fold.
 */
export function foldedAway(
  comments: readonly FoldableComment[],
  foldOf: (key: string) => Fold,
): Set<string> {
  const away = new Set<string>();
  /** Comments whose replies are out of sight: folded, or under a fold. */
  const closed = new Set<string>();
  for (const { key, parentKey } of comments) {
    const under = parentKey !== null && closed.has(parentKey);
    const fold = foldOf(key);
    if (under || fold === 'hidden') away.add(key);
    if (under || fold !== 'none') closed.add(key);
  }
  return away;
}

/**
 * The replies under the comment at `start` in the page's comments, in page order. The comment's
 * subtree size says how many there are, so on forums that nest replies the walk stops where the
 * subthread ends. The comments themselves are returned: an author read lazily stays unread until
 * someone asks for it.
 */
export function repliesOnPage<T extends PageComment>(comments: readonly T[], start: number): T[] {
  const root = comments[start];
  if (!root) return [];
  const members = new Set([root.key]);
  const replies: T[] = [];
  for (let i = start + 1; i < comments.length && replies.length < root.subtreeSize - 1; i++) {
    const comment = comments[i];
    if (comment?.parentKey == null || !members.has(comment.parentKey)) continue;
    members.add(comment.key);
    replies.push(comment);
  }
  return replies;
}

/**
 * Who replied to whom, as far as the page has been seen since the forum first changed it. A
 * comment keeps its place once learned, even after the forum takes it off the page (Discourse
 * drops posts far from the viewport and renders them again later), so a fold keeps hiding the
 * same replies while the reader scrolls. Links follow `parentKey`, so replies need not sit next
 * to their parent.
 */
export class CommentTree {
  private readonly parents = new Map<string, string | null>();
  private readonly authors = new Map<string, string>();
  private readonly children = new Map<string, string[]>();

  learn(comments: readonly (FoldableComment & { author: string | null })[]): void {
    for (const { key, parentKey, author } of comments) {
      if (author) this.authors.set(key, author);
      const known = this.parents.get(key);
      // A parent seen once stays: a page that lost it for a while says less, not something else.
      if (known !== undefined && (known !== null || parentKey === null)) continue;
      this.parents.set(key, parentKey);
      if (parentKey === null) continue;
      const siblings = this.children.get(parentKey);
      if (siblings) siblings.push(key);
      else this.children.set(parentKey, [key]);
    }
  }

  /**
   * Every reply under the comment, nearest first in each branch, in the order they were seen.
   * The branches wait on a list rather than the call stack: a page may nest replies thousands
   * deep.
   */
  descendants(key: string): string[] {
    const found: string[] = [];
    const seen = new Set([key]);
    /** Replies still to visit, the next one last. */
    const pending = [...(this.children.get(key) ?? [])].reverse();
    for (let child = pending.pop(); child !== undefined; child = pending.pop()) {
      if (seen.has(child)) continue;
      seen.add(child);
      found.push(child);
      const replies = this.children.get(child) ?? [];
      for (let i = replies.length - 1; i >= 0; i--) pending.push(replies[i] as string);
    }
    return found;
  }

  /** The replies under the comment with their authors, on the page or seen there before. */
  replies(key: string): Reply[] {
    return this.descendants(key).map((reply) => ({
      key: reply,
      author: this.authors.get(reply) ?? null,
    }));
  }

  /**
   * The comments out of sight because of Threadnote's folds: every reply under a folded comment,
   * and the hidden comments themselves.
   */
  hiddenBy(foldOf: (key: string) => Fold): Set<string> {
    const hidden = new Set<string>();
    for (const key of this.parents.keys()) {
      const fold = foldOf(key);
      if (fold === 'none') continue;
      if (fold === 'hidden') hidden.add(key);
      for (const reply of this.descendants(key)) hidden.add(reply);
    }
    return hidden;
  }
}

/**
 * "3 replies by alice, bob and 2 others · 1 new" — who is behind a collapsed subthread; empty
 * when there are no replies (a stub never says "0 replies").
 */
export function describeReplies(count: number, authors: readonly string[], fresh = 0): string {
  if (count === 0) return '';
  const described = describeAuthors(count, authors);
  return fresh > 0 ? `${described} · ${fresh} new` : described;
}

function describeAuthors(count: number, authors: readonly string[]): string {
  const noun = count === 1 ? 'reply' : 'replies';
  const names = [...new Set(authors)];
  if (names.length === 0) return `${count} ${noun}`;
  if (names.length <= 2) return `${count} ${noun} by ${names.join(' and ')}`;
  const others = names.length - 2;
  return `${count} ${noun} by ${names[0]}, ${names[1]} and ${others} other${others === 1 ? '' : 's'}`;
}
