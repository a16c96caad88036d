/** What the options page hands each of its sections, kept apart so sections need not import it. */
import type { OptionsConnector } from '../connector';

export interface SectionProps {
  connector: OptionsConnector;
  /** Goes up whenever a section changes stored records, so every section reads them again. */
  revision: number;
  onChanged: () => void;
}
