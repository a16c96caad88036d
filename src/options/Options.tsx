import type { ComponentType } from 'preact';
import type { OptionsConnector } from './connector';
import { DataSection } from './sections/DataSection';

export interface SectionProps {
  connector: OptionsConnector;
}

/** The page's sections, in order: a new one is a component in sections/ and a line here. */
const sections: { id: string; title: string; Component: ComponentType<SectionProps> }[] = [
  { id: 'data', title: 'Your data', Component: DataSection },
];

export function Options({ connector }: SectionProps) {
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
            <Component connector={connector} />
          </section>
        ))}
      </main>
      <footer>Everything Threadnote keeps stays in this browser profile.</footer>
    </>
  );
}
