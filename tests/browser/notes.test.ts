/** The note flows Firefox runs too (tests/firefox/notes.test.ts), here in Chromium. */
import { chromiumForSuite } from '../kit/driver';
import { noteFlows } from '../flows/notes';

noteFlows(chromiumForSuite({ each: true }));
