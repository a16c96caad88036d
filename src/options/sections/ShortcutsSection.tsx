import { useEffect, useState } from 'preact/hooks';
import { PAGE_KEYS, PAGE_KEYS_HINT } from '../../shared/page-keys';
import type { Shortcut } from '../connector';
import type { SectionProps } from './section';
import { errorText } from './data/describe';

/** The keys on forum pages, and the browser-wide shortcut, which the browser's own page changes. */
export function ShortcutsSection({ connector }: SectionProps) {
  const [shortcuts, setShortcuts] = useState<Shortcut[] | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    let live = true;
    connector.shortcuts().then(
      (next) => live && setShortcuts(next),
      (failure: unknown) => live && setMessage(errorText(failure)),
    );
    return () => {
      live = false;
    };
  }, [connector]);

  const change = async () => {
    const opened = await connector.openShortcutSettings();
    if (!opened) {
      setMessage(
        'Open the add-ons manager (about:addons), click the gear and choose “Manage Extension Shortcuts”.',
      );
    }
  };

  return (
    <>
      <h3>In the browser</h3>
      <table class="keys">
        <thead>
          <tr>
            <th scope="col">Shortcut</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {(shortcuts ?? []).map((shortcut) => (
            <tr key={shortcut.description}>
              <td>{shortcut.shortcut ? <kbd>{shortcut.shortcut}</kbd> : 'Not set'}</td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" onClick={() => void change()}>
          Change in the browser’s shortcut settings
        </button>
      </p>
      <p class="status" role="status">
        {message}
      </p>
      <h3>On a forum page</h3>
      <p class="hint">{PAGE_KEYS_HINT}</p>
      <table class="keys">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {PAGE_KEYS.map(({ keys, action }) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
