import { render } from 'preact';
import { Popup } from './Popup';
import { extensionConnector } from './connector';

const root = document.getElementById('app');
if (root) render(<Popup connector={extensionConnector} />, root);
