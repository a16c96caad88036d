import { trusted } from '../trusted';
import { noteParts } from '../../shared/note-text';
import { keptLabel } from './comment-chips';

/** The reader's note: text, http(s) links and line breaks, never HTML. */
export function NoteText({ note }: { note: string }) {
  return (
    <>
      {noteParts(note).map((part, index) =>
        part.kind === 'link' ? (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

/**
 * The reader's note under the comment. Versions written elsewhere that a save replaced unseen
 * are said next to it, one click from the editor that restores or dismisses them.
 */
export function CommentNote({
  note,
  versions,
  onEdit,
}: {
  note: string;
  versions: number;
  onEdit: () => void;
}) {
  return (
    <div class="note" role="note" aria-label="Your Threadnote note">
      {note && (
        <span class="text" dir="auto">
          <NoteText note={note} />
        </span>
      )}
      {note && (
        <button type="button" class="edit" onClick={trusted(onEdit)} aria-label="Edit your note">
          edit
        </button>
      )}
      {versions > 0 && (
        <button
          type="button"
          class="kept"
          onClick={trusted(onEdit)}
          aria-label={`${keptLabel(versions)}: show them in the note editor`}
        >
          {keptLabel(versions)} · show
        </button>
      )}
    </div>
  );
}
