/**
 * How the page words its edits: operations on records, sent through the outbox, never the new
 * state of a record (which would erase what another tab added meanwhile).
 */
import type { WorkerInput } from '../shared/messages';
import type { CommentAnnotation, Fold, Tag, UserAnnotation } from '../shared/model';
import { applyTagOp, type CommentOp, type FoldOp, type UserOp } from '../shared/operations';
import type { ContentConnector } from './connector';
import type { AnyOp, PageSaving } from './outbox';

export type CommentEdit = WorkerInput<'comments.edit'>['edits'][number];

/** Outbox record names: comment and user keys may coincide (`hn:123`, a user named 123). */
export const commentRecord = (key: string): string => `comment:${key}`;
export const userRecord = (key: string): string => `user:${key}`;

export const foldOp = (fold: Fold): FoldOp => ({ op: 'fold.set', fold });

/** Bulk edits are sent in chunks the worker accepts in one message. */
const BULK_CHUNK = 5_000;

function chunked<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += BULK_CHUNK) {
    chunks.push(items.slice(start, start + BULK_CHUNK));
  }
  return chunks;
}

/** A record's tags once the edits still on their way are applied: what the reader last asked. */
export function tagsAfter(tags: readonly string[], ops: readonly AnyOp[]): string[] {
  return ops.reduce<string[]>(
    (current, op) =>
      op.op === 'tag.add' || op.op === 'tag.remove' ? applyTagOp(current, op) : current,
    [...tags],
  );
}

/** A comment's fold once the edits still on their way are applied. */
export function foldAfter(fold: Fold, ops: readonly AnyOp[]): Fold {
  return ops.reduce<Fold>((current, op) => (op.op === 'fold.set' ? op.fold : current), fold);
}

/** The one tag operation a toggle makes, from the tags the reader last asked for. */
export function toggleOp(tags: readonly string[], name: string): CommentOp & UserOp {
  return tags.includes(name) ? { op: 'tag.remove', tag: name } : { op: 'tag.add', tag: name };
}

function keptNotice(kept: number): string {
  const versions = kept === 1 ? 'a version' : `${kept} versions`;
  return `Saved. The note had changed elsewhere meanwhile: ${versions} written there ${kept === 1 ? 'is' : 'are'} kept — open the note to restore or dismiss.`;
}

/** What stores the worker's answers and shows them: the page's annotator. */
export interface EditAnswers {
  updateTags(tags: readonly Tag[]): void;
  updateComments(changes: readonly { key: string; annotation: CommentAnnotation | null }[]): void;
  updateUsers(changes: readonly { key: string; annotation: UserAnnotation | null }[]): void;
}

/**
 * Sends edits of comments through the outbox; resolves once the worker stored them all. Each
 * answer is taken in before the next edit leaves, so what the page shows follows their order.
 */
export async function sendCommentEdits(
  { outbox, toaster }: PageSaving,
  worker: ContentConnector,
  answers: EditAnswers,
  edits: readonly CommentEdit[],
  onWaiting?: (reason: string) => void,
): Promise<void> {
  await Promise.all(
    chunked(edits).map((chunk) =>
      outbox.send(
        chunk.map(({ comment, ops }) => ({ record: commentRecord(comment.key), ops })),
        async () => {
          const result = await worker.editComments({ edits: chunk });
          answers.updateTags(result.createdTags);
          answers.updateComments(
            chunk.map(({ comment }, index) => ({
              key: comment.key,
              annotation: result.annotations[index] ?? null,
            })),
          );
          if (result.kept > 0) toaster.show(keptNotice(result.kept), 'done');
        },
        onWaiting,
      ),
    ),
  );
}

/** Sends edits of a user's annotation (`user.key` from `userKeyOf`) through the outbox. */
export async function sendUserEdit(
  { outbox, toaster }: PageSaving,
  worker: ContentConnector,
  answers: EditAnswers,
  user: { key: string; name: string },
  ops: UserOp[],
  onWaiting?: (reason: string) => void,
): Promise<void> {
  await outbox.send(
    [{ record: userRecord(user.key), ops }],
    async () => {
      const result = await worker.editUser({ user, ops });
      answers.updateTags(result.createdTags);
      answers.updateUsers([{ key: user.key, annotation: result.annotation }]);
      if (result.kept > 0) toaster.show(keptNotice(result.kept), 'done');
    },
    onWaiting,
  );
}
