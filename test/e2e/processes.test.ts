import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Simulator } from '../../src/simulator';
import { openStore } from '../../src/store';
import { postSigned } from '../support/bot-client';
import { confirmValue } from '../support/confirm';
import { blockActionsBody, newTriggerId, slashCommandBody } from '../support/signing';
import type { SlackStandIn } from '../support/slack-stand-in';
import { waitUntil } from '../support/wait';
import { type BotProcess, startBotProcess, useProcessWorld } from './bot-process';

/**
 * Real bot processes: three replicas on one PostgreSQL share one 3CX token; a bot killed with SIGKILL in the
 * middle of a call leaves an unfinished audit row and does not repeat the call after a restart.
 */

const SECRET = 'process-test-secret';
const CONFIG = `
roles:
  admin: { allow: ["*"] }
members:
  U0ADMIN: admin
`;

let dir: string;
let sim: Simulator;
let slack: SlackStandIn;
const running: BotProcess[] = [];

useProcessWorld({ config: CONFIG, prefix: '3cx-proc-', running }, (world) => {
  ({ dir, sim, slack } = world);
});

function envFor(databaseUrl: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    THREECX_URL: sim.url,
    THREECX_CLIENT_ID: 'sim-client',
    THREECX_CLIENT_SECRET: 'sim-secret',
    BOT_CONFIG: join(dir, 'bot.yaml'),
    DATABASE_URL: databaseUrl,
    MCU_POLL_SECONDS: '0',
    PORT: '0',
  };
}

async function bot(databaseUrl: string): Promise<BotProcess> {
  const p = await startBotProcess(envFor(databaseUrl));
  running.push(p);
  return p;
}

function command(text: string, replyId: string, triggerId = newTriggerId()): string {
  return slashCommandBody({ text, responseUrl: slack.responseUrl(replyId), triggerId });
}

it('kill -9 during a call leaves an unfinished audit row, and the redelivered Confirm click does not run again', async () => {
  const databaseUrl = `sqlite:${join(dir, 'bot.db')}`;
  const route = '/xapi/v1/SystemStatus/Pbx.SetMultiCompanyMode';
  sim.addFault({ path: route, latencyMs: 30_000 });
  const first = await bot(databaseUrl);
  expect((await postSigned(first.url, command('multicompany on', 'asked'), { secret: SECRET })).status).toBe(
    200,
  );
  // A dangerous write asks first; the Confirm click is what runs it, so the click is what is delivered again.
  const question = await slack.waitFor((c) => c.kind === 'response_url' && c.id === 'asked', 10_000);
  const body = blockActionsBody({
    userId: 'U0ADMIN',
    actionId: 'confirm_run',
    value: confirmValue(question.body) as string,
    channelId: 'C0OPS',
    responseUrl: slack.responseUrl('killed'),
  });
  expect((await postSigned(first.url, body, { secret: SECRET })).status).toBe(200);
  await waitUntil(() => sim.requests.some((r) => r.path === route), { what: 'the slow 3CX call' });
  await first.kill9();

  const store = await openStore(databaseUrl);
  const rows = await store.auditList({ limit: 10 });
  await store.close();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ operation: 'SystemStatus.SetMultiCompanyMode', userId: 'U0ADMIN' });
  expect(rows[0]?.finishedAt).toBeUndefined();
  expect(rows[0]?.outcome).toBeUndefined();

  sim.clearFaults();
  const second = await bot(databaseUrl);
  // Slack (or anyone holding the payload) delivers it again, signed anew.
  await postSigned(second.url, body, { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) + 1 });
  await second.waitForLine((l) => l.includes('duplicate delivery ignored'));
  expect(sim.requests.filter((r) => r.path === route)).toHaveLength(1);
  await postSigned(second.url, command('audit', 'audit'), { secret: SECRET });
  const reply = await slack.waitFor((c) => c.kind === 'response_url' && c.id === 'audit', 10_000);
  expect(JSON.stringify(reply.body)).toContain('unfinished');
}, 60_000);

const adminUrl = process.env.TEST_DATABASE_URL;
const pg = adminUrl ? describe : describe.skip;

pg('three replicas on one PostgreSQL (TEST_DATABASE_URL)', () => {
  const schema = `replicas_${randomBytes(5).toString('hex')}`;
  const sql = async (text: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  beforeAll(() => sql(`CREATE SCHEMA ${schema}`));
  afterAll(() => sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));

  it('300 commands with a token revoked half-way: at most 2 token requests, and no 401 reaches anyone', async () => {
    const url = new URL(adminUrl as string);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const replicas = await Promise.all([1, 2, 3].map(() => bot(url.toString())));
    const total = 300;
    for (let batch = 0; batch < total; batch += 30) {
      // Half-way, 3CX revokes the token (as when it expires early): one replica refreshes it for all three.
      if (batch === total / 2) sim.revokeTokens();
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => {
          const n = batch + i;
          const target = replicas[n % replicas.length] as BotProcess;
          return postSigned(target.url, command('status', `r${n}`), { secret: SECRET });
        }),
      );
    }
    const replies = await waitUntil(
      () => {
        const got = slack.callsTo('response_url');
        return got.length >= total ? got : undefined;
      },
      { what: `${total} replies`, timeoutMs: 30_000, intervalMs: 50 },
    );
    const tokenRequests = sim.tokenRequests();
    const unauthorised = sim.requests.filter((r) => r.status === 401).length;
    // A status whose verdict finds something wrong also reads trunks and services to name it: count the status reads
    // (each replica's start-up read of the PBX's version aside).
    const answered = sim.requests.filter(
      (r) => r.path === '/xapi/v1/SystemStatus' && r.status === 200 && r.query.$select !== 'Version',
    ).length;
    process.stdout.write(
      `replicas: ${total} commands, ${answered} 3CX calls answered 200, ${tokenRequests} token requests, ` +
        `${unauthorised} 401s after the revocation, each retried with the refreshed token\n`,
    );
    expect(tokenRequests).toBeLessThanOrEqual(2);
    expect(answered).toBe(total);
    // Only calls in flight with the revoked token see a 401; each is retried once with the new one.
    expect(unauthorised).toBeLessThanOrEqual(30);
    const texts = replies.map((r) => JSON.stringify(r.body));
    // The auth failure's sentence, or a status line with 401 ("HTTP 401"); a duration such as "401 ms" is fine.
    expect(texts.filter((t) => /HTTP 401\b|credentials|unauthori[sz]ed/i.test(t))).toEqual([]);
  }, 60_000);
});
