import { useState } from 'preact/hooks';
import type { RecordCounts } from '../../../shared/messages';
import { WIPE_CONFIRMATION } from '../../../shared/model';
import type { OptionsConnector } from '../../connector';
import { describeCounts, errorText } from './describe';

interface Props {
  connector: OptionsConnector;
  totals: RecordCounts | null;
  onWiped: () => void;
}

export function WipePanel({ connector, totals, onWiped }: Props) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const confirmed = typed.trim() === WIPE_CONFIRMATION;

  const wipe = async () => {
    setBusy(true);
    setResult(null);
    try {
      const deleted = await connector.wipe();
      setResult({ ok: true, text: `Deleted ${describeCounts(deleted)}.` });
      setTyped('');
      onWiped();
    } catch (failure) {
      setResult({ ok: false, text: `Nothing was deleted: ${errorText(failure)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="panel danger-zone" aria-labelledby="wipe-title">
      <h3 id="wipe-title">Delete everything</h3>
      <p>
        Deletes every tag, note, fold and remembered visit Threadnote keeps in this browser
        {totals ? ` (${describeCounts(totals)})` : ''}, with your quick tags and unsaved drafts.
        This cannot be undone: export a JSON backup first if you may want them back.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (confirmed && !busy) void wipe();
        }}
      >
        <label>
          Type <strong>{WIPE_CONFIRMATION}</strong> to confirm
          <input
            type="text"
            autocomplete="off"
            spellcheck={false}
            value={typed}
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
        </label>
        <button type="submit" class="danger" disabled={!confirmed || busy}>
          Delete everything
        </button>
      </form>
      {result && (
        <p class={result.ok ? 'ok' : 'error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      )}
    </div>
  );
}
