/** The `?` overlay on the page (ui/KeyHelp.tsx), opened and closed by the keyboard feature. */
import { ShadowUi } from './shadow';
import { KeyHelp } from './ui/KeyHelp';
import { keyHelpCss } from './ui/styles';

export class KeyHelpHost {
  private ui: ShadowUi | null = null;

  /** `onClosed` puts the focus back where the reader was. */
  constructor(private readonly onClosed: () => void) {}

  isOpen(): boolean {
    return this.ui !== null;
  }

  toggle(): void {
    if (this.ui) {
      this.close();
      return;
    }
    this.ui = new ShadowUi('tn-key-help', keyHelpCss);
    document.body.append(this.ui.host);
    this.ui.render(<KeyHelp onClose={() => this.close()} />);
  }

  close(refocus = true): void {
    if (!this.ui) return;
    this.ui.remove();
    this.ui = null;
    if (refocus) this.onClosed();
  }
}
