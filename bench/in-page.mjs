/**
 * Functions the benchmark runs inside the Hacker News page (main world) through Playwright's
 * page.evaluate and addInitScript. Playwright sends their source text, so each one must stand
 * alone: no imports and no variables from this module.
 */

/** Init script: long tasks are only reported to observers, so one must exist before parsing. */
export function observeLongTasks() {
  const tasks = [];
  globalThis.__benchLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      tasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
}

export function longTasks() {
  return globalThis.__benchLongTasks ?? [];
}

export function threadnoteApplied() {
  return performance.getEntriesByName('threadnote:apply', 'measure').length > 0;
}

/**
 * Resolves once two frames have been produced and the main thread has been idle for `idleMs`,
 * so style, layout and paint caused by the last DOM writes are inside the metrics read next.
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
