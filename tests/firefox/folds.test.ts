/** The fold flows Chromium runs too (tests/browser/folds.test.ts), here in Firefox ESR. */
import { foldFlows } from '../flows/folds';
import { firefoxDriver, firefoxForSuite } from '../kit/firefox';

foldFlows(firefoxDriver(firefoxForSuite(undefined, { each: true })));
