/** The export and import flows Chromium runs too (tests/browser/export-import.test.ts), in Firefox. */
import { exportImportFlows } from '../flows/export-import';
import { firefoxDriver, firefoxForSuite } from '../kit/firefox';

exportImportFlows(firefoxDriver(firefoxForSuite()));
