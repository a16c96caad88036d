/**
 * Filtering a thread by a tag: every comment without it (on itself or on its author) is dimmed,
 * and a bar says "N of M comments tagged X · previous · next · clear".
 */
import type { SiteComment } from '../sites/types';
import type { SessionContext } from './context';
import { ShadowUi } from './shadow';
import { FilterBar } from './ui/FilterBar';
import { filterBarCss } from './ui/styles';

const DIMMED = 'tn-dimmed';

export function startTagFilter(
  { annotator, navigator, commands }: SessionContext,
  signal: AbortSignal,
): void {
  const { model } = annotator;
  let tag: string | null = null;
  let bar: ShadowUi | null = null;
  let dimmed = new Set<Element>();

  const matching = (): SiteComment[] => {
    const wanted = tag;
    if (wanted === null) return [];
    return model.comments().filter((comment) => model.hasTag(comment, wanted));
  };

  const step = (direction: 1 | -1): void => {
    const matches = matching();
    const comments = model.comments();
    const current = navigator.currentKey();
    const focused = comments.findIndex((comment) => comment.key === current);
    const ordered = direction === 1 ? matches : [...matches].reverse();
    const target =
      ordered.find((comment) => {
        const index = comments.indexOf(comment);
        return direction === 1 ? index > focused : focused < 0 || index < focused;
      }) ?? ordered[0];
    if (target) navigator.focus(target);
  };

  const drawBar = (matches: number): void => {
    if (tag === null) {
      bar?.remove();
      bar = null;
      return;
    }
    if (!bar) {
      const anchor = annotator.adapter.threadBarAnchor(document);
      if (!anchor?.parentNode) return;
      bar = new ShadowUi('tn-filter-bar', filterBarCss);
      anchor.parentNode.insertBefore(bar.host, anchor);
    }
    bar.render(
      <FilterBar
        tag={tag}
        matches={matches}
        total={model.comments().length}
        onPrevious={() => step(-1)}
        onNext={() => step(1)}
        onClear={() => set(null)}
      />,
    );
  };

  const apply = (): number => {
    const matches = matching();
    const keep = new Set(matches.map((comment) => comment.element));
    const next = new Set<Element>();
    if (tag !== null) {
      for (const comment of model.comments()) {
        if (!keep.has(comment.element)) next.add(comment.element);
      }
    }
    for (const element of dimmed) if (!next.has(element)) element.classList.remove(DIMMED);
    for (const element of next) if (!dimmed.has(element)) element.classList.add(DIMMED);
    dimmed = next;
    drawBar(matches.length);
    return matches.length;
  };

  const set = (next: string | null): number => {
    tag = next;
    return apply();
  };

  annotator.onChange(() => {
    if (tag !== null) apply();
  }, signal);
  annotator.onTagClick = set;
  commands.setFilter = set;
  // The page this served is gone (the forum moved to another one in place): undo the filter.
  signal.addEventListener('abort', () => set(null));
}
