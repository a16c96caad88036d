/** The reader's note, always rendered as text: nothing in it is ever parsed as HTML. */
export function CommentNote({ note }: { note: string }) {
  return (
    <div class="note" role="note" aria-label="Your Threadnote note">
      {note}
    </div>
  );
}
