/**
 * Classic Reddit: Verdana/Arial at its x-small taglines and 14px comment text, its greys and its
 * #369 link blue. Its night mode (the `res-nightmode` class) darkens the page, which the page's
 * computed colours show.
 */
import type { ForumLook } from './forum-look';

export const redditLook: ForumLook = {
  font: 'verdana, arial, helvetica, sans-serif',
  size: '13px',
  small: '10px',
  light: {
    fg: '#222222',
    muted: '#666666',
    bg: '#ffffff',
    surface: '#f5f7fa',
    border: '#d0d8e2',
    accent: '#336699',
    onAccent: '#ffffff',
    mark: '#5f99cf',
    focus: '#336699',
    danger: '#b21f1f',
    ok: '#2f6b1f',
  },
  dark: {
    fg: '#dddddd',
    muted: '#a3a3a3',
    bg: '#1f1f1f',
    surface: '#262626',
    border: '#444444',
    accent: '#8cb3d9',
    onAccent: '#111111',
    mark: '#5f99cf',
    focus: '#8cb3d9',
    danger: '#ff8f8f',
    ok: '#8fd17a',
  },
};
