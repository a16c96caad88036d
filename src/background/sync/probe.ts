/**
 * Test connection: one clear status for the server settings the reader typed. Requests go from
 * the worker; before the reader grants the server's origin they are subject to CORS, so a request
 * that fails while an opaque (`no-cors`) one gets through means the server answers but does not
 * allow Threadnote's origin.
 */
import type { SyncProbe, SyncTargetSettings } from '../../shared/messages';

type Fetch = typeof fetch;

function databaseUrl(target: SyncTargetSettings): string {
  return `${target.url.replace(/\/+$/, '')}/${encodeURIComponent(target.database)}`;
}

function headers(target: SyncTargetSettings): HeadersInit {
  const result: Record<string, string> = { accept: 'application/json' };
  if (target.username) {
    const pair = new TextEncoder().encode(`${target.username}:${target.password}`);
    result['authorization'] = `Basic ${btoa(String.fromCharCode(...pair))}`;
  }
  return result;
}

export const CORS_HELP =
  'The server answers, but does not allow Threadnote. Allow the server in the browser when asked ' +
  '(Turn on sync asks for it), or enable CORS on CouchDB: in Fauxton, Settings → CORS → Enable ' +
  'CORS for all domains, or in local.ini set [chttpd] enable_cors = true and [cors] origins = *, ' +
  'credentials = true, then restart CouchDB.';

export async function probe(
  target: SyncTargetSettings,
  request: Fetch = fetch,
): Promise<SyncProbe> {
  let response: Response;
  try {
    response = await request(databaseUrl(target), { headers: headers(target) });
  } catch {
    try {
      await request(target.url, { mode: 'no-cors' });
      return { status: 'cors', message: CORS_HELP };
    } catch (error) {
      return {
        status: 'network',
        message: `No answer from ${target.url}: check the address, that the server runs, and its TLS certificate (${error instanceof Error ? error.message : String(error)}).`,
      };
    }
  }
  if (response.status === 401 || response.status === 403) {
    return { status: 'auth', message: 'The server refused the username or password.' };
  }
  if (response.status === 404) {
    return {
      status: 'missing',
      message: `The server has no database “${target.database}”. Create it?`,
    };
  }
  if (!response.ok) {
    return { status: 'network', message: `The server answered ${response.status}.` };
  }
  return { status: 'reachable', message: `Connected: the database “${target.database}” is there.` };
}

/** Creates the database (the reader's account needs the right to, e.g. a server admin). */
export async function createDatabase(
  target: SyncTargetSettings,
  request: Fetch = fetch,
): Promise<SyncProbe> {
  try {
    const response = await request(databaseUrl(target), {
      method: 'PUT',
      headers: headers(target),
    });
    if (response.status === 401 || response.status === 403) {
      return {
        status: 'auth',
        message: 'The server did not let this account create a database: create it as an admin.',
      };
    }
  } catch {
    // Said below, by the same test the reader ran first.
  }
  return probe(target, request);
}
