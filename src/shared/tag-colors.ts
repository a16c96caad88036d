/**
 * Tag colours. A new tag takes the palette colour fewest tags use, the earliest in the palette on
 * a tie, so the first twelve tags all differ; the reader can change any in the options page.
 *
 * Each colour carries white text at a contrast ratio of at least 4.5:1. Simulated for
 * protanopia, deuteranopia and tritanopia (Machado, Oliveira and Fernandes 2009, full severity)
 * and compared in CIELAB, the closest two colours stay 9.6 ΔE apart (deuteranopia: 9.8,
 * protanopia: 10.8, normal vision: 17.9); tests/unit/tag-colors.test.ts checks both. The order
 * puts far-apart colours first.
 */
export const TAG_PALETTE = [
  '#1864ab',
  '#883300',
  '#007733',
  '#990022',
  '#5533aa',
  '#557788',
  '#225577',
  '#883355',
  '#0033cc',
  '#1f2a37',
  '#557700',
  '#990066',
] as const;

/** The colour for a new tag, given the colours the reader's tags have now. */
export function pickTagColor(used: Iterable<string>): string {
  const counts = new Map<string, number>(TAG_PALETTE.map((color) => [color, 0]));
  for (const color of used) {
    const key = color.toLowerCase();
    const count = counts.get(key);
    if (count !== undefined) counts.set(key, count + 1);
  }
  let best: string = TAG_PALETTE[0];
  for (const color of TAG_PALETTE) {
    if ((counts.get(color) ?? 0) < (counts.get(best) ?? 0)) best = color;
  }
  return best;
}

/** A colour from the name alone, where no store is at hand to ask what is in use. */
export function defaultTagColor(name: string): string {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
  return TAG_PALETTE[Math.abs(hash) % TAG_PALETTE.length] ?? TAG_PALETTE[0];
}
