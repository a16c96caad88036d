/**
 * The browsers the benchmark drives: one without the extension and one per extension profile,
 * all started with the same switches, and the CDP counters every figure is read from.
 */
import { CHROMIUM_PATH, DIST, launchChromium } from '../tests/kit/launcher.mjs';
import { observeMainThread } from './in-page.mjs';

/** The built extension: `dist/` unless THREADNOTE_DIST names another build. */
export { DIST };
export const CHROMIUM = CHROMIUM_PATH;
export const METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'];

/**
 * Both kinds of browser come from the one launcher with the same switches; only loading the
 * extension differs. `profile` is kept (the caller removes it); `port` is the shared fixture
 * server's; `dist` is the build to load (bench/script-cost.mjs compares two in one run).
 */
export async function launch(profile, port, extension, dist = DIST) {
  const { context, extensionId } = await launchChromium({
    extension: extension ? dist : null,
    profile,
    port,
  });
  await context.addInitScript(observeMainThread);
  return { extension, context, extensionId: extension ? extensionId : null };
}

export async function withPage(context, work) {
  const page = await context.newPage();
  try {
    return await work(page);
  } finally {
    await page.close();
  }
}

/**
 * Thread ticks make the CDP durations main-thread CPU time: on two cores the renderer is often
 * descheduled while the browser process and the network service work, and wall-clock task times
 * would count that waiting as page work.
 */
export async function metricsSession(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return cdp;
}

/** The page's main-thread counters so far, in ms. */
export async function readMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const seconds = new Map(metrics.map(({ name, value }) => [name, value]));
  return Object.fromEntries(METRICS.map((name) => [name, (seconds.get(name) ?? Number.NaN) * 1e3]));
}

export function metricsDelta(before, after) {
  return Object.fromEntries(METRICS.map((name) => [name, after[name] - before[name]]));
}

/** Stores annotations the real way: runtime messages from an extension page. */
export async function seedAnnotations(variant, requests) {
  const popup = `chrome-extension://${variant.extensionId}/src/popup/index.html`;
  // Only the envelope goes: a request may carry notes for the bench's own bookkeeping.
  const envelopes = requests.map(({ threadnote, type, payload }) => ({
    threadnote,
    type,
    payload,
  }));
  const failures = await withPage(variant.context, async (page) => {
    await page.goto(popup);
    return page.evaluate(async (messages) => {
      const failed = [];
      for (const message of messages) {
        const answer = await globalThis.chrome.runtime.sendMessage(message);
        if (!answer?.ok) failed.push(`${message.type}: ${answer?.error?.message ?? 'no answer'}`);
      }
      return failed;
    }, envelopes);
  });
  if (failures.length > 0) throw new Error(`Seeding failed: ${failures.join('; ')}`);
}
