/** Sync's services from the worker's: the store, the clock, and pushes to open tabs. */
import { siteOfKey } from '../../shared/model';
import type { CommentChange, TabPushes } from '../../shared/messages';
import type { RouterDeps } from '../deps';
import { stale } from '../push';
import type { Applied } from './apply';
import { LOCAL_ADAPTER, Pouch } from './pouch';
import type { SyncServiceDeps } from './service';

type WorkerDeps = Pick<RouterDeps, 'database' | 'now' | 'broadcast' | 'enabledSites'>;

/** Tells each site's tabs what arrived, as local edits do, so open pages change without a reload. */
export function announceApplied(deps: WorkerDeps, applied: Applied): void {
  const comments = new Map<string, CommentChange[]>();
  for (const change of applied.comments) {
    const site = siteOfKey(change.key);
    comments.set(site, [...(comments.get(site) ?? []), change]);
  }
  for (const [site, changes] of comments) deps.broadcast(site, 'comments.changed', { changes });
  const users = new Map<string, TabPushes['users.changed']['changes']>();
  for (const change of applied.users) {
    const site = siteOfKey(change.key);
    users.set(site, [...(users.get(site) ?? []), change]);
  }
  for (const [site, changes] of users) deps.broadcast(site, 'users.changed', { changes });
  if (applied.vocabulary) stale(deps, null);
}

export function syncDeps(deps: WorkerDeps): SyncServiceDeps {
  return {
    database: deps.database,
    now: deps.now,
    Pouch,
    localAdapter: LOCAL_ADAPTER,
    announce: (applied) => announceApplied(deps, applied),
  };
}
