/**
 * Hacker News: Verdana at HN's 9pt comments and 8pt headers, its #828282-style greys (darkened
 * to #666 where they are text, for 4.5:1 on HN's #f6f6ef) and its orange, used for a note's rule
 * and the focus ring only. No blue: HN has none. HN has no dark theme; the dark palette is for a
 * page darkened by an add-on such as Dark Reader.
 */
import type { ForumLook } from './forum-look';

export const hackerNewsLook: ForumLook = {
  font: 'Verdana, Geneva, sans-serif',
  size: '9pt',
  small: '8pt',
  light: {
    fg: '#000000',
    muted: '#5f5f5f',
    bg: '#f6f6ef',
    surface: '#eeeee4',
    border: '#c9c9bd',
    accent: '#a33e00',
    onAccent: '#ffffff',
    mark: '#ff6600',
    focus: '#c24a00',
    danger: '#b21f1f',
    ok: '#2f6b1f',
  },
  dark: {
    fg: '#e4e4dc',
    muted: '#a9a99f',
    bg: '#22221f',
    surface: '#2c2c28',
    border: '#4d4d46',
    accent: '#ff9a57',
    onAccent: '#1a1a18',
    mark: '#ff6600',
    focus: '#ff8c3a',
    danger: '#ff8f8f',
    ok: '#8fd17a',
  },
};
