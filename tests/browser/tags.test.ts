/** The tag flows Firefox runs too (tests/firefox/tags.test.ts), here in Chromium. */
import { chromiumForSuite } from '../kit/driver';
import { tagFlows } from '../flows/tags';

tagFlows(chromiumForSuite({ each: true }));
