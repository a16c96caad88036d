import { describe, expect, it } from 'vitest';
import { route } from '../../src/background/router';
import { QUOTA_MESSAGE } from '../../src/background/errors';
import { envelope } from '../../src/shared/messages';
import {
  EXTENSION_ID,
  EXTENSION_ORIGIN,
  addTags,
  commentRef,
  contentSender,
  freshDatabase,
  routerDeps,
  setFold,
  setNote,
  thread,
} from './helpers';

/** A `comments.edit` of one comment; ops are `unknown` so invalid ones can be sent too. */
function edit(comment: Record<string, unknown>, ops: unknown[]) {
  return envelope('comments.edit', { edits: [{ comment, ops }] });
}

const popupSender = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}src/popup/index.html` };

async function makeDeps() {
  return routerDeps(await freshDatabase(), {
    hostEnabled: async (url: string) => url.startsWith('https://forum.example.org/'),
    enabledSites: async () => ['discourse/forum.example.org'],
    pageInfo: async (tabId: number) =>
      tabId === 7
        ? {
            site: 'hn',
            siteName: 'Hacker News',
            thread,
            comments: 2,
            enabledHost: null,
            commentKeys: ['hn:5', 'hn:6'],
            newComments: 1,
            taggedUsers: 0,
          }
        : null,
  });
}

describe('router', () => {
  it('answers a valid request from a content script and tells other tabs', async () => {
    const deps = await makeDeps();
    const result = await route(
      envelope('comments.edit', { edits: [{ comment: commentRef('5'), ops: addTags('wrong') }] }),
      contentSender,
      deps,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { annotations: [{ key: 'hn:5', tags: ['wrong'] }], kept: 0 },
    });
    expect(deps.broadcast).toHaveBeenCalledWith('hn', 'tags.changed', {
      tags: [expect.objectContaining({ name: 'wrong' })],
    });
    expect(deps.broadcast).toHaveBeenCalledWith('hn', 'comments.changed', {
      changes: [
        {
          key: 'hn:5',
          thread: thread.key,
          annotation: expect.objectContaining({ tags: ['wrong'] }),
        },
      ],
    });
  });

  it('applies bulk edits in one call and announces them together', async () => {
    const deps = await makeDeps();
    const edits = ['8', '9', '10'].map((id) => ({
      comment: commentRef(id),
      ops: [setFold('collapsed')],
    }));
    const result = await route(envelope('comments.edit', { edits }), contentSender, deps);
    expect(result).toMatchObject({
      ok: true,
      value: { annotations: [{ key: 'hn:8' }, { key: 'hn:9' }, { key: 'hn:10' }] },
    });
    expect(deps.broadcast).toHaveBeenCalledTimes(1);
    expect(
      await route(envelope('page.early', { site: 'hn', item: thread.key }), contentSender, deps),
    ).toEqual({
      ok: true,
      value: { folds: 3, off: false },
    });
    expect(
      await route(envelope('page.early', { site: 'hn', item: 'hn:9' }), contentSender, deps),
    ).toEqual({
      ok: true,
      value: { folds: 3, off: false },
    });
    expect(
      await route(envelope('page.early', { site: 'hn', item: 'hn:404' }), contentSender, deps),
    ).toEqual({
      ok: true,
      value: { folds: 0, off: false },
    });
    // A site the reader turned off: the page is told so, and nothing else.
    await route(envelope('settings.update', { disabledSites: ['hn'] }), popupSender, deps);
    expect(
      await route(envelope('page.early', { site: 'hn', item: null }), contentSender, deps),
    ).toEqual({ ok: true, value: { folds: 0, off: true } });
    expect(
      await route(envelope('page.early', { site: 'lobsters', item: null }), contentSender, deps),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const empty = await route(envelope('comments.edit', { edits: [] }), contentSender, deps);
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const noOps = await route(
      envelope('comments.edit', { edits: [{ comment: commentRef('8'), ops: [] }] }),
      contentSender,
      deps,
    );
    expect(noOps).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('turns one site on or off at a time, keeping the others, from the extension’s pages only', async () => {
    const deps = await makeDeps();
    const site = (name: string, on: boolean) => envelope('settings.site', { site: name, on });
    // Two changes sent together: each one is made on the settings as the other left them.
    const [hn, lobsters] = await Promise.all([
      route(site('hn', false), popupSender, deps),
      route(site('lobsters', false), popupSender, deps),
    ]);
    expect([hn, lobsters].every((answer) => answer.ok)).toBe(true);
    expect(await route(site('hn', true), popupSender, deps)).toMatchObject({
      ok: true,
      value: { disabledSites: ['lobsters'] },
    });
    expect(await route(site('lobsters', true), contentSender, deps)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('refuses senders that are not this extension’s own contexts', async () => {
    const deps = await makeDeps();
    const message = envelope('tags.list', {});
    for (const sender of [
      { id: 'another-extension', url: `${EXTENSION_ORIGIN}x.html` },
      { id: EXTENSION_ID, url: 'https://evil.example/page', tab: {} },
      { id: EXTENSION_ID },
    ]) {
      expect(await route(message, sender, deps)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(await route(message, popupSender, deps)).toEqual({ ok: true, value: [] });
  });

  it('keeps a content script to its own site’s records and its own calls', async () => {
    const deps = await makeDeps();
    const foreign = envelope('comments.edit', {
      edits: [
        { comment: commentRef('6'), ops: [setNote('x')] },
        { comment: { ...commentRef('6'), key: 'reddit:t1_abc' }, ops: [setNote('x')] },
      ],
    });
    expect(await route(foreign, contentSender, deps)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('reddit:t1_abc') },
    });
    const foreignThread = envelope('comments.edit', {
      edits: [
        {
          comment: { ...commentRef('6'), thread: { ...thread, key: 'lobsters:abc' } },
          ops: [setNote('x')],
        },
      ],
    });
    expect(await route(foreignThread, contentSender, deps)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('lobsters:abc') },
    });
    const foreignUser = envelope('user.edit', {
      user: { key: 'lobsters:alice', name: 'alice' },
      ops: addTags('x'),
    });
    expect(await route(foreignUser, contentSender, deps)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const foreignDraft = envelope('draft.save', { key: 'comment:reddit:t1_abc', text: 'x' });
    expect(await route(foreignDraft, contentSender, deps)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('reddit:t1_abc') },
    });
    const otherUsers = envelope('page.open', {
      threadKeys: [],
      userKeys: [],
      usersOf: 'reddit',
      visit: null,
    });
    expect(await route(otherUsers, contentSender, deps)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const visit = envelope('page.open', {
      threadKeys: [],
      userKeys: [],
      usersOf: null,
      visit: null,
    });
    expect(await route(visit, popupSender, deps)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('records no visit from a private window, but marks what is new since the others', async () => {
    const deps = await makeDeps();
    const open = (commentKeys: string[]) =>
      envelope('page.open', {
        threadKeys: [thread.key],
        userKeys: [],
        usersOf: null,
        visit: { thread, commentKeys },
      });
    const privateSender = { ...contentSender, tab: { incognito: true } };
    await route(open(['hn:1']), contentSender, deps);
    expect(await route(open(['hn:1', 'hn:2']), privateSender, deps)).toMatchObject({
      ok: true,
      value: { previousVisit: { seenCommentKeys: ['hn:1'] } },
    });
    expect(await route(open(['hn:1', 'hn:2']), privateSender, deps)).toMatchObject({
      ok: true,
      value: { previousVisit: { seenCommentKeys: ['hn:1'] } },
    });
    const db = await deps.database();
    expect((await db.get('threads', thread.key))?.seenCommentKeys).toEqual(['hn:1']);
  });

  it('returns validation errors as data, naming the field', async () => {
    const deps = await makeDeps();
    const cases: [unknown, RegExp][] = [
      [{ hello: 'world' }, /Not a Threadnote message/],
      [envelope('wipe.everything', {}), /Unknown request/],
      [edit(commentRef('7'), addTags('Not Normal')), /edits\.0\.ops\.0\.tag/],
      [edit(commentRef('7'), [setNote('x'.repeat(20_001))]), /at most 20000/],
      [edit(commentRef('7'), [{ op: 'fold.set', fold: 'sideways' }]), /edits\.0\.ops\.0\.fold/],
      [edit(commentRef('7'), [{ op: 'tag.rename', tag: 'a' }]), /edits\.0\.ops\.0\.op/],
      [
        edit({ ...commentRef('7'), url: 'javascript:alert(1)' }, [setFold('hidden')]),
        /edits\.0\.comment\.url/,
      ],
      [
        envelope('comments.edit', { edits: [{ comment: commentRef('7'), ops: [], extra: true }] }),
        /extra/,
      ],
      [
        envelope('user.edit', { user: { key: 'hn:bob', name: 'alice' }, ops: addTags('x') }),
        /not the key of alice/,
      ],
    ];
    for (const [message, error] of cases) {
      const result = await route(message, contentSender, deps);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(error);
      // Refused as the request it is, never as a failure of the worker.
      if (!result.ok) expect(['invalid', 'unknown-call']).toContain(result.error.code);
    }
    expect(await (await deps.database()).count('comments')).toBe(0);
    expect(deps.broadcast).not.toHaveBeenCalled();
  });

  it('returns store failures as data instead of throwing, saying what they are', async () => {
    const deps = await makeDeps();
    deps.database = () => Promise.reject(new DOMException('', 'QuotaExceededError'));
    expect(await route(envelope('tags.list', {}), popupSender, deps)).toEqual({
      ok: false,
      error: { code: 'storage', message: QUOTA_MESSAGE },
    });
    deps.database = () => Promise.reject(new Error(''));
    expect(await route(envelope('tags.list', {}), popupSender, deps)).toEqual({
      ok: false,
      error: { code: 'failed', message: 'Threadnote failed without saying why (Error).' },
    });
  });

  it('tells the popup that saving fails until a write goes through again', async () => {
    const deps = await makeDeps();
    const working = deps.database;
    const popupOpen = async () => {
      const result = await route(envelope('popup.open', { tabId: null }), popupSender, deps);
      return result.ok ? (result.value as { storageTrouble: string | null }).storageTrouble : 'x';
    };
    expect(await popupOpen()).toBeNull();
    deps.database = () => Promise.reject(new DOMException('', 'QuotaExceededError'));
    const tagged = edit(commentRef('5'), addTags('kept'));
    expect(await route(tagged, contentSender, deps)).toMatchObject({ error: { code: 'storage' } });
    deps.database = working;
    expect(await popupOpen()).toBe(QUOTA_MESSAGE);
    expect(await route(tagged, contentSender, deps)).toMatchObject({ ok: true });
    expect(await popupOpen()).toBeNull();
  });

  it('answers a Discourse host’s pages only while the reader has the host enabled', async () => {
    const deps = await makeDeps();
    const topic = '/t/offline-first-sync-crdts-or-server-authoritative/4242';
    const enabled = { id: EXTENSION_ID, url: `https://forum.example.org${topic}`, tab: {} };
    const other = { id: EXTENSION_ID, url: `https://other.example${topic}`, tab: {} };
    const site = 'discourse/forum.example.org';
    const post = edit(
      {
        key: `${site}:57325`,
        thread: { key: `${site}:t/4242`, title: 'Offline-first sync', url: enabled.url },
        author: 'dmitri',
        url: `${enabled.url}/4`,
        quote: 'How do you handle an intent…',
      },
      addTags('follow-up'),
    );
    expect(await route(post, enabled, deps)).toMatchObject({
      ok: true,
      value: { annotations: [{ key: `${site}:57325`, tags: ['follow-up'] }] },
    });
    expect(deps.broadcast).toHaveBeenCalledWith(site, 'comments.changed', expect.anything());
    expect(await route(post, other, deps)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // An enabled host still keeps to its own records.
    const foreign = envelope('thread.summary', { thread: 'discourse/other.example:t/1' });
    expect(await route(foreign, enabled, deps)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('lets only the extension’s own pages enable a site', async () => {
    const deps = await makeDeps();
    const enable = envelope('site.enable', { tabId: 3 });
    expect(await route(enable, popupSender, deps)).toEqual({
      ok: true,
      value: { status: 'not-forum' },
    });
    expect(await route(enable, contentSender, deps)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await route(envelope('site.enable', { tabId: -1 }), popupSender, deps)).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
  });

  it('answers the popup’s first view in one request, and only the popup', async () => {
    const deps = await makeDeps();
    await route(edit(commentRef('5'), [setNote('see this')]), contentSender, deps);
    const open = await route(envelope('popup.open', { tabId: 7 }), popupSender, deps);
    expect(open).toMatchObject({
      ok: true,
      value: {
        page: { thread, newComments: 1 },
        summary: {
          counts: { annotated: 1, noted: 1 },
          annotations: [{ key: 'hn:5', note: 'see this' }],
        },
        threads: { total: 1, threads: [{ key: thread.key, counts: { noted: 1 } }] },
      },
    });
    expect(await route(envelope('popup.open', { tabId: 8 }), popupSender, deps)).toMatchObject({
      ok: true,
      value: { page: null, summary: null, threads: { total: 1 } },
    });
    expect(await route(envelope('popup.open', { tabId: 7 }), contentSender, deps)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
