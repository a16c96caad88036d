/** The fold flows Firefox runs too (tests/firefox/folds.test.ts), here in Chromium. */
import { chromiumForSuite } from '../kit/driver';
import { foldFlows } from '../flows/folds';

foldFlows(chromiumForSuite({ each: true }));
