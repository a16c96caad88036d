/**
 * Marks the comments new since the reader's last visit: `data-tn-new` (the DOM contract) and a
 * visible "new" at the start of the comment's header. Comments the forum adds later are marked as
 * they are shown; the marks go when the session stops.
 */
import type { SiteComment } from '../sites/types';
import type { SessionContext } from './context';

const NEW = 'data-tn-new';

export function startNewMarks({ annotator }: SessionContext, signal: AbortSignal): void {
  const { model } = annotator;
  const marks = new Map<Element, HTMLElement>();

  const mark = (comments: readonly SiteComment[]): void => {
    if (!model.knowsVisit()) return;
    for (const comment of comments) {
      const { element } = comment;
      if (!model.isNew(comment.key) || element.hasAttribute(NEW)) continue;
      element.setAttribute(NEW, '');
      const label = document.createElement('tn-new-mark');
      label.textContent = 'new';
      comment.header()?.prepend(label);
      marks.set(element, label);
    }
  };

  mark(model.comments());
  annotator.onShown(mark, signal);
  signal.addEventListener('abort', () => {
    for (const [element, label] of marks) {
      element.removeAttribute(NEW);
      label.remove();
    }
    marks.clear();
  });
}
