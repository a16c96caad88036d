/**
 * The worker's one entry point for requests: checks who is asking, validates the message against
 * its schema, keeps a content script to its own sites' keys, dispatches it, and answers with a
 * Result so errors travel back as data. What each call accepts, from whom, is in worker-calls.ts;
 * what it does is its handler here.
 */
import * as v from 'valibot';
import { describeIssues } from '../shared/field-schemas';
import {
  STREAM_PORT_PREFIX,
  THREAD_PAGE,
  isEnvelope,
  ThreadnoteError,
  type CommentChange,
  type ErrorData,
  type Result,
  type WorkerOutput,
} from '../shared/messages';
import { siteOfKey, userKeyOf, type CommentAnnotation, type Tag } from '../shared/model';
import {
  workerCalls,
  type WorkerCall,
  type WorkerCallSpec,
  type WorkerInput,
} from '../shared/worker-calls';
import { workerStreams, type WorkerStream } from '../shared/worker-streams';
import { adaptersOfHost, isEngineSite } from '../sites/registry';
import type { Caller, RouterDeps, SenderInfo } from './deps';
import { editComments, editUser } from './edits';
import { errorData } from './errors';
import { search } from './search';
import { listThreads, listedSites } from './thread-stats';
import {
  dataOverview,
  deleteDraft,
  foldsForItem,
  getDraft,
  saveDraft,
  listTags,
  openPage,
  threadSummary,
  wipeAll,
} from './store';
import { everywhere, stale } from './push';
import { createDatabase, probe } from './sync/probe';
import { disableSync, enableSync, runSync, syncStatus } from './sync/service';
import { syncDeps } from './sync/wiring';
import { openInbox, refuseStream, runStream, type StreamPort } from './streams';
import {
  deleteTag,
  mergeTags,
  readSettings,
  setSiteOn,
  tagUsage,
  updateTag,
  writeSettings,
} from './vocabulary';

export async function identifyCaller(sender: SenderInfo, deps: RouterDeps): Promise<Caller | null> {
  if (sender.id !== deps.extensionId || !sender.url) return null;
  if (sender.url.startsWith(deps.extensionOrigin)) return { kind: 'extension' };
  if (!sender.tab) return null;
  const sites = adaptersOfHost(sender.url).map((adapter) => adapter.site);
  if (sites.length === 0) return null;
  // A host of Discourse & co. counts only while the reader has it enabled.
  if (sites.some(isEngineSite) && !(await deps.hostEnabled(sender.url))) return null;
  return {
    kind: 'content',
    sites,
    privateWindow: sender.tab.incognito === true,
    tabId: sender.tab.id ?? -1,
    frameId: sender.frameId ?? 0,
  };
}

/** Tells the tabs of each site what changed, tags first so chips can be coloured. */
function announce(
  deps: RouterDeps,
  edits: WorkerInput<'comments.edit'>['edits'],
  annotations: readonly (CommentAnnotation | null)[],
  createdTags: readonly Tag[],
): void {
  const bySite = new Map<string, CommentChange[]>();
  edits.forEach(({ comment }, index) => {
    const site = siteOfKey(comment.key);
    const changes = bySite.get(site) ?? [];
    changes.push({
      thread: comment.thread.key,
      key: comment.key,
      annotation: annotations[index] ?? null,
    });
    bySite.set(site, changes);
  });
  for (const [site, changes] of bySite) {
    if (createdTags.length > 0) deps.broadcast(site, 'tags.changed', { tags: [...createdTags] });
    deps.broadcast(site, 'comments.changed', { changes });
  }
}

/** What each call of worker-calls.ts does; the compiler holds the two to the same names. */
const handlers: {
  [K in WorkerCall]: (
    input: WorkerInput<K>,
    deps: RouterDeps,
    caller: Caller,
  ) => Promise<WorkerOutput<K>>;
} = {
  'page.open': async (input, deps, caller) =>
    openPage(await deps.database(), input, deps.now(), {
      // A private window's visits stay private: new comments are marked from the reader's
      // other visits, and this one is not added to them.
      rememberVisit: !(caller.kind === 'content' && caller.privateWindow),
      health: deps.health,
    }),
  'comments.edit': async (input, deps) => {
    const result = await editComments(await deps.database(), input.edits, deps.now());
    announce(deps, input.edits, result.annotations, result.createdTags);
    return result;
  },
  'page.early': async (input, deps) => {
    const db = await deps.database();
    if ((await readSettings(db)).disabledSites.includes(input.site)) return { folds: 0, off: true };
    return { folds: input.item === null ? 0 : await foldsForItem(db, input.item), off: false };
  },
  'user.edit': async (input, deps) => {
    const { key, name } = input.user;
    const site = siteOfKey(key);
    // Derived as the page derives it, so a long name cut to its kept length still matches.
    if (key !== userKeyOf(site, name)) {
      throw new ThreadnoteError({
        code: 'invalid',
        message: `“${key}” is not the key of ${name}.`,
      });
    }
    const result = await editUser(await deps.database(), input, deps.now());
    if (result.createdTags.length > 0) {
      deps.broadcast(site, 'tags.changed', { tags: result.createdTags });
    }
    deps.broadcast(site, 'users.changed', { changes: [{ key, annotation: result.annotation }] });
    return result;
  },
  'tags.update': async (input, deps) => {
    const tag = await updateTag(await deps.database(), input.name, input.patch);
    everywhere(deps, 'tags.changed', { tags: [tag] });
    return tag;
  },
  'tags.rename': async (input, deps) =>
    stale(deps, await mergeTags(await deps.database(), [input.from], input.to, deps.now())),
  'tags.merge': async (input, deps) =>
    stale(deps, await mergeTags(await deps.database(), input.from, input.into, deps.now())),
  'tags.delete': async (input, deps) =>
    stale(deps, await deleteTag(await deps.database(), input.name, deps.now())),
  'tags.usage': async (_input, deps) => tagUsage(await deps.database()),
  'settings.get': async (_input, deps) => readSettings(await deps.database()),
  'settings.update': async (input, deps) =>
    stale(deps, await writeSettings(await deps.database(), input)),
  'hint.dismiss': async (_input, deps) =>
    stale(deps, await writeSettings(await deps.database(), { firstRunHintDone: true })),
  'settings.site': async (input, deps) =>
    stale(deps, await setSiteOn(await deps.database(), input.site, input.on)),
  'thread.summary': async (input, deps) => threadSummary(await deps.database(), input.thread),
  'notes.search': async (input, deps) => search(await deps.database(), input.query, input.limit),
  'popup.open': async (input, deps) => {
    const page = input.tabId === null ? null : await deps.pageInfo(input.tabId);
    const db = await deps.database();
    const [summary, threads] = await Promise.all([
      page?.thread ? threadSummary(db, page.thread.key) : null,
      listThreads(db, { site: null, tag: null, after: null, limit: THREAD_PAGE }),
    ]);
    const sync = await syncStatus(syncDeps(deps));
    return {
      page,
      summary,
      threads,
      storageTrouble: deps.health.current(),
      sync: sync.on ? sync : null,
    };
  },
  'threads.list': async (input, deps) => listThreads(await deps.database(), input),
  'threads.sites': async (_input, deps) => listedSites(await deps.database()),
  'sites.enabled': (_input, deps) => deps.enabledSites(),
  'draft.get': async (input, deps) => getDraft(await deps.database(), input.key),
  'draft.save': async (input, deps) =>
    saveDraft(await deps.database(), input.key, input.text, deps.now()),
  'draft.delete': async (input, deps) => deleteDraft(await deps.database(), input.key),
  'tags.list': async (_input, deps) => listTags(await deps.database()),
  'data.overview': async (_input, deps) => dataOverview(await deps.database()),
  'data.wipe': async (_input, deps) => stale(deps, await wipeAll(await deps.database())),
  'site.enable': (input, deps) => deps.enableTab(input.tabId),
  'ui.load': (_input, deps, caller) =>
    caller.kind === 'content' ? deps.injectUi(caller.tabId, caller.frameId) : Promise.resolve(null),
  // --- sync (issue #18)
  'sync.status': (_input, deps) => syncStatus(syncDeps(deps)),
  'sync.test': (input) => probe(input),
  'sync.create': (input) => createDatabase(input),
  'sync.enable': (input, deps) => enableSync(syncDeps(deps), input.target, input.passphrase),
  'sync.disable': (_input, deps) => disableSync(syncDeps(deps)),
  'sync.now': (_input, deps) => runSync(syncDeps(deps), { force: true }),
};

function fail(code: ErrorData['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Seen through a map over the call names, a call's schema, keys and handler all take that call's
 * input type, so one generic `answer` can parse and dispatch any call without a cast.
 */
const calls: { [K in WorkerCall]: WorkerCallSpec<WorkerInput<K>> } = workerCalls;

function isWorkerCall(type: string): type is WorkerCall {
  return Object.hasOwn(workerCalls, type);
}

/** Checks, parses and runs one call; generic so that every step sees that call's own types. */
async function answer<K extends WorkerCall>(
  type: K,
  payload: unknown,
  caller: Caller,
  deps: RouterDeps,
): Promise<Result<unknown>> {
  const call = calls[type];
  if (!call.callers.includes(caller.kind)) {
    return fail('forbidden', `“${type}” cannot be asked from a web page.`);
  }
  const parsed = v.safeParse(call.schema, payload);
  if (!parsed.success) {
    return fail('invalid', `Invalid “${type}”: ${describeIssues(parsed.issues)}`);
  }
  const input = parsed.output;
  if (caller.kind === 'content') {
    const foreign = call.keys(input).find((key) => !caller.sites.includes(siteOfKey(key)));
    if (foreign) {
      return fail('forbidden', `A ${caller.sites.join(' or ')} page cannot touch “${foreign}”.`);
    }
  }
  try {
    const value = await handlers[type](input, deps, caller);
    if (call.writes) {
      deps.health.worked();
      deps.syncSoon?.();
    }
    return { ok: true, value };
  } catch (error) {
    const data = errorData(error);
    if (data.code === 'storage') deps.health.failed(data.message);
    return { ok: false, error: data };
  }
}

export async function route(
  message: unknown,
  sender: SenderInfo,
  deps: RouterDeps,
): Promise<Result<unknown>> {
  const caller = await identifyCaller(sender, deps);
  if (!caller) return fail('forbidden', 'Threadnote answers only its own pages and scripts.');
  if (!isEnvelope(message)) return fail('invalid', 'Not a Threadnote message.');
  if (!isWorkerCall(message.type)) {
    return fail('unknown-call', `Unknown request “${message.type}”.`);
  }
  return answer(message.type, message.payload, caller, deps);
}

function isWorkerStream(name: string): name is WorkerStream {
  return Object.hasOwn(workerStreams, name);
}

/**
 * The entry point for ports (`runtime.connect`), with the same checks as for messages: the
 * caller, the stream's name, who may open it. Ports not named `threadnote:…` are not ours.
 */
export async function connect(port: StreamPort, deps: RouterDeps): Promise<void> {
  if (!port.name.startsWith(STREAM_PORT_PREFIX)) return;
  const stream = port.name.slice(STREAM_PORT_PREFIX.length);
  if (!isWorkerStream(stream)) {
    refuseStream(port, { code: 'unknown-call', message: `Unknown stream “${stream}”.` });
    return;
  }
  // The page may write as soon as it connects: queue from now, while the caller is checked.
  const inbox = openInbox(stream, port);
  const caller = await identifyCaller(port.sender ?? {}, deps);
  if (!caller) {
    refuseStream(port, { code: 'forbidden', message: 'Threadnote answers only its own pages.' });
  } else if (!workerStreams[stream].callers.includes(caller.kind)) {
    refuseStream(port, {
      code: 'forbidden',
      message: `“${stream}” cannot be opened from a web page.`,
    });
  } else {
    await runStream(stream, port, deps, inbox);
  }
}
