/**
 * The tag palette: new tags take the least used colour, and the colours stay readable under white
 * text and apart for the common colour-vision deficiencies (simulated as in tag-colors.ts).
 */
import { describe, expect, it } from 'vitest';
import { TAG_PALETTE, pickTagColor } from '../../src/shared/tag-colors';

const toLinear = (channel: number) => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const rgb = (hex: string) => [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16)));

/** Machado, Oliveira and Fernandes (2009), severity 1, on linear RGB. */
const SIMULATIONS: Record<string, number[][]> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

function lab([r = 0, g = 0, b = 0]: number[]): number[] {
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

function seen(hex: string, matrix: number[][]): number[] {
  const linear = rgb(hex);
  return lab(
    matrix.map((row) =>
      Math.min(
        1,
        Math.max(
          0,
          row.reduce((sum, m, i) => sum + m * (linear[i] ?? 0), 0),
        ),
      ),
    ),
  );
}

describe('the tag palette', () => {
  it('gives twelve new tags twelve colours, then the least used', () => {
    const used: string[] = [];
    for (let i = 0; i < 12; i++) used.push(pickTagColor(used));
    expect(new Set(used).size).toBe(12);
    expect(pickTagColor([...used, TAG_PALETTE[0], TAG_PALETTE[1].toUpperCase()])).toBe(
      TAG_PALETTE[2],
    );
    // A colour the reader chose outside the palette takes no palette slot.
    expect(pickTagColor(['#123456'])).toBe(TAG_PALETTE[0]);
  });

  it('carries white text at 4.5:1 or more', () => {
    for (const hex of TAG_PALETTE) {
      const [r = 0, g = 0, b = 0] = rgb(hex);
      const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      expect(1.05 / (luminance + 0.05), hex).toBeGreaterThanOrEqual(4.5);
    }
  });

  it.each(Object.keys(SIMULATIONS))('keeps every two colours apart for %s', (vision) => {
    const matrix = SIMULATIONS[vision] ?? [];
    let closest = Infinity;
    for (const [i, a] of TAG_PALETTE.entries()) {
      for (const b of TAG_PALETTE.slice(i + 1)) {
        const [p, q] = [seen(a, matrix), seen(b, matrix)];
        closest = Math.min(closest, Math.hypot(...p.map((v, k) => v - (q[k] ?? 0))));
      }
    }
    expect(closest).toBeGreaterThanOrEqual(9.5);
  });
});
