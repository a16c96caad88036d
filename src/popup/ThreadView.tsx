/**
 * The popup's view of the thread in the current tab: its counts, the notes and tags in it grouped
 * by tag, the notes whose comment is not on the page, and the actions on it (ThreadActions.tsx).
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ThreadSummary } from '../shared/messages';
import { displayText } from '../shared/note-text';
import type { CurrentPage, PopupConnector } from './connector';
import { formatDate, messageOf } from './format';
import { ExportThread, FoldActions, NewComments } from './ThreadActions';

type Annotation = ThreadSummary['annotations'][number];

interface ThreadViewProps {
  current: CurrentPage;
  summary: ThreadSummary | null;
  connector: PopupConnector;
  onChanged: () => void;
  onDisable: (host: string) => void;
}

export function ThreadView({ current, summary, connector, onChanged, onDisable }: ThreadViewProps) {
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
  const present = new Set(page.commentKeys);
  const annotations = summary?.annotations ?? [];
  const orphans = annotations.filter((a) => a.note !== '' && !present.has(a.key));
  const counts = summary?.counts;
  // On a comment's own page the thread's other notes are elsewhere in it, not lost.
  const permalink = page.permalink === true;
  const allItems: [string, string, number][] = [
    ['tagged', 'tagged', counts?.tagged ?? 0],
    ['noted', counts?.noted === 1 ? 'note' : 'notes', counts?.noted ?? 0],
    ['collapsed', 'collapsed', counts?.collapsed ?? 0],
    ['hidden', 'hidden', counts?.hidden ?? 0],
    ['orphaned', 'notes off page', permalink ? 0 : orphans.length],
    ['users', 'tagged users here', page.taggedUsers],
    ['new', 'new since last visit', page.newComments],
    ['comments', 'on page', page.comments],
  ];
  // Only what is there: a row of zeros says nothing and pushes the thread's notes down.
  const items = allItems.filter(([, , value]) => value > 0);
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
      <ul class="counts" aria-label="Counts">
        {items.map(([id, label, value]) => (
          <li key={id} data-count={id}>
            <strong>{value}</strong>
            <span>{label}</span>
          </li>
        ))}
      </ul>
      {page.newComments > 0 && <NewComments tabId={current.tabId} connector={connector} />}
      {counts === undefined || counts.annotated === 0 ? (
        <p class="empty">
          Nothing noted here yet. Click a comment and press t (or click “✎ Threadnote”) to tag it, n
          to write a note, x to collapse it.
        </p>
      ) : (
        <Annotated
          annotations={annotations.filter((a) => present.has(a.key))}
          order={page.commentKeys}
          tags={summary?.tags ?? []}
          current={current}
          connector={connector}
        />
      )}
      {orphans.length > 0 &&
        (permalink ? (
          <p class="more-notes" data-more-notes={orphans.length}>
            {orphans.length} more {orphans.length === 1 ? 'note' : 'notes'} in the full thread ·{' '}
            <a href={page.thread.url} target="_blank" rel="noopener noreferrer">
              open the thread
            </a>
          </p>
        ) : (
          <Orphans orphans={orphans} />
        ))}
      {summary && summary.tags.length > 0 && (
        <TagFilter tabId={current.tabId} connector={connector} tags={summary.tags} />
      )}
      <FoldActions tabId={current.tabId} connector={connector} onChanged={onChanged} />
      {counts !== undefined && counts.annotated > 0 && (
        <ExportThread threadKey={page.thread.key} connector={connector} />
      )}
      {siteAccess}
    </section>
  );
}

const UNTAGGED = 'Notes without tags';
const FOLDED = 'Folded only';

/**
 * The annotated comments on the page grouped by tag (a comment with two tags is in both groups),
 * in page order; a click shows the comment in the tab.
 */
function Annotated({
  annotations,
  order,
  tags,
  current,
  connector,
}: {
  annotations: readonly Annotation[];
  order: readonly string[];
  tags: ThreadSummary['tags'];
  current: CurrentPage;
  connector: PopupConnector;
}) {
  const [error, setError] = useState('');
  const position = new Map(order.map((key, index) => [key, index]));
  const sorted = [...annotations].sort(
    (a, b) => (position.get(a.key) ?? 0) - (position.get(b.key) ?? 0),
  );
  const groups: { name: string; color: string | null; items: Annotation[] }[] = tags.map((tag) => ({
    name: tag.name,
    color: tag.color,
    items: sorted.filter((a) => a.tags.includes(tag.name)),
  }));
  groups.push(
    { name: UNTAGGED, color: null, items: sorted.filter((a) => a.tags.length === 0 && a.note) },
    { name: FOLDED, color: null, items: sorted.filter((a) => a.tags.length === 0 && !a.note) },
  );
  const show = (key: string) =>
    connector
      .show({ key, threadUrl: current.page.thread?.url ?? '' }, current)
      .catch((failure: unknown) => setError(messageOf(failure)));
  return (
    <section class="annotated" aria-label="Your annotations on this page">
      <h2>Your annotations on this page</h2>
      {groups
        .filter((group) => group.items.length > 0)
        .map((group) => (
          <section key={group.name} class="group" aria-label={group.name}>
            <h3>
              {group.color ? (
                <span class="chip" style={{ background: group.color }}>
                  {group.name}
                </span>
              ) : (
                group.name
              )}{' '}
              <span class="n">{group.items.length}</span>
            </h3>
            <ul>
              {group.items.map((a) => (
                <li key={a.key}>
                  <button
                    type="button"
                    class="result"
                    data-annotation={a.key}
                    onClick={() => void show(a.key)}
                  >
                    <span class="who">
                      {a.author || '[deleted]'}
                      {a.fold !== 'none' && <span class="fold"> · {a.fold}</span>}
                    </span>
                    <span class="what">{displayText(a.note || a.quote)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function Orphans({ orphans }: { orphans: readonly Annotation[] }) {
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
            <blockquote>
              <Clamped text={note.quote || '(no text was kept)'} />
            </blockquote>
            <p class="by">
              {note.author || '[deleted]'} ·{' '}
              <a href={note.url} target="_blank" rel="noopener noreferrer">
                permalink
              </a>
            </p>
            <div class="note">
              <Clamped text={displayText(note.note)} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Text clamped to three lines, with "more"/"less" when the clamp cuts it. */
function Clamped({ text }: { text: string }) {
  const box = useRef<HTMLSpanElement>(null);
  const [open, setOpen] = useState(false);
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (element && !open) setCut(element.scrollHeight > element.clientHeight + 1);
  });
  return (
    <>
      <span ref={box} class={open ? 'clamp-text' : 'clamp-text clamped'}>
        {text}
      </span>
      {(cut || open) && (
        <button type="button" class="link more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'less' : 'more'}
        </button>
      )}
    </>
  );
}

function TagFilter({
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
      setMessage(`Could not filter: ${messageOf(error)}`);
    }
  };
  return (
    <section class="tags" aria-label="Filter the page by tag">
      <h2>Filter the page by tag</h2>
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
