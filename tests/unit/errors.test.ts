import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUOTA_MESSAGE, UNREACHABLE_MESSAGE, errorData } from '../../src/background/errors';
import { ThreadnoteError } from '../../src/shared/messages';

describe('errorData', () => {
  it('names a full disk or used-up quota as a storage failure the reader can act on', () => {
    // Chrome reports a full quota with an empty message, which used to reach the page as is.
    expect(errorData(new DOMException('', 'QuotaExceededError'))).toEqual({
      code: 'storage',
      message: QUOTA_MESSAGE,
    });
    expect(errorData(new DOMException('Quota exceeded for this origin', 'UnknownError'))).toEqual({
      code: 'storage',
      message: QUOTA_MESSAGE,
    });
    expect(
      errorData(new DOMException('IO error: No space left on device', 'UnknownError')),
    ).toEqual({
      code: 'storage',
      message: QUOTA_MESSAGE,
    });
    // The worker's own words may quote the reader's: a tag named “quota” is no full disk.
    expect(errorData(new Error('There is no tag “quota”.'))).toEqual({
      code: 'failed',
      message: 'There is no tag “quota”.',
    });
  });

  it('calls the database unreachable when IndexedDB fails under a request', () => {
    for (const name of ['UnknownError', 'InvalidStateError', 'AbortError']) {
      expect(errorData(new DOMException('Internal error opening backing store', name))).toEqual({
        code: 'storage',
        message: UNREACHABLE_MESSAGE,
      });
    }
  });

  it('keeps the code of a refusal the worker words itself', () => {
    const refusal = new ThreadnoteError({
      code: 'invalid',
      message: '“hn:bob” is not the key of al.',
    });
    expect(errorData(refusal)).toEqual({
      code: 'invalid',
      message: '“hn:bob” is not the key of al.',
    });
  });

  it('keeps other failures’ messages, and gives one to those that have none', () => {
    expect(errorData(new Error('There is no tag “x”.'))).toEqual({
      code: 'failed',
      message: 'There is no tag “x”.',
    });
    expect(errorData(new TypeError(''))).toEqual({
      code: 'failed',
      message: 'Threadnote failed without saying why (TypeError).',
    });
    expect(errorData(undefined).message).toBe('Threadnote failed without saying why (undefined).');
    expect(errorData(Object.create(null)).message).toBe(
      'Threadnote failed without saying why (object).',
    );
    expect(errorData('  ').message).toBe('Threadnote failed without saying why (string).');
  });

  it('never answers with an empty message, whatever is thrown', () => {
    const names = fc.constantFrom(
      'Error',
      'QuotaExceededError',
      'UnknownError',
      'InvalidStateError',
      'AbortError',
      'VersionError',
      'DataError',
      '',
    );
    const thrown = fc.oneof(
      fc.tuple(fc.string(), names).map(([message, name]) => new DOMException(message, name)),
      fc.tuple(fc.string(), names).map(([message, name]) => {
        const error = new Error(message);
        error.name = name;
        return error;
      }),
      fc.anything(),
    );
    fc.assert(
      fc.property(thrown, (error) => {
        expect(errorData(error).message.trim()).not.toBe('');
      }),
    );
  });
});
