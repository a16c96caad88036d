/** Pushes to the tabs of every site, for changes that are not about one site's records. */
import type { TabPush, TabPushes } from '../shared/messages';
import { adapters } from '../sites/registry';
import type { RouterDeps } from './deps';

type PushDeps = Pick<RouterDeps, 'broadcast' | 'enabledSites'>;

/** The fixed forums, and the forum engines' hosts (Discourse) the reader has turned on. */
export function everywhere<T extends TabPush>(
  deps: PushDeps,
  type: T,
  payload: TabPushes[T],
): void {
  for (const adapter of adapters) deps.broadcast(adapter.site, type, payload);
  void deps.enabledSites().then(
    (sites) => {
      for (const site of sites) deps.broadcast(site, type, payload);
    },
    () => undefined,
  );
}

/**
 * After a change that rewrote records across threads and sites (a tag renamed, settings changed,
 * an import or a wipe), open pages read their state again.
 */
export function stale<T>(deps: PushDeps, result: T): T {
  everywhere(deps, 'state.stale', {});
  return result;
}
