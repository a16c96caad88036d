/** What must hold for every adapter on every page, whatever the forum. */
import { expect } from 'vitest';
import { DomComment, type CommentParts } from '../../src/sites/kit';
import type { SitePage } from '../../src/sites/types';

/**
 * Keys are unique and carry the site; a parent named on the page comes before its reply, one
 * level up; a subtree counts the comment and everything whose parent chain reaches it.
 */
export function expectConsistentTree(page: SitePage, site: string): void {
  const index = new Map<string, number>();
  page.comments.forEach((comment, position) => {
    expect(comment.key).toBe(`${site}:${comment.id}`);
    expect(index.has(comment.key)).toBe(false);
    const parent = comment.parentKey === null ? undefined : index.get(comment.parentKey);
    expect(comment.depth).toBe(parent === undefined ? 0 : (page.comments[parent]?.depth ?? -2) + 1);
    expect(comment.permalink).toMatch(/^https:\/\//);
    index.set(comment.key, position);
  });
  const sizes = new Map<string, number>();
  for (const comment of page.comments) {
    sizes.set(comment.key, (sizes.get(comment.key) ?? 0) + 1);
    for (let up = comment.parentKey; up !== null && index.has(up);) {
      sizes.set(up, (sizes.get(up) ?? 0) + 1);
      up = page.comments[index.get(up) ?? -1]?.parentKey ?? null;
    }
  }
  for (const comment of page.comments) expect(comment.subtreeSize).toBe(sizes.get(comment.key));
}

/** Depth → how many comments sit at it. */
export function depthHistogram(page: SitePage): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const comment of page.comments) counts[comment.depth] = (counts[comment.depth] ?? 0) + 1;
  return counts;
}

export const testThread = { key: 'x:t/1', title: 'A topic', url: 'https://forum.test/t/a/1' };

/**
 * Comments of a made-up forum `x`, for tests of forum-neutral code: elements matching `selector`
 * with `data-id`, and `data-author` and `data-parent` where they have them.
 */
export function testComments(
  root: ParentNode,
  selector: string,
  parts: CommentParts,
): DomComment[] {
  return Array.from(root.querySelectorAll<HTMLElement>(selector)).map((element) => {
    const comment = new DomComment({
      site: 'x',
      id: element.dataset.id ?? '',
      element,
      thread: testThread,
      author: element.dataset.author ?? null,
      permalink: `https://forum.test/${element.dataset.id}`,
      parts,
    });
    comment.parentKey = element.dataset.parent ? `x:${element.dataset.parent}` : null;
    return comment;
  });
}
