import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type App,
  HTTPResponseAck,
  HTTPModuleFunctions as http,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import type { Logger } from 'pino';
import { boltLogger } from './bolt-logger';
import { type GuardVerdict, MAX_SKEW_SECONDS, RequestGuard } from './request-guard';

/**
 * Bolt's HTTP receiver, reduced to what we serve (`POST /slack/events`, `GET /healthz`) and made strict: every
 * request passes the RequestGuard before Bolt sees it.
 */

export interface GuardedReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Where `GET /healthz` looks; false until the app says it is ready. */
  isReady: () => boolean;
  bodyLimitBytes?: number;
  now?: () => number;
  /**
   * The store's exactly-once claims, shared by every replica on one database: a signature is claimed there too,
   * so a replay sent to another replica than the original runs nothing either. Without it, replays are caught
   * per process only.
   */
  claims?: SignatureClaims;
}

export interface SignatureClaims {
  claim(key: string, windowMs: number, now: number): Promise<boolean>;
}

export class GuardedReceiver implements Receiver {
  private app: App | undefined;
  private server: Server | undefined;
  private readonly guard: RequestGuard;
  private readonly boltLog;
  /** Requests Bolt is still processing, so shutdown can wait for them. */
  readonly inflight = new Set<Promise<void>>();

  constructor(private readonly options: GuardedReceiverOptions) {
    this.guard = new RequestGuard(options.signingSecret, options.now);
    this.boltLog = boltLogger(options.logger);
  }

  init(app: App): void {
    this.app = app;
  }

  /** Starts listening; resolves with the bound port (0 asks the system for a free one). */
  start(port: number, host = '0.0.0.0'): Promise<number> {
    const server = createServer((req, res) => this.route(req, res));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    this.server = undefined;
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      const ready = this.options.isReady();
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: ready }));
      return;
    }
    if (path === '/slack/events' && req.method === 'POST') {
      const job = this.handle(req, res).catch((err: unknown) => {
        this.options.logger.error({ err }, 'request handling failed');
        if (!res.headersSent) http.buildNoBodyResponse(res, 500);
      });
      this.inflight.add(job);
      void job.finally(() => this.inflight.delete(job));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found. Slack posts to /slack/events; health is at /healthz.\n');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let buffered: Awaited<ReturnType<typeof http.bufferIncomingMessage>>;
    try {
      buffered = await http.bufferIncomingMessage(req, this.options.bodyLimitBytes ?? 1024 * 1024);
    } catch (err) {
      const tooLarge =
        http.isRawBodyError(err) && (err.type === 'entity.too.large' || err.statusCode === 413);
      http.buildNoBodyResponse(res, tooLarge ? 413 : 400);
      return;
    }
    const signature = header(req, 'x-slack-signature');
    const timestamp = header(req, 'x-slack-request-timestamp');
    let verdict = this.guard.check({ signature, timestamp }, buffered.rawBody);
    if (verdict.ok) verdict = await this.claimAcrossReplicas(signature as string, Number(timestamp));
    if (!verdict.ok) {
      this.options.logger.warn({ reason: verdict.reason }, 'Slack request refused');
      http.buildNoBodyResponse(res, verdict.status);
      return;
    }
    // biome-ignore lint/suspicious/noExplicitAny: Slack payloads are validated by each listener, not here.
    let body: any;
    try {
      body = http.parseHTTPRequestBody(buffered);
    } catch {
      http.buildNoBodyResponse(res, 400);
      return;
    }
    if (body === null || typeof body !== 'object') {
      http.buildNoBodyResponse(res, 400);
      return;
    }
    if (body.ssl_check === '1') {
      http.buildSSLCheckResponse(res);
      return;
    }
    if (body.type === 'url_verification') {
      http.buildUrlVerificationResponse(res, body);
      return;
    }
    const ack = new HTTPResponseAck({
      logger: this.boltLog,
      processBeforeResponse: false,
      unhandledRequestTimeoutMillis: 3001,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    const event: ReceiverEvent = { body, ack: ack.bind() };
    let malformed = false;
    try {
      await this.app?.processEvent(event);
    } catch (err) {
      // Listener errors go to app.error; what reaches here is Bolt failing to read the envelope itself (a payload
      // without `user` or `team`, say): the request is at fault, not the bot.
      malformed = true;
      this.options.logger.warn({ err }, 'Slack request refused: payload Bolt could not read');
    }
    // Bolt has run every listener by now; one that matched has acked. Nothing matched (an event or action we do
    // not handle): answer at once rather than hold the connection until Bolt's 3 s unhandled-request timer.
    if (!res.headersSent) {
      ack.ack();
      http.buildNoBodyResponse(res, malformed ? 400 : 404);
    }
  }

  /**
   * Claimed until the timestamp could no longer pass the skew check, as the guard remembers it. A database that
   * cannot be reached does not refuse Slack: this process's own memory still stops replays sent to it, and the
   * pipeline's exactly-once claim (which does refuse) still guards every 3CX call.
   */
  private async claimAcrossReplicas(signature: string, timestampSec: number): Promise<GuardVerdict> {
    const claims = this.options.claims;
    if (!claims) return { ok: true };
    const now = (this.options.now ?? Date.now)();
    const windowMs = Math.max(1_000, (timestampSec + MAX_SKEW_SECONDS + 1) * 1000 - now);
    try {
      if (await claims.claim(`slack-signature:${signature}`, windowMs, now)) return { ok: true };
      return { ok: false, status: 200, reason: 'replay' };
    } catch (err) {
      this.options.logger.warn(
        { err },
        'replay check: the database is unreachable; checked in this process only',
      );
      return { ok: true };
    }
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}
