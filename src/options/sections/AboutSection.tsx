import type { SectionProps } from './section';

/** What Threadnote is, what it keeps and where, and what it never does. */
export function AboutSection({ connector }: SectionProps) {
  return (
    <>
      <p class="lead">Threadnote {connector.version()}: notes for long forum threads.</p>
      <h3>Privacy</h3>
      <ul class="about">
        <li>
          Everything you tag, note or fold is kept in this browser profile (IndexedDB), and nowhere
          else. Threadnote has no server, no account, no analytics and sends nothing anywhere.
        </li>
        <li>
          It reads pages only on the forums listed under Sites, and on a forum you enable only after
          the browser asks you. It reads comments’ text, authors and links there to attach your
          notes to them; it keeps the first 280 characters of a comment you annotate, so your note
          still says what it was about after an edit.
        </li>
        <li>
          To remember what is new, it keeps the ids of the comments you have seen in each thread you
          open on those forums.
        </li>
        <li>
          Exports are files you save yourself; imports read only the file you choose. “Delete
          everything” under Your data removes all of it; so does removing the extension.
        </li>
      </ul>
      <h3>Permissions</h3>
      <ul class="about">
        <li>
          <strong>Read and change pages on the built-in forums</strong>: to show your tags, notes
          and folds there.
        </li>
        <li>
          <strong>Scripting and the active tab</strong>: to start on a forum you enable, in the tab
          you enabled it from.
        </li>
        <li>
          <strong>Unlimited storage</strong>: so the browser never evicts your notes when the disk
          fills up.
        </li>
      </ul>
    </>
  );
}
