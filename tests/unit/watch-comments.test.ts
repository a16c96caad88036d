import { afterEach, describe, expect, it } from 'vitest';
import { watchComments } from '../../src/content/watch-comments';

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('watchComments', () => {
  it('reads the page again once per frame for new elements, and never for text or its own', async () => {
    document.body.innerHTML = `<div id="tree"><div class="c"><a class="togg">[–]</a></div></div>`;
    const tree = document.getElementById('tree') as HTMLElement;
    let batches = 0;
    const stop = watchComments([{ node: tree, subtree: true }], () => batches++);

    // A forum rewriting its toggle's text, and Threadnote adding its own chips: no comment moved.
    (tree.querySelector('a.togg') as HTMLElement).textContent = '[+12]';
    tree.querySelector('.c')?.append(document.createElement('tn-chips'));
    await nextFrame();
    await nextFrame();
    expect(batches).toBe(0);

    // Comments added, twice in one frame: one read.
    tree.insertAdjacentHTML('beforeend', '<div class="c">a</div>');
    tree.insertAdjacentHTML('beforeend', '<div class="c">b</div>');
    await expect.poll(() => batches).toBe(1);
    await nextFrame();
    expect(batches).toBe(1);

    // A comment taken away counts too.
    tree.lastElementChild?.remove();
    await expect.poll(() => batches).toBe(2);
    stop();
  });
});
