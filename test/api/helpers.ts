import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type pino from 'pino';
import { defaultCatalogue } from '../../src/api/catalogue';
import { XapiClient, type XapiClientOptions } from '../../src/api/client';
import { RAPID_RETRY_FOR_TESTS } from '../../src/api/retry';
import { createLogger } from '../../src/logging';
import { type Simulator, startSimulator } from '../../src/simulator';

/** Shared by the client tests: throwaway servers, captured logs, a client with test defaults. */

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** A real server on 127.0.0.1 and a free port; https when `tls` is given. */
export async function startServer(
  handler: http.RequestListener,
  tls?: { key: string | Buffer; cert: string | Buffer },
): Promise<TestServer> {
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers like the 3CX token endpoint and like an XAPI read, for tests that need a server of their own. */
export function tinyPbx(token = 'tiny-token', expiresIn: number = 3600): http.RequestListener {
  return (req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/connect/token') {
        res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: expiresIn }));
      } else {
        res.end(JSON.stringify({ value: [{ Id: 1 }] }));
      }
    });
  };
}

export function captureLogs(level = 'trace'): {
  logger: pino.Logger;
  text: () => string;
  lines: () => Record<string, unknown>[];
} {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level, destination });
  return {
    logger,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

export function testClient(baseUrl: string, options: Partial<XapiClientOptions> = {}): XapiClient {
  return new XapiClient({
    pbx: 'test',
    baseUrl,
    clientId: 'sim-client',
    clientSecret: 'sim-secret',
    catalogue: defaultCatalogue(),
    timeoutMs: 2_000,
    retry: RAPID_RETRY_FOR_TESTS,
    ...options,
  });
}

/** Resolves when `check` holds; fails with `what` once `ms` have passed. No fixed sleeps. */
export async function until(check: () => boolean, what: string, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** One simulator for a test file, reset before each test so no test depends on another's state. */
export function useSimulator(onStart: (sim: Simulator) => void): void {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    onStart(sim);
  });
  afterAll(() => sim?.close());
  beforeEach(() => {
    sim?.reset();
    sim?.clearLog();
  });
}
