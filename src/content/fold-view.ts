/**
 * Folds as the page shows them: collapsed comments' bodies, the replies and hidden comments put out
 * of sight. Reads the page model; writes only classes. The bar listing what is hidden is a feature
 * of its own (hidden-bar.ts).
 */
import type { SiteComment } from '../sites/types';
import { foldedAway } from './folds';
import type { PageModel } from './page-model';
import { trusted } from './trusted';

const CLASS = {
  foldedAway: 'tn-folded-away',
  collapsedBody: 'tn-collapsed-body',
} as const;

export interface FoldViewActions {
  /** Draws a comment whose decorations waited for its fold to open. */
  drawShown(comment: SiteComment): void;
  /** The reader folded or opened a comment with the forum's own toggle (HN's [–]). */
  foldFromSite(key: string, folded: boolean): void;
}

export class FoldView {
  private foldedKeys = new Set<string>();
  /** What each collapse hid in its comment, so that it can be shown again as it was. */
  private readonly collapsedBodies = new Map<string, HTMLElement[]>();
  /** Annotated comments folded out of sight, whose chips, stub and note wait for the fold to open. */
  private readonly deferred = new Set<string>();

  private readonly listening = new AbortController();

  constructor(
    private readonly model: PageModel,
    private readonly actions: FoldViewActions,
    doc: Document,
  ) {
    const own = model.adapter.ownFold;
    if (own) {
      // One fold per comment: the forum's toggle acts first, then Threadnote's fold follows it,
      // and Threadnote's stored fold is what a reload shows.
      const onClick = trusted((event: MouseEvent) => {
        const row = event.target instanceof Element ? own.toggled(event.target) : null;
        const key = row?.getAttribute('data-tn-comment');
        if (!row || !key) return;
        setTimeout(() => {
          const folded = own.isFolded(row);
          if (folded !== (model.foldOf(key) !== 'none')) actions.foldFromSite(key, folded);
        });
      });
      doc.addEventListener('click', onClick, { signal: this.listening.signal });
    }
  }

  /** Stops following the forum's own fold toggle. */
  stop(): void {
    this.listening.abort();
  }

  /** Whether a fold above (or its own hide) puts the comment out of sight. */
  isAway(key: string): boolean {
    return this.foldedKeys.has(key);
  }

  /** Keeps the comment's decorations for when its fold opens. */
  defer(key: string): void {
    this.deferred.add(key);
  }

  undefer(key: string): void {
    this.deferred.delete(key);
  }

  /** Shows or hides the parts of the comment a collapse hides. */
  collapse(comment: SiteComment, collapsed: boolean): void {
    if (collapsed === this.collapsedBodies.has(comment.key)) return;
    // The forum's own toggle says the same: one fold, whichever control made it.
    const own = this.model.adapter.ownFold;
    if (own && own.isFolded(comment.element) !== collapsed)
      own.setFolded(comment.element, collapsed);
    const parts = collapsed ? comment.foldedParts() : (this.collapsedBodies.get(comment.key) ?? []);
    for (const part of parts) part.classList.toggle(CLASS.collapsedBody, collapsed);
    if (collapsed) this.collapsedBodies.set(comment.key, parts);
    else this.collapsedBodies.delete(comment.key);
  }

  /** Takes the fold's marks off an element the forum replaced or took off the page. */
  forget({ key, element }: SiteComment): void {
    for (const part of this.collapsedBodies.get(key) ?? []) {
      part.classList.remove(CLASS.collapsedBody);
    }
    this.collapsedBodies.delete(key);
    if (this.foldedKeys.delete(key)) element.classList.remove(CLASS.foldedAway);
    this.deferred.delete(key);
  }

  /**
   * Hides exactly the comments Threadnote's folds put out of sight, touching only those whose
   * state changes.
   */
  show(): void {
    const { model } = this;
    if (this.foldedKeys.size === 0 && !model.anyFold()) return;
    const foldOf = (key: string) => model.foldOf(key);
    const comments = model.byKey();
    const tree = model.foldTree();
    const next = tree
      ? new Set([...tree.hiddenBy(foldOf)].filter((key) => comments.has(key)))
      : foldedAway(model.comments(), foldOf);
    for (const key of this.foldedKeys) {
      if (!next.has(key)) comments.get(key)?.element.classList.remove(CLASS.foldedAway);
    }
    for (const key of next) {
      if (!this.foldedKeys.has(key)) comments.get(key)?.element.classList.add(CLASS.foldedAway);
    }
    const shown = [...this.deferred].filter((key) => !next.has(key));
    this.foldedKeys = next;
    for (const key of shown) {
      const comment = comments.get(key);
      if (comment) this.actions.drawShown(comment);
    }
  }
}
