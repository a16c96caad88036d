/**
 * User Timing marks of the content script's synchronous work on the page's main thread, named
 * `threadnote:*`. `npm run bench` reads them; anyone profiling a slow page sees them too.
 */
export function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    performance.measure(`threadnote:${name}`, { start });
  }
}
