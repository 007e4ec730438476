import type pino from 'pino';
import { silentLogger } from '../logging';
import {
  type FetchedToken,
  requestToken,
  TokenManager,
  type TokenRequestOptions,
  type TokenSource,
} from './auth';
import type { Operation, OperationCatalogue } from './catalogue';
import { ConcurrencyLimiter, sleep, unlessAborted } from './concurrency';
import { XapiCancelledError, XapiError } from './errors';
import { type HttpResponse, type RequestContext, Transport } from './http';
import { readList, readsInPages } from './list-reader';
import { buildHeaders, buildPath, findParam, ParamError } from './odata';
import { checkOptions } from './options';
import { type PageOptions, pageItems, stableOrderBy } from './paging';
import { collectionShape, errorFromResponse, parseBody } from './responses';
import { DEFAULT_RETRY, isRetryable, type RetryPolicy, retryDelay } from './retry';
import { readTlsSettings } from './tls';

export type { TokenSource } from './auth';
export {
  userMessage,
  XapiCancelledError,
  XapiError,
  type XapiErrorKind,
  XapiUnexpectedError,
} from './errors';
export type { RetryPolicy } from './retry';

/**
 * The one XAPI client of a PBX: every one of the 601 operations goes through `call()`, which does transport,
 * tokens, queueing, retries and logging once, for all of them.
 */

/** Per HTTP attempt, when XapiClientOptions.timeoutMs is not given. */
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface XapiClientOptions {
  /** Name for logs and audit, e.g. 'default'. */
  pbx: string;
  /** THREECX_URL, e.g. https://pbx.example.com; /xapi/v1 and /connect/token are appended. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  catalogue: OperationCatalogue;
  /** Per HTTP attempt; default 15000. */
  timeoutMs?: number;
  /** XAPI requests in flight at once for this PBX; default 8. Further calls wait in order. */
  maxConcurrency?: number;
  retry?: RetryPolicy;
  caFile?: string;
  insecureTls?: boolean;
  logger?: pino.Logger;
  /** Where tokens come from; default a TokenManager of this client. */
  tokens?: TokenSource;
  now?: () => number;
}

export interface CallInput {
  params?: Record<string, unknown>;
  body?: unknown;
  signal?: AbortSignal;
}

export interface XapiResult {
  operation: Operation;
  status: number;
  /** Parsed JSON; undefined for 204. */
  data: unknown;
  durationMs: number;
  attempts: number;
  method: string;
  /** Encoded path below /xapi/v1, query included (of the first page, for a list read in pages). */
  path: string;
  /** A list read in pages had more rows than this cap; `data.value` holds the first ones. */
  truncatedAt?: number;
}

export class XapiClient {
  readonly pbx: string;
  private readonly apiBase: string;
  private catalogue: OperationCatalogue;
  private readonly transport: Transport;
  private readonly tokens: TokenSource;
  private readonly manager?: TokenManager;
  private readonly tokenRequest: TokenRequestOptions;
  private sharedRequests = 0;
  private readonly limiter: ConcurrencyLimiter;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly logger: pino.Logger;
  private readonly now: () => number;
  private closed = false;

  constructor(options: XapiClientOptions) {
    const base = checkOptions(options);
    this.pbx = options.pbx;
    this.apiBase = `${base}/xapi/v1`;
    this.catalogue = options.catalogue;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.logger = options.logger ?? silentLogger();
    this.now = options.now ?? Date.now;
    this.limiter = new ConcurrencyLimiter(options.maxConcurrency ?? 8);
    this.transport = new Transport(readTlsSettings(options));
    if (options.insecureTls) {
      this.logger.warn(
        { pbx: this.pbx },
        "THREECX_INSECURE_TLS is on: the PBX's certificate is not checked. Use THREECX_CA_FILE outside testing.",
      );
    }
    this.tokenRequest = {
      pbx: this.pbx,
      tokenUrl: `${base}/connect/token`,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      transport: this.transport,
      timeoutMs: this.timeoutMs,
      logger: this.logger,
      now: this.now,
    };
    if (options.tokens) this.tokens = options.tokens;
    else {
      this.manager = new TokenManager(this.tokenRequest);
      this.tokens = this.manager;
    }
  }

  /** How many token requests this client made, itself or through fetchToken for a shared token source. */
  tokenRequests(): number {
    return (this.manager?.requestCount ?? 0) + this.sharedRequests;
  }

  /**
   * One token request with this client's credentials and TLS settings, no caching: what a token source shared
   * between processes (src/store) calls when it holds the refresh lease. Every request revokes the previous token.
   */
  fetchToken(): Promise<FetchedToken> {
    this.sharedRequests++;
    return requestToken(this.tokenRequest);
  }

  /**
   * Runs one operation. Throws XapiError; an unknown key or a bad parameter is kind `validation`, nothing sent. A
   * list read without `$top` or `$skip` comes page by page, up to LIST_ROW_CAP rows (see list-reader.ts).
   */
  async call(op: string | Operation, input: CallInput = {}): Promise<XapiResult> {
    const operation = this.resolve(op);
    if (readsInPages(operation, input.params ?? {})) return this.callList(operation, input);
    return this.callOnce(operation, input);
  }

  private async callList(operation: Operation, input: CallInput): Promise<XapiResult> {
    const signal = input.signal ? { signal: input.signal } : {};
    const read = await readList<XapiResult>(
      {
        byParams: (params) => this.callOnce(operation, { params, ...signal }),
        byLink: (link) => {
          const path = this.pathOfLink(link);
          if (path === undefined) {
            this.logger.warn(
              { pbx: this.pbx, op: operation.key },
              '3CX gave an @odata.nextLink outside its XAPI; not followed, the list stops there',
            );
            return undefined;
          }
          return this.callOnce(operation, signal, path);
        },
        notACollection: (page) => this.notACollection(page),
      },
      input.params ?? {},
      stableOrderBy(operation, this.catalogue),
    );
    return { ...read.result, ...(read.truncatedAt !== undefined ? { truncatedAt: read.truncatedAt } : {}) };
  }

  /** The path below /xapi/v1 of a next-page link, relative or absolute; undefined for any other address. */
  private pathOfLink(link: string): string | undefined {
    let url: URL;
    try {
      url = new URL(link, `${this.apiBase}/`);
    } catch {
      return undefined;
    }
    const base = new URL(this.apiBase);
    if (url.origin !== base.origin || !url.pathname.startsWith(`${base.pathname}/`)) return undefined;
    return `${url.pathname.slice(base.pathname.length)}${url.search}`;
  }

  /** `fixedPath`: a path already built (a next-page link), sent as it is. */
  private async callOnce(operation: Operation, input: CallInput, fixedPath?: string): Promise<XapiResult> {
    const { method } = operation;
    const { path, headers } =
      fixedPath !== undefined
        ? { path: fixedPath, headers: {} as Record<string, string> }
        : this.request(operation, input.params ?? {});
    const url = `${this.apiBase}${path}`;
    const body = input.body === undefined ? undefined : JSON.stringify(input.body);
    const { signal } = input;
    const started = this.now();
    let retries = 0;
    let reauthorised = false;
    for (let attempt = 1; ; attempt++) {
      const ctx: RequestContext = { pbx: this.pbx, method, url, attempt, timeoutMs: this.timeoutMs };
      const cancelled = () => this.cancelled(ctx, this.closed ? 'the client was closed' : undefined);
      try {
        if (this.closed) throw cancelled();
        const { res, token } = await this.limiter.run(
          () => this.send(operation, path, ctx, { headers, body, signal }),
          signal,
          cancelled,
        );
        // 3CX checks the token before acting, so even a write is safe to send again after a 401.
        if (res.status === 401 && !reauthorised) {
          this.tokens.invalidate(token);
          reauthorised = true;
          continue;
        }
        if (res.status < 200 || res.status >= 300) throw errorFromResponse(res, ctx, this.now());
        const data = parseBody(res, ctx);
        return {
          operation,
          status: res.status,
          data,
          durationMs: this.now() - started,
          attempts: attempt,
          method,
          path,
        };
      } catch (err) {
        if (!(err instanceof XapiError) || retries >= this.retry.retries || !isRetryable(method, err))
          throw err;
        retries++;
        await sleep(retryDelay(this.retry, retries, err.retryAfterMs), signal, cancelled);
      }
    }
  }

  /**
   * The items of a collection, page by page ($top/$skip), in a stable order: the entity key unless `params`
   * gives an $orderby. An operation without paging is read in one call.
   */
  async *pages(
    op: string | Operation,
    params: Record<string, unknown> = {},
    options: PageOptions = {},
  ): AsyncGenerator<unknown> {
    const operation = this.resolve(op);
    const fetchPage = async (p: Record<string, unknown>) =>
      this.items(await this.callOnce(operation, { params: p }));
    if (!findParam(operation, '$top') || !findParam(operation, '$skip')) {
      const all = await fetchPage(params);
      yield* options.max === undefined ? all : all.slice(0, options.max);
      return;
    }
    yield* pageItems(fetchPage, params, stableOrderBy(operation, this.catalogue), options);
  }

  /**
   * The PBX's own OpenAPI document (`/xapi/v1/swagger.yaml`) as text: which operations its 3CX version has. Sent
   * with the token like any call (a PBX may serve it to anyone; one that does not still answers this).
   */
  async readDocument(): Promise<string> {
    const url = `${this.apiBase}/swagger.yaml`;
    for (let attempt = 1; ; attempt++) {
      const ctx: RequestContext = { pbx: this.pbx, method: 'GET', url, attempt, timeoutMs: this.timeoutMs };
      const token = await this.tokens.getToken().catch((err: unknown) => {
        throw err instanceof XapiError ? err : this.noToken(err);
      });
      const res = await this.limiter.run(
        () =>
          this.transport.send(
            {
              method: 'GET',
              url,
              headers: { accept: 'application/yaml, text/yaml, */*', authorization: `Bearer ${token}` },
            },
            ctx,
          ),
        undefined,
        () => this.cancelled(ctx, 'the client was closed'),
      );
      if (res.status === 401 && attempt === 1) {
        this.tokens.invalidate(token);
        continue;
      }
      if (res.status < 200 || res.status >= 300) throw errorFromResponse(res, ctx, this.now());
      return res.text;
    }
  }

  /** From now on, paths and parameters follow this catalogue: the PBX's own, once its document was read. */
  useCatalogue(catalogue: OperationCatalogue): void {
    this.catalogue = catalogue;
  }

  /** Stops new calls, fails queued ones and closes idle connections. Calls in flight should be awaited first. */
  async close(): Promise<void> {
    this.closed = true;
    const ctx = { pbx: this.pbx, method: '', url: this.apiBase, attempt: 0, timeoutMs: this.timeoutMs };
    this.limiter.rejectWaiting(() => this.cancelled(ctx, 'the client was closed'));
    this.transport.close();
  }

  private resolve(op: string | Operation): Operation {
    if (typeof op !== 'string') return op;
    const found = this.catalogue.get(op);
    if (found) return found;
    const suggestions = this.catalogue.suggest(op, 3);
    const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
    throw new XapiError({
      kind: 'validation',
      message: `${op} is not an XAPI operation${hint}`,
      method: '',
      url: this.apiBase,
      pbx: this.pbx,
    });
  }

  private request(
    op: Operation,
    params: Record<string, unknown>,
  ): { path: string; headers: Record<string, string> } {
    try {
      return { path: buildPath(op, params, this.catalogue), headers: buildHeaders(op, params) };
    } catch (err) {
      if (!(err instanceof ParamError)) throw err;
      throw new XapiError({
        kind: 'validation',
        message: err.message,
        method: op.method,
        url: `${this.apiBase}${op.path}`,
        pbx: this.pbx,
      });
    }
  }

  /**
   * A token source of another kind (the store-shared one) failing, say its database or a wait for another process:
   * still an XapiError, so callers answer the person as for any failure; nothing was sent.
   */
  private noToken(cause: unknown): XapiError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new XapiError({
      kind: 'network',
      message: `no 3CX token: ${detail}`,
      method: 'POST',
      url: this.tokenRequest.tokenUrl,
      pbx: this.pbx,
      attempts: 0,
      cause,
    });
  }

  /** One HTTP attempt, with one log line for it. */
  private async send(
    op: Operation,
    path: string,
    ctx: RequestContext,
    request: { headers: Record<string, string>; body?: string; signal?: AbortSignal },
  ): Promise<{ res: HttpResponse; token: string }> {
    const token = await unlessAborted(this.tokens.getToken(), request.signal, () =>
      this.cancelled(ctx),
    ).catch((err: unknown) => {
      throw err instanceof XapiError ? err : this.noToken(err);
    });
    const started = this.now();
    const line = { pbx: this.pbx, op: op.key, method: ctx.method, path, attempt: ctx.attempt };
    try {
      const res = await this.transport.send(
        {
          method: ctx.method,
          url: ctx.url,
          headers: {
            ...request.headers,
            accept: 'application/json',
            authorization: `Bearer ${token}`,
            ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(request.body !== undefined ? { data: request.body } : {}),
          ...(request.signal ? { signal: request.signal } : {}),
        },
        ctx,
      );
      this.logger.info({ ...line, status: res.status, ms: this.now() - started }, 'xapi');
      return { res, token };
    } catch (err) {
      const failed = err instanceof XapiError ? { kind: err.kind, reason: err.message } : { kind: 'network' };
      this.logger.info({ ...line, ...failed, ms: this.now() - started }, 'xapi');
      throw err;
    }
  }

  private items(result: XapiResult): unknown[] {
    const parsed = collectionShape.safeParse(result.data);
    if (parsed.success) return parsed.data.value;
    throw this.notACollection(result);
  }

  private notACollection(result: XapiResult): XapiError {
    return new XapiError({
      kind: 'protocol',
      message: `${result.operation.key} did not answer with a collection ({"value":[…]})`,
      method: result.method,
      url: `${this.apiBase}${result.path}`,
      pbx: this.pbx,
      attempts: result.attempts,
      status: result.status,
    });
  }

  private cancelled(ctx: RequestContext, why = 'cancelled before 3CX answered'): XapiCancelledError {
    return new XapiCancelledError({
      kind: 'timeout',
      message: why,
      method: ctx.method,
      url: ctx.url,
      pbx: ctx.pbx,
      attempts: ctx.attempt,
    });
  }
}
