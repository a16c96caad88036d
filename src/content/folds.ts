import type { Fold } from '../shared/model';

interface TreeComment {
  key: string;
  parentKey: string | null;
  author: string | null;
}

/**
 * Who replied to whom on this page, as far as it has been seen. A comment keeps its place once
 * learned, even after the forum takes it off the page (Discourse drops posts far from the
 * viewport and renders them again later), so a fold keeps hiding the same replies while the
 * reader scrolls. Links follow `parentKey`, so replies need not sit next to their parent.
 */
export class CommentTree {
  private readonly parents = new Map<string, string | null>();
  private readonly authors = new Map<string, string>();
  private readonly children = new Map<string, string[]>();

  learn(comments: readonly TreeComment[]): void {
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

  /** Every reply under the comment, nearest first in each branch, in the order they were seen. */
  descendants(key: string): string[] {
    const found: string[] = [];
    const seen = new Set([key]);
    const visit = (parent: string) => {
      for (const child of this.children.get(parent) ?? []) {
        if (seen.has(child)) continue;
        seen.add(child);
        found.push(child);
        visit(child);
      }
    };
    visit(key);
    return found;
  }

  /** The comments hidden because a comment above them is folded. */
  hiddenBy(foldOf: (key: string) => Fold): Set<string> {
    const hidden = new Set<string>();
    for (const key of this.parents.keys()) {
      if (foldOf(key) === 'none' || hidden.has(key)) continue;
      for (const reply of this.descendants(key)) hidden.add(reply);
    }
    return hidden;
  }

  /** "3 replies by alice, bob and 2 others": who is behind a collapsed comment. */
  describeReplies(key: string): string {
    const replies = this.descendants(key);
    const authors = replies.flatMap((reply) => this.authors.get(reply) ?? []);
    return describeReplies(replies.length, authors);
  }
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
