/**
 * The `?` overlay: the page's keys, drawn from the one table the options page lists too
 * (src/shared/page-keys.ts), so the two never disagree, letter case included.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { PAGE_KEYS, PAGE_KEYS_HINT } from '../../shared/page-keys';
import { trusted } from '../trusted';

export function KeyHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => close.current?.focus(), []);
  return (
    <div
      class="backdrop"
      onClick={trusted((event) => {
        if (event.target === event.currentTarget) onClose();
      })}
    >
      <div
        class="help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="tn-keys-title"
        onKeyDown={trusted((event) => {
          if (event.key === 'Escape' || event.key === '?') {
            event.preventDefault();
            event.stopPropagation();
            onClose();
          }
        })}
      >
        <h2 id="tn-keys-title">Threadnote keys</h2>
        <p class="hint">{PAGE_KEYS_HINT}</p>
        <table>
          <tbody>
            {PAGE_KEYS.map(({ keys, action }) => (
              <tr key={keys}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={close} type="button" class="close" onClick={trusted(onClose)}>
          Close
        </button>
      </div>
    </div>
  );
}
