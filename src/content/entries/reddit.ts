/** The content script of classic Reddit: Threadnote with this forum's adapter alone. */
import { classicReddit } from '../../sites/reddit';
import { startThreadnote } from '../index';

startThreadnote((url) => (classicReddit.handles(url) ? classicReddit : null));
