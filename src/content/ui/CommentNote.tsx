import { useLayoutEffect, useRef, useState } from 'preact/hooks';
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
 * The reader's note under the comment, clamped to three lines with "more"/"less" so that a long
 * note never takes over the thread. Versions written elsewhere that a save replaced unseen are
 * said next to it, one click from the editor that restores or dismisses them.
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
  const text = useRef<HTMLSpanElement>(null);
  const [open, setOpen] = useState(false);
  const [overflows, setOverflows] = useState(false);
  // Whether the clamp cuts anything, read when the browser lays the note out (a ResizeObserver
  // reports each note once it has a box, and again when it changes): reading its size while the
  // page is being decorated would force a layout of the whole thread per note (npm run bench:
  // 60 annotations took 750 ms instead of 10). A note drawn hidden (its editor open, or folded
  // away) is measured when it shows.
  useLayoutEffect(() => {
    const element = text.current;
    if (!element || open) return undefined;
    const watcher = new ResizeObserver(() =>
      setOverflows(element.scrollHeight > element.clientHeight + 1),
    );
    watcher.observe(element);
    return () => watcher.disconnect();
  }, [note, open]);
  return (
    <div class="note" role="note" aria-label="Your Threadnote note">
      {note && (
        <span ref={text} class={open ? 'text' : 'text clamped'} dir="auto">
          <NoteText note={note} />
        </span>
      )}
      <span class="actions">
        {note && (overflows || open) && (
          <button
            type="button"
            class="more"
            aria-expanded={open}
            onClick={trusted(() => setOpen(!open))}
          >
            {open ? 'less' : 'more'}
          </button>
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
      </span>
    </div>
  );
}
