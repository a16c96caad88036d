/**
 * Discourse: the system font stack at its 15px posts and 13px post meta, its greys and its
 * tertiary blue. A Discourse forum's dark scheme (chosen by the reader or following the system)
 * shows in the page's computed colours.
 */
import type { ForumLook } from './forum-look';

export const discourseLook: ForumLook = {
  font: '-apple-system, system-ui, "Segoe UI", Roboto, sans-serif',
  size: '14px',
  small: '13px',
  light: {
    fg: '#222222',
    muted: '#646464',
    bg: '#ffffff',
    surface: '#f5f5f5',
    border: '#dddddd',
    accent: '#0f6fb3',
    onAccent: '#ffffff',
    mark: '#0f6fb3',
    focus: '#0f6fb3',
    danger: '#b21f1f',
    ok: '#2f6b1f',
  },
  dark: {
    fg: '#dddddd',
    muted: '#a6a6a6',
    bg: '#1c1c1c',
    surface: '#262626',
    border: '#454545',
    accent: '#6cb2eb',
    onAccent: '#111111',
    mark: '#3f8fd1',
    focus: '#6cb2eb',
    danger: '#ff8f8f',
    ok: '#8fd17a',
  },
};
