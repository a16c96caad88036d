/**
 * What Threadnote knows about the page: the comments the adapter read, and the stored annotations,
 * users, tags and settings the worker gave for them. It asks the worker and keeps the answers; it
 * never writes to the page (decorations.tsx and fold-view.ts do).
 */
import type { PageInfo, PageState } from '../shared/messages';
import {
  DEFAULT_SETTINGS,
  userKeyOf,
  type CommentAnnotation,
  type Fold,
  type Settings,
  type Tag,
  type UserAnnotation,
} from '../shared/model';
import type { SiteAdapter, SiteComment, SitePage, UserLink } from '../sites/types';
import type { ContentConnector } from './connector';
import { CommentTree, describeReplies, repliesOnPage, type Reply } from './folds';

export interface CommentChange {
  key: string;
  annotation: CommentAnnotation | null;
}

export interface UserChange {
  key: string;
  annotation: UserAnnotation | null;
}

/** Comments looked up by key; built from positions, not a map of its own per read. */
export interface CommentsByKey {
  get(key: string): SiteComment | undefined;
  has(key: string): boolean;
}

export class PageModel {
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
  /**
   * Who replied to whom over every read of the page, learned from the first time the forum
   * changes its comments: until then the page as read says it all, and a first load builds
   * nothing per comment.
   */
  private tree: CommentTree | null = null;
  private seenBefore: Set<string> | null = null;
  private settings: Settings = DEFAULT_SETTINGS;
  /**
   * On a comment's own page (a permalink), that comment: it shows open, whatever fold the thread
   * stores for it, until the reader folds or opens it here. Its replies keep their folds.
   */
  private permalinkKey: string | null = null;
  /** Links to users outside comments (story submitters): their user tags show there too. */
  userLinks: readonly UserLink[] = [];

  constructor(
    readonly adapter: SiteAdapter,
    private readonly url: URL,
    private readonly worker: ContentConnector,
  ) {}

  /**
   * Takes in what the adapter read. Returns the comments whose element is new (first seen, or
   * rendered again by the forum), to be decorated, and the known ones whose element was replaced
   * or left the page, to be undecorated, so an element the forum puts back is decorated afresh.
   */
  read(page: SitePage): { added: SiteComment[]; gone: SiteComment[] } {
    const previous = this.page.comments.length > 0 ? this.byKey() : null;
    const previousComments = this.page.comments;
    if (previous && !this.tree) {
      this.tree = new CommentTree();
      this.tree.learn(previousComments);
    }
    this.tree?.learn(page.comments);
    if (!previous)
      this.permalinkKey = page.kind === 'comment' ? (page.comments[0]?.key ?? null) : null;
    this.page = page;
    this.index = null;
    if (!previous) return { added: page.comments, gone: [] };
    const gone: SiteComment[] = [];
    const added = page.comments.filter((comment) => {
      const known = previous.get(comment.key);
      if (known?.element === comment.element) return false;
      if (known) gone.push(known);
      return true;
    });
    const present = this.positions();
    for (const comment of previousComments) {
      if (!present.has(comment.key)) gone.push(comment);
    }
    return { added, gone };
  }

  /** The first request for the page's state: it records the visit, and says what is new since. */
  async open(): Promise<void> {
    const { thread, kind, comments } = this.page;
    const state = await this.fetch(
      kind === 'list' || !thread
        ? null
        : { thread, commentKeys: comments.map((comment) => comment.key) },
    );
    if (state.previousVisit) this.seenBefore = new Set(state.previousVisit.seenCommentKeys);
  }

  /**
   * Asks the worker for what it knows about this page's threads and users. Authors are read from
   * the page only when the site has annotated users at all: on most loads it has none, and
   * reading every comment's author would cost as much as the rest of the read.
   */
  async fetch(
    visit: { thread: SitePage['thread']; commentKeys: string[] } | null,
  ): Promise<PageState> {
    const threadKeys = new Set<string>();
    if (visit?.thread) threadKeys.add(visit.thread.key);
    for (const comment of this.page.comments) threadKeys.add(comment.thread.key);
    const newThreads = [...threadKeys].filter((key) => !this.fetchedThreads.has(key));
    const askSite = this.annotatedUsers === null;
    const state = await this.worker.openPage({
      threadKeys: newThreads,
      userKeys: this.usersToFetch(),
      usersOf: askSite ? this.adapter.site : null,
      visit: visit?.thread ? { thread: visit.thread, commentKeys: visit.commentKeys } : null,
    });
    for (const key of newThreads) this.fetchedThreads.add(key);
    if (askSite) this.annotatedUsers = new Set(state.siteUsers);
    this.store(state);
    // Now that the site's annotated users are known, fetch the ones on this page, if any.
    const users = this.usersToFetch();
    if (users.length > 0) {
      this.store(
        await this.worker.openPage({ threadKeys: [], userKeys: users, usersOf: null, visit: null }),
      );
    }
    return state;
  }

  /** Asks the worker about threads and users that appeared after the first request. */
  async fetchMissing(comments: readonly SiteComment[]): Promise<void> {
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
    if (missing) await this.fetch(null);
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

  private store(state: PageState): void {
    for (const annotation of state.comments) this.annotations.set(annotation.key, annotation);
    for (const user of state.users) {
      this.users.set(user.key, user);
      this.fetchedUsers.add(user.key);
    }
    for (const tag of state.tags) this.tags.set(tag.name, tag);
    this.settings = state.settings;
  }

  /** Drops everything stored, so that the next fetch reads it all again. */
  forgetStored(): void {
    this.fetchedThreads.clear();
    this.fetchedUsers.clear();
    this.annotatedUsers = null;
    this.annotations.clear();
    this.users.clear();
    this.tags.clear();
  }

  /** Keeps changed annotations; returns whether any fold changed. */
  storeComments(changes: readonly CommentChange[]): boolean {
    let foldsChanged = false;
    for (const { key, annotation } of changes) {
      const before = this.annotations.get(key);
      if (annotation) this.annotations.set(key, annotation);
      else this.annotations.delete(key);
      const changed = (before?.fold ?? 'none') !== (annotation?.fold ?? 'none');
      if (changed && key === this.permalinkKey) this.permalinkKey = null;
      foldsChanged ||= changed;
    }
    return foldsChanged;
  }

  storeUsers(changes: readonly UserChange[]): void {
    for (const { key, annotation } of changes) {
      if (annotation) this.users.set(key, annotation);
      else this.users.delete(key);
      if (annotation) this.annotatedUsers?.add(key);
      else this.annotatedUsers?.delete(key);
      this.fetchedUsers.add(key);
    }
  }

  storeTags(tags: readonly Tag[]): void {
    for (const tag of tags) this.tags.set(tag.name, tag);
  }

  comments(): readonly SiteComment[] {
    return this.page.comments;
  }

  comment(key: string): SiteComment | undefined {
    return this.byKey().get(key);
  }

  private positions(): Map<string, number> {
    this.index ??= new Map(this.page.comments.map((comment, position) => [comment.key, position]));
    return this.index;
  }

  byKey(): CommentsByKey {
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

  annotation(key: string): CommentAnnotation | null {
    return this.annotations.get(key) ?? null;
  }

  /** Keys of every stored annotation, of comments on the page or not. */
  annotatedKeys(): IterableIterator<string> {
    return this.annotations.keys();
  }

  /** Whether any user on the site is annotated here: only non-empty annotations are kept. */
  anyUsers(): boolean {
    return this.users.size > 0;
  }

  userKey(author: string): string {
    return userKeyOf(this.adapter.site, author);
  }

  user(author: string | null): UserAnnotation | null {
    return author ? (this.users.get(this.userKey(author)) ?? null) : null;
  }

  /** A comment's fold as the page shows it: as stored, but for the permalink's own comment. */
  foldOf(key: string): Fold {
    if (key === this.permalinkKey) return 'none';
    return this.annotations.get(key)?.fold ?? 'none';
  }

  /** Whether the page is a comment's own page (a permalink) rather than its thread's. */
  isPermalink(): boolean {
    return this.page.kind === 'comment';
  }

  /** Whether any comment Threadnote knows of is folded, on the page or taken off it. */
  anyFold(): boolean {
    for (const annotation of this.annotations.values()) {
      if (annotation.fold !== 'none') return true;
    }
    return false;
  }

  /** Who replied to whom over every read of the page; null until the forum changed its comments. */
  foldTree(): CommentTree | null {
    return this.tree;
  }

  /** Whether the page was visited before, so that comments can be new since. */
  knowsVisit(): boolean {
    return this.seenBefore !== null;
  }

  isNew(key: string): boolean {
    return this.seenBefore !== null && !this.seenBefore.has(key);
  }

  knownTags(): Tag[] {
    return [...this.tags.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  tagFor(name: string): Tag {
    return this.tags.get(name) ?? { name, color: '#555555', description: '', createdAt: '' };
  }

  quickTags(): readonly string[] {
    return this.settings.quickTags;
  }

  /** Whether the reader dismissed the first-run hint. */
  firstRunHintDone(): boolean {
    return this.settings.firstRunHintDone === true;
  }

  /** Remembers, for every page from now on, that the reader dismissed the first-run hint. */
  async dismissFirstRunHint(): Promise<void> {
    this.settings = { ...this.settings, firstRunHintDone: true };
    await this.worker.dismissHint();
  }

  /** Whether the forum's scripts may read tag names in the page's attributes. */
  tagNamesInPage(): boolean {
    return this.settings.tagNamesInPage !== false;
  }

  /** Whether a comment carries a tag, itself or through its author. */
  hasTag(comment: SiteComment, name: string): boolean {
    return (
      (this.annotations.get(comment.key)?.tags.includes(name) ?? false) ||
      (this.user(comment.author)?.tags.includes(name) ?? false)
    );
  }

  /**
   * Every reply under a comment: on the page as read, or, once the forum has changed its
   * comments, every reply seen since (a post the forum took off the page still counts).
   */
  replies(key: string): Reply[] {
    if (this.tree) return this.tree.replies(key);
    const start = this.positions().get(key);
    return start === undefined ? [] : repliesOnPage(this.page.comments, start);
  }

  /** How many replies a collapse of the comment hides. */
  replyCount(key: string): number {
    return this.replies(key).length;
  }

  /**
   * What a collapsed comment's stub says is folded away: "16 replies by a, b and 3 others · 1 new",
   * or the author when there are no replies, and "1 note" when the comment has one.
   */
  describeSubthread(comment: SiteComment): string {
    const replies = this.replies(comment.key);
    const authors = replies.flatMap((reply) => (reply.author ? [reply.author] : []));
    const fresh = replies.filter((reply) => this.isNew(reply.key)).length;
    const parts = [
      describeReplies(replies.length, authors, fresh) || (comment.author ?? 'comment'),
    ];
    if (this.annotations.get(comment.key)?.note) parts.push('1 note');
    return parts.join(' · ');
  }

  pageInfo(): PageInfo {
    const { comments, thread } = this.page;
    return {
      site: this.adapter.site,
      siteName: this.adapter.name,
      thread,
      comments: comments.length,
      // An engine's adapter is keyed `<engine>/<host>` (sites/types.ts); asking the registry
      // would put every forum's adapter into each forum's content script.
      enabledHost: this.adapter.site.includes('/') ? this.url.host : null,
      permalink: this.page.kind === 'comment',
      commentKeys: comments.map((comment) => comment.key),
      newComments: this.seenBefore
        ? comments.filter((comment) => this.isNew(comment.key)).length
        : 0,
      taggedUsers: new Set(
        comments
          .map((comment) => comment.author)
          .filter((author) => author !== null && (this.user(author)?.tags.length ?? 0) > 0),
      ).size,
    };
  }
}
