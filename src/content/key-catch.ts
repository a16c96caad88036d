/**
 * The part of the keyboard a page load carries; the keys themselves are run by keyboard.ts, in the
 * UI script. Until that script arrives, a key the keyboard would act on is held here, its default
 * prevented as the keyboard would, and asks for the script; the keyboard runs the held keys first,
 * in order, so no key press is lost. A click in a comment makes it the current one from the start.
 */
import type { SessionContext } from './context';
import { focusedWithin } from './shadow-roots';
import { trusted } from './trusted';

/** Whether the reader types in a field, the page's or Threadnote's own: keys never act then. */
export function isTyping(event: KeyboardEvent): boolean {
  const first = event.composedPath()[0];
  if (!(first instanceof Element)) return false;
  // In Threadnote's own fields the path ends at their closed root's host: look inside.
  const target = focusedWithin(first);
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * Whether the keyboard acts on a key press, and so takes it from the page. Keys on the current
 * comment act once there is one; `onComment` says whether there is, or will be once the keys held
 * before it ran (a `j` may move to one).
 */
export function acts(
  event: KeyboardEvent,
  { annotator }: SessionContext,
  onComment: boolean,
): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return false;
  const { key } = event;
  if (key.length !== 1 || isTyping(event)) return false;
  if ('?ujkNPXER'.includes(key)) return true;
  if (!onComment) return false;
  return (
    'xhtn'.includes(key) ||
    (key >= '1' && annotator.model.quickTags()[Number(key) - 1] !== undefined)
  );
}

/** Holds the keys the keyboard acts on until `take`, which hands them over and stops holding. */
export function catchKeys(context: SessionContext, signal: AbortSignal): () => string[] {
  const { annotator, navigator } = context;
  let held: string[] | null = [];
  const onKey = trusted((event: KeyboardEvent): void => {
    if (!held) return;
    const onComment = held.length > 0 || annotator.model.comments()[navigator.currentIndex()];
    if (!acts(event, context, Boolean(onComment))) return;
    event.preventDefault();
    held.push(event.key);
    context.ui().catch((error: unknown) => annotator.report(error));
  });
  document.addEventListener('keydown', onKey, { signal });

  /**
   * A click in a comment makes it the one the keys act on, as j and k do, unless it lands on
   * something that acts itself (a link, a button, a field, Threadnote's own UI) or ends a text
   * selection.
   */
  const select = trusted((event: MouseEvent): void => {
    if (event.button !== 0 || !(event.target instanceof Element)) return;
    const target = event.target;
    if (target.closest('a, button, input, textarea, select, label, summary, [contenteditable]')) {
      return;
    }
    if (target.tagName.startsWith('TN-')) return;
    if (!(document.getSelection()?.isCollapsed ?? true)) return;
    const key = target.closest('[data-tn-comment]')?.getAttribute('data-tn-comment');
    const comment = key ? annotator.model.comment(key) : undefined;
    if (comment) navigator.focus(comment, false);
  });
  document.addEventListener('click', select, { signal });

  return () => {
    const keys = held ?? [];
    held = null;
    return keys;
  };
}
