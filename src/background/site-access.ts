/**
 * Which hosts of forum engines (Discourse) Threadnote runs on. The reader enables a host from the
 * popup, which asks Chrome for that host's permission; then this module checks that the page
 * really is the engine's, registers the content script for the host so that it runs on later
 * visits, and starts it in the tab at once. A host whose permission goes away (from the popup or
 * chrome://extensions) loses its content script.
 */
import type { SiteEnableResult } from '../shared/messages';
import type { Permissions, Scripting, Tabs } from '../shared/browser';
import { engineForUrl, hostPattern, parseUrl } from '../sites/registry';

export interface SiteAccessDeps {
  permissions: Pick<Permissions.Static, 'contains' | 'getAll' | 'remove'>;
  scripting: Pick<
    Scripting.Static,
    | 'executeScript'
    | 'insertCSS'
    | 'registerContentScripts'
    | 'getRegisteredContentScripts'
    | 'unregisterContentScripts'
  >;
  tabs: Pick<Tabs.Static, 'get' | 'query'>;
  /** The files of the content script for engine hosts, and the stylesheet all forums share. */
  contentScript: { js: string[]; css: string[] };
  /**
   * Host permissions the manifest itself declares. They were not given by the reader, so they
   * enable nothing by themselves (a test build declares its stand-in forum's host there).
   */
  declaredOrigins: string[];
}

const SCRIPT_ID_PREFIX = 'tn-engine:';

/** The host of a granted origin pattern that names one engine host (not `https://*\/*`). */
function engineHostOf(pattern: string): string | null {
  const host = /^https:\/\/([^/*]+)\/\*$/.exec(pattern)?.[1];
  if (!host) return null;
  return engineForUrl(`https://${host}/t/x/1`) ? host : null;
}

function scriptIdFor(host: string): string {
  return `${SCRIPT_ID_PREFIX}${host}`;
}

/** Whether registered files are these (a browser may list them as full extension URLs). */
function sameFiles(registered: readonly string[] = [], wanted: readonly string[]): boolean {
  return (
    registered.length === wanted.length &&
    registered.every((file, index) => file.endsWith(wanted[index] ?? '\0'))
  );
}

async function register(deps: SiteAccessDeps, host: string): Promise<void> {
  const id = scriptIdFor(host);
  const [existing] = await deps.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing) {
    const { js, css } = deps.contentScript;
    if (sameFiles(existing.js, js) && sameFiles(existing.css, css)) return;
    // Registered by an earlier version, whose files this one may not have: registrations
    // persist across sessions.
    await deps.scripting.unregisterContentScripts({ ids: [id] });
  }
  await deps.scripting.registerContentScripts([
    {
      id,
      matches: [hostPattern(host)],
      js: deps.contentScript.js,
      css: deps.contentScript.css,
      runAt: 'document_start',
      persistAcrossSessions: true,
    },
  ]);
}

/**
 * Turns Threadnote on for the host of a tab, whose permission the popup has just obtained: checks
 * that the page is the engine's, registers the content script and runs it in the tab now.
 */
export async function enableTab(deps: SiteAccessDeps, tabId: number): Promise<SiteEnableResult> {
  const tab = await deps.tabs.get(tabId);
  const url = tab.url ? parseUrl(tab.url) : null;
  // Without the host's permission Chrome hides the tab's address.
  if (!url) return { status: 'no-access' };
  const engine = engineForUrl(url.href);
  if (!engine) return { status: 'not-forum' };
  const origins = [hostPattern(url.host)];
  if (!(await deps.permissions.contains({ origins }))) return { status: 'no-access' };
  const [probe] = await deps.scripting.executeScript({ target: { tabId }, func: engine.probe });
  if (probe?.result !== true) {
    // Threadnote keeps no access it does not use.
    await deps.permissions.remove({ origins });
    return { status: 'not-forum' };
  }
  await register(deps, url.host);
  await deps.scripting.insertCSS({ target: { tabId }, files: deps.contentScript.css });
  await deps.scripting.executeScript({ target: { tabId }, files: deps.contentScript.js });
  const adapter = engine.forHost(url.host);
  return { status: 'enabled', site: adapter.site, name: adapter.name };
}

/** A host was granted outside the popup's own flow (or the popup closed): enable its open tabs. */
export async function enableGrantedTabs(deps: SiteAccessDeps, origins: string[]): Promise<void> {
  for (const host of origins.flatMap((origin) => engineHostOf(origin) ?? [])) {
    const tabs = await deps.tabs.query({ url: hostPattern(host) });
    for (const tab of tabs) {
      if (tab.id !== undefined && tab.url && engineForUrl(tab.url)) await enableTab(deps, tab.id);
    }
  }
}

/** The engine hosts the reader enabled: granted by them, not declared by the manifest. */
async function enabledHosts(deps: SiteAccessDeps): Promise<Set<string>> {
  const granted = (await deps.permissions.getAll()).origins ?? [];
  const declared = new Set(deps.declaredOrigins);
  return new Set(
    granted.flatMap((origin) => (declared.has(origin) ? [] : (engineHostOf(origin) ?? []))),
  );
}

/** The sites of the engine hosts the reader enabled, for news that concerns every open page. */
export async function enabledSites(deps: SiteAccessDeps): Promise<string[]> {
  const sites: string[] = [];
  for (const host of await enabledHosts(deps)) {
    const engine = engineForUrl(`https://${host}/t/x/1`);
    if (engine) sites.push(engine.forHost(host).site);
  }
  return sites;
}

/**
 * Makes the registered content scripts match the granted hosts: run when the worker starts and
 * whenever permissions change, so that nothing runs where the reader took access away.
 */
export async function syncRegistrations(deps: SiteAccessDeps): Promise<void> {
  const hosts = await enabledHosts(deps);
  const registered = await deps.scripting.getRegisteredContentScripts();
  const stale = registered
    .map((script) => script.id)
    .filter(
      (id) => id.startsWith(SCRIPT_ID_PREFIX) && !hosts.has(id.slice(SCRIPT_ID_PREFIX.length)),
    );
  if (stale.length > 0) await deps.scripting.unregisterContentScripts({ ids: stale });
  for (const host of hosts) await register(deps, host);
}

/** Whether a content script on this page may be answered: its host is enabled. */
export async function hostEnabled(deps: SiteAccessDeps, href: string): Promise<boolean> {
  const url = parseUrl(href);
  return url ? deps.permissions.contains({ origins: [hostPattern(url.host)] }) : false;
}
