import { useEffect, useState } from 'preact/hooks';
import type { SyncProbe, SyncStatus, SyncTargetSettings } from '../../shared/messages';
import { errorText } from './data/describe';
import type { SectionProps } from './section';
import type { SyncConnector } from './SyncConnector';

const EMPTY: SyncTargetSettings = { url: '', database: 'threadnote', username: '', password: '' };

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : 'never';
}

/** Settings → Sync: the reader's own CouchDB server, end-to-end encrypted. */
export function SyncSection({ onChanged, sync }: SectionProps) {
  if (!sync) return <p class="hint">Sync is not available on this page.</p>;
  return <SyncSettings onChanged={onChanged} sync={sync} />;
}

function SyncSettings({
  onChanged,
  sync,
}: Pick<SectionProps, 'onChanged'> & { sync: SyncConnector }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [target, setTarget] = useState<SyncTargetSettings>(EMPTY);
  const [passphrase, setPassphrase] = useState('');
  const [probe, setProbe] = useState<SyncProbe | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const refresh = () =>
      sync.status().then(
        (next) => {
          if (!live) return;
          setStatus(next);
          const known = next.target;
          if (known) setTarget((current) => (current.url ? current : { ...known, password: '' }));
        },
        (failure: unknown) => live && setError(errorText(failure)),
      );
    void refresh();
    // While a run goes on, its progress; otherwise the time of the last one, now and then.
    const timer = setInterval(() => void refresh(), 2_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [sync]);

  const act = async (work: () => Promise<void>) => {
    setError('');
    setBusy(true);
    try {
      await work();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const field = (name: keyof SyncTargetSettings) => (event: Event) =>
    setTarget({ ...target, [name]: (event.currentTarget as HTMLInputElement).value });

  const turnOn = () => {
    setError('');
    setBusy(true);
    // No await before the request: the permission prompt needs the click.
    sync
      .enable(target, passphrase)
      .then((next) => {
        if (next === 'no-access') setError('Sync needs your permission to reach that server.');
        else {
          setStatus(next);
          setPassphrase('');
          onChanged();
        }
      })
      .catch((failure: unknown) => setError(errorText(failure)))
      .finally(() => setBusy(false));
  };

  const on = status?.on ?? false;
  return (
    <>
      <p class="lead">
        Keep your tags, notes and folds the same in several browsers through a CouchDB server you
        run. Everything is encrypted here with your passphrase before it leaves: the server stores
        only sealed records, and cannot read notes, tags, names, titles or links.
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="panel sync-form">
        <label>
          Server URL
          <input
            type="text"
            inputMode="url"
            placeholder="https://couch.example.org"
            value={target.url}
            disabled={on}
            onInput={field('url')}
          />
        </label>
        <label>
          Database
          <input type="text" value={target.database} disabled={on} onInput={field('database')} />
        </label>
        <label>
          Username (optional)
          <input
            type="text"
            autoComplete="username"
            value={target.username}
            disabled={on}
            onInput={field('username')}
          />
        </label>
        <label>
          Password (optional)
          <input
            type="password"
            autoComplete="current-password"
            value={target.password}
            disabled={on}
            onInput={field('password')}
          />
        </label>
        {!on && (
          <label>
            Passphrase (the same on every browser; at least 8 characters)
            <input
              type="password"
              autoComplete="new-password"
              value={passphrase}
              onInput={(event) => setPassphrase(event.currentTarget.value)}
            />
          </label>
        )}
        <div class="actions">
          {!on && (
            <button
              type="button"
              disabled={busy || !target.url}
              onClick={() => void act(async () => setProbe(await sync.test(target)))}
            >
              Test connection
            </button>
          )}
          {!on && probe?.status === 'missing' && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void act(async () => setProbe(await sync.create(target)))}
            >
              Create the database
            </button>
          )}
          {!on && (
            <button
              type="button"
              class="primary"
              disabled={busy || !target.url || passphrase.length < 8}
              onClick={turnOn}
            >
              Turn on sync
            </button>
          )}
          {on && (
            <button
              type="button"
              class="primary"
              disabled={busy || status?.running}
              onClick={() => void act(async () => setStatus(await sync.syncNow()))}
            >
              Sync now
            </button>
          )}
          {on && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void act(async () => setStatus(await sync.disable()))}
            >
              Turn off sync
            </button>
          )}
        </div>
        {probe && (
          <p
            class={probe.status === 'reachable' ? 'ok' : 'error'}
            role="status"
            data-probe={probe.status}
          >
            {probe.message}
          </p>
        )}
      </div>
      <p
        class="status"
        role="status"
        data-sync-state={on ? (status?.error ? 'error' : 'on') : 'off'}
      >
        {on
          ? `Sync is on. Last successful sync: ${when(status?.lastSyncAt ?? null)}.`
          : 'Sync is off: nothing is sent anywhere.'}
        {status?.progress &&
          ` Syncing… ${status.progress.done.toLocaleString()} records (${status.progress.phase}).`}
        {on &&
          status?.error &&
          ` Last try failed: ${status.error.message}${status.retryAt ? ` Next try at ${when(status.retryAt)}.` : ''}`}
      </p>
      <p class="hint">
        If you lose the passphrase, the server copy cannot be read by anyone: turn sync off, and
        turn it on with a new database and a new passphrase. Your data in this browser stays.
      </p>
    </>
  );
}
