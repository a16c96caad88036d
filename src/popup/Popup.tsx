import { useEffect, useState } from 'preact/hooks';
import type { BulkFoldAction, ThreadSummary } from '../shared/messages';
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

  const [version, setVersion] = useState(0);

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
  }, [connector, version]);

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
        <ThreadView
          current={state.current}
          summary={state.summary}
          connector={connector}
          onChanged={() => setVersion((v) => v + 1)}
        />
      )}
      <footer>Everything stays on this computer.</footer>
    </>
  );
}

interface ThreadViewProps {
  current: CurrentPage;
  summary: ThreadSummary | null;
  connector: PopupConnector;
  onChanged: () => void;
}

function ThreadView({ current, summary, connector, onChanged }: ThreadViewProps) {
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
      {counts?.annotated === 0 && (
        <p class="empty">
          Nothing noted here yet. Hover a comment and click “✎ Threadnote” to tag, note or collapse
          it.
        </p>
      )}
      {summary && summary.tags.length > 0 && (
        <TagList tabId={current.tabId} connector={connector} tags={summary.tags} />
      )}
      <FoldActions tabId={current.tabId} connector={connector} onChanged={onChanged} />
    </section>
  );
}

function TagList({
  tabId,
  connector,
  tags,
}: {
  tabId: number;
  connector: PopupConnector;
  tags: ThreadSummary['tags'];
}) {
  const [active, setActive] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const choose = async (tag: string | null) => {
    try {
      const { matches } = await connector.filter(tabId, tag);
      setActive(tag);
      setMessage(tag ? `Showing ${matches} tagged “${tag}” on the page.` : 'Filter cleared.');
    } catch (error) {
      setMessage(`Could not filter: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <section class="tags" aria-label="Tags in this thread">
      <h2>Tags in this thread</h2>
      <div class="tag-buttons">
        {tags.map((tag) => (
          <button
            key={tag.name}
            type="button"
            class="tag"
            aria-pressed={active === tag.name}
            style={{ background: tag.color }}
            onClick={() => choose(active === tag.name ? null : tag.name)}
          >
            {tag.name} <span class="n">{tag.comments}</span>
          </button>
        ))}
      </div>
      <p class="status" role="status">
        {message}
      </p>
    </section>
  );
}

const FOLD_ACTIONS: { action: BulkFoldAction; label: string; key: string }[] = [
  { action: 'collapse-top', label: 'Collapse all top-level', key: 'X' },
  { action: 'expand-all', label: 'Expand all', key: 'E' },
  { action: 'collapse-read', label: 'Collapse read', key: 'R' },
  { action: 'undo', label: 'Undo', key: 'u' },
];

function describeBulk(action: BulkFoldAction, changed: number): string {
  const comments = changed === 1 ? '1 comment' : `${changed} comments`;
  if (changed === 0) {
    return action === 'collapse-read'
      ? 'Nothing to collapse: every subthread has something new, or this is your first visit.'
      : 'Nothing to change.';
  }
  return action === 'undo' ? `Undid the last fold action (${comments}).` : `Changed ${comments}.`;
}

function FoldActions({
  tabId,
  connector,
  onChanged,
}: {
  tabId: number;
  connector: PopupConnector;
  onChanged: () => void;
}) {
  const [message, setMessage] = useState('');
  const run = async (action: BulkFoldAction) => {
    try {
      const { changed } = await connector.bulkFold(tabId, action);
      setMessage(describeBulk(action, changed));
      if (changed > 0) onChanged();
    } catch (error) {
      setMessage(`Could not fold: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <section class="folds" aria-label="Fold the thread">
      <div class="fold-buttons">
        {FOLD_ACTIONS.map(({ action, label, key }) => (
          <button key={action} type="button" onClick={() => run(action)} title={`Key: ${key}`}>
            {label}
          </button>
        ))}
      </div>
      <p class="status" role="status">
        {message}
      </p>
    </section>
  );
}
