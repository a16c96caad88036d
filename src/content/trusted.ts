/**
 * Threadnote's controls live in the forum's page, whose scripts (third-party ones included) can
 * dispatch clicks, keys, input and focus events on anything they reach. Events the browser makes
 * from the reader's own input carry `isTrusted`; synthetic ones never do. Every listener in
 * src/content goes through this wrapper (tests/unit/trusted-listeners.test.ts checks), so a page
 * script cannot tag, fold, hide, open or rewrite anything by pretending to be the reader.
 */
export function trusted<E extends Event>(handler: (event: E) => unknown): (event: E) => void {
  return (event) => {
    if (event.isTrusted) void handler(event);
  };
}
