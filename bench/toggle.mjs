/**
 * Folding one big subthread: Threadnote's keyboard collapse and expand (focus the comment, press
 * `x`, which goes through the service worker and then hides the replies in one pass) against
 * Hacker News's own [–] on the same subthread of the same page in the extension-free browser of
 * the same run. The [–] is handled by tests/kit/assets/hn.js, the offline stand-in for HN's
 * script that the fixture server serves in its place. The same [–] is also timed in a browser with
 * Threadnote installed but turned off on HN, and on the page Threadnote runs in: the first tells
 * the browser's part from the page's, the second the cost of Threadnote being on the page from the
 * cost of its way of folding.
 */
import { SUBTHREAD_STORY_ID } from '../tests/kit/hn-pages.mjs';
import { BIG_SUBTHREAD_REPLIES, bigSubthread, checkRows } from './annotations.mjs';
import { metricsDelta, metricsSession, readMetrics } from './browser.mjs';
import { aside, fmt, heading, tableRow, times } from './format.mjs';
import {
  armToggle,
  focusComment,
  settle,
  showAtTop,
  surveyRows,
  threadnoteApplied,
  toggleShown,
} from './in-page.mjs';
import { ratio, summarize } from './stats.mjs';

export const SUBTHREAD_URL = `https://news.ycombinator.com/item?id=${SUBTHREAD_STORY_ID}`;

/** Toggles are short and noisy next to page loads: each run of the bench times this many rounds. */
const ROUNDS_PER_RUN = 2;
const SETTLE_IDLE_MS = 100;
/** How long after a toggle's frames later work is still counted, apart, as the toggle's. */
const TAIL_IDLE_MS = 250;
const SHOW_TIMEOUT_MS = 30_000;
const ACTIONS = ['collapse', 'expand'];
const SIDES = {
  hn: { by: 'hn', name: 'Hacker News [–]' },
  hnThreadnoteOff: { by: 'hn', name: 'HN [–], Threadnote off on HN' },
  hnBesideThreadnote: { by: 'hn', name: 'HN [–], Threadnote on the page' },
  threadnote: { by: 'threadnote', name: 'Threadnote x' },
};
const ORDER = Object.keys(SIDES);

async function openPage(variant, loadTimeout, annotated) {
  const page = await variant.context.newPage();
  await page.goto(SUBTHREAD_URL, { waitUntil: 'load', timeout: loadTimeout });
  if (annotated) {
    await page.waitForFunction(threadnoteApplied, null, { polling: 50, timeout: loadTimeout });
  }
  await page.evaluate(settle, SETTLE_IDLE_MS);
  return { page, cdp: await metricsSession(variant.context, page) };
}

/**
 * One collapse or expand. The window runs from just before the input to two frames after the
 * page shows the change; the tail, read after the page is idle again, catches work that comes
 * later, such as the worker telling every tab of the thread (this one too) what changed.
 */
async function toggle({ page, cdp, by }, subthread, collapse) {
  let point = null;
  if (by === 'threadnote') {
    if (!(await page.evaluate(focusComment, subthread.root))) {
      throw new Error('The subthread’s comment would not take the focus.');
    }
  } else {
    const box = await page.locator(`tr[id="${subthread.root}"] a.togg`).boundingBox();
    if (!box) throw new Error('The subthread’s [–] is not on screen.');
    point = { x: box.x + 3, y: box.y + box.height / 2 };
    // Moving there first keeps hover handling out of the window: the click adds no mouseover.
    await page.mouse.move(point.x, point.y);
  }
  await page.evaluate(settle, SETTLE_IDLE_MS);
  await page.evaluate(armToggle, { ...subthread, by, collapse, timeoutMs: SHOW_TIMEOUT_MS });

  const before = await readMetrics(cdp);
  if (by === 'threadnote') await page.keyboard.press('x');
  else await page.mouse.click(point.x, point.y);
  const shown = await page.evaluate(toggleShown);
  const after = await readMetrics(cdp);
  await page.evaluate(settle, TAIL_IDLE_MS);
  const later = await readMetrics(cdp);

  if (shown.error) throw new Error(`Toggling the big subthread failed: ${shown.error}.`);
  return {
    ...metricsDelta(before, after),
    tail: later.TaskDuration - after.TaskDuration,
    latency: shown.inputAt === null ? Number.NaN : shown.shownAt - shown.inputAt,
  };
}

/**
 * Opens the page once in each browser, then takes rounds, each side collapsing and expanding in
 * turn, in an order that rotates from round to round.
 */
export async function measureToggles({ threadnote, hn, off, runs, loadTimeout }) {
  const pages = [
    await openPage(hn, loadTimeout, false),
    await openPage(off, loadTimeout, false),
    await openPage(threadnote, loadTimeout, true),
  ];
  try {
    const [bare, installed, annotated] = pages;
    const sides = {
      hn: { ...bare, by: SIDES.hn.by },
      hnThreadnoteOff: { ...installed, by: SIDES.hnThreadnoteOff.by },
      hnBesideThreadnote: { ...annotated, by: SIDES.hnBesideThreadnote.by },
      threadnote: { ...annotated, by: SIDES.threadnote.by },
    };
    const rows = await bare.page.evaluate(surveyRows);
    checkRows(rows);
    const subthread = bigSubthread(rows);
    for (const { page } of pages) await page.evaluate(showAtTop, subthread.root);

    const round = async (order) => {
      const result = {};
      for (const side of order) {
        result[side] = {};
        for (const action of ACTIONS) {
          result[side][action] = await toggle(sides[side], subthread, action === 'collapse');
        }
      }
      return result;
    };
    // The first round compiles and warms every side's code paths; it is not counted.
    await round(ORDER);
    const rounds = [];
    const count = runs * ROUNDS_PER_RUN;
    for (let i = 0; i < count; i++) {
      rounds.push(await round(ORDER.map((_, k) => ORDER[(i + k) % ORDER.length])));
      process.stderr.write(
        `toggle round ${i + 1}/${count} done, ${Math.round(process.uptime())} s\n`,
      );
    }
    return { subthread, rounds };
  } finally {
    for (const { page } of pages) await page.close();
  }
}

const FIELDS = [
  'TaskDuration',
  'ScriptDuration',
  'RecalcStyleDuration',
  'LayoutDuration',
  'tail',
  'latency',
];

export function analyseToggles({ subthread, rounds }) {
  const figures = {};
  for (const action of ACTIONS) {
    figures[action] = {};
    for (const side of ORDER) {
      const runs = rounds.map((round) => round[side][action]);
      figures[action][side] = Object.fromEntries(
        FIELDS.map((field) => [field, summarize(runs.map((run) => run[field]))]),
      );
    }
    const task = (side) => figures[action][side].TaskDuration.median;
    figures[action].ratio = ratio(task('threadnote'), task('hn'));
    figures[action].ratioBeside = ratio(task('threadnote'), task('hnBesideThreadnote'));
    figures[action].ratioOff = ratio(task('threadnote'), task('hnThreadnoteOff'));
    figures[action].pairwise = summarize(
      rounds.map((round) =>
        ratio(round.threadnote[action].TaskDuration, round.hn[action].TaskDuration),
      ),
    );
  }
  return { subthread, rounds: rounds.length, ...figures };
}

export function reportToggles(summary) {
  const lines = [];
  const replies = BIG_SUBTHREAD_REPLIES.toLocaleString('en-US');
  lines.push(
    `Toggling one subthread of ${replies} replies: ${SUBTHREAD_URL} (3,000 comments), ` +
      `${summary.rounds} rotating rounds`,
  );
  lines.push(
    '  Threadnote: comment focused, press x (worker round trip, then one pass over the rows), ' +
      'in the 60-annotation profile',
  );
  lines.push(
    "  Hacker News: click its [–] (tests/kit/assets/hn.js, our offline stand-in for HN's " +
      'script), in the extension-free browser, in one with Threadnote off on HN, and on the page ' +
      'Threadnote runs in',
  );
  lines.push('');
  lines.push(heading('ms per action, main-thread CPU time', '× HN'));
  for (const action of ACTIONS) {
    const figures = summary[action];
    const against = (value) => ratio(value, figures.hn.TaskDuration.median);
    for (const side of ORDER) {
      const f = figures[side];
      const detail =
        `   script ${fmt(f.ScriptDuration.median)}, style ${fmt(f.RecalcStyleDuration.median)}, ` +
        `layout ${fmt(f.LayoutDuration.median)}`;
      lines.push(tableRow(`${action}: ${SIDES[side].name}`, f.TaskDuration, { against }) + detail);
    }
    const tn = figures.threadnote;
    lines.push(
      tableRow('  Threadnote, later until idle', tn.tail, {
        note: `HN ${fmt(figures.hn.tail.median)}; e.g. the worker's echo to this tab`,
      }),
    );
    lines.push(
      tableRow('  Threadnote, input → change shown (wall)', tn.latency, {
        note: `HN ${fmt(figures.hn.latency.median)}; Threadnote's includes the worker round trip`,
      }),
    );
    lines.push(
      tableRow(`  ${action}, Threadnote / HN in each round`, figures.pairwise, { digits: 2 }),
    );
  }
  lines.push(aside('window: the input to two frames after the page shows the change, so the'));
  lines.push(
    aside(`style, layout and paint it caused are in; "later": the next ${TAIL_IDLE_MS} ms`),
  );
  lines.push(aside('of idle, not in the ratios'));
  lines.push('');
  const verdict = (action) => {
    const { hn, threadnote, ratio: r } = summary[action];
    return (
      `${action} ${times(r, 2)} (${fmt(threadnote.TaskDuration.median)} vs ` +
      `${fmt(hn.TaskDuration.median)} ms, ${r <= 1 ? 'met' : 'not met'})`
    );
  };
  lines.push(
    `verdict: toggling a ${replies}-reply subthread, Threadnote / HN's [–] (target ≤ 1×): ` +
      `${ACTIONS.map(verdict).join(', ')}; medians of ${summary.rounds}`,
  );
  lines.push(
    '  least disturbed actions (the minimum of each): ' +
      ACTIONS.map((action) => {
        const { hn, threadnote } = summary[action];
        return `${action} ${times(ratio(threadnote.TaskDuration.min, hn.TaskDuration.min), 2)}`;
      }).join(', '),
  );
  lines.push(
    "  against HN's [–] on the page Threadnote runs in: " +
      ACTIONS.map((action) => `${action} ${times(summary[action].ratioBeside, 2)}`).join(', ') +
      ' (what is left is its way of folding; the rest is its presence on the page)',
  );
  lines.push(
    "  against HN's [–] with Threadnote installed but off on HN: " +
      ACTIONS.map((action) => `${action} ${times(summary[action].ratioOff, 2)}`).join(', '),
  );
  return lines.join('\n');
}
