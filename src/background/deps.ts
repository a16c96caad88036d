/**
 * What the worker's handlers are given: who sent a message, and the services they work with.
 * Kept apart from router.ts, which dispatches to them, so handlers need not import the router.
 */
import type { PageInfo, SiteEnableResult, TabPush, TabPushes } from '../shared/messages';
import type { ThreadnoteDB } from './schema';
import type { StorageHealth } from './storage-health';

/**
 * A content script speaks for the forums of its page's host, and only for them. One in a private
 * window (where the reader allowed Threadnote) leaves no record of the visit.
 */
export type Caller =
  | {
      kind: 'content';
      sites: string[];
      privateWindow: boolean;
      /** Where the content script runs, for the worker to inject its UI there. */
      tabId: number;
      frameId: number;
    }
  | { kind: 'extension' };

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; incognito?: boolean };
  frameId?: number;
}

export interface RouterDeps {
  extensionId: string;
  extensionOrigin: string;
  database: () => Promise<ThreadnoteDB>;
  now: () => string;
  /** Whether writes go through lately, for the popup to tell. */
  health: StorageHealth;
  /** Tells open tabs about a change; never throws. */
  broadcast: <T extends TabPush>(site: string, type: T, payload: TabPushes[T]) => void;
  /** Whether the reader enabled Threadnote on the host of a forum engine's page. */
  hostEnabled: (url: string) => Promise<boolean>;
  /** The sites of the forum engine hosts (Discourse) the reader enabled. */
  enabledSites: () => Promise<string[]>;
  enableTab: (tabId: number) => Promise<SiteEnableResult>;
  /** Injects the content script's UI into a frame of a tab (src/background/ui-script.ts). */
  injectUi: (tabId: number, frameId: number) => Promise<null>;
  /** Asks for a sync shortly after a local change (debounced; nothing while sync is off). */
  syncSoon?: () => void;
  /** What the tab's content script says of its page, or null where none answers. */
  pageInfo: (tabId: number) => Promise<PageInfo | null>;
}
