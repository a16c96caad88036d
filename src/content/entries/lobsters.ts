/** The content script of Lobsters: Threadnote with this forum's adapter alone. */
import { lobsters } from '../../sites/lobsters';
import { startThreadnote } from '../index';

startThreadnote((url) => (lobsters.handles(url) ? lobsters : null));
