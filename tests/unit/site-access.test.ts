import { describe, expect, it } from 'vitest';
import {
  enableGrantedTabs,
  enableTab,
  hostEnabled,
  syncRegistrations,
  type SiteAccessDeps,
} from '../../src/background/site-access';

const TOPIC = 'https://forum.example.org/t/offline-first-sync-crdts-or-server-authoritative/4242';
const ORIGIN = 'https://forum.example.org/*';
const SCRIPT = { js: ['src/content/entries/discourse.js'], css: ['src/content/page.css'] };

interface Registered {
  id: string;
  matches?: string[];
  js?: string[];
  css?: string[];
}

/** Chrome's permissions, scripting and tabs, as far as site access uses them. */
function fakeChrome({
  granted = [] as string[],
  tabs = [] as { id: number; url?: string }[],
  isDiscourse = true,
  declared = ['https://news.ycombinator.com/*'],
} = {}) {
  const state = {
    granted: new Set(granted),
    registered: new Map<string, Registered>(),
    started: [] as { tabId: number; files: string[] }[],
    styled: [] as { tabId: number; files: string[] }[],
    probed: [] as number[],
  };
  const deps = {
    permissions: {
      contains: async ({ origins = [] }: { origins?: string[] }) =>
        origins.every((origin) => state.granted.has(origin)),
      getAll: async () => ({ origins: [...state.granted], permissions: [] }),
      remove: async ({ origins = [] }: { origins?: string[] }) => {
        for (const origin of origins) state.granted.delete(origin);
        return true;
      },
    },
    scripting: {
      executeScript: async (injection: {
        target: { tabId: number };
        func?: () => boolean;
        files?: string[];
      }) => {
        if (injection.func) {
          state.probed.push(injection.target.tabId);
          return [{ frameId: 0, result: isDiscourse }];
        }
        state.started.push({ tabId: injection.target.tabId, files: injection.files ?? [] });
        return [];
      },
      insertCSS: async (injection: { target: { tabId: number }; files?: string[] }) => {
        state.styled.push({ tabId: injection.target.tabId, files: injection.files ?? [] });
      },
      registerContentScripts: async (scripts: Registered[]) => {
        for (const script of scripts) {
          if (state.registered.has(script.id))
            throw new Error(`Duplicate script ID '${script.id}'`);
          state.registered.set(script.id, script);
        }
      },
      getRegisteredContentScripts: async (filter?: { ids?: string[] }) =>
        [...state.registered.values()].filter(
          (script) => !filter?.ids || filter.ids.includes(script.id),
        ),
      unregisterContentScripts: async (filter?: { ids?: string[] }) => {
        for (const id of filter?.ids ?? []) state.registered.delete(id);
      },
    },
    tabs: {
      get: async (tabId: number) => {
        const tab = tabs.find((candidate) => candidate.id === tabId);
        if (!tab) throw new Error(`No tab with id: ${tabId}.`);
        // Chrome shows a tab's address only to an extension that may read its host.
        const origin = tab.url ? `${new URL(tab.url).origin}/*` : '';
        return { ...tab, url: state.granted.has(origin) ? tab.url : undefined };
      },
      query: async ({ url }: { url?: string | string[] }) =>
        tabs.filter((tab) => tab.url?.startsWith(String(url).replace('*', ''))),
    },
    contentScript: SCRIPT,
    declaredOrigins: declared,
  } as unknown as SiteAccessDeps;
  return { deps, state };
}

describe('enabling a Discourse host', () => {
  it('checks the page, registers the content script for the host and starts it in the tab', async () => {
    const { deps, state } = fakeChrome({ granted: [ORIGIN], tabs: [{ id: 4, url: TOPIC }] });
    expect(await enableTab(deps, 4)).toEqual({
      status: 'enabled',
      site: 'discourse/forum.example.org',
      name: 'Discourse (forum.example.org)',
    });
    expect(state.probed).toEqual([4]);
    expect([...state.registered.values()]).toEqual([
      {
        id: 'tn-engine:forum.example.org',
        matches: [ORIGIN],
        js: SCRIPT.js,
        css: SCRIPT.css,
        runAt: 'document_start',
        persistAcrossSessions: true,
      },
    ]);
    expect(state.styled).toEqual([{ tabId: 4, files: SCRIPT.css }]);
    expect(state.started).toEqual([{ tabId: 4, files: SCRIPT.js }]);
  });

  it('registers once however often it is asked', async () => {
    const { deps, state } = fakeChrome({ granted: [ORIGIN], tabs: [{ id: 4, url: TOPIC }] });
    await enableTab(deps, 4);
    expect((await enableTab(deps, 4)).status).toBe('enabled');
    expect(state.registered.size).toBe(1);
  });

  it('gives the permission back when the page is not Discourse after all', async () => {
    const { deps, state } = fakeChrome({
      granted: [ORIGIN],
      tabs: [{ id: 4, url: TOPIC }],
      isDiscourse: false,
    });
    expect(await enableTab(deps, 4)).toEqual({ status: 'not-forum' });
    expect(state.granted.has(ORIGIN)).toBe(false);
    expect(state.registered.size).toBe(0);
    expect(state.started).toEqual([]);
  });

  it('does nothing without the host’s permission, or on pages of another shape', async () => {
    const denied = fakeChrome({ tabs: [{ id: 4, url: TOPIC }] });
    expect(await enableTab(denied.deps, 4)).toEqual({ status: 'no-access' });
    const forum = fakeChrome({
      granted: ['https://lobste.rs/*', ORIGIN],
      tabs: [
        { id: 5, url: 'https://lobste.rs/t/meta/1' },
        { id: 6, url: 'https://forum.example.org/latest' },
      ],
    });
    expect(await enableTab(forum.deps, 5)).toEqual({ status: 'not-forum' });
    expect(await enableTab(forum.deps, 6)).toEqual({ status: 'not-forum' });
    expect(forum.state.probed).toEqual([]);
    expect(denied.state.registered.size + forum.state.registered.size).toBe(0);
  });

  it('enables the open topics of a host granted outside the popup', async () => {
    const { deps, state } = fakeChrome({
      granted: [ORIGIN],
      tabs: [
        { id: 4, url: TOPIC },
        { id: 5, url: 'https://forum.example.org/latest' },
        { id: 6, url: 'https://news.ycombinator.com/item?id=1' },
      ],
    });
    await enableGrantedTabs(deps, [ORIGIN, 'https://*/*']);
    expect(state.started.map(({ tabId }) => tabId)).toEqual([4]);
    expect(state.registered.size).toBe(1);
  });
});

describe('keeping registrations in step with permissions', () => {
  it('registers granted hosts and drops the ones whose access was taken away', async () => {
    const { deps, state } = fakeChrome({
      granted: [
        ORIGIN,
        'https://meta.discourse.org/*',
        'https://news.ycombinator.com/*',
        'https://stand-in.example/*',
      ],
      declared: ['https://news.ycombinator.com/*', 'https://stand-in.example/*'],
    });
    state.registered.set('tn-engine:gone.example', { id: 'tn-engine:gone.example' });
    state.registered.set('someone-else', { id: 'someone-else' });
    await syncRegistrations(deps);
    expect([...state.registered.keys()].sort()).toEqual([
      'someone-else',
      'tn-engine:forum.example.org',
      'tn-engine:meta.discourse.org',
    ]);
    state.granted.delete(ORIGIN);
    await syncRegistrations(deps);
    expect([...state.registered.keys()].sort()).toEqual([
      'someone-else',
      'tn-engine:meta.discourse.org',
    ]);
  });

  it('registers again a host whose script an earlier version registered', async () => {
    const { deps, state } = fakeChrome({ granted: [ORIGIN] });
    const id = 'tn-engine:forum.example.org';
    state.registered.set(id, { id, js: ['src/content/index.js'], css: SCRIPT.css });
    await syncRegistrations(deps);
    expect(state.registered.get(id)?.js).toEqual(SCRIPT.js);
    const kept = state.registered.get(id);
    await syncRegistrations(deps);
    expect(state.registered.get(id)).toBe(kept);
  });

  it('answers a page only while its host is granted', async () => {
    const { deps, state } = fakeChrome({ granted: [ORIGIN] });
    expect(await hostEnabled(deps, TOPIC)).toBe(true);
    expect(await hostEnabled(deps, 'https://other.example/t/x/1')).toBe(false);
    expect(await hostEnabled(deps, 'not a url')).toBe(false);
    state.granted.clear();
    expect(await hostEnabled(deps, TOPIC)).toBe(false);
  });
});
