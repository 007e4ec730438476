import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import pino, { type Logger } from 'pino';
import { defaultCatalogue, type OperationCatalogue } from '../api/catalogue';
import { SIMULATOR_DEFAULTS } from '../config';
import { handleAdmin } from './admin-routes';
import { type Actor, AUDIT_REPORT } from './audit-log';
import { checkBody } from './body-check';
import { profileOf } from './company/profiles';
import { type EntitySetModel, entitySetModels } from './entity-model';
import { EntityStore } from './entity-store';
import { FaultList } from './faults';
import type { OpContext } from './handler-kit';
import { BodyTooLarge, type ParsedBody, parseBody, queryObject, readBody, sendJson } from './http-io';
import { badRequest, ODataError } from './odata-error';
import { FieldIndex } from './odata-query';
import { openApiYaml } from './openapi-document';
import { OperationHandlers } from './operation-handlers';
import { RouteTable } from './route-table';
import { seedState } from './sim-state';
import { TokenIssuer } from './token-auth';
import type { Fault, SimRequest, SimState, Simulator, SimulatorOptions } from './types';
import { catalogueForVersion } from './versions';

/** The HTTP side: logging, faults, the token endpoint, the admin paths, and dispatch of XAPI calls. */

const XAPI_ROOT = '/xapi/v1';
/** About forty people in departments: the size of company the issue and the demo describe. */
export const DEFAULT_USERS = 40;
/** Where a PBX serves its own OpenAPI document, with or without a token. */
const OPENAPI_PATH = `${XAPI_ROOT}/swagger.yaml`;
/** What a malformed-JSON fault sends: valid up to the point where it stops. */
const TRUNCATED_JSON = '{"@odata.context":"$metadata#Users","value":[{"Id":1,"FirstName":"Ann';

function bodyForLog(body: ParsedBody): unknown {
  return body.kind === 'empty' ? undefined : body.value;
}

export class SimulatorServer implements Simulator {
  url = '';
  readonly requests: SimRequest[] = [];
  readonly state: SimState;

  private readonly server: Server;
  private readonly catalogue: OperationCatalogue;
  private readonly version: string;
  /** The OpenAPI document, written on first request. */
  private openApi?: string;
  private readonly routes: RouteTable;
  private readonly handlers: OperationHandlers;
  private readonly fields: FieldIndex;
  private readonly tokens: TokenIssuer;
  private readonly faults = new FaultList();
  private readonly userCount: number;
  private readonly seed: number;
  private readonly pbxIndex: number;
  private readonly clientId: string;
  private readonly models: Map<string, EntitySetModel>;
  readonly store: EntityStore;
  private readonly seeded: SimState;
  /** Resets so far: each gives the pending MCU request a fresh id. */
  private resets = 0;
  readonly credentials: { clientId: string; clientSecret: string };
  private readonly logger: Logger;
  private readonly closing = new AbortController();
  private closed?: Promise<void>;

  constructor(options: SimulatorOptions = {}) {
    this.pbxIndex = options.pbxIndex ?? 0;
    this.version = profileOf(this.pbxIndex).version;
    // A PBX behind 20.0.10 lacks what came later: those paths answer 404 and its document leaves them out.
    this.catalogue = options.catalogue ?? catalogueForVersion(defaultCatalogue(), this.version);
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.userCount = options.users ?? DEFAULT_USERS;
    // Every delayed answer listens on this one signal; hundreds at once are expected, not a leak.
    setMaxListeners(0, this.closing.signal);
    if (!Number.isInteger(this.userCount) || this.userCount < 0) {
      throw new RangeError(`users must be a whole number of 0 or more, not ${options.users}`);
    }
    this.seed = options.seed ?? 1;
    if (!Number.isInteger(this.seed))
      throw new RangeError(`seed must be a whole number, not ${options.seed}`);
    const lifetime = options.tokenLifetimeSeconds ?? 3600;
    if (!(lifetime >= 0)) throw new RangeError(`tokenLifetimeSeconds must be 0 or more, not ${lifetime}`);
    this.clientId = options.clientId ?? SIMULATOR_DEFAULTS.clientId;
    this.credentials = {
      clientId: this.clientId,
      clientSecret: options.clientSecret ?? SIMULATOR_DEFAULTS.clientSecret,
    };
    this.tokens = new TokenIssuer({
      clientId: this.clientId,
      clientSecret: this.credentials.clientSecret,
      lifetimeSeconds: lifetime,
      expiresInMinutes: options.expiresInMinutes ?? false,
      ...(options.otherClients ? { otherClients: options.otherClients } : {}),
    });
    this.routes = new RouteTable(this.catalogue.operations, this.catalogue);
    this.models = entitySetModels(this.catalogue);
    this.handlers = new OperationHandlers(this.catalogue, this.models);
    this.fields = new FieldIndex(this.catalogue);
    // Built once: a reset copies it back, so hundreds of resets in a test stay cheap. Times stay relative to start.
    const now = options.now ?? Date.now();
    if (!Number.isFinite(now)) throw new RangeError(`now must be a time in milliseconds, not ${options.now}`);
    this.seeded = seedState(this.catalogue, this.models, this.companyOptions(now));
    this.state = structuredClone(this.seeded);
    this.store = new EntityStore(this.state, this.models);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.logger.error({ err }, 'simulator request failed');
        if (!res.headersSent) sendJson(res, 500, new ODataError(500, String(err)).body);
      });
    });
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${address.port}`;
  }

  tokenRequests(): number {
    return this.tokens.issued;
  }

  clearLog(): void {
    this.requests.length = 0;
    this.tokens.resetCount();
  }

  addFault(fault: Fault): void {
    this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  revokeTokens(): void {
    this.tokens.revokeAll();
  }

  private companyOptions(now: number) {
    return { seed: this.seed, users: this.userCount, now, pbxIndex: this.pbxIndex };
  }

  /** The PBX audit log, newest first. */
  auditLog(): Record<string, unknown>[] {
    return this.state.reports[AUDIT_REPORT] ?? [];
  }

  reset(): void {
    Object.assign(this.state, structuredClone(this.seeded));
    this.renewMcuRequest();
    this.clearFaults();
    this.clearLog();
  }

  /**
   * After a reset the pending MCU request is a new one, as when the PBX raises another: a bot that announced the
   * seeded one before must see a request it has not announced, or a test would depend on the tests before it.
   */
  private renewMcuRequest(): void {
    const request = this.state.mcuRequest;
    if (!request?.McuId) return;
    this.resets += 1;
    const serial = this.resets.toString(16).padStart(12, '0');
    request.McuId = `${request.McuId.slice(0, 24)}${serial}`;
    request.RequestExpiration = new Date(Date.now() + 3_600_000).toISOString();
  }

  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.closing.abort();
      this.server.close(() => resolve());
      // Hanging and keep-alive sockets would hold close() open (and jest with it) until they time out.
      this.server.closeAllConnections();
    });
    return this.closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = url.pathname;
    let pathError: string | undefined;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      pathError = `The path ${url.pathname} has a broken percent-encoding.`;
    }
    const admin = path === '/_sim' || path.startsWith('/_sim/');
    const entry: SimRequest = {
      method,
      path,
      rawUrl: req.url ?? '/',
      query: queryObject(url.searchParams),
      headers: { ...req.headers },
      body: undefined,
      status: 0,
      at: Date.now(),
    };
    if (!admin) this.requests.push(entry);
    const answer = (status: number, body?: unknown, headers?: Record<string, string>) => {
      entry.status = status;
      sendJson(res, status, body, headers);
      this.logger.debug({ method, path, status, operation: entry.operationKey }, 'simulator answered');
    };
    const fail = (err: ODataError) => answer(err.status, err.body, err.headers);

    let body: ParsedBody;
    let raw: Buffer;
    try {
      raw = await readBody(req);
      body = parseBody(req, raw);
    } catch (err) {
      if (err instanceof BodyTooLarge) return fail(new ODataError(413, err.message));
      throw err;
    }
    entry.body = bodyForLog(body);

    try {
      if (admin) {
        const result = handleAdmin(this.adminTarget(), method, path, raw.toString('utf8'));
        return answer(result.status, result.body);
      }
      const fault = this.faults.take(method, path);
      if (fault && (await this.applyFault(fault, req, res, entry))) return;
      if (pathError) throw badRequest(pathError);
      if (path === '/connect/token') {
        if (method !== 'POST')
          throw new ODataError(405, 'Use POST for /connect/token.', undefined, { allow: 'POST' });
        const token = this.tokens.issue(req, body);
        return answer(token.status, token.body, { 'cache-control': 'no-store' });
      }
      if (path === OPENAPI_PATH) {
        if (method !== 'GET')
          throw new ODataError(405, `Use GET for ${OPENAPI_PATH}.`, undefined, { allow: 'GET' });
        this.openApi ??= openApiYaml(this.catalogue, this.version);
        return answer(200, this.openApi, { 'content-type': 'application/yaml' });
      }
      if (path === XAPI_ROOT || path.startsWith(`${XAPI_ROOT}/`)) {
        const result = this.xapi(req, method, path.slice(XAPI_ROOT.length) || '/', entry, body);
        return answer(result.status, result.body, result.headers);
      }
      throw new ODataError(404, `Nothing is served at ${path}; the XAPI is under ${XAPI_ROOT}.`);
    } catch (err) {
      if (err instanceof ODataError) return fail(err);
      throw err;
    }
  }

  private xapi(req: IncomingMessage, method: string, path: string, entry: SimRequest, body: ParsedBody) {
    this.tokens.check(req);
    const { op, args } = this.routes.match(method, path);
    entry.operationKey = op.key;
    let value: unknown;
    if (body.kind === 'text') {
      throw badRequest(`The request body is not valid JSON${body.problem ? `: ${body.problem}` : ''}.`);
    }
    if (body.kind === 'form') throw new ODataError(415, 'Send the request body as application/json.');
    if (op.body) {
      if (body.kind === 'empty') {
        if (op.body.required) throw badRequest(`${op.key} needs a JSON request body.`);
      } else {
        value = body.value;
        checkBody(this.catalogue, value, op.body.type);
      }
    }
    const handler = this.handlers.get(op);
    if (!handler) throw new ODataError(501, `${op.key} has no handler.`);
    const ctx: OpContext = {
      op,
      args,
      query: entry.query,
      body: value,
      state: this.state,
      catalogue: this.catalogue,
      fields: this.fields,
      serviceRoot: `${this.url}${XAPI_ROOT}`,
      now: Date.now,
      store: this.store,
      actor: this.xapiActor(req),
    };
    return handler(ctx);
  }

  /** 3CX records XAPI changes under the client id of the service principal that made them. */
  private xapiActor(req: IncomingMessage): Actor {
    return { userName: this.clientId, ip: req.socket.remoteAddress ?? '127.0.0.1', source: 'xapi' };
  }

  /** Answers in place of the normal handling; false when the fault was only a delay. */
  private async applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, entry: SimRequest) {
    if (fault.latencyMs) {
      try {
        await delay(fault.latencyMs, undefined, { signal: this.closing.signal });
      } catch {
        // Closing: the socket is being destroyed, there is nobody to answer.
        return true;
      }
    }
    if (fault.dropConnection) {
      req.socket.destroy();
      return true;
    }
    if (fault.hang) return true;
    if (fault.malformedJson) {
      entry.status = 200;
      res.writeHead(200, { 'content-type': 'application/json; odata.metadata=minimal', ...fault.headers });
      res.end(TRUNCATED_JSON);
      return true;
    }
    if (fault.status !== undefined) {
      const body =
        fault.body !== undefined
          ? fault.body
          : fault.status >= 400
            ? new ODataError(fault.status, `Simulated failure (${fault.status}).`).body
            : undefined;
      entry.status = fault.status;
      sendJson(res, fault.status, body, fault.headers);
      return true;
    }
    return false;
  }

  private adminTarget() {
    return {
      faults: this.faults,
      requests: this.requests,
      state: this.state,
      store: this.store,
      addFault: (fault: Fault) => this.addFault(fault),
      clearFaults: () => this.clearFaults(),
      clearLog: () => this.clearLog(),
      revokeTokens: () => this.revokeTokens(),
      reset: () => this.reset(),
      now: Date.now,
    };
  }
}
