/** Small statistics for a handful of runs: medians resist the odd slow load, means do not. */

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median absolute deviation: the typical distance of a run from the median. */
export function mad(values) {
  const centre = median(values);
  return median(values.map((value) => Math.abs(value - centre)));
}

export function summarize(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

export const ratio = (value, base) => (base > 0 ? value / base : Number.NaN);

/**
 * Standard error of a median, from the MAD scaled to a normal sigma (×1.4826) and the median's
 * asymptotic efficiency (×1.2533): enough to say whether a difference stands out of the noise.
 */
export function medianStandardError(values) {
  // Below three runs the MAD says nothing about the spread.
  if (values.length < 3) return Number.NaN;
  return (1.2533 * 1.4826 * mad(values)) / Math.sqrt(values.length);
}
