/** What the options page hands each of its sections, kept apart so sections need not import it. */
import type { OptionsConnector } from '../connector';
import type { SyncConnector } from './SyncConnector';

export interface SectionProps {
  connector: OptionsConnector;
  /** Goes up whenever a section changes stored records, so every section reads them again. */
  revision: number;
  onChanged: () => void;
  /** Settings → Sync's own way to the worker (absent where the page has none). */
  sync?: SyncConnector;
}
