import { trusted } from '../trusted';
import { useState } from 'preact/hooks';
import type { Tag } from '../../shared/model';
import { tagDiff, type TagOp } from '../../shared/operations';
import { splitTagList, suggestTags, type TagRow } from '../../shared/tag-suggest';

export interface TagPickerProps {
  /** Distinguishes the pickers of one panel (comment, user) for ids and labels. */
  id: string;
  label: string;
  applied: readonly string[];
  known: readonly Tag[];
  /**
   * Sends what the reader changed, never the whole list: a tag another tab added meanwhile is
   * not the picker's to remove. Resolves true once the change is stored.
   */
  onChange: (ops: TagOp[]) => Promise<boolean>;
  onError: (message: string) => void;
}

/**
 * The tags this page's reader applied last, newest first: what an empty field offers. Kept for the
 * page's life, shared by every picker on it; before any, the newest tags stand in.
 */
const usedHere: string[] = [];

function recentTags(known: readonly Tag[]): string[] {
  const newest = [...known]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((tag) => tag.name);
  return [...new Set([...usedHere, ...newest])];
}

function remember(names: readonly string[]): void {
  for (const name of names) {
    const at = usedHere.indexOf(name);
    if (at >= 0) usedHere.splice(at, 1);
    usedHere.unshift(name);
  }
}

/**
 * A combobox: type to see matching tags (tag-suggest.ts), arrows to move, Enter or Tab to take
 * the highlighted row; a new tag only through its "Create" row; `a, b` typed or pasted adds each.
 * Applied tags show as chips below the field, so adding one never moves the field.
 */
export function TagPicker({ id, label, applied, known, onChange, onError }: TagPickerProps) {
  const [text, setText] = useState('');
  // null: the row tag-suggest highlights; a number once the reader moved with the arrows.
  const [moved, setMoved] = useState<number | null>(null);
  // Matches show while there is text; with none, the recent tags show once the reader asks for
  // them, with ↓ or a click in the field, so a list never covers the panel's buttons unasked.
  const [browsing, setBrowsing] = useState(false);
  const names = known.map((tag) => tag.name);
  const suggestions = suggestTags(text, names, recentTags(known));
  const rows = browsing || text.trim() ? suggestions.rows : [];
  const active = moved ?? suggestions.active;
  const colorOf = (name: string) => known.find((tag) => tag.name === name)?.color ?? '#555555';
  const listId = `tn-${id}-options`;

  const send = async (next: readonly string[], touched: readonly string[]) => {
    const ops = tagDiff(applied, next);
    if (ops.length === 0) return true;
    const stored = await onChange(ops);
    if (stored) remember(touched);
    return stored;
  };

  const clear = () => {
    setText('');
    setMoved(null);
    setBrowsing(false);
  };

  const toggle = async (name: string) => {
    const next = applied.includes(name)
      ? applied.filter((other) => other !== name)
      : [...applied, name];
    if (await send(next, [name])) clear();
  };

  const take = (row: TagRow) => {
    // A typed name that is applied already stays: Enter never takes a tag off by surprise.
    if (text.trim() && applied.includes(row.name)) {
      clear();
      return undefined;
    }
    return toggle(row.name);
  };

  /** Adds each name of a typed or pasted list, keeping what follows the last comma in the field. */
  const addList = async (value: string) => {
    const { names: listed, rest, invalid } = splitTagList(value);
    if (invalid[0]) onError(invalid[0]);
    const added = listed.filter((name) => !applied.includes(name));
    if (await send([...applied, ...added], added)) {
      setText(rest);
      setMoved(null);
    }
  };

  const submit = () => {
    const row = rows[active];
    if (row) return take(row);
    if (suggestions.invalid) onError(suggestions.invalid);
    return undefined;
  };

  return (
    <section>
      <label for={`tn-${id}-input`}>{label}</label>
      {/* The list floats over what follows: it comes and goes with the focus, and must not move
          the buttons below it between a press and its release. */}
      <div class="combo">
        <input
          id={`tn-${id}-input`}
          type="text"
          role="combobox"
          aria-expanded={rows.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 && rows[active] ? `${listId}-${active}` : undefined}
          autocomplete="off"
          placeholder="Type a tag (↓ recent; a, b adds two)"
          value={text}
          onMouseDown={trusted(() => setBrowsing(true))}
          onBlur={trusted(() => setBrowsing(false))}
          onInput={trusted((event) => {
            const value = event.currentTarget.value;
            setMoved(null);
            if (/[,\n]/.test(value)) void addList(value);
            else setText(value);
          })}
          onKeyDown={trusted((event) => {
            if (event.key === 'ArrowDown' && rows.length === 0 && !text.trim()) {
              event.preventDefault();
              setBrowsing(true);
              setMoved(0);
            } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              if (rows.length === 0) return;
              const last = rows.length - 1;
              const down = event.key === 'ArrowDown';
              setMoved(down ? (active >= last ? 0 : active + 1) : active <= 0 ? last : active - 1);
            } else if (event.key === 'Enter') {
              event.preventDefault();
              void submit();
            } else if (event.key === 'Tab' && !event.shiftKey && text.trim() && rows[active]) {
              // Tab completes what was typed; with nothing typed it moves on as usual.
              event.preventDefault();
              void submit();
            }
          })}
        />
        {rows.length > 0 && (
          <ul
            id={listId}
            class="options"
            role="listbox"
            aria-label={text.trim() ? `${label}: matching tags` : `${label}: recently used`}
          >
            {rows.map((row, index) => (
              <li
                key={`${row.kind}:${row.name}`}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                class={[
                  'option',
                  index === active ? 'active' : '',
                  row.kind === 'create' ? 'create' : '',
                  applied.includes(row.name) ? 'applied' : '',
                ].join(' ')}
                onMouseDown={trusted((event) => event.preventDefault())}
                onClick={trusted(() => take(row))}
              >
                {row.kind === 'create' ? (
                  <>Create ‘{row.name}’</>
                ) : (
                  <>
                    <span class="swatch" style={{ background: colorOf(row.name) }} />
                    {row.name}
                    {applied.includes(row.name) && <span class="check"> ✓ applied</span>}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {applied.length > 0 && (
        <div class="row chips">
          {applied.map((name) => (
            <span key={name} class="chip">
              {/* The tag's colour in its swatch, as on the page: the name keeps the forum's text
                  colour, readable light and dark. */}
              <span class="swatch" style={{ background: colorOf(name) }} />
              {name}
              <button
                type="button"
                class="remove"
                aria-label={`Remove tag ${name}`}
                onClick={trusted(() => toggle(name))}
              >
                ×
              </button>
            </span>
          ))}
        </div>
      )}
    </section>
  );
}
