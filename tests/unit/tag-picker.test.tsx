/** The tag pickers send what the reader changed, never the whole list. */
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Tag } from '../../src/shared/model';
import type { TagOp } from '../../src/shared/operations';
import { TagPicker } from '../../src/content/ui/TagPicker';

const tag = (name: string): Tag => ({ name, color: '#1864ab', description: '', createdAt: '' });

function picker(applied: string[]) {
  const container = document.createElement('div');
  document.body.append(container);
  const onChange = vi.fn(async (_ops: TagOp[]) => true);
  render(
    <TagPicker
      id="comment-tags"
      label="Tags"
      applied={applied}
      known={[tag('later'), tag('sources'), tag('wrong')]}
      onChange={onChange}
      onError={() => undefined}
    />,
    container,
  );
  return { container, onChange };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('TagPicker', () => {
  it('removes a chip with one tag.remove', () => {
    const { container, onChange } = picker(['later', 'sources']);
    container.querySelector<HTMLButtonElement>('[aria-label="Remove tag sources"]')?.click();
    expect(onChange).toHaveBeenCalledWith([{ op: 'tag.remove', tag: 'sources' }]);
  });

  it('adds a typed tag with one tag.add', async () => {
    const { container, onChange } = picker(['later']);
    const input = container.querySelector<HTMLInputElement>('input');
    if (!input) throw new Error('no input');
    input.value = 'Follow Up';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onChange).toHaveBeenCalledWith([{ op: 'tag.add', tag: 'follow-up' }]);
  });

  it('toggles a listed tag on or off by what is applied', async () => {
    const { container, onChange } = picker(['later']);
    // The recently used tags show on ↓ in the empty field.
    container
      .querySelector('input')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve));
    const options = [...container.querySelectorAll<HTMLElement>('[role="option"]')];
    options.find((option) => option.textContent?.startsWith('later'))?.click();
    options.find((option) => option.textContent?.startsWith('wrong'))?.click();
    expect(onChange.mock.calls).toEqual([
      [[{ op: 'tag.remove', tag: 'later' }]],
      [[{ op: 'tag.add', tag: 'wrong' }]],
    ]);
  });
});
