import { useEffect, useState } from 'preact/hooks';
import type { DataOverview } from '../../shared/messages';
import type { SectionProps } from './section';
import { ExportPanel } from './data/ExportPanel';
import { ImportPanel } from './data/ImportPanel';
import { WipePanel } from './data/WipePanel';
import { errorText, plural } from './data/describe';

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Export, import and wipe: the reader's data, in files they keep. */
export function DataSection({ connector, revision, onChanged }: SectionProps) {
  const [overview, setOverview] = useState<DataOverview | null>(null);
  const [error, setError] = useState('');
  const [used, setUsed] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    connector.storageUsed().then(
      (bytes) => live && setUsed(bytes),
      () => undefined,
    );
    connector.overview().then(
      (next) => {
        if (!live) return;
        setOverview(next);
        setError('');
      },
      (failure: unknown) => live && setError(errorText(failure)),
    );
    return () => {
      live = false;
    };
  }, [connector, revision]);

  const totals = overview?.totals;
  return (
    <>
      <p class="lead">
        Your tags, notes and folds are yours. Save them as a <strong>JSON backup</strong> to keep or
        to move to another browser, as <strong>Markdown</strong> to read, or as <strong>CSV</strong>{' '}
        for a spreadsheet. Only the JSON backup can be imported again.
      </p>
      {error && (
        <p class="error" role="alert">
          Threadnote could not read what it stores: {error}
        </p>
      )}
      {totals ? (
        <p class="totals" data-testid="totals">
          Stored in this browser: {plural(totals.comments, 'annotated comment')} in{' '}
          {plural(overview.threads.length, 'thread')}, {plural(totals.users, 'user')} with notes or
          tags, {plural(totals.tags, 'tag')} and {plural(totals.threads, 'visited thread')}.
          {used !== null && ` Storage used: ${formatBytes(used)}.`}
        </p>
      ) : (
        !error && <p aria-busy="true">Loading…</p>
      )}
      <ExportPanel connector={connector} overview={overview} />
      <ImportPanel
        connector={connector}
        hasData={!!totals && totals.threads + totals.comments + totals.users + totals.tags > 0}
        onImported={onChanged}
      />
      <WipePanel connector={connector} totals={totals ?? null} onWiped={onChanged} />
    </>
  );
}
