/**
 * The inline note editor's link to the stored record: a save carries the text the editor opened
 * on as its `base`, so a text another tab saved meanwhile is kept as a version rather than lost,
 * and kept versions are restored or dismissed from the editor.
 */
import type { NoteVersion } from '../shared/model';
import type { NoteOp } from '../shared/operations';
import type { ContentConnector } from './connector';
import type { PageEdits } from './page-edits';
import type { PageModel } from './page-model';
import { ShadowUi } from './shadow';
import { NoteEditor } from './ui/NoteEditor';
import { editorCss } from './ui/styles';

export interface NoteTarget {
  label: string;
  /** Where the unsaved text is kept: `comment:<key>` or `user:<key>`. */
  draftKey: string;
  /** The note and its kept versions as stored now. */
  stored(): { note: string; versions: readonly NoteVersion[] };
  /** Resolves once the worker stored the operations. */
  send(ops: NoteOp[], onWaiting?: (reason: string) => void): Promise<void>;
}

/**
 * Draws the editor into its shadow root, once any draft is read; `isOpen` tells whether the editor
 * is still wanted by then.
 */
export async function showNoteEditor(
  ui: ShadowUi,
  worker: ContentConnector,
  target: NoteTarget,
  isOpen: () => boolean,
  close: () => void,
): Promise<void> {
  const draft = await worker.getDraft(target.draftKey).catch(() => null);
  if (!isOpen()) return;
  // What the reader sees as saved when the editor opens: the base of their next save.
  let base = target.stored().note;
  const { draftKey } = target;
  const draw = () => {
    const { note, versions } = target.stored();
    ui.render(
      <NoteEditor
        label={target.label}
        saved={note}
        draft={draft}
        versions={versions}
        onSave={async (text, onWaiting) => {
          const op: NoteOp = { op: 'note.set', note: text, base };
          // A second save from this editor comes after the first: its own text is no conflict.
          base = text;
          try {
            await target.send([op], onWaiting);
          } catch (error) {
            base = op.base;
            throw error;
          }
          await worker.deleteDraft(draftKey).catch(() => null);
        }}
        onRestore={async (version) => {
          await target.send([{ op: 'note.restore', version: version.updatedAt }]);
          base = target.stored().note;
          if (isOpen()) draw();
        }}
        onDismiss={async (version) => {
          await target.send([{ op: 'note.dismiss', version: version.updatedAt }]);
          if (isOpen()) draw();
        }}
        onDraft={async (text) => {
          await worker.saveDraft(draftKey, text);
        }}
        onDiscardDraft={async () => {
          await worker.deleteDraft(draftKey);
        }}
        onClose={() => {
          if (isOpen()) close();
        }}
      />,
    );
  };
  draw();
}

/** Focuses a comment as the navigator does, so `j`, `x` and the rest go on from it. */
function focusComment(element: HTMLElement): void {
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus({ preventScroll: true });
}

/** The page's one inline note editor, under a comment's header. */
export class NoteEditorHost {
  private ui: ShadowUi | null = null;

  constructor(
    private readonly model: PageModel,
    private readonly edits: PageEdits,
    private readonly worker: ContentConnector,
    /** Where the comment's note shows: the editor opens above it. */
    private readonly noteHost: (key: string) => HTMLElement | undefined,
  ) {}

  /**
   * Opens the editor for the comment's note or for its author's, offering back a draft an earlier
   * edit left unsaved.
   */
  async open(key: string, kind: 'comment' | 'user'): Promise<void> {
    const { model, edits } = this;
    const comment = model.comment(key);
    const author = comment?.author;
    if (!comment || (kind === 'user' && !author)) return;
    const recordKey = kind === 'user' && author ? model.userKey(author) : key;
    this.close();
    const ui = new ShadowUi('tn-note-editor', editorCss);
    this.ui = ui;
    const anchor = this.noteHost(key) ?? comment.body();
    if (anchor?.parentNode) anchor.parentNode.insertBefore(ui.host, anchor);
    else comment.header()?.after(ui.host);
    const user = kind === 'user' && author ? author : null;
    await showNoteEditor(
      ui,
      this.worker,
      {
        label: user ? `Your note on ${user}, shown on all their comments` : 'Your note',
        draftKey: `${kind}:${recordKey}`,
        stored: () => {
          const record = user ? model.user(user) : model.annotation(key);
          return { note: record?.note ?? '', versions: record?.conflicts ?? [] };
        },
        send: (ops, onWaiting) =>
          user ? edits.editUser(user, ops, onWaiting) : edits.edit(key, ops, onWaiting),
      },
      () => this.ui === ui,
      () => {
        // Saved or cancelled from the keyboard: the keys act on the comment again, not the page.
        const hadFocus = document.activeElement === ui.host;
        this.close();
        if (hadFocus || document.activeElement === document.body) focusComment(comment.element);
      },
    );
  }

  close(): void {
    this.ui?.remove();
    this.ui = null;
  }
}
