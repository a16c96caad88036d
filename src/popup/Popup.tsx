import { useEffect, useState } from 'preact/hooks';
import type {
  BulkFoldAction,
  SearchResult,
  SiteEnableResult,
  ThreadSummary,
} from '../shared/messages';
import type { ExportFormat } from '../shared/model';
import { displayText } from '../shared/note-text';
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

  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    load(connector)
      .then((next) => live && setState(next))
      .catch((error: unknown) => live && setState({ status: 'error', message: messageOf(error) }));
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
      <Search connector={connector} current={state.status === 'ready' ? state.current : null} />
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
          onEnabled={() => setVersion((v) => v + 1)}
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
          connector={connector}
          onChanged={() => setVersion((v) => v + 1)}
          onDisable={(host) =>
            connector
              .disableSite(host)
              .then(() => setVersion((v) => v + 1))
              .catch((error: unknown) => setState({ status: 'error', message: messageOf(error) }))
          }
        />
      )}
      <footer>
        Everything stays on this computer.{' '}
        <button type="button" class="link" onClick={() => void connector.openOptions()}>
          Tags, export, import…
        </button>
      </footer>
    </>
  );
}

const ENABLE_OUTCOMES: Record<Exclude<SiteEnableResult['status'], 'enabled'>, string> = {
  'not-forum': 'This page is not a forum Threadnote can read after all, so it stays off here.',
  'no-access': 'Your browser did not give Threadnote access to this site, so it stays off here.',
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
      {offer.kind === 'engine' ? (
        <p>
          This looks like a {offer.name} forum. Threadnote reads only the sites you allow; your
          browser will ask you to let it read and change pages on {host}.
        </p>
      ) : (
        <p>
          Threadnote may not read {host}: its access to the site was not given, or was taken back in
          your browser’s add-on settings. Allow it and your browser will ask you to confirm; the
          page then reloads with your notes.
        </p>
      )}
      <button type="button" class="primary" disabled={busy} onClick={enable}>
        {offer.kind === 'engine' ? 'Enable' : 'Allow'} Threadnote on {offer.host}
      </button>
      {busy && offer.kind === 'site' && <p aria-busy="true">Waiting for the page to reload…</p>}
      {outcome && (
        <p class="error" role="alert">
          {outcome}
        </p>
      )}
    </section>
  );
}

interface ThreadViewProps {
  current: CurrentPage;
  summary: ThreadSummary | null;
  connector: PopupConnector;
  onChanged: () => void;
  onDisable: (host: string) => void;
}

function ThreadView({ current, summary, connector, onChanged, onDisable }: ThreadViewProps) {
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
      {summary && <Orphans current={current} notes={summary.notes} />}
      {summary && summary.tags.length > 0 && (
        <TagList tabId={current.tabId} connector={connector} tags={summary.tags} />
      )}
      <FoldActions tabId={current.tabId} connector={connector} onChanged={onChanged} />
      {counts !== undefined && counts.annotated > 0 && (
        <ExportThread threadKey={page.thread.key} connector={connector} />
      )}
      {siteAccess}
    </section>
  );
}

function Orphans({ current, notes }: { current: CurrentPage; notes: ThreadSummary['notes'] }) {
  const present = new Set(current.page.commentKeys);
  const orphans = notes.filter((note) => !present.has(note.key));
  if (orphans.length === 0) return null;
  return (
    <section class="orphans" aria-label="Notes whose comment is not on this page">
      <h2>Notes whose comment is not on this page</h2>
      <p class="hint">
        Edited away, deleted, or on another page of the thread: here is what it said when you noted
        it.
      </p>
      <ul>
        {orphans.map((note) => (
          <li key={note.key} data-orphan={note.key}>
            <blockquote>{note.quote || '(no text was kept)'}</blockquote>
            <p class="by">
              {note.author || '[deleted]'} ·{' '}
              <a href={note.url} target="_blank" rel="noopener noreferrer">
                permalink
              </a>
            </p>
            <p class="note">{displayText(note.note)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Search({
  connector,
  current,
}: {
  connector: PopupConnector;
  current: CurrentPage | null;
}) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!query.trim()) {
      setResults(null);
      return undefined;
    }
    let live = true;
    const timer = setTimeout(() => {
      connector
        .search(query)
        .then((found) => live && setResults(found))
        .catch((failure: unknown) => live && setError(String(failure)));
    }, SEARCH_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, connector]);

  return (
    <section class="search" aria-label="Search your notes">
      <input
        type="search"
        aria-label="Search notes, tags, quotes and authors"
        placeholder="Search notes, tags, quotes, authors"
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {results && results.length === 0 && <p class="empty">Nothing matches “{query}”.</p>}
      {results && results.length > 0 && (
        <ul class="results">
          {results.map((result) => (
            <li key={`${result.kind}:${result.key}`}>
              {result.kind === 'comment' && result.thread ? (
                <button
                  type="button"
                  class="result"
                  onClick={() =>
                    void connector
                      .show(
                        { key: result.key, threadUrl: result.thread?.url ?? result.url },
                        current,
                      )
                      .catch((failure: unknown) => setError(String(failure)))
                  }
                >
                  <span class="who">{result.author || '[deleted]'}</span>
                  <span class="where">{result.thread.title}</span>
                  <span class="what">{displayText(result.note || result.quote)}</span>
                </button>
              ) : (
                <div class="result user-result">
                  <span class="who">{result.author}</span>
                  <span class="where">
                    user note{result.tags.length > 0 ? ` · ${result.tags.join(', ')}` : ''}
                  </span>
                  <span class="what">{displayText(result.note)}</span>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const SEARCH_PAUSE_MS = 150;

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
