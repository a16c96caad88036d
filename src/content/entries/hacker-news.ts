/** The content script of Hacker News: Threadnote with this forum's adapter alone. */
import { hackerNews } from '../../sites/hacker-news';
import { startThreadnote } from '../index';

startThreadnote((url) => (hackerNews.handles(url) ? hackerNews : null));
