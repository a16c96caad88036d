import type { OptionsConnector } from './connector';
import { TagsSection } from './TagsSection';

/** The options page: one component per section. */
export function Options({ connector }: { connector: OptionsConnector }) {
  return (
    <main>
      <header class="page-header">
        <img src="/icons/icon-32.png" alt="" width={24} height={24} />
        <h1>Threadnote</h1>
      </header>
      <TagsSection connector={connector} />
      <footer>Everything Threadnote keeps stays in this browser profile.</footer>
    </main>
  );
}
