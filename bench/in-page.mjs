/**
 * Functions the benchmark runs inside the Hacker News page (main world) through Playwright's
 * page.evaluate and addInitScript. Playwright sends their source text, so each one must stand
 * alone: no imports and no variables from this module.
 */

/**
 * Init script. Long tasks and long animation frames are only reported to observers, so these must
 * exist before parsing starts. A long animation frame joins a task to the rendering it caused,
 * which is how style, layout and paint after Threadnote's DOM writes are pinned on it.
 */
export function observeMainThread() {
  const seen = { longTasks: [], frames: [] };
  globalThis.__benchMainThread = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      seen.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      seen.frames.push({
        start: entry.startTime,
        duration: entry.duration,
        rendering: entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0,
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
}

export function mainThreadEntries() {
  return globalThis.__benchMainThread ?? { longTasks: [], frames: [] };
}

export function threadnoteApplied() {
  return performance.getEntriesByName('threadnote:apply', 'measure').length > 0;
}

/**
 * Resolves after two frames, an idle callback and `idleMs` more, so the style, layout and paint
 * caused by the last DOM writes are inside the metrics read next.
 */
export function settle(idleMs) {
  return new Promise((resolve) => {
    requestAnimationFrame(() =>
      requestAnimationFrame(() =>
        requestIdleCallback(() => setTimeout(resolve, idleMs), { timeout: 2000 }),
      ),
    );
  });
}

/** The least any annotator has to do: find the rows and read id, indent and author. */
export function bareWalk() {
  const start = performance.now();
  const comments = [];
  for (const row of document.querySelectorAll('tr.athing.comtr')) {
    comments.push({
      id: row.id,
      indent: Number(row.querySelector('td.ind')?.getAttribute('indent')),
      author: row.querySelector('a.hnuser')?.textContent ?? null,
    });
  }
  return { ms: performance.now() - start, rows: comments.length };
}

/** Every comment row as the page shows it, to check the page and choose what to annotate. */
export function surveyRows() {
  return Array.from(document.querySelectorAll('tr.athing.comtr'), (row) => ({
    id: row.id,
    depth: Number(row.querySelector('td.ind')?.getAttribute('indent')),
    author: row.querySelector('a.hnuser')?.textContent ?? '',
    n: Number(row.querySelector('a.togg')?.getAttribute('n')),
    quote: (row.querySelector('.commtext')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
  }));
}

/** What Threadnote did to the page, and the User Timing measures of its main-thread work. */
export function threadnoteState() {
  const rows = document.querySelectorAll('tr.athing.comtr');
  let marked = 0;
  for (const row of rows) if (row.hasAttribute('data-tn-comment')) marked++;
  const count = (selector) => document.querySelectorAll(selector).length;
  return {
    rows: rows.length,
    marked,
    tagged: count('tr[data-tn-tags]'),
    noted: count('tr[data-tn-note]'),
    folded: count('tr[data-tn-fold]'),
    hiddenByFolds: count('tr.tn-fold-descendant'),
    measures: performance
      .getEntriesByType('measure')
      .filter((entry) => entry.name.startsWith('threadnote:'))
      .map(({ name, startTime, duration }) => ({ name, start: startTime, duration })),
  };
}
