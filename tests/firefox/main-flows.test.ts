/** The flows Chromium runs too (tests/browser/main-flows.test.ts), here in Firefox ESR. */
import { mainFlows } from '../flows/main';
import { firefoxDriver, firefoxForSuite } from '../kit/firefox';

mainFlows(firefoxDriver(firefoxForSuite()));
