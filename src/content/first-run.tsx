/**
 * One hint on the first supported thread after install: how to open the panel and find the keys.
 * Dismissed once, it never shows again on any page (a setting in the worker's database).
 */
import type { SessionContext } from './context';
import { ShadowUi } from './shadow';
import { trusted } from './trusted';
import { firstRunCss } from './ui/styles';

function Hint({ onDismiss }: { onDismiss: () => void }) {
  return (
    <aside class="hint" aria-label="Threadnote is on">
      <p>
        <strong>Threadnote is on.</strong> Hover a comment and click “✎ Threadnote”, or click a
        comment and press <kbd>t</kbd>, to tag it; <kbd>n</kbd> writes a note. Press <kbd>?</kbd>{' '}
        for every key.
      </p>
      <button type="button" onClick={trusted(onDismiss)}>
        Got it
      </button>
    </aside>
  );
}

export function startFirstRunHint({ annotator }: SessionContext, signal: AbortSignal): void {
  const { model } = annotator;
  if (model.firstRunHintDone() || model.comments().length === 0) return;
  const ui = new ShadowUi('tn-first-run', firstRunCss);
  document.body.append(ui.host);
  ui.render(
    <Hint
      onDismiss={() => {
        ui.remove();
        annotator.editing(() => model.dismissFirstRunHint());
      }}
    />,
  );
  signal.addEventListener('abort', () => ui.remove());
}
