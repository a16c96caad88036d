import { useEffect, useRef, useState } from 'preact/hooks';
import {
  MAX_NOTE_LENGTH,
  parseTagName,
  type CommentAnnotation,
  type Tag,
} from '../../shared/model';

export interface ControlTarget {
  key: string;
  author: string | null;
  replies: number;
  annotation: CommentAnnotation | null;
}

export interface CommentPatch {
  tags?: string[];
  note?: string;
  fold?: CommentAnnotation['fold'];
}

export interface ControlPanelProps {
  target: ControlTarget;
  knownTags: Tag[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onUpdate: (patch: CommentPatch) => Promise<void>;
}

const MAX_SUGGESTIONS = 8;

/** The per-comment control: a small button that opens tag, note and fold actions in place. */
export function ControlPanel({
  target,
  knownTags,
  open,
  onOpenChange,
  onUpdate,
}: ControlPanelProps) {
  const trigger = useRef<HTMLButtonElement>(null);
  const tagInput = useRef<HTMLInputElement>(null);
  const [tagText, setTagText] = useState('');
  const [noteDraft, setNoteDraft] = useState(target.annotation?.note ?? '');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');

  const tags = target.annotation?.tags ?? [];
  const folded = (target.annotation?.fold ?? 'none') !== 'none';

  useEffect(() => {
    if (!open) return;
    setNoteDraft(target.annotation?.note ?? '');
    setTagText('');
    setError('');
    setStatus('');
    tagInput.current?.focus();
    // Reset only when the panel opens or moves to another comment, never while typing.
  }, [open, target.key]);

  const run = async (patch: CommentPatch, done: string): Promise<boolean> => {
    setError('');
    setStatus('');
    try {
      await onUpdate(patch);
      setStatus(done);
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return false;
    }
  };

  const addTag = async (raw: string) => {
    const parsed = parseTagName(raw);
    if (!parsed.ok) {
      setError(parsed.reason);
      return;
    }
    setTagText('');
    if (tags.includes(parsed.name)) return;
    await run({ tags: [...tags, parsed.name] }, `Tagged “${parsed.name}”.`);
  };

  const saveNote = async () => {
    const note = noteDraft.trim();
    if (note.length > MAX_NOTE_LENGTH) {
      setError(`A note has at most ${MAX_NOTE_LENGTH} characters; this one has ${note.length}.`);
      return;
    }
    await run({ note }, note ? 'Note saved.' : 'Note removed.');
  };

  const close = () => {
    onOpenChange(false);
    trigger.current?.focus();
  };

  const query = parseTagName(tagText);
  const suggestions = knownTags
    .filter((tag) => !tags.includes(tag.name))
    .filter((tag) => !tagText.trim() || (query.ok && tag.name.includes(query.name)))
    .slice(0, MAX_SUGGESTIONS);
  const who = target.author ?? 'a deleted account';

  return (
    <>
      <button
        ref={trigger}
        type="button"
        class="trigger"
        aria-haspopup="dialog"
        aria-expanded={open}
        title="Threadnote: tag, note or collapse this comment"
        onClick={() => onOpenChange(!open)}
      >
        ✎ Threadnote
      </button>
      {open && (
        <div
          class="panel"
          role="dialog"
          aria-label={`Threadnote for the comment by ${who}`}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          }}
        >
          <h2>Comment by {who}</h2>
          <section>
            <label for="tn-tag-input">Tags</label>
            {tags.length > 0 && (
              <div class="row">
                {tags.map((name) => {
                  const tag = knownTags.find((known) => known.name === name);
                  return (
                    <span key={name} class="chip" style={{ background: tag?.color ?? '#555' }}>
                      {name}
                      <button
                        type="button"
                        class="remove"
                        aria-label={`Remove tag ${name}`}
                        onClick={() =>
                          run(
                            { tags: tags.filter((other) => other !== name) },
                            `Removed “${name}”.`,
                          )
                        }
                      >
                        ×
                      </button>
                    </span>
                  );
                })}
              </div>
            )}
            <input
              id="tn-tag-input"
              ref={tagInput}
              type="text"
              autocomplete="off"
              placeholder="Add a tag and press Enter"
              value={tagText}
              onInput={(event) => setTagText(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void addTag(tagText);
                }
              }}
            />
            {suggestions.length > 0 && (
              <div class="suggestions" aria-label="Existing tags">
                {suggestions.map((tag) => (
                  <button
                    key={tag.name}
                    type="button"
                    class="suggestion"
                    onClick={() => addTag(tag.name)}
                  >
                    + {tag.name}
                  </button>
                ))}
              </div>
            )}
          </section>
          <section>
            <label for="tn-note-input">Note</label>
            <textarea
              id="tn-note-input"
              value={noteDraft}
              maxLength={MAX_NOTE_LENGTH}
              placeholder="Only you can see this."
              onInput={(event) => setNoteDraft(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  void saveNote();
                }
              }}
            />
            <div class="row">
              <button type="button" class="action primary" onClick={saveNote}>
                Save note
              </button>
              <span class="muted">Ctrl+Enter</span>
            </div>
          </section>
          <section class="row">
            <button
              type="button"
              class="action"
              onClick={async () => {
                const fold = folded ? 'none' : 'collapsed';
                if (await run({ fold }, folded ? 'Expanded.' : 'Collapsed.')) close();
              }}
            >
              {folded
                ? 'Expand subthread'
                : `Collapse subthread (${target.replies} ${target.replies === 1 ? 'reply' : 'replies'})`}
            </button>
            <button
              type="button"
              class="action"
              title="Hide this comment and its replies; the bar above the thread brings them back"
              onClick={async () => {
                if (await run({ fold: 'hidden' }, 'Hidden.')) onOpenChange(false);
              }}
            >
              Hide subthread
            </button>
          </section>
          {error && (
            <div class="error" role="alert">
              {error}
            </div>
          )}
          {status && (
            <div class="status" role="status">
              {status}
            </div>
          )}
        </div>
      )}
    </>
  );
}
