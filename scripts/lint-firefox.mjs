#!/usr/bin/env node
/**
 * `npm run lint:firefox`: `web-ext lint` (Mozilla's addons-linter, which addons.mozilla.org runs
 * on every upload) on the Firefox build in dist-firefox/. Fails on any error, notice or warning
 * except the ones docs/contributing.md explains: Preact's renderer can set innerHTML, for the
 * `dangerouslySetInnerHTML` prop that ESLint forbids in Threadnote's code; and PouchDB's
 * `scopeEval` (the Function constructor), used only for filters given as strings, which sync
 * never passes.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import webExt from 'web-ext';

const DIST = resolve(process.argv[2] ?? 'dist-firefox');

/** How far before the flagged assignment Preact's renderer names the prop it serves. */
const PREACT_WINDOW = 400;

/** Preact's `e.innerHTML = props.dangerouslySetInnerHTML.__html`, and nothing else. */
function isPreactInnerHtml(warning) {
  if (warning.code !== 'UNSAFE_VAR_ASSIGNMENT' || !warning.file) return false;
  const line = readFileSync(join(DIST, warning.file), 'utf8').split('\n')[warning.line - 1] ?? '';
  const at = line.slice(warning.column - 1, warning.column + 40);
  const before = line.slice(Math.max(0, warning.column - PREACT_WINDOW), warning.column);
  return at.includes('.innerHTML=') && before.includes('dangerouslySetInnerHTML');
}

/** pouchdb-utils' `scopeEval`: `Function.apply(null, keys)`, in the worker's bundle only. */
function isPouchScopeEval(warning) {
  if (warning.code !== 'DANGEROUS_EVAL' || !warning.file?.startsWith('assets/index.ts-')) {
    return false;
  }
  const line = readFileSync(join(DIST, warning.file), 'utf8').split('\n')[warning.line - 1] ?? '';
  return line.slice(warning.column - 1, warning.column + 40).startsWith('Function.apply(null,');
}

const result = await webExt.cmd.lint(
  { sourceDir: DIST, output: 'text', boring: !process.stdout.isTTY },
  { shouldExitProgram: false },
);

const explained = result.warnings.filter(
  (warning) => isPreactInnerHtml(warning) || isPouchScopeEval(warning),
);
const unexplained = [
  ...result.errors,
  ...result.notices,
  ...result.warnings.filter((warning) => !explained.includes(warning)),
];
console.log(
  `web-ext lint: ${result.errors.length} errors, ${result.notices.length} notices, ` +
    `${result.warnings.length} warnings (${explained.length} explained in the README: ` +
    `Preact's dangerouslySetInnerHTML, which Threadnote never uses, and PouchDB's string filters, ` +
    `which sync never passes).`,
);
if (unexplained.length > 0) {
  for (const { code, file, line, message } of unexplained) {
    console.error(`  ${code} ${file ?? ''}${line ? `:${line}` : ''} ${message}`);
  }
  console.error('Fix these, or explain each in the README and here.');
  process.exit(1);
}
