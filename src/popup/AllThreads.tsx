import { useEffect, useRef, useState } from 'preact/hooks';
import { THREAD_PAGE, type ThreadListItem, type ThreadListPage } from '../shared/messages';
import type { Tag } from '../shared/model';
import { siteLabel } from '../sites/registry';
import type { PopupConnector } from './connector';
import { formatDate, messageOf } from './format';

function describeCounts({ counts }: ThreadListItem): string {
  const parts = [
    counts.tagged > 0 && `${counts.tagged} tagged`,
    counts.noted > 0 && `${counts.noted} ${counts.noted === 1 ? 'note' : 'notes'}`,
    counts.collapsed > 0 && `${counts.collapsed} collapsed`,
    counts.hidden > 0 && `${counts.hidden} hidden`,
  ].filter(Boolean);
  return parts.join(' · ');
}

/** "62 threads", or under a filter, where the worker does not count, "50+ threads match". */
function describeTotal(page: ThreadListPage, filtered: boolean): string {
  const count = page.total ?? page.threads.length;
  const text = `${count}${page.total === null && page.next ? '+' : ''}`;
  return `${text} ${count === 1 && !page.next ? 'thread' : 'threads'}${filtered ? ' match' : ''}`;
}

/**
 * Every annotated thread, newest activity first, a page at a time: the first page comes with the
 * popup's first answer, each "Show more" reads the next one from the worker's index.
 */
export function AllThreads({
  connector,
  first,
}: {
  connector: PopupConnector;
  first: ThreadListPage;
}) {
  const [site, setSite] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [page, setPage] = useState<ThreadListPage>(first);
  const [sites, setSites] = useState<string[]>([]);
  const [tags, setTags] = useState<Tag[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const filtered = useRef(false);

  useEffect(() => {
    let live = true;
    Promise.all([connector.listedSites(), connector.listTags()])
      .then(([listed, known]) => {
        if (!live) return;
        setSites(listed);
        setTags([...known].sort((a, b) => a.name.localeCompare(b.name)));
      })
      .catch((failure: unknown) => live && setError(messageOf(failure)));
    return () => {
      live = false;
    };
  }, [connector]);

  useEffect(() => {
    // The unfiltered first page came with the popup; read again only once a filter changed.
    if (!filtered.current && site === null && tag === null) return undefined;
    filtered.current = true;
    let live = true;
    setBusy(true);
    connector
      .listThreads({ site, tag, after: null, limit: THREAD_PAGE })
      .then((next) => live && setPage(next))
      .catch((failure: unknown) => live && setError(messageOf(failure)))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [connector, site, tag]);

  const more = async () => {
    if (!page.next) return;
    setBusy(true);
    try {
      const next = await connector.listThreads({ site, tag, after: page.next, limit: THREAD_PAGE });
      setPage({ ...next, total: page.total, threads: [...page.threads, ...next.threads] });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const open = (thread: ThreadListItem) => {
    if (!thread.url) {
      setError('Threadnote does not know the address of this thread.');
      return;
    }
    connector.openThread({ url: thread.url }).catch((failure: unknown) => {
      setError(messageOf(failure));
    });
  };

  const anyFilter = site !== null || tag !== null;
  return (
    <section class="all-threads" aria-label="All threads">
      <div class="filters">
        <label for="filter-site">Site</label>
        <select
          id="filter-site"
          value={site ?? ''}
          onChange={(event) => setSite(event.currentTarget.value || null)}
        >
          <option value="">All sites</option>
          {sites.map((candidate) => (
            <option key={candidate} value={candidate}>
              {siteLabel(candidate)}
            </option>
          ))}
        </select>
        <label for="filter-tag">Tag</label>
        <select
          id="filter-tag"
          value={tag ?? ''}
          onChange={(event) => setTag(event.currentTarget.value || null)}
        >
          <option value="">Any tag</option>
          {tags.map((candidate) => (
            <option key={candidate.name} value={candidate.name}>
              {candidate.name}
            </option>
          ))}
        </select>
      </div>
      <p class="status" role="status" aria-live="polite">
        {busy ? 'Loading…' : describeTotal(page, anyFilter)}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {page.threads.length === 0 && !busy && (
        <p class="empty">
          {anyFilter
            ? 'No annotated thread matches. Choose another site or tag.'
            : 'No annotated threads yet. Open a thread, click a comment and press t to tag it or n to note it; it will be listed here.'}
        </p>
      )}
      <ul class="threads">
        {page.threads.map((thread) => (
          <li key={thread.key} data-thread={thread.key}>
            <button type="button" class="result thread" onClick={() => open(thread)}>
              <span class="who">{thread.title || thread.url || thread.key}</span>
              <span class="where">
                {siteLabel(thread.site)} · {formatDate(thread.activityAt)}
              </span>
              <span class="what">{describeCounts(thread)}</span>
              {thread.tags.length > 0 && (
                <span class="chips">
                  {thread.tags.map((chip) => (
                    <span key={chip.name} class="chip" style={{ background: chip.color }}>
                      {chip.name} {chip.comments}
                    </span>
                  ))}
                  {thread.moreTags > 0 && <span class="more">+{thread.moreTags}</span>}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {page.next && (
        <button type="button" class="more-button" disabled={busy} onClick={() => void more()}>
          {page.total === null
            ? 'Show more'
            : `Show more (${page.total - page.threads.length} more)`}
        </button>
      )}
    </section>
  );
}
