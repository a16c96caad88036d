import { trusted } from '../trusted';

export interface FilterBarProps {
  tag: string;
  matches: number;
  total: number;
  onPrevious: () => void;
  onNext: () => void;
  onClear: () => void;
}

export function FilterBar({ tag, matches, total, onPrevious, onNext, onClear }: FilterBarProps) {
  return (
    <section class="bar" aria-label="Threadnote tag filter">
      <span class="count" role="status">
        {matches} of {total} comments tagged <strong>{tag}</strong>
      </span>
      <button type="button" onClick={trusted(onPrevious)} disabled={matches === 0}>
        previous
      </button>
      <button type="button" onClick={trusted(onNext)} disabled={matches === 0}>
        next
      </button>
      <button type="button" onClick={trusted(onClear)}>
        clear
      </button>
    </section>
  );
}
