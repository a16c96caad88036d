// Hacker News story pages in HN's own markup whose comments are hostile to whatever reads them:
// an author name of 300 characters, a comment holding 10,000 nested elements, a subtree 100,000
// elements deep outside the comments and inside one, a 100,000-character comment, a comment of
// 100,000 sibling elements, and two rows with the same id, each on a page of its own. The fixture server serves them at
// news.ycombinator.com/item?id=<id>, for tests/browser/hostile.test.ts. Every id, name and text
// is invented.
//
// Browsers' HTML parsers stop nesting elements a few hundred levels down (Chromium at 512) and
// hang deeper ones beside the last, so deep subtrees are built by a script in the page as it is
// parsed, from `data-depth` placeholders: what a hostile page would do anyway, and all of it is
// there before the page's DOMContentLoaded, when Threadnote reads the comments. The placeholders
// are `hidden`: Chromium itself crashes laying out a subtree a few thousand levels deep (4,000
// did, 2,000 did not), so a deep page that survives without Threadnote keeps it out of layout.

import { comment, storyPage } from './hn-pages.mjs';

export const HOSTILE = {
  longAuthor: 44600000,
  deepComment: 44600100,
  abyss: 44600200,
  longText: 44600300,
  duplicateIds: 44600400,
  manyNodes: 44600500,
};

/** What each page holds, for its title and for the tests. */
const TITLES = {
  longAuthor: 'a 300-character author name',
  deepComment: 'a comment holding 10,000 nested elements',
  abyss: 'a 100,000-deep subtree outside the comments and inside one',
  longText: 'a 100,000-character comment',
  manyNodes: 'a comment of 100,000 elements',
  duplicateIds: 'two comment rows with the same id',
};

export const LONG_AUTHOR = `hostile_${'x'.repeat(292)}`;
export const DEEP_COMMENT_DEPTH = 10_000;
export const ABYSS_DEPTH = 100_000;
export const LONG_TEXT_LENGTH = 100_000;
export const MANY_NODES = 100_000;

// Fetched at a fixed moment, so that ages read the same on every run.
const NOW = Date.UTC(2025, 6, 20, 12, 0, 0) / 1000;

/**
 * Nests `data-depth` elements under each placeholder, one level at a time: run by the page on
 * itself, and by unit tests on a parsed copy, whose DOM runs no scripts.
 */
export function nestPlaceholders(doc) {
  for (const box of doc.querySelectorAll('[data-depth]')) {
    let node = box;
    for (let left = Number(box.dataset.depth); left > 0; left--) {
      node = node.appendChild(doc.createElement('div'));
    }
    node.textContent = 'the bottom';
  }
}

const NEST_SCRIPT = `<script>(${nestPlaceholders})(document)</script>`;

/** A placeholder the page's script nests `depth` elements under. */
const nest = (depth) => `<div data-depth="${depth}" hidden></div>`;

/** A comment whose text is followed by raw markup, `extra`. */
function withMarkup(c, extra) {
  return { ...c, html: `${c.html}<p>${extra}` };
}

/**
 * A story with three top-level comments, each with one reply, so that a fold next to the hostile
 * comment has something to fold: the middle one is `hostile(id)`.
 */
function hostilePage(name, hostile, { toptext = '', extraRoots = [] } = {}) {
  const base = HOSTILE[name];
  const plain = (offset, by, text) =>
    comment(base + offset, by, [text], [comment(base + offset + 1, 'replier', ['A reply.'])]);
  const roots = [
    plain(1, 'before', 'The comment before the hostile one.'),
    { ...hostile(base + 3), kids: [comment(base + 4, 'replier', ['A reply to it.'])] },
    plain(5, 'after', 'The comment after the hostile one.'),
    ...extraRoots,
  ];
  const story = {
    id: base,
    title: `Threadnote test page: ${TITLES[name]}`,
    by: 'hostile',
    points: 1,
    comments: 6 + extraRoots.length,
    toptext,
  };
  return storyPage(story, roots, NOW).replace('</body>', `${NEST_SCRIPT}</body>`);
}

const RENDER = {
  longAuthor: () =>
    hostilePage('longAuthor', (id) => comment(id, LONG_AUTHOR, ['Tag me by my long name.'])),
  deepComment: () =>
    hostilePage('deepComment', (id) =>
      withMarkup(comment(id, 'deep', ['Ten thousand boxes follow.']), nest(DEEP_COMMENT_DEPTH)),
    ),
  abyss: () =>
    hostilePage(
      'abyss',
      (id) => withMarkup(comment(id, 'abyss', ['An abyss follows.']), nest(ABYSS_DEPTH)),
      { toptext: `The story's text hides an abyss too.${nest(ABYSS_DEPTH)}` },
    ),
  longText: () =>
    hostilePage('longText', (id) =>
      comment(id, 'verbose', ['word '.repeat(LONG_TEXT_LENGTH / 5).trim()]),
    ),
  manyNodes: () =>
    hostilePage('manyNodes', (id) =>
      withMarkup(
        comment(id, 'fragments', ['One hundred thousand fragments.']),
        '<i>a</i>'.repeat(MANY_NODES),
      ),
    ),
  duplicateIds: () =>
    hostilePage('duplicateIds', (id) => comment(id, 'first', ['The first row with this id.']), {
      extraRoots: [comment(HOSTILE.duplicateIds + 3, 'second', ['The second row with this id.'])],
    }),
};

/** The page for an item id, or null when the id is not one of these pages. */
export function renderHostilePage(id) {
  const name = Object.keys(HOSTILE).find((key) => HOSTILE[key] === id);
  return name ? RENDER[name]() : null;
}
