import { useState } from 'preact/hooks';
import { ShadowUi } from '../shadow';
import { trusted } from '../trusted';
import { hiddenBarCss } from './styles';

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

/**
 * The thread-level bar: what Threadnote hides on this page, each subthread one click from back.
 * The list opens from a button, not a <details>: with a <details> anywhere in the document,
 * Chromium crashes at the next layout once the page holds a very deep subtree (100,000 levels
 * under a `display: none` box, which Chromium otherwise renders fine): hiding a comment there
 * took the tab down.
 */
export function HiddenBar({
  items,
  onShow,
}: {
  items: HiddenItem[];
  onShow: (keys: string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const total = items.reduce((sum, item) => sum + item.comments, 0);
  const fresh = items.reduce((sum, item) => sum + item.fresh, 0);
  const subthreads = items.length === 1 ? '1 subthread' : `${items.length} subthreads`;
  return (
    <section class="bar" aria-label="Subthreads hidden by Threadnote">
      <div class="list">
        <button
          type="button"
          class="toggle"
          aria-expanded={open}
          aria-controls="tn-hidden-list"
          onClick={trusted(() => setOpen(!open))}
        >
          <span class="count">
            {subthreads} hidden ({total} {total === 1 ? 'comment' : 'comments'})
            {fresh > 0 && <strong class="fresh"> · {fresh} new</strong>}
          </span>
        </button>
        <ul id="tn-hidden-list" hidden={!open}>
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
      </div>
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

/** The bar's place on the page: before the thread while something is hidden, gone when not. */
export class HiddenBarHost {
  private ui: ShadowUi | null = null;

  constructor(private readonly anchor: () => Element | null) {}

  draw(items: HiddenItem[], onShow: (keys: string[]) => void): void {
    if (items.length === 0) {
      this.remove();
      return;
    }
    if (!this.ui) {
      const anchor = this.anchor();
      if (!anchor?.parentNode) return;
      this.ui = new ShadowUi('tn-hidden-bar', hiddenBarCss);
      anchor.parentNode.insertBefore(this.ui.host, anchor);
    }
    this.ui.render(<HiddenBar items={items} onShow={onShow} />);
  }

  remove(): void {
    this.ui?.remove();
    this.ui = null;
  }
}
