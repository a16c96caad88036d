import { trusted } from '../trusted';

export interface HiddenItem {
  key: string;
  author: string | null;
  /** The hidden comment and its replies. */
  comments: number;
  /** Of those, how many are new since the last visit. */
  fresh: number;
  excerpt: string;
}

const EXCERPT_LENGTH = 90;

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH - 1)}…` : line;
}

/** The thread-level bar: what Threadnote hides on this page, each subthread one click from back. */
export function HiddenBar({
  items,
  onShow,
}: {
  items: HiddenItem[];
  onShow: (keys: string[]) => void;
}) {
  const total = items.reduce((sum, item) => sum + item.comments, 0);
  const fresh = items.reduce((sum, item) => sum + item.fresh, 0);
  const subthreads = items.length === 1 ? '1 subthread' : `${items.length} subthreads`;
  return (
    <section class="bar" aria-label="Subthreads hidden by Threadnote">
      <details>
        <summary>
          <span class="count">
            {subthreads} hidden ({total} {total === 1 ? 'comment' : 'comments'})
            {fresh > 0 && <strong class="fresh"> · {fresh} new</strong>}
          </span>
        </summary>
        <ul>
          {items.map((item) => (
            <li key={item.key}>
              <span class="who">{item.author ?? '[deleted]'}</span>
              <span class="what">
                {item.comments} {item.comments === 1 ? 'comment' : 'comments'}
                {item.fresh > 0 && <strong class="fresh">, {item.fresh} new</strong>}
              </span>
              <span class="excerpt">{excerpt(item.excerpt)}</span>
              <button type="button" onClick={trusted(() => onShow([item.key]))}>
                show
              </button>
            </li>
          ))}
        </ul>
      </details>
      <button
        type="button"
        class="show-all"
        onClick={trusted(() => onShow(items.map((item) => item.key)))}
      >
        show {items.length === 1 ? 'it' : 'all'}
      </button>
    </section>
  );
}
