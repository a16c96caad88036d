/**
 * The bench pages as Threadnote expects them, and the annotations stored before measuring: tags
 * on 40 comments, notes on 20, 10 collapsed subthreads, spread over the whole page so applying
 * them touches rows from top to bottom; and, for the remembered-folds figure, 500 collapsed
 * comments spread the same way.
 */

export const THREAD = {
  key: 'hn:44500000',
  title: 'bench',
  url: 'https://news.ycombinator.com/item?id=44500000',
};

export const EXPECTED_ROWS = 3000;
export const TAGGED_USERS = 200;
export const REMEMBERED_FOLDS = 500;
export const BIG_SUBTHREAD_REPLIES = 1000;
const MAX_DEPTH = 8;
const ANNOTATED = 60;
const TAGS = ['insightful', 'source', 'disagree', 'follow-up', 'funny'];
const QUOTE_LENGTH = 280;

/** Throws unless the rows are the promised page: ids unique, depths 0–8, `n` = subtree size. */
export function checkRows(rows) {
  const problems = [];
  if (rows.length !== EXPECTED_ROWS) problems.push(`${rows.length} rows, not ${EXPECTED_ROWS}`);
  if (new Set(rows.map((row) => row.id)).size !== rows.length) problems.push('duplicate ids');
  const depths = rows.map((row) => row.depth);
  if (Math.min(...depths) !== 0 || Math.max(...depths) !== MAX_DEPTH) {
    problems.push(`depths ${Math.min(...depths)}–${Math.max(...depths)}, not 0–${MAX_DEPTH}`);
  }
  const jumps = rows.filter((row, i) => row.depth > (i === 0 ? 0 : rows[i - 1].depth + 1));
  if (jumps.length > 0) problems.push(`${jumps.length} rows deeper than their parent + 1`);
  const wrongN = rows.filter((row, i) => row.n !== subtreeSize(rows, i));
  if (wrongN.length > 0) problems.push(`${wrongN.length} a.togg[n] differ from the subtree size`);
  if (problems.length > 0)
    throw new Error(`The bench page is not as expected: ${problems.join('; ')}`);
}

function subtreeSize(rows, index) {
  let end = index + 1;
  while (end < rows.length && rows[end].depth > rows[index].depth) end++;
  return end - index;
}

/** The one top-level comment with BIG_SUBTHREAD_REPLIES replies, and its last reply. */
export function bigSubthread(rows) {
  const roots = rows.filter((row) => row.depth === 0 && row.n === BIG_SUBTHREAD_REPLIES + 1);
  if (roots.length !== 1) {
    throw new Error(
      `The subthread page has ${roots.length} top-level comments with ` +
        `${BIG_SUBTHREAD_REPLIES} replies, not 1.`,
    );
  }
  const start = rows.indexOf(roots[0]);
  return { root: roots[0].id, last: rows[start + BIG_SUBTHREAD_REPLIES].id };
}

/** A comment reference as the content script builds it. */
function commentRef(row) {
  return {
    key: `hn:${row.id}`,
    thread: THREAD,
    author: row.author,
    url: `https://news.ycombinator.com/item?id=${row.id}`,
    quote: row.quote.slice(0, QUOTE_LENGTH),
  };
}

/** The edit operations that give a new annotation what `patch` describes. */
export function opsOf(patch) {
  return [
    ...(patch.tags ?? []).map((tag) => ({ op: 'tag.add', tag })),
    ...(patch.note === undefined ? [] : [{ op: 'note.set', note: patch.note, base: '' }]),
    ...(patch.fold === undefined ? [] : [{ op: 'fold.set', fold: patch.fold }]),
  ];
}

/** `comments.edit` requests, as the page would send them, for rows spread evenly. */
export function annotationRequests(rows) {
  const chosen = new Set();
  const requests = [];
  for (let k = 0; k < ANNOTATED; k++) {
    const folds = k % 6 === 0;
    let index = Math.floor(((k + 0.5) * rows.length) / ANNOTATED);
    // A collapse only means something on a comment with replies; tags and notes go anywhere.
    while (index < rows.length - 1 && (chosen.has(index) || (folds && rows[index].n < 3))) index++;
    chosen.add(index);
    const row = rows[index];
    const patch =
      k % 3 === 2
        ? { note: `Bench note ${k}: worth rereading after the thread settles.` }
        : { tags: TAGS.slice(k % TAGS.length, (k % TAGS.length) + 1 + (k % 2)) };
    if (folds) patch.fold = 'collapsed';
    requests.push({
      threadnote: 1,
      type: 'comments.edit',
      payload: { edits: [{ comment: commentRef(row), ops: opsOf(patch) }] },
      patches: [patch],
    });
  }
  return requests;
}

/**
 * One `comments.edit` request collapsing REMEMBERED_FOLDS comments with replies, spread evenly
 * over the page; some fall inside others' subthreads, as folds a reader made over several visits
 * would.
 */
export function foldRequests(rows) {
  const withReplies = rows.filter((row) => row.n > 1);
  if (withReplies.length < REMEMBERED_FOLDS) {
    throw new Error(`Only ${withReplies.length} comments have replies to collapse.`);
  }
  const chosen = Array.from(
    { length: REMEMBERED_FOLDS },
    (_, k) => withReplies[Math.floor(((k + 0.5) * withReplies.length) / REMEMBERED_FOLDS)],
  );
  return [
    {
      threadnote: 1,
      type: 'comments.edit',
      payload: {
        edits: chosen.map((row) => ({
          comment: commentRef(row),
          ops: [{ op: 'fold.set', fold: 'collapsed' }],
        })),
      },
      patches: chosen.map(() => ({ fold: 'collapsed' })),
    },
  ];
}

/**
 * `user.edit` requests tagging TAGGED_USERS of the page's authors, spread over the page, as a
 * reader who tags people for years would have: their tags show on every comment by them.
 */
export function userTagRequests(rows) {
  const authors = [...new Set(rows.map((row) => row.author).filter(Boolean))];
  if (authors.length < TAGGED_USERS) {
    throw new Error(`Only ${authors.length} authors on the page, not ${TAGGED_USERS}.`);
  }
  return Array.from({ length: TAGGED_USERS }, (_, k) => {
    const name = authors[Math.floor(((k + 0.5) * authors.length) / TAGGED_USERS)];
    return {
      threadnote: 1,
      type: 'user.edit',
      payload: {
        user: { key: `hn:${name}`, name },
        ops: [{ op: 'tag.add', tag: TAGS[k % TAGS.length] }],
      },
    };
  });
}

/** What the page must show once the requests above are applied. */
export function expectedState(requests, rows) {
  const tagged = new Set(
    requests.filter((r) => r.type === 'user.edit').map((r) => r.payload.user.name),
  );
  const edits = requests.filter((request) => request.type === 'comments.edit');
  const patches = edits.flatMap((request) => request.patches);
  const keys = edits.flatMap((request) => request.payload.edits.map((edit) => edit.comment.key));
  const collapsed = new Set(keys.filter((_, index) => patches[index].fold));
  return {
    tagged: patches.filter((patch) => patch.tags).length,
    noted: patches.filter((patch) => patch.note).length,
    folded: collapsed.size,
    hiddenByFolds: rows.filter((_, i) => collapsedAbove(rows, i, collapsed)).length,
    userTagged: rows.filter((row) => tagged.has(row.author)).length,
  };
}

/** Whether a comment above row `index` in its own subthread is collapsed. */
function collapsedAbove(rows, index, collapsed) {
  let depth = rows[index].depth;
  for (let i = index - 1; i >= 0 && depth > 0; i--) {
    if (rows[i].depth >= depth) continue;
    depth = rows[i].depth;
    if (collapsed.has(`hn:${rows[i].id}`)) return true;
  }
  return false;
}
