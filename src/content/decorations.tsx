/**
 * What Threadnote puts on each comment: the DOM contract attributes, tag chips (drawn once in
 * sight) and the note. Reads the page model; the fold view owns what folds hide, and the
 * new-marks feature the "new" marks.
 */
import type { UserAnnotation } from '../shared/model';
import type { SiteComment } from '../sites/types';
import type { FoldView } from './fold-view';
import type { PageModel } from './page-model';
import { createShadowHost, shadowOf } from './shadow-roots';
import { InSight } from './sight';
import { Theme } from './theme';
import { renderCommentChips } from './ui/comment-chips';
import { renderCommentNote } from './ui/CommentNote';
import { chipsCss, noteCss } from './ui/styles';
import { UserLinkChips } from './user-link-chips';

const ATTR = {
  comment: 'data-tn-comment',
  tags: 'data-tn-tags',
  note: 'data-tn-note',
  fold: 'data-tn-fold',
  userTags: 'data-tn-user-tags',
} as const;

const FLASH_MS = 2_000;
const FLASH = 'tn-flash';
/** page.css hides what carries it, as it does a collapsed comment's text. */
const NOTE_FOLDED = 'tn-collapsed-body';

/** Draws the eye to a comment just jumped to. */
export function flash(comment: SiteComment): void {
  comment.element.classList.remove(FLASH);
  // Restart the animation when the same comment is flashed twice.
  void comment.element.getBoundingClientRect();
  comment.element.classList.add(FLASH);
  setTimeout(() => comment.element.classList.remove(FLASH), FLASH_MS);
}

function setAttribute(element: Element, name: string, value: string | null): void {
  if (value === null) {
    if (element.hasAttribute(name)) element.removeAttribute(name);
  } else if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value);
  }
}

/** What the reader's clicks on chips and notes ask for. Read when clicked, not when drawn. */
export interface DecorationActions {
  expand(key: string): void;
  removeTag(key: string, name: string): void;
  tagClicked(name: string): void;
  editNote(key: string, kind: 'comment' | 'user'): void;
}

export class Decorations {
  private readonly chipHosts = new Map<string, HTMLElement>();
  private readonly notes = new Map<string, HTMLElement>();
  private readonly inSight = new InSight((comment) => this.draw(comment));
  private readonly userLinkChips = new UserLinkChips();
  /** The forum's look, light or dark as the page is, for every root Threadnote draws. */
  private readonly theme: Theme;

  constructor(
    private readonly model: PageModel,
    private readonly folds: FoldView,
    private readonly actions: DecorationActions,
  ) {
    this.theme = new Theme(
      model.adapter.look,
      document,
      () => model.comments()[0]?.element ?? null,
    );
    this.theme.start();
  }

  /** Marks comments read for the first time. Writes only, after the adapter's reads. */
  mark(comments: readonly SiteComment[]): void {
    for (const comment of comments) comment.element.setAttribute(ATTR.comment, comment.key);
  }

  /**
   * Most comments carry nothing: the pass over them only reads, and draws the few that do; their
   * chips wait until they come near the viewport.
   */
  drawAll(comments: readonly SiteComment[]): void {
    const { model } = this;
    const anyUsers = model.anyUsers();
    for (const comment of comments) {
      const authorAnnotated = anyUsers && model.user(comment.author) !== null;
      if (authorAnnotated || model.annotation(comment.key)) this.draw(comment, true);
    }
  }

  /** Keys of the comments whose chips are drawn. */
  drawnKeys(): IterableIterator<string> {
    return this.chipHosts.keys();
  }

  /** Where the comment's note shows, if it has one. */
  noteHost(key: string): HTMLElement | undefined {
    return this.notes.get(key);
  }

  /** Resolves once the chips in sight are drawn (at once when none wait, or the tab is hidden). */
  async inSightDrawn(doc: Document): Promise<void> {
    if (this.inSight.waiting() && doc.visibilityState === 'visible') {
      await this.inSight.nextSighting();
    }
  }

  /** `whenInSight`: chips not drawn yet wait until the comment comes near the viewport. */
  draw(comment: SiteComment, whenInSight = false): void {
    const { model } = this;
    const annotation = model.annotation(comment.key);
    const element = comment.element;
    const tagNames = annotation?.tags ?? [];
    const fold = model.foldOf(comment.key);
    // Reading the author costs a lookup in the page: only worth it when someone is annotated.
    const user = model.anyUsers() ? model.user(comment.author) : null;
    const userTagNames = user?.tags ?? [];

    // The forum's scripts read these too: once the reader says so, only that there are tags.
    const names = (list: readonly string[]) =>
      list.length === 0 ? null : model.tagNamesInPage() ? list.join(' ') : '';
    setAttribute(element, ATTR.tags, names(tagNames));
    setAttribute(element, ATTR.note, annotation?.note ? '' : null);
    setAttribute(element, ATTR.fold, fold === 'none' ? null : fold);
    setAttribute(element, ATTR.userTags, names(userTagNames));
    if (this.folds.isAway(comment.key)) {
      this.folds.defer(comment.key);
      return;
    }
    this.folds.undefer(comment.key);

    const collapsed = fold !== 'none';
    this.folds.collapse(comment, collapsed);
    this.drawChips(comment, tagNames, userTagNames, user, collapsed, whenInSight);
    this.drawNote(comment, annotation?.note ?? '', annotation?.conflicts?.length ?? 0, collapsed);
  }

  private drawChips(
    comment: SiteComment,
    tagNames: readonly string[],
    userTagNames: readonly string[],
    user: UserAnnotation | null,
    collapsed: boolean,
    whenInSight: boolean,
  ): void {
    const userNote = user?.note ?? '';
    const userVersions = user?.conflicts?.length ?? 0;
    let host = this.chipHosts.get(comment.key);
    this.inSight.forget(comment.element);
    if (
      tagNames.length === 0 &&
      userTagNames.length === 0 &&
      !userNote &&
      userVersions === 0 &&
      !collapsed
    ) {
      host?.remove();
      this.chipHosts.delete(comment.key);
      return;
    }
    if (!host && whenInSight) {
      this.inSight.wait(comment);
      return;
    }
    const header = comment.header();
    if (!header) return;
    if (!host) {
      host = createShadowHost('tn-chips', chipsCss);
      this.chipHosts.set(comment.key, host);
    }
    const { model, actions } = this;
    if (host.parentNode !== header) {
      // Before the control, which follows the chips, and before what stays last in the header.
      header.insertBefore(
        host,
        header.querySelector(':scope > tn-control') ?? comment.headerTail(),
      );
    }
    renderCommentChips(shadowOf(host), {
      tags: tagNames.map((name) => model.tagFor(name)),
      userTags: userTagNames.map((name) => model.tagFor(name)),
      userNote,
      collapsed: collapsed
        ? {
            summary: model.describeSubthread(comment),
            onExpand: () => actions.expand(comment.key),
            ownToggle: model.adapter.ownFold !== undefined,
          }
        : null,
      onRemoveTag: (name) => actions.removeTag(comment.key, name),
      onTagClick: (name) => actions.tagClicked(name),
      userVersions,
      onUserVersions: () => actions.editNote(comment.key, 'user'),
    });
  }

  /** A collapsed comment's note is folded with it: its stub says "1 note" instead. */
  private drawNote(comment: SiteComment, note: string, versions: number, collapsed: boolean): void {
    let host = this.notes.get(comment.key);
    if (!note && versions === 0) {
      host?.remove();
      this.notes.delete(comment.key);
      return;
    }
    if (!host) {
      host = createShadowHost('tn-note', noteCss);
      this.notes.set(comment.key, host);
    }
    host.classList.toggle(NOTE_FOLDED, collapsed);
    const body = comment.body();
    const header = comment.header();
    if (body?.parentNode) {
      if (host.nextSibling !== body) body.parentNode.insertBefore(host, body);
    } else if (header?.parentNode) {
      if (host.previousSibling !== header) header.parentNode.insertBefore(host, header.nextSibling);
    } else {
      return;
    }
    renderCommentNote(shadowOf(host), {
      note,
      versions,
      onEdit: () => this.actions.editNote(comment.key, 'comment'),
    });
  }

  /** User tags and notes next to links to users outside comments. */
  drawUserLinks(): void {
    const { model } = this;
    this.userLinkChips.draw(
      model.userLinks,
      (name) => model.user(name),
      (name) => model.tagFor(name),
      (name) => this.actions.tagClicked(name),
    );
  }

  /** Takes Threadnote's marks off an element the forum replaced or took off the page. */
  undecorate(comment: SiteComment): void {
    const { key, element } = comment;
    this.chipHosts.get(key)?.remove();
    this.chipHosts.delete(key);
    this.inSight.forget(element);
    this.notes.get(key)?.remove();
    this.notes.delete(key);
    this.folds.forget(comment);
    for (const name of Object.values(ATTR)) element.removeAttribute(name);
  }

  stop(): void {
    this.inSight.stop();
    this.theme.stop();
  }
}
