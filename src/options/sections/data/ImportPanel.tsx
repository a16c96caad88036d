import { useState } from 'preact/hooks';
import type { ImportProblem, ImportSummary } from '../../../shared/messages';
import type { ImportProgress, Progress } from '../../../shared/stream-client';
import type { OptionsConnector } from '../../connector';
import { describeKind, errorText, formatTime, percent, plural } from './describe';

type Step =
  | { step: 'idle' }
  | { step: 'checking'; file: File; progress: ImportProgress }
  | { step: 'invalid'; file: File; problems: ImportProblem[]; more: number }
  | { step: 'preview'; file: File; summary: ImportSummary }
  | { step: 'backup'; file: File; progress: Progress }
  | { step: 'importing'; file: File; progress: ImportProgress }
  | { step: 'done'; file: File; summary: ImportSummary }
  | { step: 'failed'; file: File | null; message: string };

interface Props {
  connector: OptionsConnector;
  /** Whether anything is stored, i.e. whether a backup before importing is worth offering. */
  hasData: boolean;
  onImported: () => void;
}

const PHASES: Record<ImportProgress['phase'], string> = {
  reading: 'Reading the file',
  checking: 'Checking every record',
  writing: 'Writing',
};

function ProgressLine({ label, progress }: { label: string; progress: Progress }) {
  return (
    <p class="progress">
      <progress max={100} value={percent(progress)} aria-label={label} />
      {label}… {progress.total > 0 && `${percent(progress) ?? 0}%`}
    </p>
  );
}

function SummaryTable({ summary }: { summary: ImportSummary }) {
  const rows = [
    ['Comments', summary.comments],
    ['Users', summary.users],
    ['Threads', summary.threads],
    ['Tags', summary.tags],
  ] as const;
  return (
    <table class="summary">
      <tbody>
        {rows.map(([label, kind]) => (
          <tr key={label} data-kind={label.toLowerCase()}>
            <th scope="row">{label}</th>
            <td class="number">{kind.total.toLocaleString('en')}</td>
            <td>{describeKind(kind)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ImportPanel({ connector, hasData, onImported }: Props) {
  const [state, setState] = useState<Step>({ step: 'idle' });
  const [backupFirst, setBackupFirst] = useState(true);
  const [dragging, setDragging] = useState(false);

  const check = async (file: File) => {
    setState({ step: 'checking', file, progress: { phase: 'reading', done: 0, total: file.size } });
    try {
      const outcome = await connector.checkImport(file, (progress) =>
        setState({ step: 'checking', file, progress }),
      );
      if (outcome.kind === 'invalid') setState({ step: 'invalid', file, ...outcome });
      else setState({ step: 'preview', file, summary: outcome.summary });
    } catch (failure) {
      setState({ step: 'failed', file, message: errorText(failure) });
    }
  };

  const apply = async (file: File) => {
    if (hasData && backupFirst) {
      setState({ step: 'backup', file, progress: { done: 0, total: 0 } });
      try {
        await connector.exportFile('json', null, (progress) =>
          setState({ step: 'backup', file, progress }),
        );
      } catch (failure) {
        setState({
          step: 'failed',
          file,
          message: `The backup could not be saved, so nothing was imported: ${errorText(failure)}`,
        });
        return;
      }
    }
    setState({ step: 'importing', file, progress: { phase: 'reading', done: 0, total: 1 } });
    try {
      const outcome = await connector.applyImport(file, (progress) =>
        setState({ step: 'importing', file, progress }),
      );
      if (outcome.kind === 'invalid') setState({ step: 'invalid', file, ...outcome });
      else setState({ step: 'done', file, summary: outcome.summary });
      onImported();
    } catch (failure) {
      setState({
        step: 'failed',
        file,
        message: `The import failed and nothing was changed: ${errorText(failure)}`,
      });
    }
  };

  const busy = state.step === 'checking' || state.step === 'backup' || state.step === 'importing';
  const pick = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (file && !busy) void check(file);
  };

  return (
    <div class="panel" aria-labelledby="import-title">
      <h3 id="import-title">Import a JSON backup</h3>
      <p class="muted">
        Importing adds to what is here and never deletes: for each record, the more recently changed
        version wins. You see what would change before anything is written.
      </p>
      <label
        class={`dropzone${dragging ? ' dragging' : ''}`}
        data-testid="dropzone"
        onDragEnter={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragOver={(event) => event.preventDefault()}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          pick(event.dataTransfer?.files);
        }}
      >
        <span>Choose a Threadnote backup, or drop it here</span>
        <input
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(event) => {
            pick(event.currentTarget.files);
            event.currentTarget.value = '';
          }}
        />
      </label>

      <div aria-live="polite">
        {state.step === 'checking' && (
          <ProgressLine label={PHASES[state.progress.phase]} progress={state.progress} />
        )}
        {state.step === 'backup' && (
          <ProgressLine label="Saving a backup of what is here" progress={state.progress} />
        )}
        {state.step === 'importing' && (
          <ProgressLine label={PHASES[state.progress.phase]} progress={state.progress} />
        )}
      </div>

      {state.step === 'invalid' && (
        <div class="report error" role="alert">
          <p>
            <strong>{state.file.name}</strong> cannot be imported, and nothing was changed.{' '}
            {plural(state.problems.length + state.more, 'problem')}:
          </p>
          <ul class="problems">
            {state.problems.map((problem, index) => (
              <li key={index}>
                <code>{problem.where}</code> {problem.message}
              </li>
            ))}
          </ul>
          {state.more > 0 && <p>…and {plural(state.more, 'more problem')}.</p>}
        </div>
      )}

      {state.step === 'preview' && (
        <div class="report" data-testid="import-preview">
          <p>
            <strong>{state.file.name}</strong>, exported {formatTime(state.summary.exportedAt)}.
            Importing it would bring:
          </p>
          <SummaryTable summary={state.summary} />
          {hasData && (
            <label class="check">
              <input
                type="checkbox"
                checked={backupFirst}
                onChange={(event) => setBackupFirst(event.currentTarget.checked)}
              />
              First save a backup of what is stored now
            </label>
          )}
          <div class="actions">
            <button type="button" class="primary" onClick={() => void apply(state.file)}>
              Import
            </button>
            <button type="button" onClick={() => setState({ step: 'idle' })}>
              Cancel
            </button>
          </div>
        </div>
      )}

      {state.step === 'done' && (
        <div class="report ok" data-testid="import-done" role="status">
          <p>
            Imported <strong>{state.file.name}</strong>:
          </p>
          <SummaryTable summary={state.summary} />
        </div>
      )}

      {state.step === 'failed' && (
        <p class="error" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
