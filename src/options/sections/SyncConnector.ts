/**
 * Settings → Sync's way to the worker and to the browser's permission prompt, apart from the
 * page's main connector so the sync section stays one self-contained feature.
 */
import { browser } from '../../shared/browser';
import type { SyncProbe, SyncStatus, SyncTargetSettings } from '../../shared/messages';
import { callWorker } from '../../shared/messaging';

export interface SyncConnector {
  status(): Promise<SyncStatus>;
  test(target: SyncTargetSettings): Promise<SyncProbe>;
  create(target: SyncTargetSettings): Promise<SyncProbe>;
  /** Asks for the server's origin (the browser prompts), then turns sync on. */
  enable(target: SyncTargetSettings, passphrase: string): Promise<SyncStatus | 'no-access'>;
  disable(): Promise<SyncStatus>;
  syncNow(): Promise<SyncStatus>;
}

/** The host permission pattern of a server's origin: `https://couch.example.org/*`. */
export function originPattern(url: string): string {
  return `${new URL(url).origin.replace(/:\d+$/, '')}/*`;
}

export const syncConnector: SyncConnector = {
  status: () => callWorker('sync.status', {}),
  test: (target) => callWorker('sync.test', target),
  create: (target) => callWorker('sync.create', target),
  enable(target, passphrase) {
    // Asked first, inside the click: the browser shows its prompt only for a user's gesture.
    return browser.permissions
      .request({ origins: [originPattern(target.url)] })
      .then((granted): Promise<SyncStatus | 'no-access'> =>
        granted ? callWorker('sync.enable', { target, passphrase }) : Promise.resolve('no-access'),
      );
  },
  disable: () => callWorker('sync.disable', {}),
  syncNow: () => callWorker('sync.now', {}),
};
