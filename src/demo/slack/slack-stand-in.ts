import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isRecord, type ParsedBody, parseBody, parseForm, readRaw } from './request-body';
import { newTriggerId } from './signing';
import { answerMethod, type SlackUserProfile, type StandInState, type StoredFile } from './slack-methods';

/**
 * A stand-in for Slack on 127.0.0.1: the Web API at `${url}/api/`, the upload URLs that `files.uploadV2` posts
 * file bytes to, and `response_url`s. It records every request and can be told to fail the next calls to a method.
 */

export type CallKind = 'api' | 'upload' | 'response_url';

export interface RecordedCall {
  kind: CallKind;
  /** The Web API method (`chat.postMessage`), or `upload` / `response_url` for those endpoints. */
  method: string;
  /** The file id of an upload, the id of a response_url. */
  id?: string;
  /** Parsed body; JSON-looking form fields (`blocks`, `view`, `files`…) are parsed too. */
  body: Record<string, unknown>;
  at: number;
  headers: IncomingHttpHeaders;
  /** What the stand-in answered. `ok` is false for a non-2xx status or an `{ok:false}` body. */
  status: number;
  answer: unknown;
  ok: boolean;
}

export interface FaultAnswer {
  /** HTTP status, default 200. */
  status?: number;
  /** Default: `{ok:false, error:'ratelimited'}` for 429, `{ok:false, error:'internal_error'}` otherwise. */
  body?: unknown;
  /** For 429 without a Retry-After header, `Retry-After: 1` is added. */
  headers?: Record<string, string>;
  /** How many of the next calls fail this way, default 1. */
  times?: number;
}

export interface SlackStandInOptions {
  port?: number;
  botToken?: string;
  /** Members of each user group (S… → user ids), for usergroups.users.list. */
  userGroups?: Record<string, string[]>;
  /** When set, usergroups.users.list fails with this error (e.g. `plan_upgrade_required`). */
  userGroupsError?: string;
  /** Names and time zones for users.info; other U… ids get made-up ones. */
  users?: Record<string, Partial<SlackUserProfile>>;
  /** Answers to these Web API methods come this many ms late (a slow Slack), e.g. `usergroups.users.list`. */
  latencyMs?: Record<string, number>;
}

export type CallMatcher = string | ((call: RecordedCall) => boolean);

export interface SlackStandIn {
  url: string;
  /** `${url}/api/`: give this to the bot as SLACK_API_URL. */
  apiUrl: string;
  /** Every request so far, oldest first. */
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** A response_url served by the stand-in; a fresh id when none is given. */
  responseUrl(id?: string): string;
  /** Posts to response_urls (to one of them when `id` is given). */
  responses(id?: string): RecordedCall[];
  /** Files announced through files.getUploadURLExternal, with their bytes once uploaded. */
  files(): StoredFile[];
  /** The first call that matches (a method name or a predicate), already made or still to come. */
  waitFor(matcher: CallMatcher, timeoutMs?: number): Promise<RecordedCall>;
  /**
   * A trigger id as Slack puts in a slash command or click, valid for views.open for 3 s from now (Slack's
   * limit): a later views.open with it is refused with `expired_trigger_id`.
   */
  triggerId(): string;
  /** Forgets calls, files, used trigger ids, response_url counts and pending faults. */
  clear(): void;
  /** Answers the next call(s) to `method` (or `upload`, `response_url`) with this instead of the real answer. */
  failNext(method: string, answer: FaultAnswer): void;
  close(): Promise<void>;
}

/** Slack lets an app post to one response_url five times; later posts are refused. */
export const RESPONSE_URL_LIMIT = 5;

const OPTION_KEYS = new Set(['port', 'botToken', 'userGroups', 'userGroupsError', 'users', 'latencyMs']);
const FAULT_KEYS = new Set(['status', 'body', 'headers', 'times']);

const AREAS: Record<string, CallKind> = { api: 'api', upload: 'upload', response: 'response_url' };

interface Waiter {
  matches: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
  reject: (error: Error) => void;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function refuseUnknownKeys(what: string, value: object, known: Set<string>): void {
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`${what}: unknown option(s) ${unknown.join(', ')}`);
}

function faultReply(answer: FaultAnswer): Reply {
  const status = answer.status ?? 200;
  const headers = { ...answer.headers };
  if (status === 429 && !Object.keys(headers).some((name) => name.toLowerCase() === 'retry-after')) {
    headers['Retry-After'] = '1';
  }
  const body = answer.body ?? { ok: false, error: status === 429 ? 'ratelimited' : 'internal_error' };
  return { status, body, headers };
}

/** A predicate that throws (say, on a body of another shape) does not match; it must not break the server. */
function toPredicate(matcher: CallMatcher): (call: RecordedCall) => boolean {
  if (typeof matcher === 'string') return (call) => call.method === matcher;
  return (call) => {
    try {
      return matcher(call);
    } catch {
      return false;
    }
  };
}

function summarize(call: RecordedCall): string {
  const body = JSON.stringify(call.body);
  const id = call.id !== undefined ? `/${call.id}` : '';
  return `${call.method}${id} → ${call.status} ${body.length > 200 ? `${body.slice(0, 200)}…` : body}`;
}

export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  refuseUnknownKeys('startSlackStandIn', options, OPTION_KEYS);
  const botToken = options.botToken ?? 'xoxb-test-token';
  const calls: RecordedCall[] = [];
  const waiters = new Set<Waiter>();
  const faults = new Map<string, Reply[]>();
  const responseCounts = new Map<string, number>();
  let counter = 0;
  let tsCounter = 0;
  const state: StandInState = {
    url: '',
    userGroups: options.userGroups ?? {},
    ...(options.userGroupsError !== undefined ? { userGroupsError: options.userGroupsError } : {}),
    users: options.users ?? {},
    files: new Map(),
    usedTriggerIds: new Set(),
    issuedTriggerIds: new Map(),
    now: Date.now,
    nextId: (prefix) => `${prefix}${String(++counter).padStart(8, '0')}`,
    nextTs: () => {
      const micros = ++tsCounter * 100;
      return `${1_700_000_000 + Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
    },
  };

  const takeFault = (method: string): Reply | undefined => {
    const queue = faults.get(method);
    const reply = queue?.shift();
    if (queue && queue.length === 0) faults.delete(method);
    return reply;
  };

  const record = (call: Omit<RecordedCall, 'at' | 'ok'>): void => {
    const answerOk = !isRecord(call.answer) || call.answer.ok !== false;
    const full: RecordedCall = { ...call, at: Date.now(), ok: call.status < 300 && answerOk };
    calls.push(full);
    for (const waiter of [...waiters]) {
      if (waiter.matches(full)) {
        waiters.delete(waiter);
        waiter.resolve(full);
      }
    }
  };

  const authError = (headers: IncomingHttpHeaders, fields: Record<string, unknown>): string | undefined => {
    const header = headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : fields.token;
    if (token === undefined || token === '') return 'not_authed';
    return token === botToken ? undefined : 'invalid_auth';
  };

  const apiReply = (method: string, req: IncomingMessage, parsed: ParsedBody): Reply => {
    if (parsed.error) return { status: 200, body: { ok: false, error: parsed.error } };
    const refused = authError(req.headers, parsed.fields);
    if (refused) return { status: 200, body: { ok: false, error: refused } };
    return { status: 200, body: answerMethod(method, parsed.fields, state) };
  };

  const uploadReply = (id: string, raw: Buffer, parsed: ParsedBody): Reply => {
    const file = state.files.get(id);
    if (!file) return { status: 404, body: { ok: false, error: 'file_not_found' } };
    file.bytes = parsed.parts[0]?.bytes ?? raw;
    return { status: 200, body: `OK - ${file.bytes.length}` };
  };

  const responseReply = (id: string): Reply => {
    const used = (responseCounts.get(id) ?? 0) + 1;
    responseCounts.set(id, used);
    return used > RESPONSE_URL_LIMIT
      ? { status: 404, body: { ok: false, error: 'used_url' } }
      : { status: 200, body: { ok: true } };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readRaw(req);
    const parsed =
      req.method === 'GET'
        ? { fields: parseForm(url.searchParams.toString()), parts: [] }
        : await parseBody(raw, req.headers['content-type']);
    const [, area = '', name = ''] = url.pathname.split('/');
    const kind = Object.hasOwn(AREAS, area) ? AREAS[area] : undefined;
    if (kind === undefined || name === '') {
      send(res, { status: 404, body: { ok: false, error: 'not_found' } });
      return;
    }
    const target = decodeURIComponent(name);
    if (kind === 'api') {
      const reply = takeFault(target) ?? apiReply(target, req, parsed);
      const late = options.latencyMs?.[target];
      if (late) await new Promise((resolve) => setTimeout(resolve, late));
      record({
        kind,
        method: target,
        body: parsed.fields,
        headers: req.headers,
        status: reply.status,
        answer: reply.body,
      });
      send(res, reply);
      return;
    }
    const reply =
      takeFault(kind) ?? (kind === 'upload' ? uploadReply(target, raw, parsed) : responseReply(target));
    const body =
      kind === 'upload'
        ? { ...parsed.fields, content: state.files.get(target)?.bytes?.toString('utf8') }
        : parsed.fields;
    record({
      kind,
      method: kind,
      id: target,
      body,
      headers: req.headers,
      status: reply.status,
      answer: reply.body,
    });
    send(res, reply);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, { status: 500, body: { ok: false, error: `stand_in_error: ${String(error)}` } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.url = url;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    responseUrl: (id) => `${url}/response/${encodeURIComponent(id ?? state.nextId('R'))}`,
    responses: (id) =>
      calls.filter((call) => call.kind === 'response_url' && (id === undefined || call.id === id)),
    files: () => [...state.files.values()],
    triggerId: () => {
      const id = newTriggerId();
      state.issuedTriggerIds.set(id, Date.now());
      return id;
    },
    waitFor: (matcher, timeoutMs = 5000) => {
      const matches = toPredicate(matcher);
      const seen = calls.find(matches);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const listed =
            calls.length > 0 ? calls.map((call) => `  ${summarize(call)}`).join('\n') : '  (none)';
          const what = typeof matcher === 'string' ? `a call to ${matcher}` : 'a matching Slack call';
          reject(new Error(`Timed out after ${timeoutMs}ms waiting for ${what}; calls seen:\n${listed}`));
        }, timeoutMs);
        const waiter: Waiter = {
          matches,
          resolve: (call) => {
            clearTimeout(timer);
            resolve(call);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        waiters.add(waiter);
      });
    },
    clear: () => {
      calls.length = 0;
      state.files.clear();
      state.usedTriggerIds.clear();
      state.issuedTriggerIds.clear();
      responseCounts.clear();
      faults.clear();
    },
    failNext: (method, answer) => {
      refuseUnknownKeys('failNext', answer, FAULT_KEYS);
      const times = answer.times ?? 1;
      const queue = faults.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(faultReply(answer));
      faults.set(method, queue);
    },
    close: () => {
      for (const waiter of waiters)
        waiter.reject(new Error('The Slack stand-in was closed while a test waited for a call'));
      waiters.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function send(res: ServerResponse, reply: Reply): void {
  const isText = typeof reply.body === 'string';
  res.writeHead(reply.status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    ...reply.headers,
  });
  res.end(isText ? reply.body : JSON.stringify(reply.body));
}
