/** The note flows Chromium runs too (tests/browser/notes.test.ts), here in Firefox ESR. */
import { noteFlows } from '../flows/notes';
import { firefoxDriver, firefoxForSuite } from '../kit/firefox';

noteFlows(firefoxDriver(firefoxForSuite(undefined, { each: true })));
