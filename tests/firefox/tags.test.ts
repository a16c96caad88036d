/** The tag flows Chromium runs too (tests/browser/tags.test.ts), here in Firefox ESR. */
import { tagFlows } from '../flows/tags';
import { firefoxDriver, firefoxForSuite } from '../kit/firefox';

tagFlows(firefoxDriver(firefoxForSuite(undefined, { each: true })));
