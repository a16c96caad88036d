import { describe, expect, it } from 'vitest';
import type { Tag } from '../../src/shared/model';
import { renderCommentChips, type CommentChipsProps } from '../../src/content/ui/comment-chips';

const tag = (name: string, color = '#2b6cb0'): Tag => ({
  name,
  color,
  description: '',
  createdAt: '2026-12-03T10:00:00.000Z',
});

function props(patch: Partial<CommentChipsProps> = {}): CommentChipsProps {
  return {
    tags: [tag('insightful')],
    userTags: [],
    userNote: '',
    userVersions: 0,
    onUserVersions: () => undefined,
    collapsed: {
      summary: '3 replies by alice and bob',
      onExpand: () => undefined,
      ownToggle: false,
    },
    onRemoveTag: () => undefined,
    onTagClick: () => undefined,
    ...patch,
  };
}

function root(): ShadowRoot {
  return document.createElement('tn-chips').attachShadow({ mode: 'open' });
}

describe('renderCommentChips', () => {
  it('leaves chips that would look the same untouched, and redraws any change', () => {
    const shadow = root();
    renderCommentChips(shadow, props());
    const stub = shadow.querySelector('.stub');
    expect(stub?.textContent).toBe('[+] 3 replies by alice and bob');

    // The worker's echo of the change just drawn: nothing to write.
    renderCommentChips(shadow, props());
    expect(shadow.querySelector('.stub')).toBe(stub);

    renderCommentChips(shadow, props({ tags: [tag('insightful', '#c53030')] }));
    expect(shadow.querySelector('.stub')).not.toBe(stub);
    const chip = shadow.querySelector<HTMLElement>('.chip');
    expect(chip?.querySelector<HTMLElement>('.swatch')?.style.background).toBe('#c53030');

    renderCommentChips(shadow, props({ tags: [tag('insightful', '#c53030')], collapsed: null }));
    expect(shadow.querySelector('.stub')).toBeNull();
    expect(shadow.querySelector('.chip')).not.toBe(chip);
  });
});
