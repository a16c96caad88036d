/**
 * The content script's page state against a forum that re-renders its comments (as Discourse
 * does): the worker is replaced by a stub, the forum by a small adapter over a flat stream.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommentAnnotation } from '../../src/shared/model';
import { nestByParent, type DomComment } from '../../src/sites/kit';
import type { SiteAdapter } from '../../src/sites/types';
import { testComments, testThread } from './adapter-checks';

const worker = vi.hoisted(() => ({
  calls: [] as string[],
  annotations: [] as unknown[],
  tagNamesInPage: true,
}));
vi.mock('../../src/shared/messaging', () => ({
  callWorker: async (type: string) => {
    worker.calls.push(type);
    return {
      comments: worker.annotations,
      users: [],
      tags: [],
      previousVisit: null,
      settings: { quickTags: [], disabledSites: [], tagNamesInPage: worker.tagNamesInPage },
    };
  },
}));

const { Annotator } = await import('../../src/content/annotator');
const { shadowOf } = await import('../../src/content/shadow');

/** The closed root Threadnote drew a post's chips in. */
const chipsOf = (post: Element) => {
  const host = post.querySelector<HTMLElement>('tn-chips');
  return host ? shadowOf(host) : null;
};

/**
 * Happy DOM lays nothing out and its IntersectionObserver never reports: this one tells, a task
 * after each `observe`, that the post is in sight, unless the test put it out of sight, and
 * `bringIntoSight` tells so later, as scrolling would.
 */
const outOfSight = new Set<Element>();
const watchers = new Set<FakeIntersectionObserver>();
class FakeIntersectionObserver {
  readonly targets = new Set<Element>();
  private pending: Element[] = [];
  constructor(private readonly callback: IntersectionObserverCallback) {
    watchers.add(this);
  }
  observe(target: Element): void {
    this.targets.add(target);
    if (this.pending.push(target) === 1) setTimeout(() => this.report(this.pending.splice(0)));
  }
  unobserve(target: Element): void {
    this.targets.delete(target);
  }
  disconnect(): void {
    this.targets.clear();
    watchers.delete(this);
  }
  report(targets: readonly Element[]): void {
    const watched = targets.filter((target) => this.targets.has(target));
    const entries = watched.map(
      (target) =>
        ({ target, isIntersecting: !outOfSight.has(target) }) as IntersectionObserverEntry,
    );
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}
vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);

function bringIntoSight(element: Element): void {
  outOfSight.delete(element);
  for (const watcher of watchers) if (watcher.targets.has(element)) watcher.report([element]);
}

const thread = testThread;

function annotation(key: string, patch: Partial<CommentAnnotation>): CommentAnnotation {
  return {
    key,
    thread: thread.key,
    author: 'alice',
    url: `https://forum.test/${key}`,
    quote: '',
    note: '',
    tags: [],
    fold: 'none',
    createdAt: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:00:00.000Z',
    ...patch,
  };
}

const parses = { count: 0 };
const adapter: SiteAdapter = {
  site: 'x',
  name: 'Test forum',
  matches: ['https://forum.test/*'],
  handles: () => true,
  pageOf: (url) => url.pathname,
  itemKeyFromUrl: () => thread.key,
  threadBarAnchor: (doc) => doc.getElementById('stream'),
  userLinks: () => [],
  parsePage(doc) {
    parses.count++;
    const comments = testComments(doc, 'article[data-id]', { header: '.meta', body: '.cooked' });
    nestByParent(comments);
    return { kind: 'thread', thread, comments };
  },
  commentContainers: (doc) => [{ node: doc.getElementById('stream') as Node, subtree: true }],
};

function post(id: string, parent = '', author = `user${id}`): string {
  return `<div class="wrap" id="w${id}"><article data-id="${id}" data-parent="${parent}" data-author="${author}"><div class="meta">${author}</div><div class="cooked"><p>Post ${id}</p></div></article></div>`;
}

/** The forum renders a post again: a new element, without anything Threadnote put in the old. */
function rerender(id: string, parent = ''): void {
  const wrapper = document.getElementById(`w${id}`);
  if (wrapper) wrapper.outerHTML = post(id, parent);
}

function cloak(id: string): void {
  document.querySelector(`#w${id} article`)?.remove();
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

const article = (id: string) => document.querySelector<HTMLElement>(`article[data-id="${id}"]`);

beforeEach(() => {
  parses.count = 0;
  worker.calls = [];
  worker.tagNamesInPage = true;
  document.body.innerHTML = `<div id="stream">${post('1')}${post('2')}${post('3', '1')}${post('4', '3')}</div>`;
  worker.annotations = [
    annotation('x:1', { tags: ['insightful'], note: 'keep', fold: 'collapsed' }),
    annotation('x:2', { tags: ['later'] }),
  ];
});

afterEach(() => {
  document.body.innerHTML = '';
  outOfSight.clear();
});

async function started() {
  const annotator = new Annotator(adapter, document, new URL(thread.url));
  await annotator.start();
  return annotator;
}

describe('Annotator on a forum that re-renders its posts', () => {
  it('decorates on start: chips, note, the collapsed text and the replies under the fold', async () => {
    await started();
    expect(article('1')?.getAttribute('data-tn-tags')).toBe('insightful');
    expect(article('1')?.querySelector('.meta > tn-chips')).not.toBeNull();
    expect(article('1')?.querySelector('tn-note + .cooked')).not.toBeNull();
    expect(article('1')?.querySelector('.cooked')?.classList.contains('tn-collapsed-body')).toBe(
      true,
    );
    expect(article('3')?.classList.contains('tn-folded-away')).toBe(true);
    expect(article('4')?.classList.contains('tn-folded-away')).toBe(true);
    expect(article('2')?.classList.contains('tn-folded-away')).toBe(false);
  });

  it('keeps tag names from the page when the reader says so: the attribute only flags tags', async () => {
    worker.tagNamesInPage = false;
    await started();
    expect(article('1')?.getAttribute('data-tn-tags')).toBe('');
    expect(article('2')?.getAttribute('data-tn-tags')).toBe('');
    expect(document.body.innerHTML).not.toContain('insightful');
  });

  it('decorates a post rendered again as a new element, and leaves the old one bare', async () => {
    const annotator = await started();
    const old = article('1');
    rerender('1');
    await expect.poll(() => article('1')?.getAttribute('data-tn-tags')).toBe('insightful');
    expect(article('1')).not.toBe(old);
    await expect.poll(() => article('1')?.querySelectorAll('tn-chips').length).toBe(1);
    expect(article('1')?.querySelectorAll('tn-note')).toHaveLength(1);
    expect(article('1')?.querySelector('.cooked')?.classList.contains('tn-collapsed-body')).toBe(
      true,
    );
    expect(old?.hasAttribute('data-tn-tags')).toBe(false);
    expect(old?.querySelector('tn-chips, tn-note')).toBeNull();
    expect(annotator.describeSubthread(annotator.comment('x:1') as DomComment)).toBe(
      '2 replies by user3 and user4',
    );
  });

  it('draws the chips of posts read with the page once they come near the viewport', async () => {
    const far = article('2');
    if (!far) throw new Error('no post 2');
    outOfSight.add(far);
    const annotator = await started();
    // Post 1 is in sight: its chips were drawn before the load let the comments show.
    const post = article('1');
    const stub = post ? chipsOf(post)?.querySelector('.stub') : null;
    expect(stub?.textContent).toContain('2 replies by user3 and user4');
    expect(far.getAttribute('data-tn-tags')).toBe('later');
    expect(far.querySelector('tn-chips')).toBeNull();
    bringIntoSight(far);
    expect(far.querySelector('tn-chips')).not.toBeNull();
    // Drawn once: further changes draw at once, in sight or not.
    annotator.applyAnnotation('x:2', annotation('x:2', { tags: ['later', 'sources'] }));
    expect(chipsOf(far)?.querySelectorAll('.chip')).toHaveLength(2);
  });

  it('draws what a fold puts out of sight only once it shows', async () => {
    const annotator = await started();
    annotator.applyAnnotation('x:4', annotation('x:4', { tags: ['new'], note: 'hello' }));
    // Under post 1's fold: marked for the page's CSS, nothing drawn yet.
    expect(article('4')?.getAttribute('data-tn-tags')).toBe('new');
    expect(article('4')?.querySelector('tn-chips, tn-note')).toBeNull();
    annotator.applyAnnotation('x:1', null);
    expect(article('4')?.classList.contains('tn-folded-away')).toBe(false);
    expect(article('4')?.querySelector('tn-chips')).not.toBeNull();
    expect(article('4')?.querySelector('tn-note')).not.toBeNull();
  });

  it('keeps a fold on replies whose parent the forum took off the page', async () => {
    const annotator = await started();
    cloak('1');
    await expect.poll(() => annotator.comment('x:1')).toBeUndefined();
    // The reply no longer finds its parent on the page; the fold still holds it.
    rerender('3');
    await expect.poll(() => article('3')?.getAttribute('data-tn-comment')).toBe('x:3');
    expect(article('3')?.classList.contains('tn-folded-away')).toBe(true);
    expect(annotator.replyCount('x:1')).toBe(2);
    rerender('1');
    await expect.poll(() => article('1')?.getAttribute('data-tn-fold')).toBe('collapsed');
  });

  it('does not read the page again for its own chips, notes and control', async () => {
    const annotator = await started();
    const before = parses.count;
    annotator.applyAnnotation('x:2', annotation('x:2', { tags: ['new'], note: 'hello' }));
    expect(article('2')?.querySelector('tn-chips')).not.toBeNull();
    // Give a read that those writes might have scheduled its frame…
    await nextFrame();
    await nextFrame();
    // …then a change of the forum's own shows how many reads happened meanwhile.
    document.getElementById('stream')?.insertAdjacentHTML('beforeend', post('5'));
    await expect.poll(() => article('5')?.getAttribute('data-tn-comment')).toBe('x:5');
    expect(parses.count).toBe(before + 1);
  });
});
