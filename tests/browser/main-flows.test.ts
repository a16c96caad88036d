/** The flows Firefox runs too (tests/firefox/main-flows.test.ts), here in Chromium. */
import { chromiumForSuite } from './driver';
import { mainFlows } from './main-flows';

mainFlows(chromiumForSuite());
