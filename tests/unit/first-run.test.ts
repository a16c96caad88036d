/** The first-run hint's dismissal: a content call, kept through later settings changes. */
import { describe, expect, it } from 'vitest';
import { route } from '../../src/background/router';
import { envelope } from '../../src/shared/messages';
import {
  EXTENSION_ID,
  EXTENSION_ORIGIN,
  contentSender,
  freshDatabase,
  routerDeps,
} from './helpers';

const popupSender = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}src/popup/index.html` };

describe('hint.dismiss', () => {
  it('marks the hint done for good, whatever settings change after', async () => {
    const deps = routerDeps(await freshDatabase());
    const before = await route(envelope('settings.get', {}), contentSender, deps);
    expect(before).toMatchObject({ ok: true });
    expect((before as { value: object }).value).not.toHaveProperty('firstRunHintDone');
    expect(await route(envelope('hint.dismiss', {}), contentSender, deps)).toMatchObject({
      ok: true,
      value: { firstRunHintDone: true },
    });
    await route(envelope('settings.update', { tagNamesInPage: false }), popupSender, deps);
    expect(await route(envelope('settings.get', {}), contentSender, deps)).toMatchObject({
      ok: true,
      value: { firstRunHintDone: true, tagNamesInPage: false },
    });
  });
});
