/**
 * Chips of comments read with the page wait until the comment comes near the viewport: a shadow
 * root in each of hundreds of headers, and the names of every fold's repliers read from the page,
 * cost more than the rest of applying a thread's annotations.
 */
import type { SiteComment } from '../sites/types';
import { timed } from './timing';

/**
 * How far outside the viewport chips waiting for sight are drawn: a screen ahead, so a reader
 * scrolling never meets a header still without them.
 */
const SIGHT_MARGIN = '100% 0px';
/** The longest a load holds the comments back for the chips in sight, should no sighting come. */
const SIGHTING_WAIT_MS = 1_000;

export class InSight {
  /** Comments waiting to be drawn, by element. */
  private readonly undrawn = new Map<Element, SiteComment>();
  private watcher: IntersectionObserver | null = null;
  private waiters: (() => void)[] = [];

  constructor(private readonly draw: (comment: SiteComment) => void) {}

  /** Draws the comment once it comes near the viewport. */
  wait(comment: SiteComment): void {
    this.watcher ??= new IntersectionObserver((entries) => this.sighted(entries), {
      rootMargin: SIGHT_MARGIN,
    });
    this.undrawn.set(comment.element, comment);
    this.watcher.observe(comment.element);
  }

  forget(element: Element): void {
    if (this.undrawn.delete(element)) this.watcher?.unobserve(element);
  }

  /** Whether any comment still waits. */
  waiting(): boolean {
    return this.undrawn.size > 0;
  }

  /** Resolves once the watcher has told which waiting comments are in sight, and those are drawn. */
  nextSighting(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      setTimeout(resolve, SIGHTING_WAIT_MS);
    });
  }

  stop(): void {
    this.watcher?.disconnect();
    this.undrawn.clear();
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private sighted(entries: readonly IntersectionObserverEntry[]): void {
    const sighted = entries.filter((entry) => entry.isIntersecting);
    if (sighted.length > 0) {
      timed('draw', () => {
        // Elements the forum replaced or removed were forgotten when their comment was undecorated.
        for (const { target } of sighted) {
          const comment = this.undrawn.get(target);
          this.forget(target);
          if (comment) this.draw(comment);
        }
      });
    }
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
