import { useEffect, useState } from 'preact/hooks';
import type { SiteSetting } from '../connector';
import type { SectionProps } from './section';
import { errorText } from './data/describe';

/** Where Threadnote runs: the built-in forums, each on or off, and the hosts the reader enabled. */
export function SitesSection({ connector, revision }: SectionProps) {
  const [sites, setSites] = useState<SiteSetting[] | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [version, setVersion] = useState(0);
  const [tagNamesInPage, setTagNamesInPage] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    connector.sites().then(
      (next) => live && setSites(next),
      (failure: unknown) => live && setError(errorText(failure)),
    );
    connector.settings().then(
      (settings) => live && setTagNamesInPage(settings.tagNamesInPage),
      (failure: unknown) => live && setError(errorText(failure)),
    );
    return () => {
      live = false;
    };
  }, [connector, revision, version]);

  const toggle = async (site: SiteSetting, on: boolean) => {
    setError('');
    // The box follows the click at once; a failed save puts it back below.
    setSites((list) => list?.map((s) => (s.site === site.site ? { ...s, on } : s)) ?? null);
    try {
      await connector.setSiteOn(site.site, on);
      setMessage(
        on
          ? `Threadnote is on for ${site.name} from the next page you open there.`
          : `Threadnote is off for ${site.name} from the next page you open there. Your notes on it are kept.`,
      );
    } catch (failure) {
      setError(errorText(failure));
    }
    setVersion((v) => v + 1);
  };
  const showTagNames = async (on: boolean) => {
    setError('');
    setTagNamesInPage(on);
    try {
      await connector.setTagNamesInPage(on);
      setMessage(
        on
          ? 'Comments carry their tag names for your own CSS; the forums’ scripts can read them.'
          : 'Comments no longer carry tag names that the forums’ scripts could read.',
      );
    } catch (failure) {
      setError(errorText(failure));
    }
    setVersion((v) => v + 1);
  };
  const forget = async (site: SiteSetting) => {
    setError('');
    try {
      await connector.forgetHost(site.site);
      setMessage(`Threadnote no longer reads ${site.name}. Your notes on it are kept.`);
      setVersion((v) => v + 1);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const builtIn = sites?.filter((site) => site.kind === 'built-in') ?? [];
  const hosts = sites?.filter((site) => site.kind === 'enabled-host') ?? [];
  return (
    <>
      <p class="lead">
        Threadnote reads only these forums. Turning one off stops it there from the next page load;
        nothing you noted is deleted.
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {sites === null && !error && <p aria-busy="true">Loading…</p>}
      <ul class="site-list">
        {builtIn.map((site) => (
          <li key={site.site}>
            <label>
              <input
                type="checkbox"
                checked={site.on}
                onChange={(event) => void toggle(site, event.currentTarget.checked)}
              />{' '}
              {site.name}
            </label>
          </li>
        ))}
      </ul>
      <h3>Forums you enabled</h3>
      {hosts.length === 0 ? (
        <p class="hint">
          None yet. On a Discourse forum, open the Threadnote popup and choose “Enable Threadnote on
          …”: the browser asks you first.
        </p>
      ) : (
        <ul class="site-list">
          {hosts.map((site) => (
            <li key={site.site}>
              {site.name}{' '}
              <button type="button" onClick={() => void forget(site)}>
                Turn off
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>What the forums’ pages see</h3>
      <label>
        <input
          type="checkbox"
          checked={tagNamesInPage ?? true}
          disabled={tagNamesInPage === null}
          onChange={(event) => void showTagNames(event.currentTarget.checked)}
        />{' '}
        Tag names in page attributes
      </label>
      <p class="hint">
        For your own CSS (<code>[data-tn-tags~="later"]</code>); the forum’s scripts can read them
        too. Off, they see only that a comment has tags. Notes are never readable to them.
      </p>
      <p class="status" role="status">
        {message}
      </p>
    </>
  );
}
