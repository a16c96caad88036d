/**
 * The keys Threadnote answers on a forum page (src/content/keyboard.ts), as the options page lists
 * them. They act only while no field has focus, and never with Ctrl, Alt or ⌘ held.
 */
export const PAGE_KEYS: readonly { keys: string; action: string }[] = [
  { keys: 'j / k', action: 'Next / previous comment' },
  { keys: 'N / P', action: 'Next / previous comment new since your last visit' },
  { keys: 't', action: 'Open the Threadnote panel on the comment (tags, fold)' },
  { keys: 'n', action: 'Write or edit the comment’s note' },
  { keys: '1 – 9', action: 'Toggle quick tag 1 to 9 (starred in the Tags settings)' },
  { keys: 'x', action: 'Collapse or expand the comment’s subthread' },
  { keys: 'h', action: 'Hide the comment and its replies' },
  { keys: 'X', action: 'Collapse all top-level comments' },
  { keys: 'E', action: 'Expand everything Threadnote folded' },
  { keys: 'R', action: 'Collapse read subthreads (nothing new since your last visit)' },
  { keys: 'u', action: 'Undo the latest removal, unfold or fold (also from the toast)' },
  { keys: '?', action: 'Show these keys' },
];

/** Said above the list, on the options page and in the page's `?` overlay alike. */
export const PAGE_KEYS_HINT =
  'With a comment focused (click it, or move with j and k). Keys are case-sensitive: X is Shift+x. ' +
  'Keys never act while you type in a field, nor with Ctrl, Alt or ⌘ held.';
