/** callWorker against a worker that restarts: dropped sends and empty answers are sent again. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const runtime = vi.hoisted(() => ({ answers: [] as (() => unknown)[], sent: 0 }));
vi.mock('../../src/shared/runtime', () => ({
  sendMessage: async () => {
    runtime.sent++;
    const next = runtime.answers.shift();
    return next ? next() : undefined;
  },
}));

const { callWorker, NO_ANSWER } = await import('../../src/shared/messaging');
const { ThreadnoteError } = await import('../../src/shared/messages');

const fast = [1, 1, 1];
const settings = { quickTags: [], disabledSites: [] };

beforeEach(() => {
  runtime.answers = [];
  runtime.sent = 0;
});

describe('callWorker', () => {
  it('sends again when the answer is empty, as when the worker was restarting', async () => {
    runtime.answers = [() => undefined, () => ({}), () => ({ ok: true, value: settings })];
    await expect(callWorker('settings.get', {}, fast)).resolves.toEqual(settings);
    expect(runtime.sent).toBe(3);
  });

  it('sends again when the send fails for want of a receiver', async () => {
    runtime.answers = [
      () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
      () => {
        throw new Error('The message port closed before a response was received.');
      },
      () => ({ ok: true, value: settings }),
    ];
    await expect(callWorker('settings.get', {}, fast)).resolves.toEqual(settings);
  });

  it('gives up with a transport error that says the background did not answer', async () => {
    const failure = await callWorker('settings.get', {}, fast).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ThreadnoteError);
    expect(failure).toMatchObject({ code: 'transport', message: NO_ANSWER });
    expect(runtime.sent).toBe(fast.length + 1);
  });

  it('stops at once when the extension went away under the page', async () => {
    runtime.answers = [
      () => {
        throw new Error('Extension context invalidated.');
      },
    ];
    await expect(callWorker('settings.get', {}, fast)).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringMatching(/reload this page/),
    });
    expect(runtime.sent).toBe(1);
  });

  it('passes the worker’s own errors on without sending again', async () => {
    runtime.answers = [() => ({ ok: false, error: { code: 'storage', message: 'Disk full.' } })];
    await expect(callWorker('settings.get', {}, fast)).rejects.toMatchObject({
      code: 'storage',
      message: 'Disk full.',
    });
    expect(runtime.sent).toBe(1);
  });
});
