import { render } from 'preact';
import { Options } from './Options';
import { extensionConnector } from './connector';
import { syncConnector } from './sections/SyncConnector';

// A file dropped outside the import area would otherwise replace this page with the file.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (event) => event.preventDefault());
}

const root = document.getElementById('app');
if (root) render(<Options connector={extensionConnector} sync={syncConnector} />, root);
