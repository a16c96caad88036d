/**
 * Lobsters: Helvetica Neue/Arial at its 10pt text and 9pt bylines, its greys and its red. Lobsters
 * follows the system's scheme (prefers-color-scheme), which the page's computed colours show.
 */
import type { ForumLook } from './forum-look';

export const lobstersLook: ForumLook = {
  font: '"helvetica neue", arial, sans-serif',
  size: '10pt',
  small: '9pt',
  light: {
    fg: '#333333',
    muted: '#6b6b6b',
    bg: '#fefefe',
    surface: '#f4f4f4',
    border: '#d6d6d6',
    accent: '#ac130d',
    onAccent: '#ffffff',
    mark: '#ac130d',
    focus: '#ac130d',
    danger: '#ac130d',
    ok: '#2f6b1f',
  },
  dark: {
    fg: '#dddddd',
    muted: '#a8a8a8',
    bg: '#202020',
    surface: '#2a2a2a',
    border: '#4a4a4a',
    accent: '#f0857f',
    onAccent: '#1a1a1a',
    mark: '#d4554f',
    focus: '#f0857f',
    danger: '#ff8f8f',
    ok: '#8fd17a',
  },
};
