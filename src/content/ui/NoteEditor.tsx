import { trusted } from '../trusted';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Draft } from '../../shared/messages';
import { MAX_NOTE_LENGTH, type NoteVersion } from '../../shared/model';
import { displayText } from '../../shared/note-text';
import { reasonOf } from '../outbox';

export interface NoteEditorProps {
  label: string;
  saved: string;
  /** A draft kept from an earlier edit that was never saved, offered back. */
  draft: Draft | null;
  /** Texts written elsewhere that a save replaced unseen, newest first. */
  versions: readonly NoteVersion[];
  /**
   * Resolves once the note is stored; `onWaiting` hears why, each time a save must wait (a full
   * disk, a worker restarting) before it is sent again.
   */
  onSave: (text: string, onWaiting: (reason: string) => void) => Promise<void>;
  onRestore: (version: NoteVersion) => Promise<void>;
  onDismiss: (version: NoteVersion) => Promise<void>;
  onDraft: (text: string) => Promise<void>;
  onDiscardDraft: () => Promise<void>;
  onClose: () => void;
}

const DRAFT_PAUSE_MS = 500;
const EXCERPT_LENGTH = 120;

let timeFormat: Intl.DateTimeFormat | undefined;

/**
 * Made at first use, not when the UI script loads: a formatter loads the locale's data, about 13 ms
 * of script that every page paid (bench/script-cost.mjs).
 */
function formatTime(date: Date): string {
  timeFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return timeFormat.format(date);
}

/** A stored time as the reader reads it; a stamp that is not a date shows as it is. */
function when(stamp: string): string {
  const date = new Date(stamp);
  return Number.isNaN(date.getTime()) ? stamp : formatTime(date);
}

function excerpt(note: string): string {
  const line = displayText(note).replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH - 1)}…` : line;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  /** Sent, not stored yet: the outbox sends it again. */
  | { kind: 'waiting'; message: string }
  | { kind: 'failed'; message: string };

/**
 * An inline note editor that never loses typing: drafts are kept after a short pause and when
 * the page goes away, the text stays until the worker stored it (a save that must wait says why,
 * one refused says so), and leaving with unsaved text asks first.
 */
export function NoteEditor({
  label,
  saved,
  draft,
  versions,
  onSave,
  onRestore,
  onDismiss,
  onDraft,
  onDiscardDraft,
  onClose,
}: NoteEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(saved);
  const [offer, setOffer] = useState(draft && draft.text !== saved ? draft : null);
  const [confirming, setConfirming] = useState(false);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
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

  const save = async (value = text): Promise<void> => {
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
      await onSave(note, (reason) => {
        const said = reason.replace(/\.$/, '');
        setState({ kind: 'waiting', message: `Not saved yet (${said}). Trying again…` });
        // The draft is kept meanwhile, so a closed tab loses nothing either.
        void onDraft(value).catch(() => undefined);
      });
      done.current = true;
      setState({ kind: 'idle' });
      onClose();
    } catch (failure) {
      const reason = reasonOf(failure, 'Threadnote refused the change.');
      setState({ kind: 'failed', message: `Not saved: ${reason} Your text is still here.` });
      void onDraft(value).catch(() => undefined);
    }
  };

  const settle = async (work: () => Promise<void>): Promise<boolean> => {
    try {
      await work();
      return true;
    } catch (failure) {
      const reason = reasonOf(failure, 'Threadnote refused the change.');
      setState({ kind: 'failed', message: `Not changed: ${reason}` });
      return false;
    }
  };

  return (
    <div class="editor" role="group" aria-label={label}>
      <label for="tn-note-editor">{label}</label>
      {offer && (
        <div class="offer" role="status">
          You have an unsaved draft from {formatTime(new Date(offer.savedAt))}.{' '}
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
          // A save already sent is not sent again: the outbox keeps trying it.
          if (dirty && !confirming && !done.current && state.kind === 'idle') void save();
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
      {versions.length > 0 && (
        <section class="versions" aria-label="Other versions of this note">
          <p>
            {versions.length === 1
              ? 'Another version, written elsewhere, was replaced and kept:'
              : `${versions.length} other versions, written elsewhere, were replaced and kept:`}
          </p>
          <ul>
            {versions.map((version) => (
              <li key={version.updatedAt}>
                <span class="excerpt" dir="auto">
                  {excerpt(version.note)}
                </span>{' '}
                <span class="muted">{when(version.updatedAt)}</span>{' '}
                <button
                  type="button"
                  class="action"
                  onClick={trusted(async () => {
                    if (await settle(() => onRestore(version))) {
                      setText(version.note);
                      area.current?.focus();
                    }
                  })}
                >
                  Restore
                </button>{' '}
                <button
                  type="button"
                  class="action"
                  onClick={trusted(() => void settle(() => onDismiss(version)))}
                >
                  Dismiss
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {state.kind === 'saving' && <p class="muted">Saving…</p>}
      {(state.kind === 'failed' || state.kind === 'waiting') && (
        <p class="error" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
