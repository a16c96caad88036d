import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Draft } from '../../shared/messages';
import { MAX_NOTE_LENGTH } from '../../shared/model';
import { trusted } from '../trusted';

export interface NoteEditorProps {
  label: string;
  saved: string;
  /** A draft kept from an earlier edit that was never saved, offered back. */
  draft: Draft | null;
  onSave: (text: string) => Promise<void>;
  onDraft: (text: string) => Promise<void>;
  onDiscardDraft: () => Promise<void>;
  onClose: () => void;
}

const DRAFT_PAUSE_MS = 500;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * An inline note editor that never loses typing: drafts are kept after a short pause and when
 * the page goes away, a save that fails says so and is retried, and leaving with unsaved text
 * asks first.
 */
export function NoteEditor({
  label,
  saved,
  draft,
  onSave,
  onDraft,
  onDiscardDraft,
  onClose,
}: NoteEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(saved);
  const [offer, setOffer] = useState(draft && draft.text !== saved ? draft : null);
  const [confirming, setConfirming] = useState(false);
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'failed'; message?: string }>({
    kind: 'idle',
  });
  const latest = useRef(text);
  latest.current = text;
  // Set once a save succeeded: the editor is going away, and the blur that causes must not save
  // the same text a second time.
  const done = useRef(false);
  const dirty = text !== saved;

  useLayoutEffect(() => {
    area.current?.focus();
  }, []);

  // Grow with the text: one read and one write per change.
  useLayoutEffect(() => {
    const element = area.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${element.scrollHeight + 2}px`;
  }, [text]);

  useEffect(() => {
    if (!dirty) return undefined;
    const timer = setTimeout(() => void onDraft(text).catch(() => undefined), DRAFT_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, dirty]);

  useEffect(() => {
    // Closing the tab or reloading: keep what was typed since the last pause.
    const keep = trusted(() => {
      if (latest.current !== saved) void onDraft(latest.current).catch(() => undefined);
    });
    window.addEventListener('pagehide', keep);
    return () => window.removeEventListener('pagehide', keep);
  }, [saved]);

  const save = async (value = text, attempt = 0): Promise<void> => {
    const note = value.trim();
    if (note.length > MAX_NOTE_LENGTH) {
      setState({
        kind: 'failed',
        message: `A note has at most ${MAX_NOTE_LENGTH} characters; this one has ${note.length}. Nothing was saved.`,
      });
      return;
    }
    setState({ kind: 'saving' });
    try {
      await onSave(note);
      done.current = true;
      setState({ kind: 'idle' });
      onClose();
    } catch (failure) {
      const reason = failure instanceof Error ? failure.message : String(failure);
      const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] ?? 10_000;
      setState({ kind: 'failed', message: `Not saved yet (${reason}). Trying again…` });
      // The draft is kept meanwhile, so a closed tab loses nothing either.
      void onDraft(value).catch(() => undefined);
      setTimeout(() => {
        if (latest.current === value) void save(value, attempt + 1);
      }, delay);
    }
  };

  return (
    <div class="editor" role="group" aria-label={label}>
      <label for="tn-note-editor">{label}</label>
      {offer && (
        <div class="offer" role="status">
          You have an unsaved draft from {timeFormat.format(new Date(offer.savedAt))}.{' '}
          <button
            type="button"
            onClick={trusted(() => {
              setText(offer.text);
              setOffer(null);
              area.current?.focus();
            })}
          >
            Restore draft
          </button>{' '}
          <button
            type="button"
            onClick={trusted(() => {
              setOffer(null);
              void onDiscardDraft().catch(() => undefined);
              area.current?.focus();
            })}
          >
            Discard it
          </button>
        </div>
      )}
      <textarea
        id="tn-note-editor"
        ref={area}
        value={text}
        dir="auto"
        placeholder="Only you can see this."
        onInput={trusted((event) => {
          setText(event.currentTarget.value);
          setConfirming(false);
        })}
        onBlur={trusted((event) => {
          const next = event.relatedTarget;
          const editor = event.currentTarget.closest('.editor');
          if (next instanceof Node && editor?.contains(next)) return;
          if (dirty && !confirming && !done.current && state.kind !== 'saving') void save();
        })}
        onKeyDown={trusted((event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void save();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            if (dirty) setConfirming(true);
            else onClose();
          }
        })}
      />
      <div class="row">
        <button type="button" class="action primary" onClick={trusted(() => save())}>
          Save
        </button>
        <button
          type="button"
          class="action"
          onClick={trusted(() => (dirty ? setConfirming(true) : onClose()))}
        >
          Cancel
        </button>
        <span class="muted">
          Ctrl+Enter saves · {text.length.toLocaleString()} / {MAX_NOTE_LENGTH.toLocaleString()}
        </span>
      </div>
      {confirming && (
        <div class="confirm" role="alertdialog" aria-label="Discard unsaved text?">
          Discard what you typed?{' '}
          <button
            type="button"
            class="action"
            onClick={trusted(() => {
              void onDiscardDraft().catch(() => undefined);
              onClose();
            })}
          >
            Discard
          </button>{' '}
          <button
            type="button"
            class="action"
            onClick={trusted(() => {
              setConfirming(false);
              area.current?.focus();
            })}
          >
            Keep editing
          </button>
        </div>
      )}
      {state.kind === 'saving' && <p class="muted">Saving…</p>}
      {state.kind === 'failed' && (
        <p class="error" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
