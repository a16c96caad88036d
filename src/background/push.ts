/** Pushes to the tabs of every site, for changes that are not about one site's records. */
import type { TabPush, TabPushes } from '../shared/messages';
import { adapters } from '../sites/registry';
import type { RouterDeps } from './router';

export function everywhere<T extends TabPush>(
  deps: Pick<RouterDeps, 'broadcast'>,
  type: T,
  payload: TabPushes[T],
): void {
  for (const adapter of adapters) deps.broadcast(adapter.site, type, payload);
}

/**
 * After a change that rewrote records across threads and sites (a tag renamed, settings changed,
 * an import or a wipe), open pages read their state again.
 */
export function stale<T>(deps: Pick<RouterDeps, 'broadcast'>, result: T): T {
  everywhere(deps, 'state.stale', {});
  return result;
}
