import { browser } from './browser';
import {
  ThreadnoteError,
  envelope,
  type Result,
  type TabOutputs,
  type TabRequests,
  type WorkerCall,
  type WorkerInput,
  type WorkerOutput,
} from './messages';

export function unwrap<T>(result: Result<T> | undefined): T {
  if (!result || typeof result !== 'object' || !('ok' in result)) {
    throw new ThreadnoteError({ code: 'failed', message: 'No answer from Threadnote.' });
  }
  if (result.ok) return result.value;
  throw new ThreadnoteError(result.error);
}

/** Worker restarts drop a message now and then ("Receiving end does not exist"): retry briefly. */
const RETRY_DELAYS_MS = [50, 200, 800];

export async function callWorker<K extends WorkerCall>(
  type: K,
  payload: WorkerInput<K>,
): Promise<WorkerOutput<K>> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = (await browser.runtime.sendMessage(envelope(type, payload))) as
        Result<WorkerOutput<K>> | undefined;
      return unwrap(response);
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (error instanceof ThreadnoteError || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export async function callTab<K extends keyof TabRequests>(
  tabId: number,
  type: K,
  payload: TabRequests[K],
): Promise<TabOutputs[K]> {
  const response = (await browser.tabs.sendMessage(tabId, envelope(type, payload))) as
    Result<TabOutputs[K]> | undefined;
  return unwrap(response);
}

export function toErrorData(error: unknown): { code: 'failed'; message: string } {
  return { code: 'failed', message: error instanceof Error ? error.message : String(error) };
}
