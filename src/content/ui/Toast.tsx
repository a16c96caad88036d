import { trusted } from '../trusted';
/**
 * One line at the corner of the page for what the reader must know about saving: edits waiting for
 * the database, a failed key press, an edit refused. Text only, never HTML.
 */
import { render } from 'preact';
import { createShadowHost, shadowOf } from '../shadow';
import { toastCss } from './styles';

export type ToastTone = 'pending' | 'done' | 'error';

export function Toast({
  text,
  tone,
  onClose,
}: {
  text: string;
  tone: ToastTone;
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
  private host: HTMLElement | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  show(text: string, tone: ToastTone, hideAfterMs?: number): void {
    clearTimeout(this.timer);
    if (!this.host) {
      this.host = createShadowHost('tn-toast', toastCss);
      document.body.append(this.host);
    } else if (!this.host.isConnected) {
      // Apps that replace the body (Discourse) take the host with it.
      document.body.append(this.host);
    }
    render(<Toast text={text} tone={tone} onClose={() => this.hide()} />, shadowOf(this.host));
    if (hideAfterMs !== undefined) this.timer = setTimeout(() => this.hide(), hideAfterMs);
  }

  hide(): void {
    clearTimeout(this.timer);
    if (!this.host) return;
    render(null, shadowOf(this.host));
    this.host.remove();
    this.host = null;
  }
}
