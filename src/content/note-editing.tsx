/**
 * The inline note editor's link to the stored record: a save carries the text the editor opened
 * on as its `base`, so a text another tab saved meanwhile is kept as a version rather than lost,
 * and kept versions are restored or dismissed from the editor.
 */
import { render } from 'preact';
import type { NoteVersion } from '../shared/model';
import type { NoteOp } from '../shared/operations';
import type { ContentConnector } from './connector';
import { NoteEditor } from './ui/NoteEditor';

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
 * Draws the editor into a shadow root, once any draft is read; `isOpen` tells whether the editor
 * is still wanted by then.
 */
export async function showNoteEditor(
  root: ShadowRoot,
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
    render(
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
      root,
    );
  };
  draw();
}
