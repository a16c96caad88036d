import type { BulkFoldAction } from '../shared/messages';
import type { Fold } from '../shared/model';

export interface FoldTarget {
  key: string;
  depth: number;
  parentKey: string | null;
}

export interface FoldChange {
  key: string;
  fold: Fold;
}

/**
 * The fold changes a bulk action makes, from the page's comments in order (parents before their
 * replies, which on flat streams need not follow them at once). "Read" means no comment in the
 * subthread is new since the last visit; on a first visit nothing is read yet.
 */
export function bulkFoldChanges(
  action: Exclude<BulkFoldAction, 'undo'>,
  comments: readonly FoldTarget[],
  foldOf: (key: string) => Fold,
  isNew: ((key: string) => boolean) | null,
): FoldChange[] {
  // Not Math.min(...depths): a huge page's comments spread as arguments overflow the stack.
  const top = comments.reduce((least, comment) => Math.min(least, comment.depth), Infinity);
  switch (action) {
    case 'expand-all':
      return comments
        .filter((comment) => foldOf(comment.key) !== 'none')
        .map((comment) => ({ key: comment.key, fold: 'none' }));
    case 'collapse-top':
      return comments
        .filter((comment) => comment.depth === top && foldOf(comment.key) === 'none')
        .map((comment) => ({ key: comment.key, fold: 'collapsed' }));
    case 'collapse-read': {
      if (!isNew) return [];
      // From the last comment up, each new comment marks its parent, which marks its own.
      const unread = new Set<string>();
      for (let i = comments.length - 1; i >= 0; i--) {
        const comment = comments[i];
        if (!comment?.parentKey) continue;
        if (unread.has(comment.key) || isNew(comment.key)) unread.add(comment.parentKey);
      }
      return comments
        .filter(
          (comment) =>
            comment.depth === top &&
            foldOf(comment.key) === 'none' &&
            !unread.has(comment.key) &&
            !isNew(comment.key),
        )
        .map((comment) => ({ key: comment.key, fold: 'collapsed' }));
    }
  }
}

/** What the undo toast says a bulk action did. */
export function bulkLabel(action: Exclude<BulkFoldAction, 'undo'>, count: number): string {
  const subthreads = `${count} ${count === 1 ? 'subthread' : 'subthreads'}`;
  if (action === 'expand-all') return `Expanded ${subthreads}`;
  return action === 'collapse-read'
    ? `Collapsed ${subthreads} already read`
    : `Collapsed ${subthreads}`;
}
