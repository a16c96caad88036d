import { trusted } from '../trusted';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type CommentAnnotation, type Tag, type UserAnnotation } from '../../shared/model';
import type { CommentOp, UserOp } from '../../shared/operations';
import { foldOp } from '../edits';
import { reasonOf } from '../outbox';
import { floatNear, pinnedTo } from './popover';
import { TagPicker } from './TagPicker';

/** How long a success message stays before it fades; errors stay until the next message. */
const DONE_FADES_MS = 2500;

interface Message {
  text: string;
  tone: 'pending' | 'done' | 'error';
}

export interface ControlTarget {
  key: string;
  author: string | null;
  replies: number;
  annotation: CommentAnnotation | null;
  user: UserAnnotation | null;
}

export interface ControlPanelProps {
  target: ControlTarget;
  knownTags: Tag[];
  quickTags: readonly string[];
  open: boolean;
  /** What the panel is placed against: the header the trigger sits in. */
  frame: Element | null;
  onOpenChange: (open: boolean) => void;
  /** Each resolves once the worker stored the operations. */
  onEdit: (ops: CommentOp[]) => Promise<void>;
  onUserEdit: (ops: UserOp[]) => Promise<void>;
  /** Opens the inline note editor for the comment or for its author. */
  onOpenNote: (kind: 'comment' | 'user') => void;
}

/** The per-comment control: a small button that opens tag, note and fold actions in place. */
export function ControlPanel({
  target,
  knownTags,
  quickTags,
  open,
  frame,
  onOpenChange,
  onEdit,
  onUserEdit,
  onOpenNote,
}: ControlPanelProps) {
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  // One line for the latest word on saving: a newer message replaces the last, never sits beside it.
  const [message, setMessage] = useState<Message | null>(null);
  const say = (text: string, tone: Message['tone']) => setMessage(text ? { text, tone } : null);
  const setError = (text: string) => say(text, 'error');

  const folded = (target.annotation?.fold ?? 'none') !== 'none';

  // A layout effect: the field must have focus before the next key arrives (t, then typing).
  useLayoutEffect(() => {
    if (!open) return;
    setMessage(null);
    panel.current?.querySelector<HTMLInputElement>('input')?.focus();
    // Reset only when the panel opens or moves to another comment, never while typing.
  }, [open, target.key]);

  useLayoutEffect(() => {
    const floating = panel.current;
    const anchor = trigger.current;
    if (!open || !floating || !anchor) return undefined;
    return floatNear(frame ? pinnedTo(frame, anchor) : anchor, floating);
  }, [open, target.key, frame]);

  useEffect(() => {
    if (message?.tone !== 'done') return undefined;
    const timer = setTimeout(() => setMessage(null), DONE_FADES_MS);
    return () => clearTimeout(timer);
  }, [message]);

  /** "Saved" is said only once the worker stored the change; until then, that it is on its way. */
  const attempt = async (work: () => Promise<void>, done: string): Promise<boolean> => {
    say('Saving…', 'pending');
    try {
      await work();
      say(done, 'done');
      return true;
    } catch (failure) {
      setError(reasonOf(failure, 'Threadnote refused the change.'));
      return false;
    }
  };
  const run = (ops: CommentOp[], done: string) => attempt(() => onEdit(ops), done);

  const close = () => onOpenChange(false);

  const who = target.author ?? 'a deleted account';

  return (
    <>
      <button
        ref={trigger}
        type="button"
        class="trigger"
        aria-haspopup="dialog"
        aria-expanded={open}
        title="Threadnote: tag, note or fold this comment (key: t)"
        onClick={trusted(() => onOpenChange(!open))}
      >
        ✎ Threadnote
      </button>
      {open && (
        <div
          ref={panel}
          class="panel"
          role="dialog"
          aria-label={`Threadnote for the comment by ${who}`}
          onKeyDown={trusted((event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          })}
        >
          <h2>Comment by {who}</h2>
          <TagPicker
            id="comment-tags"
            label="Tags"
            applied={target.annotation?.tags ?? []}
            known={knownTags}
            onChange={(ops) => run(ops, 'Tags saved.')}
            onError={setError}
          />
          {quickTags.length > 0 && (
            <p class="muted hint">
              Quick tags on a focused comment:{' '}
              {quickTags.map((name, index) => `${index + 1} ${name}`).join(' · ')}
            </p>
          )}
          <section class="row">
            <button
              type="button"
              class="action primary"
              onClick={trusted(() => onOpenNote('comment'))}
            >
              {target.annotation?.note ? 'Edit note' : 'Write a note'}
            </button>
            {target.author && (
              <button type="button" class="action" onClick={trusted(() => onOpenNote('user'))}>
                {target.user?.note ? `Edit note on ${target.author}` : `Note on ${target.author}`}
              </button>
            )}
          </section>
          <section class="row">
            <button
              type="button"
              class="action"
              onClick={trusted(async () => {
                const fold = folded ? 'none' : 'collapsed';
                if (await run([foldOp(fold)], folded ? 'Expanded.' : 'Collapsed.')) close();
              })}
            >
              {folded
                ? 'Expand subthread'
                : target.replies === 0
                  ? 'Collapse comment'
                  : `Collapse subthread (${target.replies} ${target.replies === 1 ? 'reply' : 'replies'})`}
            </button>
            <button
              type="button"
              class="action"
              title="Hide this comment and its replies; the bar above the thread brings them back"
              onClick={trusted(async () => {
                if (await run([foldOp('hidden')], 'Hidden.')) onOpenChange(false);
              })}
            >
              Hide subthread
            </button>
          </section>
          {target.author && (
            <TagPicker
              id="user-tags"
              label={`Tags for ${target.author}, on all their comments`}
              applied={target.user?.tags ?? []}
              known={knownTags}
              onChange={(ops) => attempt(() => onUserEdit(ops), 'User tags saved.')}
              onError={setError}
            />
          )}
          <div
            class={message ? `message ${message.tone}` : 'message'}
            role={message?.tone === 'error' ? 'alert' : 'status'}
          >
            {message?.text}
          </div>
        </div>
      )}
    </>
  );
}
