/**
 * The worker's one entry point for requests: checks who is asking, validates the message against
 * its schema, dispatches it, and answers with a Result so errors travel back as data.
 */
import * as v from 'valibot';
import { describeIssues, workerRequestSchemas } from '../shared/message-schemas';
import {
  isEnvelope,
  workerCallers,
  type ErrorData,
  type Result,
  type WorkerCall,
  type WorkerInput,
  type WorkerOutput,
} from '../shared/messages';
import type { SiteEnableResult } from '../shared/messages';
import { siteOfKey } from '../shared/model';
import { adaptersOfHost, isEngineSite } from '../sites/registry';
import type { ThreadnoteDB } from './db';
import { listTags, openPage, threadSummary, updateComment } from './store';

/** A content script speaks for the forums of its page's host, and only for them. */
export type Caller = { kind: 'content'; sites: string[] } | { kind: 'extension' };

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
  broadcast: (site: string, type: 'comment.changed' | 'tags.changed', payload: unknown) => void;
  /** Whether the reader enabled Threadnote on the host of a forum engine's page. */
  hostEnabled: (url: string) => Promise<boolean>;
  enableTab: (tabId: number) => Promise<SiteEnableResult>;
}

export async function identifyCaller(sender: SenderInfo, deps: RouterDeps): Promise<Caller | null> {
  if (sender.id !== deps.extensionId || !sender.url) return null;
  if (sender.url.startsWith(deps.extensionOrigin)) return { kind: 'extension' };
  if (!sender.tab) return null;
  const sites = adaptersOfHost(sender.url).map((adapter) => adapter.site);
  if (sites.length === 0) return null;
  // A host of Discourse & co. counts only while the reader has it enabled.
  if (sites.some(isEngineSite) && !(await deps.hostEnabled(sender.url))) return null;
  return { kind: 'content', sites };
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
  'site.enable': (input, deps) => deps.enableTab(input.tabId),
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
  const caller = await identifyCaller(sender, deps);
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
    const foreign = keysNamed(type, input).find((key) => !caller.sites.includes(siteOfKey(key)));
    if (foreign) {
      return fail('forbidden', `A ${caller.sites.join(' or ')} page cannot touch “${foreign}”.`);
    }
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
