/**
 * The bench page as Threadnote expects it, and the annotations stored before measuring: tags on
 * 40 comments, notes on 20, 10 collapsed subthreads, spread over the whole page so applying them
 * touches rows from top to bottom.
 */

export const THREAD = {
  key: 'hn:44500000',
  title: 'bench',
  url: 'https://news.ycombinator.com/item?id=44500000',
};

export const EXPECTED_ROWS = 3000;
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

/** `comment.update` requests, as the popup would send them, for rows spread evenly. */
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
      type: 'comment.update',
      payload: {
        comment: {
          key: `hn:${row.id}`,
          thread: THREAD,
          author: row.author,
          url: `https://news.ycombinator.com/item?id=${row.id}`,
          quote: row.quote.slice(0, QUOTE_LENGTH),
        },
        patch,
      },
    });
  }
  return requests;
}

/** What the page must show once the requests above are applied. */
export function expectedState(requests) {
  const patches = requests.map((request) => request.payload.patch);
  return {
    tagged: patches.filter((patch) => patch.tags).length,
    noted: patches.filter((patch) => patch.note).length,
    folded: patches.filter((patch) => patch.fold).length,
  };
}
