import type { ComponentType } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import type { OptionsConnector } from './connector';
import { AboutSection } from './sections/AboutSection';
import { DataSection } from './sections/DataSection';
import { ShortcutsSection } from './sections/ShortcutsSection';
import { SitesSection } from './sections/SitesSection';
import { SyncSection } from './sections/SyncSection';
import { TagsSection } from './sections/TagsSection';
import type { SectionProps } from './sections/section';
import type { SyncConnector } from './sections/SyncConnector';

/** The page's sections, in order: a new one is a component in sections/ and a line here. */
const sections: { id: string; title: string; Component: ComponentType<SectionProps> }[] = [
  { id: 'tags', title: 'Tags', Component: TagsSection },
  { id: 'sites', title: 'Sites', Component: SitesSection },
  { id: 'data', title: 'Your data', Component: DataSection },
  { id: 'sync', title: 'Sync', Component: SyncSection },
  { id: 'shortcuts', title: 'Keyboard', Component: ShortcutsSection },
  { id: 'about', title: 'About & privacy', Component: AboutSection },
];

export function Options({
  connector,
  sync,
}: {
  connector: OptionsConnector;
  sync?: SyncConnector;
}) {
  // An import brings tags and a rename changes what an export can choose: one counter for all.
  const [revision, setRevision] = useState(0);
  const onChanged = useCallback(() => setRevision((value) => value + 1), []);
  return (
    <>
      <header class="page-header">
        <img src="/icons/icon-32.png" alt="" width={24} height={24} />
        <h1>Threadnote settings</h1>
        <nav aria-label="Sections">
          {sections.map(({ id, title }) => (
            <a key={id} href={`#${id}`}>
              {title}
            </a>
          ))}
        </nav>
      </header>
      <main>
        {sections.map(({ id, title, Component }) => (
          <section key={id} id={id} aria-labelledby={`${id}-title`}>
            <h2 id={`${id}-title`}>{title}</h2>
            <Component
              connector={connector}
              revision={revision}
              onChanged={onChanged}
              sync={sync}
            />
          </section>
        ))}
      </main>
      <footer>Everything Threadnote keeps stays in this browser profile.</footer>
    </>
  );
}
