import { trusted } from '../trusted';
/**
 * One line at the corner of the page for what the reader must know about saving: edits waiting for
 * the database, a failed key press, an edit refused, and what can be undone. Text only, never HTML.
 */
import { ShadowUi } from '../shadow';
import { toastCss, toastActionCss } from './styles';

export type ToastTone = 'pending' | 'done' | 'error';

/** A button on the toast, such as Undo. */
export interface ToastAction {
  label: string;
  run: () => void;
}

export function Toast({
  text,
  tone,
  action,
  onClose,
}: {
  text: string;
  tone: ToastTone;
  action?: ToastAction | undefined;
  onClose: () => void;
}) {
  // Errors interrupt; progress and "Saved." wait for a pause in what a screen reader says.
  return (
    <div
      class={`toast ${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      aria-live={tone === 'error' ? 'assertive' : 'polite'}
    >
      <span class="text">{text}</span>
      {action && (
        <>
          <span aria-hidden="true"> · </span>
          <button type="button" class="action" onClick={trusted(action.run)}>
            {action.label}
          </button>
        </>
      )}
      {tone !== 'pending' && (
        <button type="button" aria-label="Close this message" onClick={trusted(onClose)}>
          close
        </button>
      )}
    </div>
  );
}

/** The page's one toast. `hideAfterMs` clears it unless another message replaced it first. */
export class Toaster {
  private ui: ShadowUi | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  show(text: string, tone: ToastTone, hideAfterMs?: number, action?: ToastAction): void {
    clearTimeout(this.timer);
    if (!this.ui) {
      this.ui = new ShadowUi('tn-toast', toastCss + toastActionCss);
      document.body.append(this.ui.host);
    } else if (!this.ui.host.isConnected) {
      // Apps that replace the body (Discourse) take the host with it.
      document.body.append(this.ui.host);
    }
    this.ui.render(<Toast text={text} tone={tone} action={action} onClose={() => this.hide()} />);
    if (hideAfterMs !== undefined) this.timer = setTimeout(() => this.hide(), hideAfterMs);
  }

  hide(): void {
    clearTimeout(this.timer);
    this.ui?.remove();
    this.ui = null;
  }
}
