import { sendMessage } from './runtime';
import {
  ThreadnoteError,
  envelope,
  type Result,
  type WorkerCall,
  type WorkerInput,
  type WorkerOutput,
} from './messages';

function isResult(response: unknown): response is Result<unknown> {
  return typeof response === 'object' && response !== null && 'ok' in response;
}

export function unwrap<T>(result: Result<T> | undefined): T {
  if (!isResult(result)) {
    throw new ThreadnoteError({ code: 'failed', message: 'No answer from Threadnote.' });
  }
  if (result.ok) return result.value;
  throw new ThreadnoteError(result.error);
}

/**
 * A worker that is starting or stopping drops a message now and then: the send fails ("Receiving
 * end does not exist", "message port closed") or resolves with no answer at all. Both are tried
 * again after these pauses, a few seconds in all, which covers a worker restart.
 */
const RETRY_DELAYS_MS = [50, 200, 800, 2_000];

/**
 * The extension was reloaded or removed under this page: its content script can no longer reach
 * any worker, however long it waits.
 */
const INVALIDATED = /extension context invalidated/i;

export const NO_ANSWER = "Threadnote's background did not answer.";

export async function callWorker<K extends WorkerCall>(
  type: K,
  payload: WorkerInput<K>,
  delays: readonly number[] = RETRY_DELAYS_MS,
): Promise<WorkerOutput<K>> {
  for (let attempt = 0; ; attempt++) {
    let response: unknown;
    try {
      response = await sendMessage(envelope(type, payload));
    } catch (error) {
      if (error instanceof Error && INVALIDATED.test(error.message)) {
        throw new ThreadnoteError({
          code: 'failed',
          message: 'Threadnote was updated or turned off: reload this page to use it again.',
        });
      }
      response = undefined;
    }
    if (isResult(response)) return unwrap(response as Result<WorkerOutput<K>>);
    const delay = delays[attempt];
    if (delay === undefined) throw new ThreadnoteError({ code: 'transport', message: NO_ANSWER });
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

export function toErrorData(error: unknown): { code: 'failed'; message: string } {
  return { code: 'failed', message: error instanceof Error ? error.message : String(error) };
}
