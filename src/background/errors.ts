/**
 * What the worker answers when a request fails. IndexedDB reports a full disk or a used-up quota
 * as DOMExceptions whose message is often empty or says nothing a reader can act on; passed on
 * as they are, the page showed an empty error. Storage failures get the `storage` code (a passing
 * state: the page keeps the edit and tries again) and a sentence the reader understands; every
 * other failure keeps its message, and never leaves without one.
 */
import { ThreadnoteError, type ErrorData } from '../shared/messages';

export const QUOTA_MESSAGE =
  "Threadnote cannot save: your disk is full or the browser's storage for Threadnote is used up.";
export const UNREACHABLE_MESSAGE = 'Threadnote cannot reach its database right now.';

/**
 * Some browsers name the quota error; others only say so in a DOMException's message. Only
 * there: the worker's own messages quote the reader's words (“There is no tag “quota”.”).
 */
const QUOTA_WORDS = /quota|disk (is )?full|no space left/i;
/**
 * What IndexedDB throws when its backing store fails (UnknownError), when the connection is
 * closing under the request (InvalidStateError), or when a transaction is aborted by the browser
 * (AbortError). The worker makes no other requests that fail with these names.
 */
const DATABASE_FAILURES = new Set(['UnknownError', 'InvalidStateError', 'AbortError']);

function nameAndMessage(error: unknown): { name: string; message: string } {
  if (error instanceof Error || error instanceof DOMException) {
    return { name: error.name || 'Error', message: error.message };
  }
  if (typeof error === 'object' && error !== null) {
    // Thrown objects that are not errors: a plain object, or one without a prototype.
    const { constructor } = error as { constructor?: { name?: unknown } };
    const name = typeof constructor?.name === 'string' ? constructor.name : '';
    return { name: name || 'object', message: '' };
  }
  return { name: typeof error, message: error === undefined ? '' : String(error) };
}

/** The ErrorData of anything a handler threw. */
export function errorData(error: unknown): ErrorData {
  const { name, message } = nameAndMessage(error);
  // Refusals the worker words itself keep their code.
  if (error instanceof ThreadnoteError && message.trim() !== '') {
    return { code: error.code, message };
  }
  const fromBrowser = error instanceof DOMException;
  if (name === 'QuotaExceededError' || (fromBrowser && QUOTA_WORDS.test(message))) {
    return { code: 'storage', message: QUOTA_MESSAGE };
  }
  if (DATABASE_FAILURES.has(name)) return { code: 'storage', message: UNREACHABLE_MESSAGE };
  if (message.trim() === '') {
    return { code: 'failed', message: `Threadnote failed without saying why (${name}).` };
  }
  return { code: 'failed', message };
}
