import { describe, expect, it } from 'vitest';
import { workerCalls } from '../../src/shared/worker-calls';
import { workerStreams } from '../../src/shared/worker-streams';

/** The names of the table's entries that pass `test`, sorted. */
function namesWhere<T>(table: Record<string, T>, test: (entry: T) => boolean): string[] {
  return Object.entries(table)
    .filter(([, entry]) => test(entry))
    .map(([name]) => name)
    .sort();
}

describe('worker calls', () => {
  // A page shares its context with code we do not control: widening this list is a decision.
  it('lets content scripts make only the calls a page needs, and open no stream', () => {
    expect(namesWhere(workerCalls, (call) => call.callers.includes('content'))).toEqual([
      'comments.edit',
      'draft.delete',
      'draft.get',
      'draft.save',
      // The first-run hint's Got it (src/content/first-run.tsx).
      'hint.dismiss',
      'page.early',
      'page.open',
      'settings.get',
      'tags.list',
      'thread.summary',
      // Asks the worker to inject the UI script into the asking frame; it names no record.
      'ui.load',
      'user.edit',
    ]);
    expect(namesWhere(workerStreams, (stream) => stream.callers.includes('content'))).toEqual([]);
  });

  it('names the record keys behind a draft, and the site of a page asked early', () => {
    expect(workerCalls['draft.save'].keys({ key: 'user:hn:alice', text: '' })).toEqual([
      'hn:alice',
    ]);
    expect(workerCalls['page.early'].keys({ site: 'lobsters', item: null })).toEqual(['lobsters:']);
  });
});
