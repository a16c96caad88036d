/** Content script entry: finds the forum's adapter, then annotates the page. */
import { browser } from '../shared/browser';
import { isEnvelope, type Result, type TabPushes } from '../shared/messages';
import { toErrorData } from '../shared/messaging';
import { adapterForUrl } from '../sites/registry';
import { Annotator } from './annotator';
import { CommentControl } from './comment-control';

// Enabling a Discourse host starts this script in its open tabs, and may do so twice: the
// isolated world keeps this mark between the runs.
const running = globalThis as { threadnoteRunning?: boolean };
const adapter = running.threadnoteRunning ? null : adapterForUrl(location.href);
if (adapter) {
  running.threadnoteRunning = true;
  const annotator = new Annotator(adapter, document, new URL(location.href));

  // Only this extension can reach this listener: pages cannot call runtime messaging.
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isEnvelope(message)) return undefined;
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

  annotator
    .start()
    .then(() => new CommentControl(annotator))
    .catch((error: unknown) => {
      console.warn(
        'Threadnote could not load this page’s annotations:',
        toErrorData(error).message,
      );
    });
}
