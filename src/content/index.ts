/**
 * Content script entry, run as the page starts loading: lets the comments show at once unless the
 * thread has folds, then annotates the page once it is parsed and lets them show. It annotates
 * again when the forum moves to another page without loading one (Discourse is an app: its topic
 * lists and topics are all one document).
 */
import { browser } from '../shared/browser';
import { isEnvelope, type Result, type TabPushes, type TabRequests } from '../shared/messages';
import { toErrorData } from '../shared/messaging';
import { adapterForUrl } from '../sites/registry';
import { Annotator } from './annotator';
import { CommentControl } from './comment-control';
import { workerConnector } from './connector';
import { releaseComments } from './hold-comments';
import { CommentNavigator } from './keyboard';
import { pageSaving, type PageSaving } from './outbox';
import { TagFilter } from './tag-filter';
import { trusted } from './trusted';

function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

function whenParsed(run: () => void): void {
  if (document.readyState === 'loading') {
    // Not `once`: a page script's made-up event would use it up, and the browser's find none.
    const parsed = trusted(() => {
      document.removeEventListener('DOMContentLoaded', parsed);
      run();
    });
    document.addEventListener('DOMContentLoaded', parsed);
  } else {
    run();
  }
}

interface Session {
  /** The adapter's site and page, which an in-app navigation may change. */
  page: string;
  annotator: Annotator;
  filter: TagFilter | null;
  navigator: CommentNavigator | null;
  stop(): void;
}

function startSession(page: string, annotator: Annotator): Session {
  let control: CommentControl | null = null;
  let stopped = false;
  const session: Session = {
    page,
    annotator,
    filter: null,
    navigator: null,
    stop() {
      stopped = true;
      annotator.stop();
      control?.stop();
      session.navigator?.stop();
      session.filter?.stop();
    },
  };
  annotator
    .start()
    .then(() => {
      if (stopped) return undefined;
      const keys = new CommentNavigator(annotator);
      control = new CommentControl(annotator, keys);
      const controls = control;
      keys.openPanel = (key) => controls.openOn(key);
      const tagFilter = new TagFilter(annotator, keys, () =>
        annotator.adapter.threadBarAnchor(document),
      );
      annotator.onTagClick = (tag) => tagFilter.set(tag);
      session.filter = tagFilter;
      session.navigator = keys;
      // A search result or the popup opened this page to show one comment: it can only take
      // focus once the comments may show.
      releaseComments();
      const wanted = /^#threadnote=(.+)$/.exec(location.hash)?.[1];
      if (wanted) {
        return annotator.reveal(decodeURIComponent(wanted), (comment) => keys.focus(comment));
      }
      return undefined;
    })
    .catch((error: unknown) => {
      console.warn(
        'Threadnote could not load this page’s annotations:',
        toErrorData(error).message,
      );
    })
    .finally(releaseComments);
  return session;
}

let session: Session | null = null;
/** One outbox for the document: edits still waiting go on when the forum moves to another page. */
let saving: PageSaving | null = null;

/** Starts, keeps or replaces the session for the page the address now shows. */
function follow(): void {
  const url = new URL(location.href);
  const adapter = adapterForUrl(url.href);
  const page = adapter ? `${adapter.site} ${adapter.pageOf(url)}` : '';
  if (session?.page === page) return;
  session?.stop();
  saving ??= pageSaving();
  session = adapter
    ? startSession(page, new Annotator(adapter, document, url, workerConnector, saving))
    : null;
}

// Enabling a Discourse host starts this script in its open tabs, and may do so twice: the
// isolated world keeps this mark between the runs.
const running = globalThis as { threadnoteRunning?: boolean };
if (!running.threadnoteRunning) {
  running.threadnoteRunning = true;

  // The site's stylesheet holds the comments back; they show at once unless the thread has folds
  // (or the reader turned Threadnote off on the site).
  const url = new URL(location.href);
  const adapter = adapterForUrl(url.href);
  const early = adapter
    ? workerConnector.early({ site: adapter.site, item: adapter.itemKeyFromUrl(url) })
    : Promise.resolve({ folds: 0, off: false });
  early.then(({ folds, off }) => (off || folds === 0) && releaseComments(), releaseComments);

  // A worker that cannot answer must not take Threadnote away: only a clear "off" does.
  const on = early.then(
    ({ off }) => !off,
    () => true,
  );
  const started = new Promise<boolean>((resolve) => {
    whenParsed(
      () =>
        void on.then((start) => {
          if (start) followPages();
          resolve(start);
        }),
    );
  });
  listen(started);
}

/** Annotates the page, and every page the forum moves to in place. */
function followPages(): void {
  follow();
  // The Navigation API tells of the forum's own address changes (history.pushState) too.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  // The browser's own events only: a page script's synthetic ones would just make us look again.
  navigation?.addEventListener('currententrychange', trusted(follow));
  addEventListener('popstate', trusted(follow));
}

/**
 * Answers the extension. Listening from the start lets a popup that asks while the page is still
 * starting (just enabled, or checked with the worker first) have its answer once the page is read,
 * rather than none.
 */
function listen(started: Promise<boolean>): void {
  // Only this extension can reach this listener: pages cannot call runtime messaging.
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isEnvelope(message)) return undefined;
    if (!session && message.type === 'page.info') {
      return started.then((start) =>
        start && session ? ok(session.annotator.pageInfo()) : undefined,
      );
    }
    const current = session;
    if (!current) return undefined;
    const { annotator } = current;
    switch (message.type) {
      case 'comments.changed':
        annotator.applyChanges((message.payload as TabPushes['comments.changed']).changes);
        return undefined;
      case 'tags.changed':
        annotator.absorbTags((message.payload as TabPushes['tags.changed']).tags);
        return undefined;
      case 'users.changed':
        annotator.applyUsers((message.payload as TabPushes['users.changed']).changes);
        return undefined;
      case 'state.stale':
        annotator.reload().catch((error: unknown) => console.warn('Threadnote:', error));
        return undefined;
      case 'comment.reveal': {
        const { key } = message.payload as TabRequests['comment.reveal'];
        return annotator
          .reveal(key, (comment) => current.navigator?.focus(comment))
          .then(
            (found) => ok({ found }),
            (error: unknown) => ({ ok: false, error: toErrorData(error) }),
          );
      }
      case 'comment.next-new': {
        const { step } = message.payload as TabRequests['comment.next-new'];
        const moved = current.navigator?.moveToNew(step);
        return Promise.resolve(ok(moved ?? { key: null, position: 0, total: 0 }));
      }
      case 'filter.set': {
        const { tag } = message.payload as TabRequests['filter.set'];
        return Promise.resolve(ok({ matches: current.filter?.set(tag) ?? 0 }));
      }
      case 'page.info':
        return Promise.resolve(ok(annotator.pageInfo()));
      case 'folds.bulk': {
        const { action } = message.payload as TabRequests['folds.bulk'];
        return annotator.bulk(action).then(ok, (error: unknown) => ({
          ok: false,
          error: toErrorData(error),
        }));
      }
      default:
        return undefined;
    }
  });
}
