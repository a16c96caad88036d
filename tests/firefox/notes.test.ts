/** The note flows Chromium runs too (tests/browser/notes.test.ts), here in Firefox ESR. */
import { noteFlows } from '../flows/notes';
import { firefoxDriver, firefoxForSuite } from '../kit/firefox';

// Firefox loses the draft sent from `pagehide` as the tab closes: see NoteFlowOptions.
noteFlows(firefoxDriver(firefoxForSuite(undefined, { each: true })), { draftOnClose: false });
