/**
 * Holds what Threadnote knows about the comments on this page and keeps the page in step with it:
 * the DOM contract attributes, tag chips, notes and folds.
 */
import { render } from 'preact';
import { callWorker } from '../shared/messaging';
import type { PageInfo, PageState } from '../shared/messages';
import {
  QUOTE_LENGTH,
  type CommentAnnotation,
  type Tag,
  type UserAnnotation,
} from '../shared/model';
import { isEngineSite } from '../sites/registry';
import type { SiteAdapter, SiteComment, SitePage } from '../sites/types';
import { CommentTree } from './folds';
import { createShadowHost, shadowOf } from './shadow';
import { CommentChips } from './ui/CommentChips';
import { CommentNote } from './ui/CommentNote';
import type { CommentPatch } from './ui/ControlPanel';
import { chipsCss, noteCss } from './ui/styles';
import { timed } from './timing';
import { watchComments } from './watch-comments';

const ATTR = {
  comment: 'data-tn-comment',
  tags: 'data-tn-tags',
  note: 'data-tn-note',
  fold: 'data-tn-fold',
  userTags: 'data-tn-user-tags',
  isNew: 'data-tn-new',
} as const;

const CLASS = {
  foldedDescendant: 'tn-fold-descendant',
  collapsedBody: 'tn-collapsed-body',
} as const;

function setAttribute(element: Element, name: string, value: string | null): void {
  if (value === null) {
    if (element.hasAttribute(name)) element.removeAttribute(name);
  } else if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value);
  }
}

export class Annotator {
  private page: SitePage = { kind: 'list', thread: null, comments: [] };
  private readonly byKey = new Map<string, SiteComment>();
  private readonly annotations = new Map<string, CommentAnnotation>();
  private readonly users = new Map<string, UserAnnotation>();
  private readonly tags = new Map<string, Tag>();
  private readonly fetchedThreads = new Set<string>();
  private readonly fetchedUsers = new Set<string>();
  private readonly chipHosts = new Map<string, HTMLElement>();
  private readonly noteHosts = new Map<string, HTMLElement>();
  private readonly collapsedBodies = new Map<string, HTMLElement[]>();
  private readonly tree = new CommentTree();
  private foldedKeys = new Set<string>();
  private seenBefore: Set<string> | null = null;
  private ready = false;
  private stopped = false;
  private stopWatching: () => void = () => {};
  private readonly listeners = new Set<(key: string | null) => void>();

  constructor(
    readonly adapter: SiteAdapter,
    private readonly doc: Document,
    private readonly url: URL,
  ) {}

  async start(): Promise<void> {
    timed('read', () => this.absorbPage(this.adapter.parsePage(this.doc, this.url)));
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
    timed('apply', () => this.renderAll(this.page.comments));
  }

  /** The forum moved to another page in place: stop reading and changing this one. */
  stop(): void {
    this.stopped = true;
    this.stopWatching();
  }

  /** Called with a comment key when that comment's annotation changes, null when many may have. */
  onChange(listener: (key: string | null) => void): void {
    this.listeners.add(listener);
  }

  comment(key: string): SiteComment | undefined {
    return this.byKey.get(key);
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
    };
  }

  async update(key: string, patch: CommentPatch): Promise<void> {
    const comment = this.byKey.get(key);
    if (!comment) throw new Error('This comment is no longer on the page.');
    const result = await callWorker('comment.update', {
      comment: {
        key: comment.key,
        thread: comment.thread,
        author: comment.author ?? '',
        url: comment.permalink,
        quote: comment.text().slice(0, QUOTE_LENGTH),
      },
      patch,
    });
    this.absorbTags(result.createdTags);
    this.applyAnnotation(key, result.annotation);
  }

  /** An annotation changed elsewhere (another tab, the popup): show it here too. */
  applyAnnotation(key: string, annotation: CommentAnnotation | null): void {
    const before = this.annotations.get(key);
    if (annotation) this.annotations.set(key, annotation);
    else this.annotations.delete(key);
    const comment = this.byKey.get(key);
    if (comment) this.renderComment(comment);
    if ((before?.fold ?? 'none') !== (annotation?.fold ?? 'none')) this.applyFolds();
    this.emit(key);
  }

  absorbTags(tags: readonly Tag[]): void {
    if (tags.length === 0) return;
    for (const tag of tags) this.tags.set(tag.name, tag);
    for (const key of this.chipHosts.keys()) {
      const comment = this.byKey.get(key);
      if (comment) this.renderComment(comment);
    }
    this.emit(null);
  }

  private emit(key: string | null): void {
    for (const listener of this.listeners) listener(key);
  }

  /**
   * Takes in what the adapter read. Comments whose element is new (first seen, or rendered again
   * by the forum) are returned for rendering; the decorations of elements that left are undone,
   * so an element the forum puts back is decorated afresh, once.
   */
  private absorbPage(page: SitePage): SiteComment[] {
    this.page = page;
    this.tree.learn(page.comments);
    const added: SiteComment[] = [];
    const present = new Set<string>();
    for (const comment of page.comments) {
      present.add(comment.key);
      const known = this.byKey.get(comment.key);
      this.byKey.set(comment.key, comment);
      if (known?.element === comment.element) continue;
      if (known) this.undecorate(known);
      added.push(comment);
    }
    for (const [key, comment] of this.byKey) {
      if (present.has(key)) continue;
      this.undecorate(comment);
      this.byKey.delete(key);
    }
    // Writes only, after the adapter's reads: no layout is forced between comments.
    for (const comment of added) comment.element.setAttribute(ATTR.comment, comment.key);
    return added;
  }

  private undecorate(comment: SiteComment): void {
    const { key, element } = comment;
    this.chipHosts.get(key)?.remove();
    this.chipHosts.delete(key);
    this.noteHosts.get(key)?.remove();
    this.noteHosts.delete(key);
    for (const part of this.collapsedBodies.get(key) ?? []) {
      part.classList.remove(CLASS.collapsedBody);
    }
    this.collapsedBodies.delete(key);
    if (this.foldedKeys.delete(key)) element.classList.remove(CLASS.foldedDescendant);
    for (const name of Object.values(ATTR)) element.removeAttribute(name);
  }

  private async fetchState(visit: { thread: SitePage['thread']; commentKeys: string[] } | null) {
    const threadKeys = new Set<string>();
    const userKeys = new Set<string>();
    if (visit?.thread) threadKeys.add(visit.thread.key);
    for (const comment of this.page.comments) {
      threadKeys.add(comment.thread.key);
      if (comment.author) userKeys.add(this.userKey(comment.author));
    }
    const newThreads = [...threadKeys].filter((key) => !this.fetchedThreads.has(key));
    const newUsers = [...userKeys].filter((key) => !this.fetchedUsers.has(key));
    const state: PageState = await callWorker('page.open', {
      threadKeys: newThreads,
      userKeys: newUsers,
      visit: visit?.thread ? { thread: visit.thread, commentKeys: visit.commentKeys } : null,
    });
    for (const key of newThreads) this.fetchedThreads.add(key);
    for (const key of newUsers) this.fetchedUsers.add(key);
    for (const annotation of state.comments) this.annotations.set(annotation.key, annotation);
    for (const user of state.users) this.users.set(user.key, user);
    for (const tag of state.tags) this.tags.set(tag.name, tag);
    return state;
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
    timed('apply', () => this.renderAll(added));
  }

  /** Asks the worker about threads and users that appeared after the first request. */
  private async fetchMissing(comments: readonly SiteComment[]): Promise<void> {
    const missing = comments.some(
      (comment) =>
        !this.fetchedThreads.has(comment.thread.key) ||
        (comment.author !== null && !this.fetchedUsers.has(this.userKey(comment.author))),
    );
    if (missing) await this.fetchState(null);
  }

  private userKey(author: string): string {
    return `${this.adapter.site}:${author}`;
  }

  private renderAll(comments: readonly SiteComment[]): void {
    for (const { key, element } of comments) {
      // A later read of the page may have replaced the element while the worker was answering.
      const comment = this.byKey.get(key);
      if (comment?.element !== element) continue;
      if (this.seenBefore && !this.seenBefore.has(key)) element.setAttribute(ATTR.isNew, '');
      const userTags = comment.author ? this.users.get(this.userKey(comment.author))?.tags : null;
      if (this.annotations.has(key) || userTags?.length) this.renderComment(comment);
    }
    this.applyFolds();
  }

  private renderComment(comment: SiteComment): void {
    const annotation = this.annotations.get(comment.key) ?? null;
    const element = comment.element;
    const tagNames = annotation?.tags ?? [];
    const fold = annotation?.fold ?? 'none';
    const userTagNames =
      (comment.author ? this.users.get(this.userKey(comment.author))?.tags : undefined) ?? [];

    setAttribute(element, ATTR.tags, tagNames.length > 0 ? tagNames.join(' ') : null);
    setAttribute(element, ATTR.note, annotation?.note ? '' : null);
    setAttribute(element, ATTR.fold, fold === 'none' ? null : fold);
    setAttribute(element, ATTR.userTags, userTagNames.length > 0 ? userTagNames.join(' ') : null);

    const collapsed = fold !== 'none';
    if (collapsed !== this.collapsedBodies.has(comment.key)) {
      const parts = collapsed
        ? comment.foldedParts()
        : (this.collapsedBodies.get(comment.key) ?? []);
      for (const part of parts) part.classList.toggle(CLASS.collapsedBody, collapsed);
      if (collapsed) this.collapsedBodies.set(comment.key, parts);
      else this.collapsedBodies.delete(comment.key);
    }

    this.renderChips(comment, tagNames, userTagNames, collapsed);
    this.renderNote(comment, annotation?.note ?? '');
  }

  private renderChips(
    comment: SiteComment,
    tagNames: readonly string[],
    userTagNames: readonly string[],
    collapsed: boolean,
  ): void {
    let host = this.chipHosts.get(comment.key);
    if (tagNames.length === 0 && userTagNames.length === 0 && !collapsed) {
      host?.remove();
      this.chipHosts.delete(comment.key);
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
    render(
      <CommentChips
        tags={tagNames.map((name) => this.tagFor(name))}
        userTags={userTagNames.map((name) => this.tagFor(name))}
        collapsed={
          collapsed
            ? {
                replies: this.describeSubthread(comment),
                onExpand: () => void this.update(comment.key, { fold: 'none' }),
              }
            : null
        }
        onRemoveTag={(name) =>
          void this.update(comment.key, {
            tags: (this.annotations.get(comment.key)?.tags ?? []).filter((tag) => tag !== name),
          })
        }
      />,
      shadowOf(host),
    );
  }

  private renderNote(comment: SiteComment, note: string): void {
    let host = this.noteHosts.get(comment.key);
    if (!note) {
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
    render(<CommentNote note={note} />, shadowOf(host));
  }

  private tagFor(name: string): Tag {
    return this.tags.get(name) ?? { name, color: '#555555', description: '', createdAt: '' };
  }

  /** Replies that a collapse hides, as "N replies by alice, bob and 3 others". */
  describeSubthread(comment: SiteComment): string {
    return this.tree.describeReplies(comment.key);
  }

  /** How many replies a collapse of the comment hides. */
  replyCount(key: string): number {
    return this.tree.descendants(key).length;
  }

  /** Hides exactly the comments under a fold, touching only those whose state changes. */
  private applyFolds(): void {
    const hidden = this.tree.hiddenBy((key) => this.annotations.get(key)?.fold ?? 'none');
    const next = new Set([...this.byKey.keys()].filter((key) => hidden.has(key)));
    for (const key of this.foldedKeys) {
      if (!next.has(key)) this.byKey.get(key)?.element.classList.remove(CLASS.foldedDescendant);
    }
    for (const key of next) {
      if (!this.foldedKeys.has(key))
        this.byKey.get(key)?.element.classList.add(CLASS.foldedDescendant);
    }
    this.foldedKeys = next;
  }
}
