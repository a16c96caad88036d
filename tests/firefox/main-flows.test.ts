/** The flows Chromium runs too (tests/browser/main-flows.test.ts), here in Firefox ESR. */
import { mainFlows } from '../browser/main-flows';
import { firefoxDriver, firefoxForSuite } from './harness';

mainFlows(firefoxDriver(firefoxForSuite()));
