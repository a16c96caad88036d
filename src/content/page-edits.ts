/**
 * The reader's edits from this page: of comments and users, quick tag toggles and bulk fold
 * actions, with the fold history that lets the last fold action be undone. Edits go out through
 * the outbox; the worker's answers come back through `answers` (the annotator), which stores and
 * shows them. Part of the UI script: a page load makes no edit (annotator.ts, `edits`).
 */
import type { BulkFoldAction } from '../shared/messages';
import {
  QUOTE_LENGTH,
  keptName,
  type CommentAnnotation,
  type Fold,
  type UserAnnotation,
} from '../shared/model';
import type { CommentOp, UserOp } from '../shared/operations';
import type { SiteComment } from '../sites/types';
import type { ContentConnector } from './connector';
import {
  commentRecord,
  foldAfter,
  foldOp,
  sendCommentEdits,
  sendUserEdit,
  tagsAfter,
  toggleOp,
  type CommentEdit,
  type EditAnswers,
} from './edits';
import { bulkFoldChanges, bulkLabel } from './fold-actions';
import { alreadyShown, reasonOf, type PageSaving } from './outbox';
import type { PageModel } from './page-model';

/** How long the toast offers Undo; `u` still undoes after it went. */
const UNDO_TOAST_MS = 10_000;

function refFor(comment: SiteComment): CommentEdit['comment'] {
  return {
    key: comment.key,
    thread: comment.thread,
    author: comment.author ?? '',
    url: comment.permalink,
    quote: comment.text().slice(0, QUOTE_LENGTH),
  };
}

/** A stored edit as undo.ts sees it: each record as it was before and is after. */
export type StoredEdit =
  | {
      kind: 'comments';
      /** Set by a bulk action, which names itself; other edits are named by their operations. */
      label: string | null;
      ops: readonly CommentOp[];
      records: { key: string; before: CommentAnnotation | null; after: CommentAnnotation | null }[];
    }
  | {
      kind: 'user';
      author: string;
      ops: readonly UserOp[];
      before: UserAnnotation | null;
      after: UserAnnotation | null;
    };

/** How many actions `u` can go back through (undo.ts), and so how many early edits are kept. */
export const UNDO_DEPTH = 20;

export class PageEdits {
  private readonly foldHistory: { key: string; fold: Fold }[][] = [];
  /** Told of each edit once stored, unless the edit is itself an undo (undo.ts). */
  private onStored: ((edit: StoredEdit) => void) | null = null;
  /**
   * Edits stored before undo.ts listens: it starts once the page is annotated, and an edit made
   * while the page loads (a fold from the forum's own control, a key) can come first. It takes
   * them when it starts, so `u` reaches them too.
   */
  private readonly storedEarly: StoredEdit[] = [];

  constructor(
    private readonly model: PageModel,
    private readonly worker: ContentConnector,
    /** Shared by the page's sessions: edits still waiting outlive an in-app navigation. */
    private readonly saving: PageSaving,
    private readonly answers: EditAnswers,
  ) {}

  async edit(key: string, ops: CommentOp[], onWaiting?: (reason: string) => void): Promise<void> {
    await this.editMany([{ key, ops }], onWaiting);
  }

  /**
   * Saves edits of comments on this page; resolves once the worker stored them all. Fold changes
   * are remembered, newest last, so the last fold action can be undone, and forgotten again if
   * the worker refuses them.
   */
  async editMany(
    edits: readonly { key: string; ops: CommentOp[] }[],
    onWaiting?: (reason: string) => void,
    { label = null, undoing = false }: { label?: string | null; undoing?: boolean } = {},
  ): Promise<void> {
    const before = edits.map(({ key }) => ({ key, before: this.model.annotation(key) }));
    const comments = this.model.byKey();
    const refs: CommentEdit[] = edits.map(({ key, ops }) => {
      const comment = comments.get(key);
      if (!comment) throw new Error('This comment is no longer on the page.');
      return { comment: refFor(comment), ops };
    });
    const history = edits
      .filter(({ ops }) => ops.some((op) => op.op === 'fold.set'))
      .map(({ key }) => ({ key, fold: this.askedFold(key) }));
    if (history.length > 0) this.foldHistory.push(history);
    try {
      await sendCommentEdits(this.saving, this.worker, this.answers, refs, onWaiting);
    } catch (error) {
      const at = this.foldHistory.indexOf(history);
      if (at >= 0) this.foldHistory.splice(at, 1);
      throw error;
    }
    if (undoing) return;
    this.stored({
      kind: 'comments',
      label,
      ops: edits.flatMap(({ ops }) => ops),
      records: before.map((record) => ({ ...record, after: this.model.annotation(record.key) })),
    });
  }

  /** Tells `listener` of every stored edit from now on, and of those stored before it came. */
  listenStored(listener: ((edit: StoredEdit) => void) | null): void {
    this.onStored = listener;
    if (listener) for (const edit of this.storedEarly.splice(0)) listener(edit);
  }

  private stored(edit: StoredEdit): void {
    if (this.onStored) {
      this.onStored(edit);
      return;
    }
    this.storedEarly.push(edit);
    if (this.storedEarly.length > UNDO_DEPTH) this.storedEarly.shift();
  }

  /** Shows each comment the keys name, with its replies (a fold back to none). */
  unfold(keys: readonly string[]): Promise<void> {
    return this.editMany(keys.map((key) => ({ key, ops: [foldOp('none')] })));
  }

  /** A comment's fold as the reader last asked for it, edits on their way included. */
  askedFold(key: string): Fold {
    return foldAfter(this.model.foldOf(key), this.saving.outbox.pending(commentRecord(key)));
  }

  /** Saves edits of a user's annotation; resolves once the worker stored them. */
  async editUser(
    author: string,
    ops: UserOp[],
    onWaiting?: (reason: string) => void,
    undoing = false,
  ): Promise<void> {
    const user = { key: this.model.userKey(author), name: keptName(author) };
    const before = this.model.user(author);
    await sendUserEdit(this.saving, this.worker, this.answers, user, ops, onWaiting);
    if (undoing) return;
    this.stored({ kind: 'user', author, ops, before, after: this.model.user(author) });
  }

  /**
   * Toggles one tag on a comment (quick tags): adds or removes it as the reader's last edits left
   * it, and the worker applies that to what is stored, so keys pressed back to back all count.
   */
  async toggleTag(key: string, name: string): Promise<void> {
    const stored = this.model.annotation(key)?.tags ?? [];
    const tags = tagsAfter(stored, this.saving.outbox.pending(commentRecord(key)));
    await this.edit(key, [toggleOp(tags, name)]);
  }

  /** Runs a bulk fold action on this page; returns how many comments changed. */
  async bulk(action: BulkFoldAction): Promise<{ changed: number; canUndo: boolean }> {
    if (action === 'undo') {
      const last = this.foldHistory.pop();
      if (last) {
        await this.editMany(last.map(({ key, fold }) => ({ key, ops: [foldOp(fold)] })));
        // Undoing is not itself an action to undo.
        this.foldHistory.pop();
      }
      return { changed: last?.length ?? 0, canUndo: this.foldHistory.length > 0 };
    }
    const { model } = this;
    const comments = model.byKey();
    const changes = bulkFoldChanges(
      action,
      model.comments(),
      (key) => model.foldOf(key),
      model.knowsVisit() ? (key) => model.isNew(key) : null,
    ).filter(({ key }) => comments.has(key));
    if (changes.length > 0) {
      await this.editMany(
        changes.map(({ key, fold }) => ({ key, ops: [foldOp(fold)] })),
        undefined,
        { label: bulkLabel(action, changes.length) },
      );
    }
    return { changed: changes.length, canUndo: this.foldHistory.length > 0 };
  }

  /** Offers to undo what the reader just did, in the page's toast (undo.ts). */
  toastUndo(label: string, undo: () => void): void {
    this.saving.toaster.show(label, 'done', UNDO_TOAST_MS, { label: 'Undo', run: undo });
  }

  /** Says something went as asked, in the page's toast, for a moment. */
  toastDone(text: string): void {
    this.saving.toaster.show(text, 'done', 3_000);
  }

  /** Shows the reader a failure of something they asked for (a key press), in the page's toast. */
  report(error: unknown): void {
    if (alreadyShown(error)) return;
    this.saving.toaster.show(reasonOf(error, 'Threadnote could not do that.'), 'error', 8_000);
  }

  /** Runs an action started from a click; a failure is shown in the page's toast. */
  reporting(action: Promise<unknown>): void {
    action.catch((error: unknown) => this.report(error));
  }
}
