/**
 * What the popup does to the thread in the current tab: move between its new comments, fold it
 * (the page's own bulk actions, with their keys), and export it.
 */
import { useState } from 'preact/hooks';
import type { BulkFoldAction } from '../shared/messages';
import type { ExportFormat } from '../shared/model';
import type { PopupConnector } from './connector';
import { messageOf } from './format';

export function NewComments({ tabId, connector }: { tabId: number; connector: PopupConnector }) {
  const [message, setMessage] = useState('');
  const go = async (step: 1 | -1) => {
    try {
      const moved = await connector.nextNew(tabId, step);
      setMessage(
        moved.key
          ? `New comment ${moved.position} of ${moved.total}.`
          : moved.total === 0
            ? 'The new comments are inside folded subthreads.'
            : step === 1
              ? 'No new comment below this one.'
              : 'No new comment above this one.',
      );
    } catch (error) {
      setMessage(`Could not move: ${messageOf(error)}`);
    }
  };
  return (
    <div class="new-nav">
      <button type="button" onClick={() => void go(-1)} title="Key: P">
        ↑ Previous new
      </button>
      <button type="button" onClick={() => void go(1)} title="Key: N">
        ↓ Next new
      </button>
      <p class="status" role="status">
        {message}
      </p>
    </div>
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

export function FoldActions({
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
      setMessage(`Could not fold: ${messageOf(error)}`);
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

export function ExportThread({
  threadKey,
  connector,
}: {
  threadKey: string;
  connector: PopupConnector;
}) {
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
      setStatus({ busy: false, ok: false, text: `Export failed: ${messageOf(error)}` });
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
