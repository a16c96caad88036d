/**
 * Undo for what removes something on the page: a tag taken off a comment or a user, a note
 * deleted, a subthread unfolded or shown again, a bulk fold. Each stored edit of that kind gets
 * a toast, "Removed tag ‘x’ · Undo", for about ten seconds, and `u` undoes the latest. Undoing
 * sends the inverse operations (operations.ts, inverseOps) through the worker like any edit, so
 * the stored record comes back as it was, times included, and other open tabs follow.
 */
import type { CommentAnnotation, UserAnnotation } from '../shared/model';
import { inverseOps, type CommentOp, type UserOp } from '../shared/operations';
import type { SessionContext } from './context';
import { UNDO_DEPTH, type PageEdits, type StoredEdit } from './page-edits';

interface Entry {
  label: string;
  undo: () => Promise<void>;
}

/** Whether the toast offers it: a plain collapse (`x`) shows nothing, `u` still takes it back. */
type Offer = 'toast' | 'quiet';

type Record = Pick<CommentAnnotation, 'tags' | 'note'> & Partial<Pick<CommentAnnotation, 'fold'>>;

/** What an edit took away, said as the toast says it; null when it took nothing away. */
export function describeLoss(
  ops: readonly (CommentOp | UserOp)[],
  before: Record | null,
  after: Record | null,
  whose = '',
): string | null {
  const removed = (before?.tags ?? []).filter((tag) => !(after?.tags ?? []).includes(tag));
  if (removed.length === 1) return `Removed tag ‘${removed[0] ?? ''}’${whose}`;
  if (removed.length > 1) return `Removed ${removed.length} tags${whose}`;
  if (before?.note && !after?.note) return whose ? `Deleted your note${whose}` : 'Deleted the note';
  const unfolded = ops.some((op) => op.op === 'fold.set' && op.fold === 'none');
  if (unfolded && before?.fold === 'hidden') return 'Showed the hidden subthread again';
  if (unfolded && before?.fold === 'collapsed') return 'Expanded the subthread';
  return null;
}

/** A fold the reader can take back with `u` too, as before, though it removes nothing. */
function describeFold(ops: readonly CommentOp[], before: Record | null): string | null {
  const fold = ops.findLast((op) => op.op === 'fold.set')?.fold;
  if (!fold || fold === (before?.fold ?? 'none')) return null;
  return fold === 'hidden' ? 'Hid the subthread' : 'Collapsed the subthread';
}

export function startUndo({ annotator, commands }: SessionContext, signal: AbortSignal): void {
  const history: Entry[] = [];
  // Set at once, so that a `u` pressed meanwhile is not taken by the queued command (index.ts).
  commands.undo = async () => {
    const edits = await annotator.edits();
    const entry = history.at(-1);
    if (!entry) {
      edits.toastDone('Nothing to undo.');
      return;
    }
    await undoEntry(edits, entry);
  };
  // Already loaded with this script: the page's edits come within the same task.
  annotator.edits().then(
    (edits) => signal.aborted || listen(edits),
    (error: unknown) => annotator.report(error),
  );
  signal.addEventListener('abort', () => {
    history.length = 0;
  });

  function listen(edits: PageEdits): void {
    edits.listenStored((edit) => offerUndo(edits, edit));
    signal.addEventListener('abort', () => edits.listenStored(null));
  }

  async function undoEntry(edits: PageEdits, entry: Entry): Promise<void> {
    const at = history.indexOf(entry);
    if (at >= 0) history.splice(at, 1);
    await entry.undo();
    edits.toastDone(`Undone: ${entry.label}.`);
  }

  function offerUndo(edits: PageEdits, edit: StoredEdit): void {
    const { model } = annotator;
    const offer = (entry: Entry, how: Offer = 'toast'): void => {
      history.push(entry);
      if (history.length > UNDO_DEPTH) history.shift();
      if (how === 'toast') {
        edits.toastUndo(entry.label, () => edits.reporting(undoEntry(edits, entry)));
      }
    };

    if (edit.kind === 'user') {
      const { author, before } = edit;
      const label = describeLoss(edit.ops, before, edit.after, ` from ${author}`);
      if (!label) return;
      offer({
        label,
        undo: () => edits.editUser(author, userOps(before, model.user(author)), undefined, true),
      });
      return;
    }
    const single = edit.records.length === 1 ? edit.records[0] : undefined;
    const loss =
      edit.label ?? (single ? describeLoss(edit.ops, single.before, single.after) : null);
    const fold = single ? describeFold(edit.ops, single.before) : null;
    const label = loss ?? fold;
    if (!label) return;
    const { records } = edit;
    const how: Offer = loss || fold === 'Hid the subthread' ? 'toast' : 'quiet';
    offer(
      {
        label,
        undo: () =>
          edits.editMany(
            records
              .map(({ key, before }) => ({ key, ops: inverseOps(before, model.annotation(key)) }))
              .filter(({ ops }) => ops.length > 0),
            undefined,
            { undoing: true },
          ),
      },
      how,
    );
  }
}

/** A user's record has no fold: its inverse has none of the comment-only operations. */
function userOps(before: UserAnnotation | null, now: UserAnnotation | null): UserOp[] {
  return inverseOps(before, now).filter((op): op is UserOp => op.op !== 'fold.set');
}
