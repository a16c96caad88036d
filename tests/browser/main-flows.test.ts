/** The flows Firefox runs too (tests/firefox/main-flows.test.ts), here in Chromium. */
import { chromiumForSuite } from '../kit/driver';
import { mainFlows } from '../flows/main';

mainFlows(chromiumForSuite());
