import { useEffect, useState } from 'preact/hooks';
import type { TagChange } from '../../shared/messages';
import {
  DEFAULT_SETTINGS,
  MAX_QUICK_TAGS,
  TAG_PALETTE,
  parseTagName,
  type Settings,
  type Tag,
  type TagUsage,
} from '../../shared/model';
import type { SectionProps } from './section';

interface Row extends Tag {
  comments: number;
  users: number;
}

type Pending =
  | { kind: 'rename'; name: string; text: string }
  | { kind: 'merge'; name: string; into: string }
  | { kind: 'delete'; name: string };

function describeChange({ comments, users }: TagChange): string {
  return `${comments} ${comments === 1 ? 'comment' : 'comments'} and ${users} ${users === 1 ? 'user' : 'users'}`;
}

/** The reader's tags: colours, descriptions, quick tags, renames, merges and deletes. */
export function TagsSection({ connector, revision, onChanged }: SectionProps) {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [pending, setPending] = useState<Pending | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    Promise.all([connector.tags(), connector.usage(), connector.settings()])
      .then(([tags, usage, current]) => {
        if (!live) return;
        const counts = new Map<string, TagUsage>(usage.map((entry) => [entry.name, entry]));
        setRows(
          tags
            .map((tag) => ({
              ...tag,
              comments: counts.get(tag.name)?.comments ?? 0,
              users: counts.get(tag.name)?.users ?? 0,
            }))
            .sort((a, b) => a.name.localeCompare(b.name)),
        );
        setSettings(current);
      })
      .catch((failure: unknown) => live && setError(String(failure)));
    return () => {
      live = false;
    };
  }, [connector, revision]);

  const act = async (work: () => Promise<string>) => {
    setError('');
    setMessage('');
    try {
      setMessage(await work());
      setPending(null);
      onChanged();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  const toggleQuick = (name: string) =>
    act(async () => {
      const quick = settings.quickTags.includes(name)
        ? settings.quickTags.filter((other) => other !== name)
        : [...settings.quickTags, name];
      if (quick.length > MAX_QUICK_TAGS) {
        throw new Error(`At most ${MAX_QUICK_TAGS} quick tags: remove one first.`);
      }
      setSettings(await connector.setQuickTags(quick));
      return quick.includes(name)
        ? `“${name}” is quick tag ${quick.indexOf(name) + 1}.`
        : `“${name}” is no longer a quick tag.`;
    });

  const submitRename = (from: string, text: string) =>
    act(async () => {
      const parsed = parseTagName(text);
      if (!parsed.ok) throw new Error(parsed.reason);
      if (parsed.name === from) return 'Nothing to rename.';
      const merging = rows?.some((row) => row.name === parsed.name);
      const change = await connector.renameTag(from, parsed.name);
      return merging
        ? `Merged “${from}” into “${parsed.name}” on ${describeChange(change)}.`
        : `Renamed “${from}” to “${parsed.name}” on ${describeChange(change)}.`;
    });

  if (rows === null) {
    return error ? <p role="alert">{error}</p> : <p aria-busy="true">Loading…</p>;
  }

  return (
    <>
      <p class="hint">
        Tag comments and users from a thread: hover a comment and click “✎ Threadnote”, or focus it
        and press t. Star up to {MAX_QUICK_TAGS} quick tags to apply them with the number keys.
      </p>
      {rows.length === 0 && <p class="empty">No tags yet.</p>}
      {rows.length > 0 && (
        <table class="tags-table">
          <thead>
            <tr>
              <th scope="col">Quick</th>
              <th scope="col">Tag</th>
              <th scope="col">Colour</th>
              <th scope="col">Description</th>
              <th scope="col">Used on</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const quickIndex = settings.quickTags.indexOf(row.name);
              return (
                <tr key={row.name} data-tag={row.name}>
                  <td>
                    <button
                      type="button"
                      class="star"
                      aria-pressed={quickIndex >= 0}
                      aria-label={
                        quickIndex >= 0
                          ? `Quick tag ${quickIndex + 1}: ${row.name}`
                          : `Make ${row.name} a quick tag`
                      }
                      onClick={() => toggleQuick(row.name)}
                    >
                      {quickIndex >= 0 ? `★${quickIndex + 1}` : '☆'}
                    </button>
                  </td>
                  <th scope="row">
                    <span class="chip" style={{ background: row.color }}>
                      {row.name}
                    </span>
                  </th>
                  <td>
                    <input
                      type="color"
                      value={row.color}
                      aria-label={`Colour of ${row.name}`}
                      list="tn-palette"
                      onChange={(event) => {
                        const color = event.currentTarget.value;
                        void act(async () => {
                          await connector.updateTag(row.name, { color });
                          return `Colour of “${row.name}” changed.`;
                        });
                      }}
                    />
                  </td>
                  <td>
                    <input
                      type="text"
                      class="description"
                      value={row.description}
                      aria-label={`Description of ${row.name}`}
                      maxLength={500}
                      onChange={(event) => {
                        const description = event.currentTarget.value;
                        void act(async () => {
                          await connector.updateTag(row.name, { description });
                          return `Description of “${row.name}” saved.`;
                        });
                      }}
                    />
                  </td>
                  <td class="usage" data-usage={`${row.comments}/${row.users}`}>
                    {row.comments} {row.comments === 1 ? 'comment' : 'comments'}, {row.users}{' '}
                    {row.users === 1 ? 'user' : 'users'}
                  </td>
                  <td class="row-actions">
                    <button
                      type="button"
                      onClick={() => setPending({ kind: 'rename', name: row.name, text: row.name })}
                    >
                      Rename
                    </button>
                    <button
                      type="button"
                      disabled={rows.length < 2}
                      onClick={() =>
                        setPending({
                          kind: 'merge',
                          name: row.name,
                          into: rows.find((other) => other.name !== row.name)?.name ?? '',
                        })
                      }
                    >
                      Merge…
                    </button>
                    <button
                      type="button"
                      class="danger"
                      onClick={() => setPending({ kind: 'delete', name: row.name })}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <datalist id="tn-palette">
        {TAG_PALETTE.map((color) => (
          <option key={color} value={color} />
        ))}
      </datalist>
      {pending && (
        <PendingAction
          pending={pending}
          rows={rows}
          onChange={setPending}
          onCancel={() => setPending(null)}
          onRename={submitRename}
          onMerge={(from, into) =>
            act(
              async () =>
                `Merged “${from}” into “${into}” on ${describeChange(await connector.mergeTags([from], into))}.`,
            )
          }
          onDelete={(name) =>
            act(
              async () =>
                `Deleted “${name}” from ${describeChange(await connector.deleteTag(name))}.`,
            )
          }
        />
      )}
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

interface PendingActionProps {
  pending: Pending;
  rows: Row[];
  onChange: (pending: Pending) => void;
  onCancel: () => void;
  onRename: (from: string, to: string) => void;
  onMerge: (from: string, into: string) => void;
  onDelete: (name: string) => void;
}

function PendingAction({
  pending,
  rows,
  onChange,
  onCancel,
  onRename,
  onMerge,
  onDelete,
}: PendingActionProps) {
  const row = rows.find((candidate) => candidate.name === pending.name);
  return (
    <div class="pending" role="dialog" aria-label={`${pending.kind} ${pending.name}`}>
      {pending.kind === 'rename' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onRename(pending.name, pending.text);
          }}
        >
          <label>
            Rename “{pending.name}” to{' '}
            <input
              type="text"
              value={pending.text}
              maxLength={200}
              autoFocus
              onInput={(event) => onChange({ ...pending, text: event.currentTarget.value })}
            />
          </label>
          <p class="hint">Renaming onto an existing tag merges the two.</p>
          <button type="submit">Rename</button>{' '}
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </form>
      )}
      {pending.kind === 'merge' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onMerge(pending.name, pending.into);
          }}
        >
          <label>
            Merge “{pending.name}” into{' '}
            <select
              value={pending.into}
              onChange={(event) => onChange({ ...pending, into: event.currentTarget.value })}
            >
              {rows
                .filter((other) => other.name !== pending.name)
                .map((other) => (
                  <option key={other.name} value={other.name}>
                    {other.name}
                  </option>
                ))}
            </select>
          </label>
          <p class="hint">
            Every comment and user tagged “{pending.name}” gets “{pending.into}” instead; “
            {pending.name}” goes away.
          </p>
          <button type="submit">Merge</button>{' '}
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </form>
      )}
      {pending.kind === 'delete' && (
        <div>
          <p>
            Delete “{pending.name}”? It is on {row?.comments ?? 0}{' '}
            {row?.comments === 1 ? 'comment' : 'comments'} and {row?.users ?? 0}{' '}
            {row?.users === 1 ? 'user' : 'users'}; it will be taken off all of them. Notes are kept.
          </p>
          <button type="button" class="danger" onClick={() => onDelete(pending.name)}>
            Delete “{pending.name}”
          </button>{' '}
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
