/**
 * Filtering a thread by a tag: every comment without it (on itself or on its author) is dimmed,
 * and a bar says "N of M comments tagged X · previous · next · clear".
 */
import { render } from 'preact';
import type { Annotator } from './annotator';
import type { CommentNavigator } from './keyboard';
import { createShadowHost, shadowOf } from './shadow';
import { FilterBar } from './ui/FilterBar';
import { filterBarCss } from './ui/styles';

const DIMMED = 'tn-dimmed';

export class TagFilter {
  private tag: string | null = null;
  private host: HTMLElement | null = null;
  private dimmed = new Set<Element>();

  constructor(
    private readonly annotator: Annotator,
    private readonly navigator: CommentNavigator,
    private readonly anchor: () => Element | null,
  ) {
    annotator.onChange(() => {
      if (this.tag !== null) this.apply();
    });
  }

  /** The page this served is gone (the forum moved to another one in place): undo the filter. */
  stop(): void {
    this.set(null);
  }

  /** Filters by a tag, or clears the filter with null; returns how many comments match. */
  set(tag: string | null): number {
    this.tag = tag;
    return this.apply();
  }

  private matching() {
    const tag = this.tag;
    if (tag === null) return [];
    return this.annotator.comments().filter((comment) => this.annotator.hasTag(comment, tag));
  }

  private apply(): number {
    const matches = this.matching();
    const keep = new Set(matches.map((comment) => comment.element));
    const next = new Set<Element>();
    if (this.tag !== null) {
      for (const comment of this.annotator.comments()) {
        if (!keep.has(comment.element)) next.add(comment.element);
      }
    }
    for (const element of this.dimmed) if (!next.has(element)) element.classList.remove(DIMMED);
    for (const element of next) if (!this.dimmed.has(element)) element.classList.add(DIMMED);
    this.dimmed = next;
    this.renderBar(matches.length);
    return matches.length;
  }

  private step(direction: 1 | -1): void {
    const matches = this.matching();
    const comments = this.annotator.comments();
    const current = this.navigator.currentKey();
    const focused = comments.findIndex((comment) => comment.key === current);
    const ordered = direction === 1 ? matches : [...matches].reverse();
    const target =
      ordered.find((comment) => {
        const index = comments.indexOf(comment);
        return direction === 1 ? index > focused : focused < 0 || index < focused;
      }) ?? ordered[0];
    if (target) this.navigator.focus(target);
  }

  private renderBar(matches: number): void {
    if (this.tag === null) {
      this.host?.remove();
      this.host = null;
      return;
    }
    if (!this.host) {
      const anchor = this.anchor();
      if (!anchor?.parentNode) return;
      this.host = createShadowHost('tn-filter-bar', filterBarCss);
      anchor.parentNode.insertBefore(this.host, anchor);
    }
    render(
      <FilterBar
        tag={this.tag}
        matches={matches}
        total={this.annotator.comments().length}
        onPrevious={() => this.step(-1)}
        onNext={() => this.step(1)}
        onClear={() => this.set(null)}
      />,
      shadowOf(this.host),
    );
  }
}
