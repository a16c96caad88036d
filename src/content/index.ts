/**
 * Content script entry: finds the forum's adapter and annotates the page, and does it again when
 * the forum moves to another page without loading one (Discourse is an app: its topic lists
 * and topics are all one document).
 */
import { browser } from '../shared/browser';
import { isEnvelope, type Result, type TabPushes } from '../shared/messages';
import { toErrorData } from '../shared/messaging';
import { adapterForUrl } from '../sites/registry';
import { Annotator } from './annotator';
import { CommentControl } from './comment-control';

interface Session {
  /** The adapter's site and page, which an in-app navigation may change. */
  page: string;
  annotator: Annotator;
  stop(): void;
}

function startSession(page: string, annotator: Annotator): Session {
  let control: CommentControl | null = null;
  let stopped = false;
  annotator
    .start()
    .then(() => {
      if (!stopped) control = new CommentControl(annotator);
    })
    .catch((error: unknown) => {
      console.warn(
        'Threadnote could not load this page’s annotations:',
        toErrorData(error).message,
      );
    });
  return {
    page,
    annotator,
    stop() {
      stopped = true;
      annotator.stop();
      control?.stop();
    },
  };
}

let session: Session | null = null;

/** Starts, keeps or replaces the session for the page the address now shows. */
function follow(): void {
  const url = new URL(location.href);
  const adapter = adapterForUrl(url.href);
  const page = adapter ? `${adapter.site} ${adapter.pageOf(url)}` : '';
  if (session?.page === page) return;
  session?.stop();
  session = adapter ? startSession(page, new Annotator(adapter, document, url)) : null;
}

// Enabling a Discourse host starts this script in its open tabs, and may do so twice: the
// isolated world keeps this mark between the runs.
const running = globalThis as { threadnoteRunning?: boolean };
if (!running.threadnoteRunning) {
  running.threadnoteRunning = true;
  follow();
  // The Navigation API tells of the forum's own address changes (history.pushState) too.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('currententrychange', follow);
  addEventListener('popstate', follow);

  // Only this extension can reach this listener: pages cannot call runtime messaging.
  browser.runtime.onMessage.addListener((message: unknown) => {
    const annotator = session?.annotator;
    if (!annotator || !isEnvelope(message)) return undefined;
    switch (message.type) {
      case 'comment.changed': {
        const push = message.payload as TabPushes['comment.changed'];
        annotator.applyAnnotation(push.key, push.annotation);
        return undefined;
      }
      case 'tags.changed':
        annotator.absorbTags((message.payload as TabPushes['tags.changed']).tags);
        return undefined;
      case 'page.info': {
        const result: Result<ReturnType<Annotator['pageInfo']>> = {
          ok: true,
          value: annotator.pageInfo(),
        };
        return Promise.resolve(result);
      }
      default:
        return undefined;
    }
  });
}
