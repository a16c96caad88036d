/**
 * Injects the content script's UI (the panel, tag picker, note editor, filter bar, hidden bar and
 * toast: src/content/lazy/ui.ts) into the frame that asked, in the same isolated world, with the
 * host access the forum already has. Nothing is web-accessible: a page cannot load or detect it.
 */
import type { Scripting } from '../shared/browser';
import { UI_SCRIPT_HOOK } from '../shared/ui-script';

/**
 * Idempotent, so a content script may ask again when a stopped worker lost its answer: a world
 * whose UI script already arrived (its hook is gone) or that waits for none gets nothing.
 */
export async function injectUi(
  scripting: Pick<Scripting.Static, 'executeScript'>,
  file: string,
  tabId: number,
  frameId: number,
): Promise<null> {
  const target = { tabId, frameIds: [frameId] };
  const [waiting] = await scripting.executeScript({
    target,
    func: (hook: string) => typeof (globalThis as Record<string, unknown>)[hook] === 'function',
    args: [UI_SCRIPT_HOOK],
  });
  if (waiting?.result === true) await scripting.executeScript({ target, files: [file] });
  return null;
}
