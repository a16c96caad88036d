import { trusted } from '../trusted';
import { useState } from 'preact/hooks';
import { parseTagName, type Tag } from '../../shared/model';
import { tagDiff, type TagOp } from '../../shared/operations';

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

const MAX_OPTIONS = 8;

/**
 * A combobox: type to filter the reader's tags, arrows to move, Enter to toggle the highlighted
 * tag or to create the typed one. Applied tags show as chips with a remove button.
 */
export function TagPicker({ id, label, applied, known, onChange, onError }: TagPickerProps) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const query = parseTagName(text);
  const typed = text.trim() && query.ok ? query.name : '';
  const options = known
    .filter((tag) => !typed || tag.name.includes(typed))
    .slice(0, MAX_OPTIONS)
    .map((tag) => tag.name);
  const colorOf = (name: string) => known.find((tag) => tag.name === name)?.color ?? '#555555';
  const listId = `tn-${id}-options`;

  const toggle = async (name: string) => {
    const next = applied.includes(name)
      ? applied.filter((other) => other !== name)
      : [...applied, name];
    if (await onChange(tagDiff(applied, next))) {
      setText('');
      setActive(-1);
    }
  };

  const submit = () => {
    const choice = options[active];
    if (choice !== undefined) return toggle(choice);
    if (!text.trim()) return undefined;
    if (!query.ok) {
      onError(query.reason);
      return undefined;
    }
    if (applied.includes(query.name)) {
      setText('');
      return undefined;
    }
    return toggle(query.name);
  };

  return (
    <section>
      <label for={`tn-${id}-input`}>{label}</label>
      {applied.length > 0 && (
        <div class="row">
          {applied.map((name) => (
            <span key={name} class="chip" style={{ background: colorOf(name) }}>
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
      <input
        id={`tn-${id}-input`}
        type="text"
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        autocomplete="off"
        placeholder="Type a tag, Enter to add"
        value={text}
        onInput={trusted((event) => {
          setText(event.currentTarget.value);
          setActive(-1);
        })}
        onKeyDown={trusted((event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            if (options.length === 0) return;
            const last = options.length - 1;
            setActive((current) =>
              event.key === 'ArrowDown'
                ? current >= last
                  ? 0
                  : current + 1
                : current <= 0
                  ? last
                  : current - 1,
            );
          } else if (event.key === 'Enter') {
            event.preventDefault();
            void submit();
          }
        })}
      />
      {options.length > 0 && (
        <ul id={listId} class="options" role="listbox" aria-label={`${label}: your tags`}>
          {options.map((name, index) => (
            <li
              key={name}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={applied.includes(name)}
              class={index === active ? 'option active' : 'option'}
              onMouseDown={trusted((event) => event.preventDefault())}
              onClick={trusted(() => toggle(name))}
            >
              <span class="swatch" style={{ background: colorOf(name) }} />
              {name}
              {applied.includes(name) && <span class="check"> ✓</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
