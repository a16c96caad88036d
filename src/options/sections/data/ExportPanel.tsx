import { useMemo, useState } from 'preact/hooks';
import type { DataOverview } from '../../../shared/messages';
import type { ExportSelection } from '../../../shared/worker-streams';
import type { ExportFormat } from '../../../shared/model';
import type { Progress } from '../../../shared/stream-client';
import type { OptionsConnector } from '../../connector';
import { describeCounts, errorText, formatTime, percent, plural } from './describe';

/** A long thread list stays fast to render; the filter narrows it down. */
const THREADS_SHOWN = 50;

const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'json', label: 'JSON backup', hint: 'everything, and can be imported again' },
  { format: 'markdown', label: 'Markdown', hint: 'to read, on GitHub or in Obsidian' },
  { format: 'csv', label: 'CSV', hint: 'one row per comment, for a spreadsheet' },
];

interface Props {
  connector: OptionsConnector;
  overview: DataOverview | null;
}

function toggled(set: ReadonlySet<string>, value: string, on: boolean): Set<string> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

export function ExportPanel({ connector, overview }: Props) {
  const [scope, setScope] = useState<'all' | 'some'>('all');
  const [threads, setThreads] = useState<ReadonlySet<string>>(new Set());
  const [tags, setTags] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [job, setJob] = useState<{ format: ExportFormat; progress: Progress } | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const matching = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = overview?.threads ?? [];
    return needle
      ? all.filter((t) => `${t.title} ${t.key} ${t.url}`.toLowerCase().includes(needle))
      : all;
  }, [overview, filter]);

  const selection: ExportSelection | null =
    scope === 'all' ? null : { threads: [...threads], tags: [...tags] };
  const nothingChosen = scope === 'some' && threads.size + tags.size === 0;

  const run = async (format: ExportFormat) => {
    setResult(null);
    setJob({ format, progress: { done: 0, total: 0 } });
    try {
      const saved = await connector.exportFile(format, selection, (progress) =>
        setJob({ format, progress }),
      );
      setResult({ ok: true, text: `Saved ${saved.fileName}: ${describeCounts(saved.counts)}.` });
    } catch (failure) {
      setResult({ ok: false, text: `The export failed: ${errorText(failure)}` });
    } finally {
      setJob(null);
    }
  };

  return (
    <div class="panel" aria-labelledby="export-title">
      <h3 id="export-title">Export</h3>
      <fieldset class="scope">
        <legend>What to export</legend>
        <label>
          <input
            type="radio"
            name="export-scope"
            checked={scope === 'all'}
            onChange={() => setScope('all')}
          />
          Everything
        </label>
        <label>
          <input
            type="radio"
            name="export-scope"
            checked={scope === 'some'}
            onChange={() => setScope('some')}
          />
          Only the threads and tags I choose
        </label>
      </fieldset>

      {scope === 'some' && overview && (
        <div class="chooser">
          <fieldset>
            <legend>Tags ({plural(tags.size, 'chosen', 'chosen')})</legend>
            {overview.tags.length === 0 && <p class="muted">No tags yet.</p>}
            <ul class="tag-choices">
              {overview.tags.map((tag) => (
                <li key={tag.name}>
                  <label>
                    <input
                      type="checkbox"
                      checked={tags.has(tag.name)}
                      onChange={(event) =>
                        setTags(toggled(tags, tag.name, event.currentTarget.checked))
                      }
                    />
                    <span class="chip" style={{ background: tag.color }}>
                      {tag.name}
                    </span>
                    <span class="muted">{plural(tag.comments + tag.users, 'record')}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <fieldset>
            <legend>Threads ({plural(threads.size, 'chosen', 'chosen')})</legend>
            <input
              type="search"
              class="filter"
              placeholder="Filter by title or link"
              aria-label="Filter threads"
              value={filter}
              onInput={(event) => setFilter(event.currentTarget.value)}
            />
            {overview.threads.length === 0 && <p class="muted">No annotated threads yet.</p>}
            <ul class="thread-choices">
              {matching.slice(0, THREADS_SHOWN).map((thread) => (
                <li key={thread.key}>
                  <label>
                    <input
                      type="checkbox"
                      checked={threads.has(thread.key)}
                      onChange={(event) =>
                        setThreads(toggled(threads, thread.key, event.currentTarget.checked))
                      }
                    />
                    <span class="thread-title">{thread.title || thread.key}</span>
                    <span class="muted">
                      {plural(thread.comments, 'comment')} · {formatTime(thread.lastVisitedAt)}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            {matching.length > THREADS_SHOWN && (
              <p class="muted">
                {plural(matching.length - THREADS_SHOWN, 'more thread')} match: narrow the filter to
                see them.
              </p>
            )}
          </fieldset>
        </div>
      )}

      <div class="actions">
        {FORMATS.map(({ format, label, hint }) => (
          <button
            key={format}
            type="button"
            disabled={job !== null || nothingChosen}
            onClick={() => void run(format)}
          >
            <strong>{label}</strong>
            <span>{hint}</span>
          </button>
        ))}
      </div>
      {nothingChosen && <p class="muted">Choose at least one thread or tag.</p>}
      <div aria-live="polite">
        {job && (
          <p class="progress">
            <progress max={100} value={percent(job.progress)} aria-label="Export progress" />
            Exporting… {job.progress.done.toLocaleString('en')} of{' '}
            {job.progress.total.toLocaleString('en')} records
          </p>
        )}
        {result && (
          <p class={result.ok ? 'ok' : 'error'} role={result.ok ? undefined : 'alert'}>
            {result.text}
          </p>
        )}
      </div>
    </div>
  );
}
