/**
 * The worker's one entry point for requests: checks who is asking, validates the message against
 * its schema, dispatches it, and answers with a Result so errors travel back as data.
 */
import * as v from 'valibot';
import { describeIssues, workerRequestSchemas } from '../shared/message-schemas';
import {
  STREAM_PORT_PREFIX,
  isEnvelope,
  streamCallers,
  workerCallers,
  type ErrorData,
  type Result,
  type TabPush,
  type WorkerCall,
  type WorkerInput,
  type WorkerOutput,
  type WorkerStream,
} from '../shared/messages';
import { siteOfKey } from '../shared/model';
import { adapterForUrl, adapters } from '../sites/registry';
import type { ThreadnoteDB } from './db';
import { dataOverview, listTags, openPage, threadSummary, updateComment, wipeAll } from './store';
import { refuseStream, runStream, type StreamPort } from './streams';

export type Caller = { kind: 'content'; site: string } | { kind: 'extension' };

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

export interface RouterDeps {
  extensionId: string;
  extensionOrigin: string;
  database: () => Promise<ThreadnoteDB>;
  now: () => string;
  /** Tells open tabs about a change; never throws. */
  broadcast: (site: string, type: TabPush, payload: unknown) => void;
}

export function identifyCaller(sender: SenderInfo, deps: RouterDeps): Caller | null {
  if (sender.id !== deps.extensionId || !sender.url) return null;
  if (sender.url.startsWith(deps.extensionOrigin)) return { kind: 'extension' };
  if (!sender.tab) return null;
  const adapter = adapterForUrl(sender.url);
  return adapter ? { kind: 'content', site: adapter.site } : null;
}

/** Every record key a request names, so a content script can be kept to its own site's keys. */
function keysNamed<K extends WorkerCall>(type: K, input: WorkerInput<K>): string[] {
  switch (type) {
    case 'page.open': {
      const open = input as WorkerInput<'page.open'>;
      return [
        ...open.threadKeys,
        ...open.userKeys,
        ...(open.visit ? [open.visit.thread.key, ...open.visit.commentKeys] : []),
      ];
    }
    case 'comment.update': {
      const { comment } = input as WorkerInput<'comment.update'>;
      return [comment.key, comment.thread.key];
    }
    case 'thread.summary':
      return [(input as WorkerInput<'thread.summary'>).thread];
    default:
      return [];
  }
}

const handlers: {
  [K in WorkerCall]: (input: WorkerInput<K>, deps: RouterDeps) => Promise<WorkerOutput<K>>;
} = {
  'page.open': async (input, deps) => openPage(await deps.database(), input, deps.now()),
  'comment.update': async (input, deps) => {
    const result = await updateComment(await deps.database(), input, deps.now());
    const site = siteOfKey(input.comment.key);
    if (result.createdTags.length > 0) {
      deps.broadcast(site, 'tags.changed', { tags: result.createdTags });
    }
    deps.broadcast(site, 'comment.changed', {
      thread: input.comment.thread.key,
      key: input.comment.key,
      annotation: result.annotation,
    });
    return result;
  },
  'thread.summary': async (input, deps) => threadSummary(await deps.database(), input.thread),
  'tags.list': async (_input, deps) => listTags(await deps.database()),
  'data.overview': async (_input, deps) => dataOverview(await deps.database()),
  'data.wipe': async (_input, deps) => {
    const counts = await wipeAll(await deps.database());
    for (const adapter of adapters) deps.broadcast(adapter.site, 'data.reset', {});
    return counts;
  },
};

function fail(code: ErrorData['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function isWorkerCall(type: string): type is WorkerCall {
  return Object.hasOwn(workerRequestSchemas, type);
}

export async function route(
  message: unknown,
  sender: SenderInfo,
  deps: RouterDeps,
): Promise<Result<unknown>> {
  const caller = identifyCaller(sender, deps);
  if (!caller) return fail('forbidden', 'Threadnote answers only its own pages and scripts.');
  if (!isEnvelope(message)) return fail('invalid', 'Not a Threadnote message.');
  if (!isWorkerCall(message.type)) {
    return fail('unknown-call', `Unknown request “${message.type}”.`);
  }
  const type: WorkerCall = message.type;
  if (!workerCallers[type].includes(caller.kind)) {
    return fail('forbidden', `“${type}” cannot be asked from a web page.`);
  }
  const parsed = v.safeParse(workerRequestSchemas[type], message.payload);
  if (!parsed.success)
    return fail('invalid', `Invalid “${type}”: ${describeIssues(parsed.issues)}`);
  const input = parsed.output as WorkerInput<typeof type>;
  if (caller.kind === 'content') {
    const foreign = keysNamed(type, input).find((key) => siteOfKey(key) !== caller.site);
    if (foreign) return fail('forbidden', `A ${caller.site} page cannot touch “${foreign}”.`);
  }
  try {
    const handler = handlers[type] as (
      input: WorkerInput<typeof type>,
      deps: RouterDeps,
    ) => Promise<unknown>;
    return { ok: true, value: await handler(input, deps) };
  } catch (error) {
    return fail('failed', error instanceof Error ? error.message : String(error));
  }
}

function isWorkerStream(name: string): name is WorkerStream {
  return Object.hasOwn(streamCallers, name);
}

/**
 * The entry point for ports (`runtime.connect`), with the same checks as for messages: the
 * caller, the stream's name, who may open it. Ports not named `threadnote:…` are not ours.
 */
export function connect(port: StreamPort, deps: RouterDeps): Promise<void> {
  if (!port.name.startsWith(STREAM_PORT_PREFIX)) return Promise.resolve();
  const stream = port.name.slice(STREAM_PORT_PREFIX.length);
  const caller = identifyCaller(port.sender ?? {}, deps);
  if (!caller) {
    refuseStream(port, { code: 'forbidden', message: 'Threadnote answers only its own pages.' });
  } else if (!isWorkerStream(stream)) {
    refuseStream(port, { code: 'unknown-call', message: `Unknown stream “${stream}”.` });
  } else if (!streamCallers[stream].includes(caller.kind)) {
    refuseStream(port, {
      code: 'forbidden',
      message: `“${stream}” cannot be opened from a web page.`,
    });
  } else {
    return runStream(stream, port, deps);
  }
  return Promise.resolve();
}
