/**
 * The content script, started by each forum's entry in ./entries/ with that forum's adapter alone
 * (the build makes one self-contained file of each), as the page starts loading: lets the comments
 * show at once unless the thread has folds, then annotates the page once it is parsed and lets
 * them show. It annotates again when the forum moves to another page without loading one
 * (Discourse is an app: its topic lists and topics are all one document).
 *
 *   index.ts: one session per page, its tab messages answered from two typed tables
 *     │
 *     ├── Annotator (annotator.ts): reads the page, asks the worker, stores, then shows
 *     │     ├── PageModel (page-model.ts)        comments, annotations, users, tags, settings;
 *     │     │                                    no DOM writes; asks through the ContentConnector
 *     │     ├── Decorations (decorations.tsx)    data-tn-* attributes, chips, notes
 *     │     │     └── InSight (sight.ts)         chips drawn as comments near the viewport
 *     │     ├── FoldView (fold-view.ts)          collapsed bodies, folded-away replies
 *     │     └── from the UI script, at the first edit or note:
 *     │           PageEdits (page-edits.ts)      edits through the outbox, bulk folds, undo
 *     │           NoteEditorHost (note-editing.tsx)
 *     ├── CommentNavigator (navigator.ts): the current comment (moves.ts, in the UI script, moves)
 *     └── FEATURES, each start(context, signal), all stopped by one abort:
 *           new-marks.ts · key-catch.ts, and from the UI script once it is loaded:
 *           hidden-bar.ts · keyboard.ts · undo.ts · comment-control.tsx · tag-filter.tsx ·
 *           first-run.tsx
 *
 *   Shared by the document's sessions: the worker connector (connector.ts) and the UI script
 *   (lazy/load.ts, lazy/ui.ts): the outbox and its toast, the panel, tag picker, note editor and
 *   bars, with their own Preact, loaded at idle once the page is annotated, or at first use.
 */
import {
  isEnvelope,
  type Envelope,
  type Result,
  type TabOutputs,
  type TabPush,
  type TabPushes,
  type TabRequests,
} from '../shared/messages';
import { toErrorData } from '../shared/messaging';
import { onMessage } from '../shared/runtime';
import type { SiteAdapter } from '../sites/types';
import { Annotator } from './annotator';
import { workerConnector } from './connector';
import type { Feature, LazyUi, SessionCommands, SessionContext } from './context';
import { releaseComments } from './hold-comments';
import { catchKeys } from './key-catch';
import { loadUi, prefetchUi, uiArrived } from './lazy/load';
import { CommentNavigator } from './navigator';
import { startNewMarks } from './new-marks';
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
  context: SessionContext;
  stop(): void;
}

function warnNoUi(error: unknown): void {
  console.warn('Threadnote could not load its controls:', toErrorData(error).message);
}

/**
 * A feature of the UI script: started with the session's context and signal once the script
 * arrives (at idle, or at the first use that needs it), without asking for it. When it has
 * something to show on page load (`showsNow`), the session asks for the script and holds the
 * comments back until the feature started.
 */
function fromUi(
  pick: (ui: LazyUi) => Feature,
  showsNow?: (context: SessionContext) => boolean,
): Feature {
  return (context, signal) => {
    const now = showsNow?.(context) ?? false;
    const started = (now ? context.ui() : uiArrived())
      .then((ui) => (signal.aborted ? undefined : pick(ui)(context, signal)))
      .catch(warnNoUi);
    // Not waited for otherwise: the script arrives only after the session started (prefetchUi).
    return now ? started : undefined;
  };
}

/**
 * The keyboard, from the UI script: the keys it acts on, pressed before it arrived, are held
 * until then (key-catch.ts) and run first.
 */
const startKeys: Feature = (context, signal) => {
  const take = catchKeys(context, signal);
  return fromUi((ui) => (started, stop) => ui.startKeyboard(started, stop, take()))(
    context,
    signal,
  );
};

/** Started, in this order, once the page's state is shown. */
const FEATURES: readonly Feature[] = [
  startNewMarks,
  fromUi(
    (ui) => ui.startHiddenBar,
    ({ annotator }) => annotator.model.anyFold(),
  ),
  startKeys,
  fromUi((ui) => ui.startUndo),
  fromUi((ui) => ui.startCommentControl),
  fromUi((ui) => ui.startTagFilter),
  fromUi((ui) => ui.startFirstRunHint),
];

/**
 * The commands of features in the UI script, until it arrives: the first click or key that needs
 * one loads the script, then runs the command as the feature put it in place.
 */
function queuedCommands(context: SessionContext, signal: AbortSignal): SessionCommands {
  const later = (run: () => void) => {
    context.ui().then(() => signal.aborted || run(), warnNoUi);
  };
  const queued: SessionCommands = {
    openPanel: (key) =>
      later(
        () => context.commands.openPanel !== queued.openPanel && context.commands.openPanel(key),
      ),
    setFilter: (tag) => {
      later(
        () => context.commands.setFilter !== queued.setFilter && context.commands.setFilter(tag),
      );
      return 0;
    },
    undo: async () => {
      await context.ui();
      if (!signal.aborted && context.commands.undo !== queued.undo) await context.commands.undo();
    },
  };
  return queued;
}

function startSession(page: string, annotator: Annotator): Session {
  const features = new AbortController();
  const { signal } = features;
  const context: SessionContext = {
    annotator,
    navigator: new CommentNavigator(annotator.model, signal),
    commands: { openPanel: () => undefined, setFilter: () => 0, undo: async () => undefined },
    ui: () => loadUi(workerConnector),
  };
  Object.assign(context.commands, queuedCommands(context, signal));
  annotator.onTagClick = (name) => context.commands.setFilter(name);
  annotator
    .start()
    .then(async () => {
      if (signal.aborted) return undefined;
      await Promise.all(FEATURES.map((start) => start(context, signal)));
      // A search result or the popup opened this page to show one comment: it can only take
      // focus once the comments may show.
      releaseComments();
      if (annotator.model.comments().length > 0) prefetchUi(workerConnector, signal);
      const wanted = /^#threadnote=(.+)$/.exec(location.hash)?.[1];
      if (wanted) {
        return annotator.reveal(decodeURIComponent(wanted), (comment) =>
          context.navigator.focus(comment),
        );
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
  return {
    page,
    context,
    stop() {
      annotator.stop();
      features.abort();
    },
  };
}

let session: Session | null = null;

/**
 * The adapter for an address, from the forums this script was built for: each entry in
 * ./entries/ hands its own, so a page loads the code of its forum alone.
 */
type AdapterFinder = (url: URL) => SiteAdapter | null;
let adapterFor: AdapterFinder = () => null;

/** Starts, keeps or replaces the session for the page the address now shows. */
function follow(): void {
  const url = new URL(location.href);
  const adapter = adapterFor(url);
  const page = adapter ? `${adapter.site} ${adapter.pageOf(url)}` : '';
  if (session?.page === page) return;
  session?.stop();
  session = adapter
    ? startSession(
        page,
        new Annotator(adapter, document, url, workerConnector, () => loadUi(workerConnector)),
      )
    : null;
}

/** Runs Threadnote on this page, for the forums whose adapters `find` knows. */
export function startThreadnote(find: AdapterFinder): void {
  // Enabling a Discourse host starts this script in its open tabs, and may do so twice: the
  // isolated world keeps this mark between the runs.
  const running = globalThis as { threadnoteRunning?: boolean };
  if (running.threadnoteRunning) return;
  running.threadnoteRunning = true;
  adapterFor = find;

  // The site's stylesheet holds the comments back; they show at once unless the thread has folds
  // (or the reader turned Threadnote off on the site).
  const url = new URL(location.href);
  const adapter = adapterFor(url);
  const early = adapter
    ? workerConnector.early({ site: adapter.site, item: adapter.itemKeyFromUrl(url) })
    : Promise.resolve({ folds: 0, off: false });
  early.then(({ folds, off }) => (off || folds === 0) && releaseComments(), releaseComments);
  // A thread with folds may list hidden subthreads in a bar, drawn by the UI script: ask for it
  // now, while the page loads, so that the comments are not held back longer for it.
  early
    .then(({ folds, off }) => (off || folds === 0 ? null : loadUi(workerConnector)))
    .catch(warnNoUi);

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

type TabRequest = keyof TabRequests;

/** What the worker pushes: stored, then shown. */
const pushes: { [K in TabPush]: (payload: TabPushes[K], context: SessionContext) => void } = {
  'comments.changed': ({ changes }, { annotator }) => annotator.updateComments(changes),
  'tags.changed': ({ tags }, { annotator }) => annotator.updateTags(tags),
  'users.changed': ({ changes }, { annotator }) => annotator.updateUsers(changes),
  'state.stale': (_, { annotator }) => {
    annotator.reload().catch((error: unknown) => console.warn('Threadnote:', error));
  },
};

/** What the popup asks of the page. */
const requests: {
  [K in TabRequest]: (payload: TabRequests[K], context: SessionContext) => Promise<TabOutputs[K]>;
} = {
  'page.info': async (_, { annotator }) => annotator.model.pageInfo(),
  'folds.bulk': async ({ action }, { annotator }) => (await annotator.edits()).bulk(action),
  'filter.set': async ({ tag }, context) => {
    await context.ui();
    return { matches: context.commands.setFilter(tag) };
  },
  'comment.reveal': async ({ key }, { annotator, navigator }) => ({
    found: await annotator.reveal(key, (comment) => navigator.focus(comment)),
  }),
  'comment.next-new': async ({ step }, context) => (await context.ui()).moveToNew(context, step),
};

type PushMessage = { [K in TabPush]: Envelope<K, TabPushes[K]> }[TabPush];
type RequestMessage = { [K in TabRequest]: Envelope<K, TabRequests[K]> }[TabRequest];

// Only this extension can reach the listener (pages cannot call runtime messaging), and it sends
// each type with its own payload: the name tells what the payload is.
function isPush(message: Envelope): message is PushMessage {
  return Object.hasOwn(pushes, message.type);
}

function isRequest(message: Envelope): message is RequestMessage {
  return Object.hasOwn(requests, message.type);
}

function push<K extends TabPush>(type: K, payload: TabPushes[K], context: SessionContext): void {
  pushes[type](payload, context);
}

function request<K extends TabRequest>(
  type: K,
  payload: TabRequests[K],
  context: SessionContext,
): Promise<Result<TabOutputs[K]>> {
  return requests[type](payload, context).then(ok, (error: unknown) => ({
    ok: false,
    error: toErrorData(error),
  }));
}

/**
 * Answers the extension. Listening from the start lets a popup that asks while the page is still
 * starting (just enabled, or checked with the worker first) have its answer once the page is read,
 * rather than none.
 */
function listen(started: Promise<boolean>): void {
  onMessage((message: unknown) => {
    if (!isEnvelope(message)) return undefined;
    if (!session && message.type === 'page.info') {
      return started.then((start) =>
        start && session ? ok(session.context.annotator.model.pageInfo()) : undefined,
      );
    }
    if (!session) return undefined;
    if (isPush(message)) {
      push(message.type, message.payload, session.context);
      return undefined;
    }
    return isRequest(message) ? request(message.type, message.payload, session.context) : undefined;
  });
}
