/**
 * The content script's page state against a forum that re-renders its comments (as Discourse
 * does): the worker is a fake connector, the forum a small adapter over a flat stream.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Annotator } from '../../src/content/annotator';
import type { ContentConnector } from '../../src/content/connector';
import type { SessionCommands, SessionContext } from '../../src/content/context';
import { startCommentControl } from '../../src/content/comment-control';
import { startHiddenBar } from '../../src/content/hidden-bar';
import { catchKeys } from '../../src/content/key-catch';
import { startKeyboard } from '../../src/content/keyboard';
import { startNewMarks } from '../../src/content/new-marks';
import { startTagFilter } from '../../src/content/tag-filter';
import { CommentNavigator } from '../../src/content/navigator';
import { loadUi } from '../../src/content/lazy/load';
import { Outbox, pageSaving, waitingText, type PageSaving } from '../../src/content/outbox';
import { PageEdits } from '../../src/content/page-edits';
import { shadowOf } from '../../src/content/shadow';
import { Toaster } from '../../src/content/ui/Toast';
import { ThreadnoteError, type WorkerInput } from '../../src/shared/messages';
import { DEFAULT_SETTINGS, type CommentAnnotation } from '../../src/shared/model';
import { applyCommentOps } from '../../src/shared/operations';
import { nestByParent, type DomComment } from '../../src/sites/kit';
import { hackerNewsLook } from '../../src/sites/hacker-news-style';
import type { SiteAdapter } from '../../src/sites/types';
import { testComments, testThread } from './adapter-checks';

/**
 * The fake worker answers page.open with `annotations`; `answer`, when a test sets it, answers
 * every other call (edits, drafts) and may throw as the worker's errors do.
 */
const worker = {
  calls: [] as string[],
  annotations: [] as unknown[],
  quickTags: [] as string[],
  /** The keys seen on the last visit, or null for a first visit. */
  seen: null as string[] | null,
  answer: null as ((type: string, payload: unknown) => unknown) | null,
};

function call<T>(type: string, payload: unknown): Promise<T> {
  worker.calls.push(type);
  if (!worker.answer) return Promise.reject(new Error(`unexpected ${type}`));
  return (async () => (await worker.answer?.(type, payload)) as T)();
}

const connector: ContentConnector = {
  early: () => Promise.resolve({ folds: 0, off: false }),
  openPage: () => {
    worker.calls.push('page.open');
    return Promise.resolve({
      comments: worker.annotations as CommentAnnotation[],
      users: [],
      tags: [],
      previousVisit: worker.seen && {
        lastVisitedAt: '2026-11-28T10:00:00.000Z',
        seenCommentKeys: worker.seen,
      },
      settings: { ...DEFAULT_SETTINGS, quickTags: worker.quickTags },
      siteUsers: [],
    });
  },
  editComments: (input) => call('comments.edit', input),
  editUser: (input) => call('user.edit', input),
  getDraft: (key) => call('draft.get', { key }),
  saveDraft: (key, text) => call('draft.save', { key, text }),
  deleteDraft: (key) => call('draft.delete', { key }),
  // The worker would inject the UI script into the page's world: here it is imported, and hands
  // the UI to the hook the content script put there, as in the browser.
  loadUi: async () => {
    await import('../../src/content/lazy/ui');
  },
  dismissHint: () => call('hint.dismiss', {}),
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
  look: hackerNewsLook,
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
  worker.quickTags = [];
  worker.seen = null;
  worker.answer = null;
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

/**
 * The annotator as a session makes it: its edits and note editor come from the UI script, its
 * edits through the outbox and toast a test may give.
 */
function annotatorOn(saving: PageSaving = pageSaving(new Toaster())): Annotator {
  return new Annotator(adapter, document, new URL(thread.url), connector, async () => {
    const ui = await loadUi(connector);
    return {
      NoteEditorHost: ui.NoteEditorHost,
      editsFor: (model, to, answers) => new PageEdits(model, to, saving, answers),
    };
  });
}

/** The context a session gives its features, its commands none until a feature sets them. */
function sessionContext(annotator: Annotator, signal: AbortSignal): SessionContext {
  const commands: SessionCommands = {
    openPanel: () => undefined,
    setFilter: () => 0,
    undo: async () => undefined,
  };
  const navigator = new CommentNavigator(annotator.model, signal);
  return { annotator, navigator, commands, ui: () => loadUi(connector) };
}

async function started() {
  const annotator = annotatorOn();
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
    expect(annotator.model.describeSubthread(annotator.model.comment('x:1') as DomComment)).toBe(
      '2 replies by user3 and user4 · 1 note',
    );
  });

  it('draws the chips of posts read with the page once they come near the viewport', async () => {
    const far = article('2');
    if (!far) throw new Error('no post 2');
    outOfSight.add(far);
    const annotator = await started();
    // Post 1 is in sight: its chips were drawn before the load let the comments show.
    const stubHost = article('1')?.querySelector<HTMLElement>('tn-chips');
    const stub = stubHost ? shadowOf(stubHost).querySelector('.stub') : null;
    expect(stub?.textContent).toContain('2 replies by user3 and user4');
    expect(far.getAttribute('data-tn-tags')).toBe('later');
    expect(far.querySelector('tn-chips')).toBeNull();
    bringIntoSight(far);
    expect(far.querySelector('tn-chips')).not.toBeNull();
    // Drawn once: further changes draw at once, in sight or not.
    annotator.updateComments([
      { key: 'x:2', annotation: annotation('x:2', { tags: ['later', 'sources'] }) },
    ]);
    const farHost = far.querySelector<HTMLElement>('tn-chips');
    expect(farHost && shadowOf(farHost).querySelectorAll('.chip')).toHaveLength(2);
  });

  it('draws what a fold puts out of sight only once it shows', async () => {
    const annotator = await started();
    annotator.updateComments([
      { key: 'x:4', annotation: annotation('x:4', { tags: ['new'], note: 'hello' }) },
    ]);
    // Under post 1's fold: marked for the page's CSS, nothing drawn yet.
    expect(article('4')?.getAttribute('data-tn-tags')).toBe('new');
    expect(article('4')?.querySelector('tn-chips, tn-note')).toBeNull();
    annotator.updateComments([{ key: 'x:1', annotation: null }]);
    expect(article('4')?.classList.contains('tn-folded-away')).toBe(false);
    expect(article('4')?.querySelector('tn-chips')).not.toBeNull();
    expect(article('4')?.querySelector('tn-note')).not.toBeNull();
  });

  it('keeps a fold on replies whose parent the forum took off the page', async () => {
    const annotator = await started();
    cloak('1');
    await expect.poll(() => annotator.model.comment('x:1')).toBeUndefined();
    // The reply no longer finds its parent on the page; the fold still holds it.
    rerender('3');
    await expect.poll(() => article('3')?.getAttribute('data-tn-comment')).toBe('x:3');
    expect(article('3')?.classList.contains('tn-folded-away')).toBe(true);
    expect(annotator.model.replyCount('x:1')).toBe(2);
    rerender('1');
    await expect.poll(() => article('1')?.getAttribute('data-tn-fold')).toBe('collapsed');
  });

  it('does not read the page again for its own chips, notes and control', async () => {
    const annotator = await started();
    const before = parses.count;
    annotator.updateComments([
      { key: 'x:2', annotation: annotation('x:2', { tags: ['new'], note: 'hello' }) },
    ]);
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

/** A worker that stores edits by applying their operations, as the real one does. */
function storingWorker(failures: unknown[] = []) {
  const stored = new Map<string, CommentAnnotation>();
  for (const item of worker.annotations as CommentAnnotation[]) stored.set(item.key, item);
  const sent: WorkerInput<'comments.edit'>['edits'][] = [];
  worker.answer = (type, payload) => {
    if (type === 'draft.get') return null;
    if (type.startsWith('draft.')) return null;
    if (type !== 'comments.edit') throw new Error(`unexpected ${type}`);
    const { edits } = payload as WorkerInput<'comments.edit'>;
    sent.push(edits);
    const failure = failures.shift();
    if (failure) throw failure;
    const annotations = edits.map(({ comment, ops }) => {
      const before = stored.get(comment.key) ?? annotation(comment.key, {});
      const { next } = applyCommentOps(before, ops, '2026-12-06T00:00:00.000Z');
      stored.set(comment.key, next);
      return next;
    });
    return { annotations, createdTags: [], kept: 0 };
  };
  return { stored, sent, ops: () => sent.flatMap((edits) => edits.flatMap(({ ops }) => ops)) };
}

function toastText(): string {
  const host = document.querySelector<HTMLElement>('tn-toast');
  return host ? (shadowOf(host).textContent ?? '') : '';
}

function press(key: string): void {
  document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
}

describe('Edits from the page', () => {
  const sessions: AbortController[] = [];
  afterEach(() => {
    for (const session of sessions.splice(0)) session.abort();
  });

  /**
   * Keys as a session starts them: held from page load (key-catch.ts) until the keyboard arrives
   * with the UI script, at once unless `early` are pressed first, on post 2.
   */
  async function withKeys(saving?: PageSaving, early: readonly string[] = []) {
    const annotator = annotatorOn(saving);
    await annotator.start();
    const session = new AbortController();
    sessions.push(session);
    const context = sessionContext(annotator, session.signal);
    const { navigator } = context;
    const comment = annotator.model.comment('x:2');
    if (!comment) throw new Error('no post 2');
    navigator.focus(comment);
    const take = catchKeys(context, session.signal);
    for (const key of early) press(key);
    startKeyboard(context, session.signal, take());
    return annotator;
  }

  it('sends quick tags pressed back to back as one tag.add each, never a whole list', async () => {
    worker.quickTags = ['a', 'b', 'c'];
    const store = storingWorker();
    await withKeys();
    press('1');
    press('2');
    press('3');
    await expect.poll(() => article('2')?.getAttribute('data-tn-tags')).toBe('later a b c');
    expect(store.ops()).toEqual([
      { op: 'tag.add', tag: 'a' },
      { op: 'tag.add', tag: 'b' },
      { op: 'tag.add', tag: 'c' },
    ]);
    expect(store.stored.get('x:2')?.tags).toEqual(['later', 'a', 'b', 'c']);
  });

  it('runs the keys pressed before the keyboard arrived, in order, and only those it acts on', async () => {
    worker.quickTags = ['a', 'b'];
    const store = storingWorker();
    const prevented: string[] = [];
    // Heard after the page's listeners, as the forum's own would be.
    const watch = (event: KeyboardEvent) => event.defaultPrevented && prevented.push(event.key);
    addEventListener('keydown', watch);
    // `q` is no Threadnote key: it stays the page's.
    await withKeys(undefined, ['2', 'q', '1']);
    removeEventListener('keydown', watch);
    expect(prevented).toEqual(['2', '1']);
    await expect.poll(() => article('2')?.getAttribute('data-tn-tags')).toBe('later b a');
    expect(store.ops()).toEqual([
      { op: 'tag.add', tag: 'b' },
      { op: 'tag.add', tag: 'a' },
    ]);
  });

  it('toggles from what the reader last asked for, edits still on their way included', async () => {
    worker.quickTags = ['a'];
    const store = storingWorker();
    await withKeys();
    press('1');
    press('1');
    await expect.poll(() => store.sent.length).toBe(2);
    expect(store.ops()).toEqual([
      { op: 'tag.add', tag: 'a' },
      { op: 'tag.remove', tag: 'a' },
    ]);
    await expect.poll(() => store.stored.get('x:2')?.tags).toEqual(['later']);
  });

  it('keeps an edit the disk refused, says so while it waits, and sends it until stored', async () => {
    worker.quickTags = ['a'];
    const full = () => new ThreadnoteError({ code: 'storage', message: 'Your disk is full.' });
    const store = storingWorker([full(), full()]);
    const toaster = new Toaster();
    await withKeys({ toaster, outbox: new Outbox(toaster, [150]) });
    press('1');
    await expect
      .poll(toastText)
      .toBe('Threadnote cannot save: Your disk is full. 1 change waiting — retrying…');
    // Not stored yet: nothing shows as saved.
    expect(article('2')?.getAttribute('data-tn-tags')).toBe('later');
    await expect.poll(() => article('2')?.getAttribute('data-tn-tags')).toBe('later a');
    expect(toastText()).toContain('Saved.');
    expect(store.ops()).toEqual(Array.from({ length: 3 }, () => ({ op: 'tag.add', tag: 'a' })));
    toaster.hide();
  });

  it('says when a storage error comes without a message, rather than nothing', async () => {
    worker.quickTags = ['a'];
    const store = storingWorker([new ThreadnoteError({ code: 'transport', message: '' })]);
    const toaster = new Toaster();
    const shown: string[] = [];
    const notices = { show: (text: string) => shown.push(text) };
    await withKeys({ toaster, outbox: new Outbox(notices, [30]) });
    press('1');
    await expect.poll(() => store.stored.get('x:2')?.tags).toEqual(['later', 'a']);
    expect(shown[0]).toMatch(/^Threadnote cannot save: \S.* 1 change waiting — retrying…$/);
    expect(shown.at(-1)).toBe('Saved.');
    toaster.hide();
  });

  it('does not name Threadnote twice when the worker’s message does', () => {
    const quota = "Threadnote cannot save: your disk is full or the browser's storage is used up.";
    expect(waitingText(quota, 2)).toBe(`${quota} 2 changes waiting — retrying…`);
  });

  it('annotates a user whose name is longer than Threadnote keeps, under the key the worker uses', async () => {
    const long = 'n'.repeat(300);
    document.getElementById('stream')?.insertAdjacentHTML('beforeend', post('9', '', long));
    const sent: WorkerInput<'user.edit'>[] = [];
    worker.answer = (type, payload) => {
      if (type !== 'user.edit') throw new Error(`unexpected ${type}`);
      const edit = payload as WorkerInput<'user.edit'>;
      sent.push(edit);
      const user = { ...edit.user, tags: ['verbose'], note: '', createdAt: '', updatedAt: '' };
      return { annotation: user, createdTags: [], kept: 0 };
    };
    const annotator = await started();
    await (await annotator.edits()).editUser(long, [{ op: 'tag.add', tag: 'verbose' }]);
    expect(sent[0]?.user).toEqual({ key: `x:${'n'.repeat(200)}`, name: 'n'.repeat(200) });
    expect(article('9')?.getAttribute('data-tn-user-tags')).toBe('verbose');
  });

  it('shows a refused edit once, does not send it again, and changes nothing', async () => {
    worker.quickTags = ['a'];
    const refused = new ThreadnoteError({ code: 'invalid', message: 'Tags must be normal.' });
    const store = storingWorker([refused]);
    const toaster = new Toaster();
    await withKeys({ toaster, outbox: new Outbox(toaster, [10]) });
    press('1');
    await expect.poll(toastText).toContain('Tags must be normal.');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.sent).toHaveLength(1);
    expect(article('2')?.getAttribute('data-tn-tags')).toBe('later');
    toaster.hide();
  });

  it('puts a failed key press on the page, not only in the console', async () => {
    const toaster = new Toaster();
    const annotator = await withKeys({ toaster, outbox: new Outbox(toaster, [10]) });
    const edits = await annotator.edits();
    edits.report(new Error(''));
    expect(toastText()).toMatch(/\S/);
    edits.report(new Error('This comment is no longer on the page.'));
    expect(toastText()).toContain('This comment is no longer on the page.');
    toaster.hide();
  });

  it('undoes a fold with fold.set back to what each comment had', async () => {
    const store = storingWorker();
    const annotator = await withKeys();
    const edits = await annotator.edits();
    await edits.bulk('expand-all');
    await edits.bulk('undo');
    expect(store.ops()).toEqual([
      { op: 'fold.set', fold: 'none' },
      { op: 'fold.set', fold: 'collapsed' },
    ]);
    expect(article('1')?.getAttribute('data-tn-fold')).toBe('collapsed');
  });

  const editorRoot = () => {
    const host = document.querySelector<HTMLElement>('tn-note-editor');
    return host ? shadowOf(host) : null;
  };
  const button = (root: ParentNode | null | undefined, text: string) =>
    [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === text);

  it('saves a note with the text the editor opened on as its base', async () => {
    const store = storingWorker();
    const annotator = await withKeys();
    await annotator.openNoteEditor('x:1', 'comment');
    const area = editorRoot()?.querySelector('textarea');
    if (!area) throw new Error('no editor');
    area.value = 'changed';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await nextFrame();
    button(editorRoot(), 'Save')?.click();
    await expect.poll(() => store.stored.get('x:1')?.note).toBe('changed');
    expect(store.ops()).toEqual([{ op: 'note.set', note: 'changed', base: 'keep' }]);
  });

  it('says a version was kept next to the note, and restores it from the editor', async () => {
    worker.annotations = [
      annotation('x:2', {
        note: 'mine',
        conflicts: [{ note: 'from the other tab', updatedAt: '2026-12-05T09:00:00.000Z' }],
      }),
    ];
    const store = storingWorker();
    const annotator = await withKeys();
    const note = article('2')?.querySelector<HTMLElement>('tn-note');
    const kept = button(note && shadowOf(note), 'another version kept · show');
    expect(kept).toBeDefined();
    kept?.click();
    await expect.poll(() => editorRoot()?.textContent).toContain('from the other tab');
    button(editorRoot(), 'Restore')?.click();
    await expect.poll(() => store.stored.get('x:2')?.note).toBe('from the other tab');
    expect(store.ops()).toEqual([{ op: 'note.restore', version: '2026-12-05T09:00:00.000Z' }]);
    // The text it replaced is kept in turn, and can be dismissed.
    await expect.poll(() => editorRoot()?.textContent).toContain('mine');
    button(editorRoot(), 'Dismiss')?.click();
    await expect.poll(() => store.stored.get('x:2')?.conflicts).toBeUndefined();
    expect(annotator.model.annotation('x:2')?.note).toBe('from the other tab');
  });

  it('keeps the typed note while it waits, with the reason, until it is stored', async () => {
    const full = new ThreadnoteError({ code: 'storage', message: '' });
    const store = storingWorker([full]);
    const toaster = new Toaster();
    const annotator = await withKeys({ toaster, outbox: new Outbox(toaster, [200]) });
    await annotator.openNoteEditor('x:2', 'comment');
    const area = editorRoot()?.querySelector('textarea');
    if (!area) throw new Error('no editor');
    area.value = 'typed';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await nextFrame();
    button(editorRoot(), 'Save')?.click();
    await expect
      .poll(() => editorRoot()?.querySelector('[role="alert"]')?.textContent)
      .toMatch(/^Not saved yet \(\S.*\)\. Trying again…$/);
    expect(editorRoot()?.querySelector('textarea')?.value).toBe('typed');
    await expect.poll(() => store.stored.get('x:2')?.note).toBe('typed');
    await expect.poll(() => document.querySelector('tn-note-editor')).toBeNull();
    toaster.hide();
  });
});

describe('Features of a session', () => {
  it('all stop, their marks and listeners gone, when the session aborts', async () => {
    worker.quickTags = ['a'];
    const annotator = await started();
    const session = new AbortController();
    const context = sessionContext(annotator, session.signal);
    const { navigator, commands } = context;
    startKeyboard(context, session.signal, []);
    for (const start of [startCommentControl, startTagFilter]) start(context, session.signal);
    expect(commands.setFilter('later')).toBe(1);
    expect(article('1')?.classList.contains('tn-dimmed')).toBe(true);
    commands.openPanel('x:2');
    expect(article('2')?.querySelector('tn-control')).not.toBeNull();
    session.abort();
    expect(document.querySelector('tn-control, tn-filter-bar')).toBeNull();
    expect(article('1')?.classList.contains('tn-dimmed')).toBe(false);
    const comment = annotator.model.comment('x:2');
    if (comment) navigator.focus(comment);
    press('1');
    await nextFrame();
    expect(worker.calls).not.toContain('comments.edit');
    annotator.stop();
  });

  it('mark what is new since the last visit, and the hidden subthreads in a bar from the UI script', async () => {
    worker.seen = ['x:1', 'x:2'];
    worker.annotations = [annotation('x:3', { fold: 'hidden' })];
    const annotator = await started();
    const session = new AbortController();
    const context = sessionContext(annotator, session.signal);
    startNewMarks(context, session.signal);
    // Drawn as the feature starts: the session holds the comments until the UI script started it.
    startHiddenBar(context, session.signal);
    expect(['1', '2', '3', '4'].map((id) => article(id)?.hasAttribute('data-tn-new'))).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(article('3')?.querySelector('tn-new-mark')?.textContent).toBe('new');
    const bar = document.querySelector<HTMLElement>('tn-hidden-bar');
    if (!bar) throw new Error('no hidden bar');
    expect(shadowOf(bar).textContent).toContain('1 subthread hidden (2 comments) · 2 new');
    session.abort();
    expect(document.querySelector('tn-hidden-bar, tn-new-mark, [data-tn-new]')).toBeNull();
    annotator.stop();
  });
});
