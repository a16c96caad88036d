import { noteParts } from '../../shared/note-text';
import { trusted } from '../trusted';

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

export function CommentNote({ note, onEdit }: { note: string; onEdit: () => void }) {
  return (
    <div class="note" role="note" aria-label="Your Threadnote note">
      <span class="text" dir="auto">
        <NoteText note={note} />
      </span>
      <button type="button" class="edit" onClick={trusted(onEdit)} aria-label="Edit your note">
        edit
      </button>
    </div>
  );
}
