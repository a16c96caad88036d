import { describe, expect, it } from 'vitest';
import { luminance, parseColour, tokensCss, type Rgba } from '../../src/content/theme';
import { discourseLook } from '../../src/sites/discourse-style';
import { hackerNewsLook } from '../../src/sites/hacker-news-style';
import { lobstersLook } from '../../src/sites/lobsters-style';
import { redditLook } from '../../src/sites/reddit-style';
import type { ForumLook, Palette } from '../../src/sites/forum-look';

function rgb(hex: string): Rgba {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1];
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(rgb(a)), luminance(rgb(b))];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const FORUMS: [string, ForumLook][] = [
  ['hn', hackerNewsLook],
  ['lobsters', lobstersLook],
  ['reddit', redditLook],
  ['discourse', discourseLook],
];

describe('theme', () => {
  it('reads computed colours, with or without alpha', () => {
    expect(parseColour('rgb(246, 246, 239)')).toEqual([246, 246, 239, 1]);
    expect(parseColour('rgba(0, 0, 0, 0)')).toEqual([0, 0, 0, 0]);
    expect(parseColour('rgb(24 26 27 / 50%)')).toEqual([24, 26, 27, 0.5]);
  });

  it('gives each forum its own look, and HN no blue', () => {
    expect(new Set(FORUMS.map(([, look]) => look)).size).toBe(4);
    expect(hackerNewsLook.font).toMatch(/^Verdana, Geneva/);
    for (const palette of [hackerNewsLook.light, hackerNewsLook.dark]) {
      for (const colour of Object.values(palette)) {
        const [r, g, b] = rgb(colour);
        expect(b > r && b > g, `${colour} is blue`).toBe(false);
      }
    }
  });

  it('keeps every text token at 4.5:1 or more on the surfaces it is written on', () => {
    const text: (keyof Palette)[] = ['fg', 'muted', 'accent', 'danger', 'ok'];
    for (const [site, look] of FORUMS) {
      for (const palette of [look.light, look.dark]) {
        for (const name of text) {
          for (const surface of [palette.bg, palette.surface]) {
            const ratio = contrast(palette[name], surface);
            expect(ratio, `${site} ${name} ${palette[name]} on ${surface}`).toBeGreaterThanOrEqual(
              4.5,
            );
          }
        }
        expect(contrast(palette.onAccent, palette.accent)).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('declares the tokens and the scheme on the host', () => {
    const css = tokensCss(lobstersLook, true);
    expect(css).toContain('--tn-fg: #dddddd;');
    expect(css).toContain('--tn-font: "helvetica neue", arial, sans-serif;');
    expect(css).toContain('color-scheme: dark;');
  });
});
