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

/**
 * Done: the apply measure taken, the comments let out of the stylesheet that keeps them hidden
 * until the folds are applied, and every row marked. Polled during the load, so the cheap checks
 * come first and the rows are counted only once the others hold.
 */
export function threadnoteApplied() {
  if (performance.getEntriesByName('threadnote:apply', 'measure').length === 0) return false;
  if (!document.documentElement.classList.contains('tn-ready')) return false;
  const rows = document.querySelectorAll('tr.athing.comtr').length;
  return rows > 0 && document.querySelectorAll('tr.athing.comtr[data-tn-comment]').length === rows;
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
    hiddenByFolds: count('tr.tn-folded-away'),
    userTagged: count('tr[data-tn-user-tags]'),
    measures: performance
      .getEntriesByType('measure')
      .filter((entry) => entry.name.startsWith('threadnote:'))
      .map(({ name, startTime, duration }) => ({ name, start: startTime, duration })),
  };
}

/** Puts a comment at the top of the viewport, so a fold of its subthread changes what is shown. */
export function showAtTop(id) {
  document.querySelector(`tr[id="${id}"]`).scrollIntoView({ block: 'start' });
}

/** Focuses a comment row as a reader tabbing or clicking to it would, for Threadnote's keys. */
export function focusComment(id) {
  const row = document.querySelector(`tr[id="${id}"]`);
  row.setAttribute('tabindex', '-1');
  row.focus({ preventScroll: true });
  return document.activeElement === row;
}

/**
 * Arms the measurement of one fold (`collapse`) or unfold of the subthread under `root`: the
 * promise left in `__benchToggle` resolves two animation frames after the page shows the change,
 * so the style, layout and paint it caused are done, with when the input arrived and when the
 * change showed. `by` names whose change to wait for: 'threadnote' (data-tn-fold on the comment,
 * its body and every reply out of sight, the collapsed stub in its header) or 'hn' (HN's `coll`
 * on the comment and `noshow` on its replies).
 */
export function armToggle({ root, last, by, collapse, timeoutMs }) {
  const rootRow = document.querySelector(`tr[id="${root}"]`);
  const lastRow = document.querySelector(`tr[id="${last}"]`);
  const shown =
    by === 'threadnote'
      ? () =>
          (rootRow.getAttribute('data-tn-fold') === 'collapsed') === collapse &&
          (rootRow.querySelector('div.comment.tn-collapsed-body') !== null) === collapse &&
          lastRow.classList.contains('tn-folded-away') === collapse &&
          // The stub is inside a closed root, out of a page's reach: its host stands for it (the
          // subthread's comment carries no tags, so the host is there only for the stub).
          (rootRow.querySelector('tn-chips') !== null) === collapse
      : () =>
          rootRow.classList.contains('coll') === collapse &&
          lastRow.classList.contains('noshow') === collapse;
  const inputs = ['keydown', 'mousedown'];
  let inputAt = null;
  const onInput = (event) => {
    inputAt ??= event.timeStamp;
  };
  for (const type of inputs) addEventListener(type, onInput, { capture: true });
  globalThis.__benchToggle = new Promise((resolve) => {
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
      for (const type of inputs) removeEventListener(type, onInput, { capture: true });
    };
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      const shownAt = performance.now();
      stop();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve({ inputAt, shownAt })));
    });
    const timer = setTimeout(() => {
      stop();
      resolve({ error: `the ${by} ${collapse ? 'collapse' : 'expand'} never showed` });
    }, timeoutMs);
    observer.observe(rootRow, { attributes: true, childList: true, subtree: true });
    observer.observe(lastRow, { attributes: true, attributeFilter: ['class'] });
  });
}

export function toggleShown() {
  return globalThis.__benchToggle;
}
