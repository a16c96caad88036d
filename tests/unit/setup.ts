// Every test gets a fresh in-memory IndexedDB, the same API the worker uses in the browser.
import 'fake-indexeddb/auto';
