/**
 * Holds what Threadnote knows about the comments on this page and keeps the page in step with it:
 * the DOM contract attributes, tag chips, notes and folds.
 */
import { render } from 'preact';
import type { BulkFoldAction, PageInfo, PageState } from '../shared/messages';
import {
  DEFAULT_SETTINGS,
  QUOTE_LENGTH,
  keptName,
  userKeyOf,
  type CommentAnnotation,
  type Fold,
  type Settings,
  type Tag,
  type UserAnnotation,
} from '../shared/model';
import type { CommentOp, UserOp } from '../shared/operations';
import { isEngineSite } from '../sites/registry';
import type { SiteAdapter, SiteComment, SitePage, UserLink } from '../sites/types';
import {
  commentRecord,
  foldAfter,
  foldOp,
  sendCommentEdits,
  sendUserEdit,
  tagsAfter,
  toggleOp,
  type CommentEdit,
} from './edits';
import type { ContentConnector } from './connector';
import { bulkFoldChanges } from './fold-actions';
import { CommentTree, describeReplies, foldedAway, repliesOnPage, type Reply } from './folds';
import { showNoteEditor } from './note-editing';
import { alreadyShown, pageSaving, reasonOf, type PageSaving } from './outbox';
import { createShadowHost, shadowOf } from './shadow';
import { renderCommentChips } from './ui/comment-chips';
import { CommentNote } from './ui/CommentNote';
import { HiddenBarHost } from './ui/HiddenBar';
import { chipsCss, editorCss, noteCss } from './ui/styles';
import { timed } from './timing';
import { UserLinkChips } from './user-link-chips';
import { watchComments } from './watch-comments';

const ATTR = {
  comment: 'data-tn-comment',
  tags: 'data-tn-tags',
  note: 'data-tn-note',
  fold: 'data-tn-fold',
  userTags: 'data-tn-user-tags',
  isNew: 'data-tn-new',
} as const;

const FLASH_MS = 2_000;

/**
 * How far outside the viewport chips waiting for sight are drawn: a screen ahead, so a reader
 * scrolling never meets a header still without them.
 */
const SIGHT_MARGIN = '100% 0px';
/** The longest a load holds the comments back for the chips in sight, should no sighting come. */
const SIGHTING_WAIT_MS = 1_000;

const CLASS = {
  foldedAway: 'tn-folded-away',
  flash: 'tn-flash',
  collapsedBody: 'tn-collapsed-body',
} as const;

/** Draws the eye to a comment just jumped to. */
export function flash(comment: SiteComment): void {
  comment.element.classList.remove(CLASS.flash);
  // Restart the animation when the same comment is flashed twice.
  void comment.element.getBoundingClientRect();
  comment.element.classList.add(CLASS.flash);
  setTimeout(() => comment.element.classList.remove(CLASS.flash), FLASH_MS);
}

/** `data-tn-new`, and a visible "new" at the start of the comment's header. */
function markNew(comment: SiteComment): void {
  if (comment.element.hasAttribute(ATTR.isNew)) return;
  comment.element.setAttribute(ATTR.isNew, '');
  const mark = document.createElement('tn-new-mark');
  mark.textContent = 'new';
  comment.header()?.prepend(mark);
}

function setAttribute(element: Element, name: string, value: string | null): void {
  if (value === null) {
    if (element.hasAttribute(name)) element.removeAttribute(name);
  } else if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value);
  }
}

export class Annotator {
  private page: SitePage = { kind: 'list', thread: null, comments: [] };
  /** Position of each comment by key, built when first needed: most loads never look one up. */
  private index: Map<string, number> | null = null;
  private readonly annotations = new Map<string, CommentAnnotation>();
  private readonly users = new Map<string, UserAnnotation>();
  private readonly tags = new Map<string, Tag>();
  private readonly fetchedThreads = new Set<string>();
  private readonly fetchedUsers = new Set<string>();
  /** Keys of the site's annotated users, once the worker said; null until then. */
  private annotatedUsers: Set<string> | null = null;
  private readonly chipHosts = new Map<string, HTMLElement>();
  private readonly noteHosts = new Map<string, HTMLElement>();
  /** What each collapse hid in its comment, so that it can be shown again as it was. */
  private readonly collapsedBodies = new Map<string, HTMLElement[]>();
  /**
   * Who replied to whom over every read of the page, learned from the first time the forum
   * changes its comments: until then the page as read says it all, and a first load builds
   * nothing per comment.
   */
  private tree: CommentTree | null = null;
  private foldedKeys = new Set<string>();
  /** Annotated comments folded out of sight, whose chips, stub and note wait for the fold to open. */
  private readonly deferred = new Set<string>();
  /**
   * Comments read with the page whose chips wait until they come near the viewport, by element:
   * a shadow root in each of hundreds of headers, and the names of every fold's repliers read from
   * the page, cost more than the rest of applying a thread's annotations.
   */
  private readonly undrawn = new Map<Element, SiteComment>();
  private sightWatcher: IntersectionObserver | null = null;
  private sightingWaiters: (() => void)[] = [];
  private seenBefore: Set<string> | null = null;
  private readonly foldHistory: { key: string; fold: Fold }[][] = [];
  private readonly hiddenBar = new HiddenBarHost(() => this.adapter.threadBarAnchor(this.doc));
  private editor: HTMLElement | null = null;
  private settings: Settings = DEFAULT_SETTINGS;
  /** Links to users outside comments (story submitters): their user tags show there too. */
  private userLinks: readonly UserLink[] = [];
  private readonly userLinkChips = new UserLinkChips();
  private ready = false;
  private stopped = false;
  private stopWatching: () => void = () => undefined;
  private readonly listeners = new Set<(key: string | null) => void>();

  constructor(
    readonly adapter: SiteAdapter,
    private readonly doc: Document,
    private readonly url: URL,
    private readonly worker: ContentConnector,
    /** Shared by the page's sessions: edits still waiting outlive an in-app navigation. */
    private readonly saving: PageSaving = pageSaving(),
  ) {}

  async start(): Promise<void> {
    timed('read', () => {
      this.absorbPage(this.adapter.parsePage(this.doc, this.url));
      this.userLinks = this.adapter.userLinks(this.doc);
    });
    // Watch before waiting for the worker: comments added meanwhile must not be missed.
    this.stopWatching = watchComments(this.adapter.commentContainers(this.doc), () => {
      this.rescan().catch((error: unknown) => console.warn('Threadnote:', error));
    });
    const { thread, kind, comments } = this.page;
    const state = await this.fetchState(
      kind === 'list' || !thread
        ? null
        : { thread, commentKeys: comments.map((comment) => comment.key) },
    );
    if (state.previousVisit) this.seenBefore = new Set(state.previousVisit.seenCommentKeys);
    this.ready = true;
    await this.fetchMissing(this.page.comments);
    if (this.stopped) return;
    timed('apply', () => {
      this.renderAll(this.page.comments);
      this.renderUserLinks();
    });
    // The comments are still held back: they show with the chips in sight already drawn.
    if (this.undrawn.size > 0 && this.doc.visibilityState === 'visible') {
      await this.nextSighting();
    }
  }

  /** The forum moved to another page in place: stop reading and changing this one. */
  stop(): void {
    this.stopped = true;
    this.stopWatching();
    this.sightWatcher?.disconnect();
    this.undrawn.clear();
    for (const resolve of this.sightingWaiters.splice(0)) resolve();
    this.closeNoteEditor();
    this.hiddenBar.remove();
  }

  /** Called with a comment key when that comment's annotation changes, null when many may have. */
  onChange(listener: (key: string | null) => void): void {
    this.listeners.add(listener);
  }

  comment(key: string): SiteComment | undefined {
    return this.byKey().get(key);
  }

  annotation(key: string): CommentAnnotation | null {
    return this.annotations.get(key) ?? null;
  }

  knownTags(): Tag[] {
    return [...this.tags.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  pageInfo(): PageInfo {
    return {
      site: this.adapter.site,
      siteName: this.adapter.name,
      thread: this.page.thread,
      comments: this.page.comments.length,
      enabledHost: isEngineSite(this.adapter.site) ? this.url.host : null,
      commentKeys: this.page.comments.map((comment) => comment.key),
      newComments: this.seenBefore
        ? this.page.comments.filter((comment) => this.isNew(comment.key)).length
        : 0,
      taggedUsers: new Set(
        this.page.comments
          .map((comment) => comment.author)
          .filter((author) => author !== null && (this.user(author)?.tags.length ?? 0) > 0),
      ).size,
    };
  }

  async edit(key: string, ops: CommentOp[], onWaiting?: (reason: string) => void): Promise<void> {
    await this.editMany([{ key, ops }], onWaiting);
  }

  /**
   * Saves edits of comments on this page; resolves once the worker stored them all. Fold changes
   * are remembered, newest last, so the last fold action can be undone, and forgotten again if
   * the worker refuses them.
   */
  async editMany(
    edits: readonly { key: string; ops: CommentOp[] }[],
    onWaiting?: (reason: string) => void,
  ): Promise<void> {
    const refs: CommentEdit[] = edits.map(({ key, ops }) => {
      const comment = this.byKey().get(key);
      if (!comment) throw new Error('This comment is no longer on the page.');
      return { comment: this.refFor(comment), ops };
    });
    const history = edits
      .filter(({ ops }) => ops.some((op) => op.op === 'fold.set'))
      .map(({ key }) => ({ key, fold: this.askedFold(key) }));
    if (history.length > 0) this.foldHistory.push(history);
    try {
      await sendCommentEdits(this.saving, this.worker, this, refs, onWaiting);
    } catch (error) {
      const at = this.foldHistory.indexOf(history);
      if (at >= 0) this.foldHistory.splice(at, 1);
      throw error;
    }
  }

  /** A comment's fold as stored: what the page shows. */
  foldOf(key: string): Fold {
    return this.annotations.get(key)?.fold ?? 'none';
  }

  /** A comment's fold as the reader last asked for it, edits on their way included. */
  askedFold(key: string): Fold {
    return foldAfter(this.foldOf(key), this.saving.outbox.pending(commentRecord(key)));
  }

  /** Shows the reader a failure of something they asked for (a key press), in the page's toast. */
  report(error: unknown): void {
    if (alreadyShown(error)) return;
    this.saving.toaster.show(reasonOf(error, 'Threadnote could not do that.'), 'error', 8_000);
  }

  /** Runs a bulk fold action on this page; returns how many comments changed. */
  async bulk(action: BulkFoldAction): Promise<{ changed: number; canUndo: boolean }> {
    if (action === 'undo') {
      const last = this.foldHistory.pop();
      if (last) {
        await this.editMany(last.map(({ key, fold }) => ({ key, ops: [foldOp(fold)] })));
        // Undoing is not itself an action to undo.
        this.foldHistory.pop();
      }
      return { changed: last?.length ?? 0, canUndo: this.foldHistory.length > 0 };
    }
    const changes = bulkFoldChanges(
      action,
      this.page.comments,
      (key) => this.foldOf(key),
      this.seenBefore ? (key) => this.isNew(key) : null,
    ).filter(({ key }) => this.byKey().has(key));
    if (changes.length > 0) {
      await this.editMany(changes.map(({ key, fold }) => ({ key, ops: [foldOp(fold)] })));
    }
    return { changed: changes.length, canUndo: this.foldHistory.length > 0 };
  }

  canUndo(): boolean {
    return this.foldHistory.length > 0;
  }

  isNew(key: string): boolean {
    return this.seenBefore !== null && !this.seenBefore.has(key);
  }

  comments(): readonly SiteComment[] {
    return this.page.comments;
  }

  private refFor(comment: SiteComment) {
    return {
      key: comment.key,
      thread: comment.thread,
      author: comment.author ?? '',
      url: comment.permalink,
      quote: comment.text().slice(0, QUOTE_LENGTH),
    };
  }

  /** An annotation changed here or elsewhere (another tab, the popup): show it. */
  applyAnnotation(key: string, annotation: CommentAnnotation | null): void {
    this.applyChanges([{ key, annotation }]);
  }

  applyChanges(changes: readonly { key: string; annotation: CommentAnnotation | null }[]): void {
    let foldsChanged = false;
    for (const { key, annotation } of changes) {
      const before = this.annotations.get(key);
      if (annotation) this.annotations.set(key, annotation);
      else this.annotations.delete(key);
      const comment = this.byKey().get(key);
      if (comment) this.renderComment(comment);
      foldsChanged ||= (before?.fold ?? 'none') !== (annotation?.fold ?? 'none');
    }
    if (foldsChanged) this.applyFolds();
    this.emit(changes.length === 1 ? (changes[0]?.key ?? null) : null);
  }

  absorbTags(tags: readonly Tag[]): void {
    if (tags.length === 0) return;
    for (const tag of tags) this.tags.set(tag.name, tag);
    for (const key of this.chipHosts.keys()) {
      const comment = this.byKey().get(key);
      if (comment) this.renderComment(comment);
    }
    this.renderUserLinks();
    this.emit(null);
  }

  user(author: string | null): UserAnnotation | null {
    return author ? (this.users.get(this.userKey(author)) ?? null) : null;
  }

  quickTags(): readonly string[] {
    return this.settings.quickTags;
  }

  /** Saves edits of a user's annotation; resolves once the worker stored them. */
  async editUser(
    author: string,
    ops: UserOp[],
    onWaiting?: (reason: string) => void,
  ): Promise<void> {
    const user = { key: this.userKey(author), name: keptName(author) };
    await sendUserEdit(this.saving, this.worker, this, user, ops, onWaiting);
  }

  /** A user's annotation changed: every comment by them, and every link to them, shows it. */
  applyUsers(changes: readonly { key: string; annotation: UserAnnotation | null }[]): void {
    const keys = new Set<string>();
    for (const { key, annotation } of changes) {
      if (annotation) this.users.set(key, annotation);
      else this.users.delete(key);
      if (annotation) this.annotatedUsers?.add(key);
      else this.annotatedUsers?.delete(key);
      this.fetchedUsers.add(key);
      keys.add(key);
    }
    for (const comment of this.page.comments) {
      if (comment.author && keys.has(this.userKey(comment.author))) this.renderComment(comment);
    }
    this.renderUserLinks();
    this.emit(null);
  }

  /**
   * Toggles one tag on a comment (quick tags): adds or removes it as the reader's last edits left
   * it, and the worker applies that to what is stored, so keys pressed back to back all count.
   */
  async toggleTag(key: string, name: string): Promise<void> {
    const stored = this.annotations.get(key)?.tags ?? [];
    const tags = tagsAfter(stored, this.saving.outbox.pending(commentRecord(key)));
    await this.edit(key, [toggleOp(tags, name)]);
  }

  /** Called with a tag's name when the reader clicks it on a chip. */
  onTagClick: (name: string) => void = () => undefined;

  /** Whether a comment carries a tag, itself or through its author. */
  hasTag(comment: SiteComment, name: string): boolean {
    return (
      (this.annotations.get(comment.key)?.tags.includes(name) ?? false) ||
      (this.user(comment.author)?.tags.includes(name) ?? false)
    );
  }

  private renderUserLinks(): void {
    this.userLinkChips.draw(
      this.userLinks,
      (name) => this.users.get(this.userKey(name)) ?? null,
      (name) => this.tagFor(name),
      (name) => this.onTagClick(name),
    );
  }

  private emit(key: string | null): void {
    for (const listener of this.listeners) listener(key);
  }

  private positions(): Map<string, number> {
    this.index ??= new Map(this.page.comments.map((comment, position) => [comment.key, position]));
    return this.index;
  }

  private byKey(): { get(key: string): SiteComment | undefined; has(key: string): boolean } {
    const positions = this.positions();
    const comments = this.page.comments;
    return {
      get: (key) => {
        const position = positions.get(key);
        return position === undefined ? undefined : comments[position];
      },
      has: (key) => positions.has(key),
    };
  }

  /**
   * Every reply under a comment: on the page as read, or, once the forum has changed its
   * comments, every reply seen since (a post the forum took off the page still counts).
   */
  private replies(key: string): Reply[] {
    if (this.tree) return this.tree.replies(key);
    const start = this.positions().get(key);
    return start === undefined ? [] : repliesOnPage(this.page.comments, start);
  }

  /**
   * Takes in what the adapter read. Comments whose element is new (first seen, or rendered again
   * by the forum) are returned for rendering; the decorations of elements that left are undone,
   * so an element the forum puts back is decorated afresh, once.
   */
  private absorbPage(page: SitePage): SiteComment[] {
    const previous = this.page.comments.length > 0 ? this.byKey() : null;
    const previousComments = this.page.comments;
    if (previous && !this.tree) {
      this.tree = new CommentTree();
      this.tree.learn(previousComments);
    }
    this.tree?.learn(page.comments);
    this.page = page;
    this.index = null;
    let added = page.comments;
    if (previous) {
      added = page.comments.filter((comment) => {
        const known = previous.get(comment.key);
        if (known?.element === comment.element) return false;
        if (known) this.undecorate(known);
        return true;
      });
      const present = this.positions();
      for (const comment of previousComments) {
        if (!present.has(comment.key)) this.undecorate(comment);
      }
    }
    // Writes only, after the adapter's reads: no layout is forced between comments.
    for (const comment of added) comment.element.setAttribute(ATTR.comment, comment.key);
    return added;
  }

  /** Takes Threadnote's marks off an element the forum replaced or took off the page. */
  private undecorate(comment: SiteComment): void {
    const { key, element } = comment;
    this.chipHosts.get(key)?.remove();
    this.chipHosts.delete(key);
    this.forgetUndrawn(element);
    this.noteHosts.get(key)?.remove();
    this.noteHosts.delete(key);
    for (const part of this.collapsedBodies.get(key) ?? []) {
      part.classList.remove(CLASS.collapsedBody);
    }
    this.collapsedBodies.delete(key);
    if (this.foldedKeys.delete(key)) element.classList.remove(CLASS.foldedAway);
    this.deferred.delete(key);
    for (const name of Object.values(ATTR)) element.removeAttribute(name);
  }

  /**
   * Asks the worker for what it knows about this page's threads and users. Authors are read from
   * the page only when the site has annotated users at all: on most loads it has none, and
   * reading every comment's author would cost as much as the rest of the read.
   */
  private async fetchState(visit: { thread: SitePage['thread']; commentKeys: string[] } | null) {
    const threadKeys = new Set<string>();
    if (visit?.thread) threadKeys.add(visit.thread.key);
    for (const comment of this.page.comments) threadKeys.add(comment.thread.key);
    const newThreads = [...threadKeys].filter((key) => !this.fetchedThreads.has(key));
    const askSite = this.annotatedUsers === null;
    const state: PageState = await this.worker.openPage({
      threadKeys: newThreads,
      userKeys: this.usersToFetch(),
      usersOf: askSite ? this.adapter.site : null,
      visit: visit?.thread ? { thread: visit.thread, commentKeys: visit.commentKeys } : null,
    });
    for (const key of newThreads) this.fetchedThreads.add(key);
    if (askSite) this.annotatedUsers = new Set(state.siteUsers);
    this.absorbState(state);
    // Now that the site's annotated users are known, fetch the ones on this page, if any.
    const users = this.usersToFetch();
    if (users.length > 0) {
      this.absorbState(
        await this.worker.openPage({
          threadKeys: [],
          userKeys: users,
          usersOf: null,
          visit: null,
        }),
      );
    }
    return state;
  }

  /** Users on the page, annotated, not fetched yet. Empty while the annotated ones are unknown. */
  private usersToFetch(): string[] {
    const annotated = this.annotatedUsers;
    if (!annotated || annotated.size === 0) return [];
    const keys = new Set<string>();
    for (const link of this.userLinks) keys.add(this.userKey(link.name));
    for (const comment of this.page.comments) {
      if (comment.author) keys.add(this.userKey(comment.author));
    }
    return [...keys].filter((key) => annotated.has(key) && !this.fetchedUsers.has(key));
  }

  private absorbState(state: PageState): void {
    for (const annotation of state.comments) this.annotations.set(annotation.key, annotation);
    for (const user of state.users) {
      this.users.set(user.key, user);
      this.fetchedUsers.add(user.key);
    }
    for (const tag of state.tags) this.tags.set(tag.name, tag);
    this.settings = state.settings;
  }

  /**
   * Reads everything again after a change that rewrote records across the store (a tag renamed,
   * merged or deleted, quick tags changed, records imported or wiped), and shows the page as it is
   * now stored.
   */
  async reload(): Promise<void> {
    const shown = new Set([...this.annotations.keys(), ...this.chipHosts.keys()]);
    this.fetchedThreads.clear();
    this.fetchedUsers.clear();
    this.annotatedUsers = null;
    this.annotations.clear();
    this.users.clear();
    this.tags.clear();
    await this.fetchState(null);
    for (const key of this.annotations.keys()) shown.add(key);
    const comments = this.byKey();
    for (const key of shown) {
      const comment = comments.get(key);
      if (comment) this.renderComment(comment);
    }
    this.renderAll(this.page.comments);
    this.renderUserLinks();
    this.emit(null);
  }

  private async rescan(): Promise<void> {
    const added = timed('rescan', () =>
      this.absorbPage(this.adapter.parsePage(this.doc, this.url)),
    );
    // Until the stored state arrives, start() renders whatever the page holds by then.
    if (!this.ready || this.stopped) return;
    if (added.length === 0) {
      this.applyFolds();
      return;
    }
    await this.fetchMissing(added);
    if (this.stopped) return;
    timed('apply', () => {
      // A later read may have replaced some of these elements while the worker was answering.
      const comments = this.byKey();
      this.renderAll(added.filter(({ key, element }) => comments.get(key)?.element === element));
    });
  }

  /** Asks the worker about threads and users that appeared after the first request. */
  private async fetchMissing(comments: readonly SiteComment[]): Promise<void> {
    const annotated = this.annotatedUsers;
    const missing = comments.some(
      (comment) =>
        !this.fetchedThreads.has(comment.thread.key) ||
        (annotated !== null &&
          annotated.size > 0 &&
          comment.author !== null &&
          annotated.has(this.userKey(comment.author)) &&
          !this.fetchedUsers.has(this.userKey(comment.author))),
    );
    if (missing) await this.fetchState(null);
  }

  private userKey(author: string): string {
    return userKeyOf(this.adapter.site, author);
  }

  /** Most comments carry nothing: the pass over them only reads, and renders the few that do. */
  private renderAll(comments: readonly SiteComment[]): void {
    // Folds first: what they put out of sight is only marked now, and drawn when it shows.
    this.applyFolds();
    const seenBefore = this.seenBefore;
    const anyUsers = this.users.size > 0;
    for (const comment of comments) {
      if (seenBefore && !seenBefore.has(comment.key)) markNew(comment);
      // Only non-empty user annotations are kept, so any record means something to show.
      const authorAnnotated =
        anyUsers && comment.author !== null && this.users.has(this.userKey(comment.author));
      if (authorAnnotated || this.annotations.has(comment.key)) this.renderComment(comment, true);
    }
  }

  /** `whenInSight`: chips not drawn yet wait until the comment comes near the viewport. */
  private renderComment(comment: SiteComment, whenInSight = false): void {
    const annotation = this.annotations.get(comment.key) ?? null;
    const element = comment.element;
    const tagNames = annotation?.tags ?? [];
    const fold = annotation?.fold ?? 'none';
    // Reading the author costs a lookup in the page: only worth it when someone is annotated.
    const user = this.users.size > 0 ? this.user(comment.author) : null;
    const userTagNames = user?.tags ?? [];

    // The forum's scripts read these too: once the reader says so, only that there are tags.
    const names = (list: readonly string[]) =>
      list.length === 0 ? null : this.settings.tagNamesInPage === false ? '' : list.join(' ');
    setAttribute(element, ATTR.tags, names(tagNames));
    setAttribute(element, ATTR.note, annotation?.note ? '' : null);
    setAttribute(element, ATTR.fold, fold === 'none' ? null : fold);
    setAttribute(element, ATTR.userTags, names(userTagNames));
    if (this.foldedKeys.has(comment.key)) {
      this.deferred.add(comment.key);
      return;
    }
    this.deferred.delete(comment.key);

    const collapsed = fold !== 'none';
    if (collapsed !== this.collapsedBodies.has(comment.key)) {
      const parts = collapsed
        ? comment.foldedParts()
        : (this.collapsedBodies.get(comment.key) ?? []);
      for (const part of parts) part.classList.toggle(CLASS.collapsedBody, collapsed);
      if (collapsed) this.collapsedBodies.set(comment.key, parts);
      else this.collapsedBodies.delete(comment.key);
    }

    this.renderChips(comment, tagNames, userTagNames, user, collapsed, whenInSight);
    this.renderNote(comment, annotation?.note ?? '', annotation?.conflicts?.length ?? 0);
  }

  private renderChips(
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
    this.forgetUndrawn(comment.element);
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
      this.drawInSight(comment);
      return;
    }
    const header = comment.header();
    if (!header) return;
    if (!host) {
      host = createShadowHost('tn-chips', chipsCss);
      this.chipHosts.set(comment.key, host);
    }
    if (host.parentNode !== header) {
      const control = header.querySelector(':scope > tn-control');
      header.insertBefore(host, control);
    }
    renderCommentChips(shadowOf(host), {
      tags: tagNames.map((name) => this.tagFor(name)),
      userTags: userTagNames.map((name) => this.tagFor(name)),
      userNote,
      collapsed: collapsed
        ? {
            replies: this.describeSubthread(comment),
            onExpand: () => this.reporting(this.edit(comment.key, [foldOp('none')])),
          }
        : null,
      onRemoveTag: (name) =>
        this.reporting(this.edit(comment.key, [{ op: 'tag.remove', tag: name }])),
      onTagClick: (name) => this.onTagClick(name),
      userVersions,
      onUserVersions: () => this.reporting(this.openNoteEditor(comment.key, 'user')),
    });
  }

  private drawInSight(comment: SiteComment): void {
    this.sightWatcher ??= new IntersectionObserver((entries) => this.drawSighted(entries), {
      rootMargin: SIGHT_MARGIN,
    });
    this.undrawn.set(comment.element, comment);
    this.sightWatcher.observe(comment.element);
  }

  private forgetUndrawn(element: Element): void {
    if (this.undrawn.delete(element)) this.sightWatcher?.unobserve(element);
  }

  /** Resolves once the watcher has told which waiting comments are in sight, and those are drawn. */
  private nextSighting(): Promise<void> {
    return new Promise((resolve) => {
      this.sightingWaiters.push(resolve);
      setTimeout(resolve, SIGHTING_WAIT_MS);
    });
  }

  private drawSighted(entries: readonly IntersectionObserverEntry[]): void {
    const sighted = entries.filter((entry) => entry.isIntersecting);
    if (sighted.length > 0) {
      timed('draw', () => {
        // Elements the forum replaced or removed were forgotten when their comment was undecorated.
        for (const { target } of sighted) {
          const comment = this.undrawn.get(target);
          this.forgetUndrawn(target);
          if (comment) this.renderComment(comment);
        }
      });
    }
    for (const resolve of this.sightingWaiters.splice(0)) resolve();
  }

  private renderNote(comment: SiteComment, note: string, versions: number): void {
    let host = this.noteHosts.get(comment.key);
    if (!note && versions === 0) {
      host?.remove();
      this.noteHosts.delete(comment.key);
      return;
    }
    if (!host) {
      host = createShadowHost('tn-note', noteCss);
      this.noteHosts.set(comment.key, host);
    }
    const body = comment.body();
    const header = comment.header();
    if (body?.parentNode) {
      if (host.nextSibling !== body) body.parentNode.insertBefore(host, body);
    } else if (header?.parentNode) {
      if (host.previousSibling !== header) header.parentNode.insertBefore(host, header.nextSibling);
    } else {
      return;
    }
    render(
      <CommentNote
        note={note}
        versions={versions}
        onEdit={() => this.reporting(this.openNoteEditor(comment.key, 'comment'))}
      />,
      shadowOf(host),
    );
  }

  /**
   * Brings a comment into view: unfolds the Threadnote folds above it (and its own hide), then
   * focuses and flashes it. Returns false when the comment is not on this page.
   */
  async reveal(key: string, focus: (comment: SiteComment) => void): Promise<boolean> {
    const comment = this.byKey().get(key);
    if (!comment) return false;
    const unfold: { key: string; ops: CommentOp[] }[] = [];
    if (this.foldOf(key) === 'hidden') unfold.push({ key, ops: [foldOp('none')] });
    for (
      let parent = comment.parentKey;
      parent;
      parent = this.byKey().get(parent)?.parentKey ?? null
    ) {
      if (this.foldOf(parent) !== 'none') unfold.push({ key: parent, ops: [foldOp('none')] });
    }
    if (unfold.length > 0) await this.editMany(unfold);
    focus(comment);
    flash(comment);
    return true;
  }

  /**
   * Opens the inline note editor under a comment's header, for the comment's note or for its
   * author's, offering back a draft an earlier edit left unsaved.
   */
  async openNoteEditor(key: string, kind: 'comment' | 'user'): Promise<void> {
    const comment = this.byKey().get(key);
    const author = comment?.author;
    if (!comment || (kind === 'user' && !author)) return;
    const recordKey = kind === 'user' && author ? this.userKey(author) : key;
    const draftKey = `${kind}:${recordKey}`;
    this.closeNoteEditor();
    const host = createShadowHost('tn-note-editor', editorCss);
    this.editor = host;
    const body = comment.body();
    const anchor = this.noteHosts.get(key) ?? body;
    if (anchor?.parentNode) anchor.parentNode.insertBefore(host, anchor);
    else comment.header()?.after(host);
    const user = kind === 'user' && author ? author : null;
    await showNoteEditor(
      shadowOf(host),
      this.worker,
      {
        label: user ? `Your note on ${user}, shown on all their comments` : 'Your note',
        draftKey,
        stored: () => {
          const record = user ? this.user(user) : this.annotation(key);
          return { note: record?.note ?? '', versions: record?.conflicts ?? [] };
        },
        send: (ops, onWaiting) =>
          user ? this.editUser(user, ops, onWaiting) : this.edit(key, ops, onWaiting),
      },
      () => this.editor === host,
      () => this.closeNoteEditor(),
    );
  }

  /** Runs an action started from a click; a failure is shown in the page's toast. */
  private reporting(action: Promise<unknown>): void {
    action.catch((error: unknown) => this.report(error));
  }

  private closeNoteEditor(): void {
    if (!this.editor) return;
    render(null, shadowOf(this.editor));
    this.editor.remove();
    this.editor = null;
  }

  private tagFor(name: string): Tag {
    return this.tags.get(name) ?? { name, color: '#555555', description: '', createdAt: '' };
  }

  /** Replies that a collapse hides, as "N replies by alice, bob and 3 others". */
  describeSubthread(comment: SiteComment): string {
    const replies = this.replies(comment.key);
    const authors = replies.flatMap((reply) => (reply.author ? [reply.author] : []));
    const fresh = replies.filter((reply) => this.isNew(reply.key)).length;
    return describeReplies(replies.length, authors, fresh);
  }

  /** How many replies a collapse of the comment hides. */
  replyCount(key: string): number {
    return this.replies(key).length;
  }

  /**
   * Hides exactly the comments Threadnote's folds put out of sight, touching only those whose
   * state changes, and lists the hidden subthreads in the thread's bar.
   */
  private applyFolds(): void {
    if (this.foldedKeys.size === 0 && !this.anyFold()) return;
    const foldOf = (key: string) => this.foldOf(key);
    const comments = this.byKey();
    const next = this.tree
      ? new Set([...this.tree.hiddenBy(foldOf)].filter((key) => comments.has(key)))
      : foldedAway(this.page.comments, foldOf);
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
      if (comment) this.renderComment(comment);
    }
    this.renderHiddenBar();
  }

  /** Whether any comment Threadnote knows of is folded, on the page or taken off it. */
  private anyFold(): boolean {
    for (const annotation of this.annotations.values()) {
      if (annotation.fold !== 'none') return true;
    }
    return false;
  }

  private renderHiddenBar(): void {
    const hidden = this.page.comments.filter((comment) => this.foldOf(comment.key) === 'hidden');
    this.hiddenBar.draw(
      hidden.map((comment) => {
        const replies = this.replies(comment.key);
        return {
          key: comment.key,
          author: comment.author,
          comments: 1 + replies.length,
          fresh: [comment, ...replies].filter((reply) => this.isNew(reply.key)).length,
          excerpt: this.annotations.get(comment.key)?.quote || comment.text(),
        };
      }),
      (keys) => this.reporting(this.editMany(keys.map((key) => ({ key, ops: [foldOp('none')] })))),
    );
  }
}
