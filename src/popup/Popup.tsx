import { useEffect, useRef, useState } from 'preact/hooks';
import type { PopupState, SiteEnableResult } from '../shared/messages';
import { AllThreads } from './AllThreads';
import type { CurrentPage, EnableOffer, PopupConnector } from './connector';
import { messageOf } from './format';
import { Search } from './Search';
import { ThreadView } from './ThreadView';

type State =
  | { status: 'loading' }
  | { status: 'ready'; tabId: number | null; popup: PopupState; offer: EnableOffer | null }
  | { status: 'error'; message: string };

type View = 'thread' | 'all';

async function load(connector: PopupConnector): Promise<State> {
  const { tabId, state } = await connector.open();
  const offer = state.page ? null : await connector.enableOffer();
  return { status: 'ready', tabId, popup: state, offer };
}

function currentOf(state: State): CurrentPage | null {
  return state.status === 'ready' && state.tabId !== null && state.popup.page
    ? { tabId: state.tabId, page: state.popup.page }
    : null;
}

export function Popup({ connector }: { connector: PopupConnector }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const [view, setView] = useState<View | null>(null);
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    let live = true;
    load(connector)
      .then((next) => live && setState(next))
      .catch((error: unknown) => live && setState({ status: 'error', message: messageOf(error) }));
    return () => {
      live = false;
    };
  }, [connector, version]);

  useEffect(() => {
    // The bench reads when the first content showed (npm run bench, popup section).
    if (state.status === 'ready') performance.mark('threadnote:popup-ready');
  }, [state.status]);

  const current = currentOf(state);
  const reload = () => setVersion((v) => v + 1);
  // The forum page the tab is on (or a forum to enable) comes first; anywhere else, the list of
  // every thread.
  const offered = state.status === 'ready' && state.offer !== null;
  const shown: View = view ?? (current || offered ? 'thread' : 'all');

  return (
    <>
      <header>
        <img src="/icons/icon-32.png" alt="" />
        <h1>Threadnote</h1>
      </header>
      {state.status === 'ready' && state.popup.storageTrouble && (
        <p class="error storage" role="alert">
          {state.popup.storageTrouble} Your changes are kept on the page and saved as soon as there
          is room again.
        </p>
      )}
      {state.status === 'ready' && state.popup.sync && (
        <p class={state.popup.sync.error ? 'error sync-line' : 'hint sync-line'} role="status">
          {state.popup.sync.error
            ? `Sync failed: ${state.popup.sync.error.message}`
            : `Synced ${state.popup.sync.lastSyncAt ? new Date(state.popup.sync.lastSyncAt).toLocaleString() : 'not yet'}.`}
        </p>
      )}
      <Search connector={connector} current={current} onActive={setSearching} />
      {!searching && (
        <>
          <Tabs view={shown} onChange={setView} />
          <div
            role="tabpanel"
            id={`panel-${shown}`}
            aria-labelledby={`tab-${shown}`}
            aria-busy={state.status === 'loading'}
          >
            {state.status === 'loading' && <p class="loading">Loading…</p>}
            {state.status === 'error' && (
              <p class="error" role="alert">
                Threadnote could not load: {state.message}
              </p>
            )}
            {state.status === 'ready' && shown === 'thread' && (
              <ThisTab
                state={state}
                current={current}
                connector={connector}
                onChanged={reload}
                onFailed={(message) => setState({ status: 'error', message })}
              />
            )}
            {state.status === 'ready' && shown === 'all' && (
              <AllThreads connector={connector} first={state.popup.threads} />
            )}
          </div>
        </>
      )}
      <footer>
        Everything stays on this computer.{' '}
        <button type="button" class="link" onClick={() => void connector.openOptions()}>
          Tags, sites, export, import…
        </button>
      </footer>
    </>
  );
}

const VIEWS: { id: View; label: string }[] = [
  { id: 'thread', label: 'This thread' },
  { id: 'all', label: 'All threads' },
];

/** The two views as tabs: arrows move between them, as the ARIA tabs pattern has it. */
function Tabs({ view, onChange }: { view: View; onChange: (view: View) => void }) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    const index = VIEWS.findIndex((candidate) => candidate.id === view);
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? VIEWS.length - 1
          : (index + (event.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length;
    const target = VIEWS[next];
    if (!target) return;
    onChange(target.id);
    list.current?.querySelector<HTMLElement>(`#tab-${target.id}`)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label="Views" ref={list} onKeyDown={onKeyDown}>
      {VIEWS.map(({ id, label }) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`tab-${id}`}
          aria-selected={view === id}
          aria-controls={`panel-${id}`}
          tabIndex={view === id ? 0 : -1}
          onClick={() => onChange(id)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function ThisTab({
  state,
  current,
  connector,
  onChanged,
  onFailed,
}: {
  state: Extract<State, { status: 'ready' }>;
  current: CurrentPage | null;
  connector: PopupConnector;
  onChanged: () => void;
  onFailed: (message: string) => void;
}) {
  if (state.offer) {
    return <EnableView offer={state.offer} connector={connector} onEnabled={onChanged} />;
  }
  if (!current) {
    return (
      <p class="empty">
        This tab is not a thread Threadnote can read. Open a comment page on Hacker News, Lobsters
        or classic Reddit, or a Discourse topic, click a comment and press t (or click “✎
        Threadnote”) to tag it, note it or fold it. Your annotated threads are under All threads.
      </p>
    );
  }
  return (
    <ThreadView
      current={current}
      summary={state.popup.summary}
      connector={connector}
      onChanged={onChanged}
      onDisable={(host) =>
        connector
          .disableSite(host)
          .then(onChanged)
          .catch((error: unknown) => onFailed(messageOf(error)))
      }
    />
  );
}

const ENABLE_OUTCOMES: Record<Exclude<SiteEnableResult['status'], 'enabled'>, string> = {
  'not-forum': 'This page is not a forum Threadnote can read after all, so it stays off here.',
  'no-access': 'Your browser did not give Threadnote access to this site, so it stays off here.',
};

const OFFER_ACTIONS: Record<EnableOffer['kind'], string> = {
  engine: 'Enable',
  site: 'Allow',
  off: 'Turn on',
};

/**
 * A page Threadnote may not read yet: a Discourse topic on a host the reader has not enabled, or
 * a forum whose access was withheld or taken back. One click asks the browser for it.
 */
function EnableView({
  offer,
  connector,
  onEnabled,
}: {
  offer: EnableOffer;
  connector: PopupConnector;
  onEnabled: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState('');
  const enable = () => {
    setBusy(true);
    setOutcome('');
    // No await before this call: browsers ask for a permission only inside the click.
    connector
      .enableSite(offer)
      .then((result) => {
        if (result.status === 'enabled') onEnabled();
        else setOutcome(ENABLE_OUTCOMES[result.status]);
      })
      .catch((error: unknown) => setOutcome(messageOf(error)))
      .finally(() => setBusy(false));
  };
  const host = <strong>{offer.host}</strong>;
  return (
    <section aria-label="This site">
      <p class="site">{offer.name}</p>
      {offer.kind === 'engine' && (
        <p>
          This looks like a {offer.name} forum. Threadnote reads only the sites you allow; your
          browser will ask you to let it read and change pages on {host}.
        </p>
      )}
      {offer.kind === 'site' && (
        <p>
          Threadnote may not read {host}: its access to the site was not given, or was taken back in
          your browser’s add-on settings. Allow it and your browser will ask you to confirm; the
          page then reloads with your notes.
        </p>
      )}
      {offer.kind === 'off' && (
        <p>
          You turned Threadnote off for {offer.name} in its settings, so it leaves {host} alone.
          Your notes are kept; turn it on and the page reloads with them.
        </p>
      )}
      <button type="button" class="primary" disabled={busy} onClick={enable}>
        {OFFER_ACTIONS[offer.kind]} Threadnote on {offer.host}
      </button>
      {busy && offer.kind !== 'engine' && <p aria-busy="true">Waiting for the page to reload…</p>}
      {outcome && (
        <p class="error" role="alert">
          {outcome}
        </p>
      )}
    </section>
  );
}
