/**
 * Every event listener of the content script acts only on the reader's own input
 * (src/content/trusted.ts): a forum's scripts can dispatch synthetic events on anything they reach.
 * This reads src/content with TypeScript's parser so that a new handler cannot forget the guard:
 * an `on…=` handler on a DOM element, or an `addEventListener` call, must pass `trusted(…)`, or
 * a name declared as `trusted(…)` in the same file. A feature's cleanup on its session's
 * `signal` ('abort') is no page event: the signal is the content script's own, out of the page's
 * reach.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { trusted } from '../../src/content/trusted';

const ROOT = join(process.cwd(), 'src/content');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const isTrustedCall = (node: ts.Node | undefined): boolean =>
  node !== undefined &&
  ts.isCallExpression(node) &&
  ts.isIdentifier(node.expression) &&
  node.expression.text === 'trusted';

/** The listeners in a file that do not go through `trusted`, as `file:line text`. */
function unguarded(path: string, text = readFileSync(path, 'utf8')): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const guardedNames = new Set<string>();
  const listeners: { node: ts.Node; handler: ts.Expression | undefined }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) &&
      isTrustedCall(node.initializer)
    ) {
      guardedNames.add(node.name.getText(file));
    }
    if (ts.isJsxAttribute(node) && /^on[A-Z]/.test(node.name.getText(file))) {
      const element = node.parent.parent;
      // Lower-case tags are DOM elements; a component's on… props are plain callbacks.
      if (/^[a-z]/.test(element.tagName.getText(file))) {
        const value = node.initializer;
        listeners.push({
          node,
          handler: value && ts.isJsxExpression(value) ? value.expression : undefined,
        });
      }
    }
    // `document.addEventListener(…)`, or the bare global `addEventListener(…)`.
    const callee = ts.isCallExpression(node) ? node.expression : undefined;
    const called =
      callee && ts.isPropertyAccessExpression(callee) ? callee.name : (callee ?? undefined);
    const onOwnSignal =
      ts.isCallExpression(node) &&
      callee !== undefined &&
      ts.isPropertyAccessExpression(callee) &&
      callee.expression.getText(file) === 'signal' &&
      node.arguments[0]?.getText(file) === "'abort'";
    if (ts.isCallExpression(node) && called?.getText(file) === 'addEventListener' && !onOwnSignal) {
      listeners.push({ node, handler: node.arguments[1] });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return listeners
    .filter(({ handler }) => {
      if (isTrustedCall(handler)) return false;
      const name =
        handler && (ts.isIdentifier(handler) || ts.isPropertyAccessExpression(handler))
          ? handler.getText(file).replace(/^this\./, '')
          : null;
      return name === null || !guardedNames.has(name);
    })
    .map(({ node }) => {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      return `${path.slice(ROOT.length + 1)}:${line + 1} ${node.getText(file).slice(0, 40)}`;
    });
}

describe('trusted', () => {
  it('passes on the reader’s own events and drops those a script made', () => {
    const handler = vi.fn();
    const guarded = trusted(handler);
    const made = { isTrusted: false } as Event;
    const real = { isTrusted: true } as Event;
    guarded(made);
    guarded(real);
    expect(handler.mock.calls).toEqual([[real]]);
  });
});

describe('content script listeners', () => {
  it('all act on trusted events only', () => {
    const files = sources(ROOT);
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((path) => unguarded(path))).toEqual([]);
  });

  it('finds handlers without the guard', () => {
    const text = `
      const onKey = trusted((event: KeyboardEvent) => event.key);
      const onFocus = (event: FocusEvent) => event.target;
      document.addEventListener('keydown', onKey);
      document.addEventListener('focusin', onFocus);
      addEventListener('popstate', () => undefined);
      signal.addEventListener('abort', () => undefined);
      window.addEventListener('abort', () => undefined);
      const a = <button onClick={trusted(() => undefined)} />;
      const b = <button onClick={() => undefined} />;
      const c = <Picker onChange={(tags: string[]) => tags} />;
    `;
    expect(unguarded(join(ROOT, 'example.tsx'), text).map((found) => found.split(' ')[0])).toEqual([
      'example.tsx:5',
      'example.tsx:6',
      'example.tsx:8',
      'example.tsx:10',
    ]);
  });

  it('reach their shadow roots only through shadowOf: the page cannot, since they are closed', () => {
    const uses = sources(ROOT).filter((path) =>
      /\.shadowRoot\b|mode: 'open'/.test(readFileSync(path, 'utf8')),
    );
    expect(uses).toEqual([]);
  });
});
