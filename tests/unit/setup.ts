// Every test gets a fresh in-memory IndexedDB, the same API the worker uses in the browser.
import 'fake-indexeddb/auto';

// Happy DOM has no reader, so no trusted events: `isTrusted` is missing. Every event a unit test
// dispatches stands for the reader's own input, which Threadnote's listeners require
// (src/content/trusted.ts); the browser tests check that synthetic events are ignored.
// Tests in Node's own environment (sync, which needs Node's fetch) have no page events at all.
if (typeof window !== 'undefined') {
  Object.defineProperty(Event.prototype, 'isTrusted', { get: () => true, configurable: true });
}
