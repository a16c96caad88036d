import { render } from 'preact';
import { Options } from './Options';
import { extensionConnector } from './connector';

const root = document.getElementById('app');
if (root) render(<Options connector={extensionConnector} />, root);
