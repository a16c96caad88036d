/**
 * The content script of Discourse hosts, which the worker registers and injects at run time
 * (src/background/site-access.ts) on each host the reader enables; never on a fixed forum's host.
 */
import { discourse } from '../../sites/discourse';
import { startThreadnote } from '../index';

startThreadnote((url) => (discourse.looksLike(url) ? discourse.forHost(url.host) : null));
