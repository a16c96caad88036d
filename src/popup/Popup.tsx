import { useEffect, useState } from 'preact/hooks';
import type { SiteEnableResult, ThreadSummary } from '../shared/messages';
import type { CurrentPage, EnableOffer, PopupConnector } from './connector';

type State =
  | { status: 'loading' }
  | { status: 'no-thread' }
  | { status: 'offer'; offer: EnableOffer }
  | { status: 'ready'; current: CurrentPage; summary: ThreadSummary | null }
  | { status: 'error'; message: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function load(connector: PopupConnector): Promise<State> {
  const current = await connector.currentPage();
  if (!current) {
    const offer = await connector.enableOffer();
    return offer ? { status: 'offer', offer } : { status: 'no-thread' };
  }
  const thread = current.page.thread;
  const summary = thread ? await connector.threadSummary(thread.key) : null;
  return { status: 'ready', current, summary };
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export function Popup({ connector }: { connector: PopupConnector }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    load(connector)
      .then((next) => live && setState(next))
      .catch((error: unknown) => live && setState({ status: 'error', message: messageOf(error) }));
    return () => {
      live = false;
    };
  }, [connector, reloads]);

  return (
    <>
      <header>
        <img src="/icons/icon-32.png" alt="" />
        <h1>Threadnote</h1>
      </header>
      {state.status === 'loading' && <p aria-busy="true">Loading…</p>}
      {state.status === 'no-thread' && (
        <p class="empty">
          This tab is not a thread Threadnote can read. Open a comment page on Hacker News, Lobsters
          or classic Reddit, or a Discourse topic, hover a comment and click “✎ Threadnote” to tag
          it, note it or fold it.
        </p>
      )}
      {state.status === 'offer' && (
        <EnableView
          offer={state.offer}
          connector={connector}
          onEnabled={() => setReloads((count) => count + 1)}
        />
      )}
      {state.status === 'error' && (
        <p class="error" role="alert">
          Threadnote could not load this thread: {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        <ThreadView
          current={state.current}
          summary={state.summary}
          onDisable={(host) =>
            connector
              .disableSite(host)
              .then(() => setReloads((count) => count + 1))
              .catch((error: unknown) => setState({ status: 'error', message: messageOf(error) }))
          }
        />
      )}
      <footer>Everything stays on this computer.</footer>
    </>
  );
}

const ENABLE_OUTCOMES: Record<Exclude<SiteEnableResult['status'], 'enabled'>, string> = {
  'not-forum': 'This page is not a forum Threadnote can read after all, so it stays off here.',
  'no-access': 'Chrome did not give Threadnote access to this site, so it stays off here.',
};

/** A Discourse topic on a host the reader has not enabled: one click asks Chrome for it. */
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
    // No await before this call: Chrome asks for the permission only inside the click.
    connector
      .enableSite(offer)
      .then((result) => {
        if (result.status === 'enabled') onEnabled();
        else setOutcome(ENABLE_OUTCOMES[result.status]);
      })
      .catch((error: unknown) => setOutcome(messageOf(error)))
      .finally(() => setBusy(false));
  };
  return (
    <section aria-label="This site">
      <p class="site">{offer.engineName}</p>
      <p>
        This looks like a {offer.engineName} forum. Threadnote reads only the sites you allow;
        Chrome will ask you to let it read and change pages on <strong>{offer.host}</strong>.
      </p>
      <button type="button" class="primary" disabled={busy} onClick={enable}>
        Enable Threadnote on {offer.host}
      </button>
      {outcome && (
        <p class="error" role="alert">
          {outcome}
        </p>
      )}
    </section>
  );
}

function ThreadView({
  current,
  summary,
  onDisable,
}: {
  current: CurrentPage;
  summary: ThreadSummary | null;
  onDisable: (host: string) => void;
}) {
  const { page } = current;
  const enabledHost = page.enabledHost;
  const siteAccess = enabledHost && (
    <p class="access">
      On for {enabledHost} because you enabled it.{' '}
      <button type="button" class="link" onClick={() => onDisable(enabledHost)}>
        Turn off
      </button>
    </p>
  );
  if (!page.thread) {
    return (
      <section aria-label="This page">
        <p class="site">{page.siteName}</p>
        <p class="empty">
          {page.comments === 0
            ? 'Threadnote finds no comments it can read on this page.'
            : `This page lists comments from many threads (${page.comments} here). Tags and notes you add here belong to each comment’s own thread.`}
        </p>
        {siteAccess}
      </section>
    );
  }
  const counts = summary?.counts;
  const folded = (counts?.collapsed ?? 0) + (counts?.hidden ?? 0);
  const items: [string, string, number][] = [
    ['tagged', 'tagged', counts?.tagged ?? 0],
    ['noted', 'notes', counts?.noted ?? 0],
    ['folded', 'folded', folded],
    ['comments', 'on page', page.comments],
  ];
  return (
    <section aria-label="This thread">
      <p class="site">{page.siteName}</p>
      <p class="title" data-testid="thread-title">
        {summary?.thread?.title || page.thread.title}
      </p>
      {summary?.thread && (
        <p class="visits">
          First visited {formatDate(summary.thread.firstVisitedAt)} · last{' '}
          {formatDate(summary.thread.lastVisitedAt)}
        </p>
      )}
      <ul class="counts">
        {items.map(([id, label, value]) => (
          <li key={id} data-count={id}>
            <strong>{value}</strong>
            <span>{label}</span>
          </li>
        ))}
      </ul>
      {counts?.annotated === 0 && (
        <p class="empty">
          Nothing noted here yet. Hover a comment and click “✎ Threadnote” to tag, note or collapse
          it.
        </p>
      )}
      {siteAccess}
    </section>
  );
}
