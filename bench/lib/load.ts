import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { Pool } from 'undici';

export { Pool };

import { signRequest, slashCommandBody } from '../../test/support/signing';
import { SIGNING_SECRET } from './processes';

/**
 * Load against a Slack endpoint with signed `/3cx` commands, each with its own body and signature (the bot
 * refuses a replay). Open loop with undici (arrivals at fixed times, whatever the answers do) for latency;
 * closed loop with autocannon (a fixed number of connections, each sending again on each answer) for throughput.
 */

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** The write the load scenarios send: one that runs at once (dangerous writes first ask to be confirmed). */
export const WRITE = 'tenant-property set DEFAULT_LANGUAGE en';

export function signedCommand(text: string, slackUrl: string): SignedRequest {
  const body = slashCommandBody({
    text,
    userId: 'U0ADMIN',
    channelId: 'C0OPS',
    responseUrl: `${slackUrl}/response/${randomUUID()}`,
  });
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signRequest(SIGNING_SECRET, body),
    },
  };
}

export interface OpenLoopResult {
  /** Milliseconds from sending to the whole answer, one per request. */
  latencies: number[];
  errors: number;
  /** How late the generator sent, at worst, against the schedule (its own noise). */
  worstLagMs: number;
}

/** `rate` requests a second, evenly spaced, for `durationMs`; resolves when every answer is in. */
export async function openLoop(
  url: string,
  rate: number,
  durationMs: number,
  makeRequest: () => SignedRequest,
): Promise<OpenLoopResult> {
  const target = new URL(url);
  const count = Math.max(1, Math.round((rate * durationMs) / 1000));
  const requests = Array.from({ length: count }, makeRequest);
  const pool = new Pool(target.origin, { connections: 1024, pipelining: 1, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let errors = 0;
  let worstLagMs = 0;
  const interval = 1000 / rate;
  const jobs: Promise<void>[] = [];
  const start = performance.now();
  const send = (req: SignedRequest) => {
    const sent = performance.now();
    return pool
      .request({ path: target.pathname, method: 'POST', headers: req.headers, body: req.body })
      .then(async (res) => {
        await res.body.text();
        latencies.push(performance.now() - sent);
        if (res.statusCode !== 200) errors++;
      })
      .catch(() => {
        errors++;
      });
  };
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < count && start + next * interval <= now) {
        worstLagMs = Math.max(worstLagMs, now - (start + next * interval));
        jobs.push(send(requests[next] as SignedRequest));
        next++;
      }
      if (next >= count) return resolve();
      setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(jobs);
  await pool.close();
  return { latencies, errors, worstLagMs };
}

export interface ClosedLoopResult {
  requests: number;
  non2xx: number;
  errors: number;
  elapsedMs: number;
}

/** `amount` signed commands over `connections` keep-alive connections, as fast as the server answers. */
export async function closedLoop(
  url: string,
  connections: number,
  amount: number,
  makeRequest: () => SignedRequest,
): Promise<ClosedLoopResult> {
  const started = performance.now();
  const result = await autocannon({
    url,
    connections,
    amount,
    // autocannon notices it is done only at its next sample; at the default (1 s) every run would be whole seconds.
    sampleInt: 10,
    method: 'POST',
    requests: [
      {
        setupRequest: (req) => {
          const signed = makeRequest();
          return { ...req, method: 'POST', body: signed.body, headers: signed.headers };
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    elapsedMs: performance.now() - started,
  };
}

/**
 * `count` requests sent at once; resolves with the statuses when all are answered. On a pool of its own (one
 * connection each) unless one is given.
 */
export async function burst(
  url: string,
  count: number,
  makeRequest: () => SignedRequest,
  shared?: Pool,
): Promise<number[]> {
  const target = new URL(url);
  const requests = Array.from({ length: count }, makeRequest);
  const pool = shared ?? new Pool(target.origin, { connections: count, pipelining: 1 });
  try {
    return await Promise.all(
      requests.map(async (req) => {
        const res = await pool.request({
          path: target.pathname,
          method: 'POST',
          headers: req.headers,
          body: req.body,
        });
        await res.body.text();
        return res.statusCode;
      }),
    );
  } finally {
    if (!shared) await pool.close();
  }
}
