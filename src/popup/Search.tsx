import { useEffect, useState } from 'preact/hooks';
import type { SearchResult } from '../shared/messages';
import { displayText } from '../shared/note-text';
import type { CurrentPage, PopupConnector } from './connector';

const SEARCH_PAUSE_MS = 150;

/**
 * Search across every thread's notes, tags, quotes and authors. While a query is typed, its
 * results take the place of the views below (`onActive`).
 */
export function Search({
  connector,
  current,
  onActive,
}: {
  connector: PopupConnector;
  current: CurrentPage | null;
  onActive: (active: boolean) => void;
}) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [error, setError] = useState('');
  const active = query.trim() !== '';

  useEffect(() => onActive(active), [active, onActive]);

  useEffect(() => {
    if (!active) {
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
  }, [query, active, connector]);

  return (
    <section class="search" aria-label="Search your notes">
      <input
        type="search"
        aria-label="Search notes, tags, quotes and authors in every thread"
        placeholder="Search notes, tags, quotes, authors"
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {active && results && results.length === 0 && <p class="empty">Nothing matches “{query}”.</p>}
      {active && results && results.length > 0 && (
        <ul class="results" aria-label="Search results">
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
