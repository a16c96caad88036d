import { useEffect, useState } from 'preact/hooks';
import type { ThreadSummary } from '../shared/messages';
import type { ExportFormat } from '../shared/model';
import type { CurrentPage, PopupConnector } from './connector';

type State =
  | { status: 'loading' }
  | { status: 'no-thread' }
  | { status: 'ready'; current: CurrentPage; summary: ThreadSummary | null }
  | { status: 'error'; message: string };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export function Popup({ connector }: { connector: PopupConnector }) {
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    (async () => {
      const current = await connector.currentPage();
      if (!current) return { status: 'no-thread' } as const;
      const thread = current.page.thread;
      const summary = thread ? await connector.threadSummary(thread.key) : null;
      return { status: 'ready', current, summary } as const;
    })()
      .then((next) => live && setState(next))
      .catch(
        (error: unknown) =>
          live &&
          setState({
            status: 'error',
            message: error instanceof Error ? error.message : String(error),
          }),
      );
    return () => {
      live = false;
    };
  }, [connector]);

  return (
    <>
      <header>
        <img src="/icons/icon-32.png" alt="" />
        <h1>Threadnote</h1>
      </header>
      {state.status === 'loading' && <p aria-busy="true">Loading…</p>}
      {state.status === 'no-thread' && (
        <p class="empty">
          This tab is not a thread Threadnote can read. Open a Hacker News comment page, hover a
          comment and click “✎ Threadnote” to tag it, note it or fold it.
        </p>
      )}
      {state.status === 'error' && (
        <p class="error" role="alert">
          Threadnote could not load this thread: {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        <ThreadView current={state.current} summary={state.summary} connector={connector} />
      )}
      <footer>
        Everything stays on this computer.{' '}
        <button type="button" class="link" onClick={() => void connector.openOptions()}>
          Export, import…
        </button>
      </footer>
    </>
  );
}

interface ThreadViewProps {
  current: CurrentPage;
  summary: ThreadSummary | null;
  connector: PopupConnector;
}

function ThreadView({ current, summary, connector }: ThreadViewProps) {
  const { page } = current;
  if (!page.thread) {
    return (
      <section aria-label="This page">
        <p class="site">{page.siteName}</p>
        <p class="empty">
          This page lists comments from many threads ({page.comments} here). Tags and notes you add
          here belong to each comment’s own thread.
        </p>
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
      {counts?.annotated === 0 ? (
        <p class="empty">
          Nothing noted here yet. Hover a comment and click “✎ Threadnote” to tag, note or collapse
          it.
        </p>
      ) : (
        <ExportThread threadKey={page.thread.key} connector={connector} />
      )}
    </section>
  );
}

function ExportThread({ threadKey, connector }: { threadKey: string; connector: PopupConnector }) {
  const [status, setStatus] = useState<
    { busy: true } | { busy: false; ok: boolean; text: string } | null
  >(null);
  const save = async (format: ExportFormat) => {
    setStatus({ busy: true });
    try {
      setStatus({
        busy: false,
        ok: true,
        text: `Saved ${await connector.exportThread(threadKey, format)}`,
      });
    } catch (error) {
      setStatus({
        busy: false,
        ok: false,
        text: `Export failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };
  return (
    <div class="export">
      <span>Export this thread:</span>
      {(['json', 'markdown'] as const).map((format) => (
        <button
          key={format}
          type="button"
          disabled={status?.busy}
          onClick={() => void save(format)}
        >
          {format === 'json' ? 'JSON' : 'Markdown'}
        </button>
      ))}
      {status && !status.busy && (
        <p class={status.ok ? 'saved' : 'error'} role={status.ok ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
    </div>
  );
}
