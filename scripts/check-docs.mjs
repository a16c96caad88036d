#!/usr/bin/env node
/**
 * Part of `npm run lint`: fails on merge-conflict markers in any tracked file, and on relative
 * links in Markdown that lead nowhere (a missing file, or a `#fragment` that names no heading of
 * its target). Links to other sites are not followed: CI has no network.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import MarkdownIt from 'markdown-it';

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  encoding: 'utf8',
})
  .split('\n')
  // A worktree's node_modules may be a symlink that .gitignore's `node_modules/` does not match.
  .filter((file) => file !== '' && existsSync(file) && statSync(file).isFile());

const problems = [];

// A saved forum page may hold a line of equals signs; the markers that git writes never start one.
const MARKER = /^(<{7} |>{7} |={7}$)/;
for (const file of files) {
  if (/\.(png|jpe?g|ico|zip|pem|key|crt)$/i.test(file) || file.endsWith('.html')) continue;
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (MARKER.test(line)) problems.push(`${file}:${index + 1}: merge-conflict marker`);
  });
}

const md = new MarkdownIt({ html: true });

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces as dashes. */
function slug(text) {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const anchorCache = new Map();
function anchorsOf(file) {
  if (!anchorCache.has(file)) {
    const tokens = md.parse(readFileSync(file, 'utf8'), {});
    const seen = new Map();
    const anchors = new Set();
    tokens.forEach((token, index) => {
      if (token.type !== 'heading_open') return;
      const base = slug(tokens[index + 1]?.content ?? '');
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    });
    anchorCache.set(file, anchors);
  }
  return anchorCache.get(file);
}

function linksOf(tokens) {
  const links = [];
  for (const token of tokens) {
    if (token.children) links.push(...linksOf(token.children));
    const target = token.type === 'link_open' ? token.attrGet('href') : null;
    const source = token.type === 'image' ? token.attrGet('src') : null;
    if (target ?? source) links.push(target ?? source);
  }
  return links;
}

for (const file of files.filter((name) => name.endsWith('.md'))) {
  for (const link of linksOf(md.parse(readFileSync(file, 'utf8'), {}))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue;
    const [path, fragment] = link.split('#');
    const target = path ? normalize(join(dirname(file), decodeURIComponent(path))) : file;
    if (!existsSync(target)) {
      problems.push(`${file}: link to ${link}: no such file`);
    } else if (fragment && target.endsWith('.md') && !anchorsOf(target).has(fragment)) {
      problems.push(`${file}: link to ${link}: no heading “#${fragment}” in ${target}`);
    }
  }
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`Docs: ${files.length} files free of conflict markers; Markdown links lead somewhere.`);
