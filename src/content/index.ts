/**
 * Content script entry, run as the page starts loading: lets the comments show at once unless the
 * thread has folds, then annotates the page once it is parsed and lets them show.
 */
import { browser } from '../shared/browser';
import { isEnvelope, type Result, type TabPushes, type TabRequests } from '../shared/messages';
import { callWorker, toErrorData } from '../shared/messaging';
import { adapterForUrl } from '../sites/registry';
import { Annotator } from './annotator';
import { CommentControl } from './comment-control';
import { releaseComments } from './hold-comments';
import { CommentNavigator } from './keyboard';
import { TagFilter } from './tag-filter';

function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

function whenParsed(run: () => void): void {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', run, { once: true });
  } else {
    run();
  }
}

const url = new URL(location.href);
const adapter = adapterForUrl(url.href);
if (adapter) {
  const item = adapter.itemKeyFromUrl(url);
  if (item) {
    callWorker('page.early', { item }).then(
      ({ folds }) => folds === 0 && releaseComments(),
      releaseComments,
    );
  } else {
    releaseComments();
  }

  const annotator = new Annotator(adapter, document, url);
  let filter: TagFilter | null = null;
  let navigator: CommentNavigator | null = null;

  // Only this extension can reach this listener: pages cannot call runtime messaging.
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isEnvelope(message)) return undefined;
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
          .reveal(key, (comment) => navigator?.focus(comment))
          .then(
            (found) => ok({ found }),
            (error: unknown) => ({ ok: false, error: toErrorData(error) }),
          );
      }
      case 'filter.set': {
        const { tag } = message.payload as TabRequests['filter.set'];
        return Promise.resolve(ok({ matches: filter?.set(tag) ?? 0 }));
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

  whenParsed(() => {
    annotator
      .start()
      .then(() => {
        const keys = new CommentNavigator(annotator);
        const control = new CommentControl(annotator, keys);
        keys.openPanel = (key) => control.openOn(key);
        const tagFilter = new TagFilter(annotator, keys, () => adapter.threadBarAnchor(document));
        annotator.onTagClick = (tag) => tagFilter.set(tag);
        filter = tagFilter;
        navigator = keys;
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
  });
}
