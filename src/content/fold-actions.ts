import type { BulkFoldAction } from '../shared/messages';
import type { Fold } from '../shared/model';

export interface FoldTarget {
  key: string;
  depth: number;
  subtreeSize: number;
}

export interface FoldChange {
  key: string;
  fold: Fold;
}

/**
 * The fold changes a bulk action makes, from the page's comments in order. "Read" means no
 * comment in the subthread is new since the last visit; on a first visit nothing is read yet.
 */
export function bulkFoldChanges(
  action: Exclude<BulkFoldAction, 'undo'>,
  comments: readonly FoldTarget[],
  foldOf: (key: string) => Fold,
  isNew: ((key: string) => boolean) | null,
): FoldChange[] {
  const top = Math.min(...comments.map((comment) => comment.depth));
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
      const changes: FoldChange[] = [];
      comments.forEach((comment, index) => {
        if (comment.depth !== top || foldOf(comment.key) !== 'none') return;
        const subthread = comments.slice(index, index + comment.subtreeSize);
        if (!subthread.some((reply) => isNew(reply.key))) {
          changes.push({ key: comment.key, fold: 'collapsed' });
        }
      });
      return changes;
    }
  }
}
