/**
 * Which failures the outbox keeps and sends again. The worker's errors are made by the page's
 * content script (callWorker) and judged by the outbox in the UI script, a second bundle with its
 * own copy of ThreadnoteError: they are read by name and code, not by class.
 */
import { describe, expect, it } from 'vitest';
import { isRetryable } from '../../src/content/outbox';
import { ThreadnoteError } from '../../src/shared/messages';

/** A ThreadnoteError as the other script's copy of the class makes it. */
function fromOtherScript(code: string): Error {
  class ThreadnoteError extends Error {
    readonly code = code;
    override readonly name = 'ThreadnoteError';
  }
  return new ThreadnoteError('Your disk is full.');
}

describe('isRetryable', () => {
  it('keeps storage and transport failures, from either script', () => {
    expect(isRetryable(new ThreadnoteError({ code: 'storage', message: 'full' }))).toBe(true);
    expect(isRetryable(new ThreadnoteError({ code: 'transport', message: 'gone' }))).toBe(true);
    expect(isRetryable(fromOtherScript('storage'))).toBe(true);
    expect(isRetryable(fromOtherScript('transport'))).toBe(true);
  });

  it('drops refusals and anything that is not Threadnote’s', () => {
    expect(isRetryable(new ThreadnoteError({ code: 'invalid', message: 'bad' }))).toBe(false);
    expect(isRetryable(fromOtherScript('forbidden'))).toBe(false);
    expect(isRetryable(Object.assign(new Error('full'), { code: 'storage' }))).toBe(false);
    expect(isRetryable({ name: 'ThreadnoteError', code: 'storage' })).toBe(false);
    expect(isRetryable(null)).toBe(false);
  });
});
