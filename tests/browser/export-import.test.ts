/** The export and import flows Firefox runs too (tests/firefox/export-import.test.ts), in Chromium. */
import { chromiumForSuite } from '../kit/driver';
import { exportImportFlows } from '../flows/export-import';

exportImportFlows(chromiumForSuite());
