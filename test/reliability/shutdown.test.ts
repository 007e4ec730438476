import { join } from 'node:path';
import type { Simulator } from '../../src/simulator';
import { openStore } from '../../src/store';
import { type BotProcess, startBotProcess, useProcessWorld } from '../e2e/bot-process';
import { postSigned } from '../support/bot-client';
import { confirmValue } from '../support/confirm';
import { blockActionsBody, slashCommandBody } from '../support/signing';
import type { SlackStandIn } from '../support/slack-stand-in';
import { waitUntil } from '../support/wait';
import { DEMO_CONFIG } from './rig';

/**
 * Group 7, shutdown, on the real process (`node --import tsx src/main.ts`). SIGTERM stops new work at once, lets
 * what is in flight finish within SHUTDOWN_GRACE_MS, completes its audit rows and exits 0; what outlives the
 * grace is recorded as interrupted rather than left looking unfinished. A restart on the same database carries on.
 */

const SECRET = 'shutdown-test-secret';
const MULTI = '/xapi/v1/SystemStatus/Pbx.SetMultiCompanyMode';
const RESTART = '/xapi/v1/Services/Pbx.Restart';

let dir: string;
let sim: Simulator;
let slack: SlackStandIn;
const running: BotProcess[] = [];

useProcessWorld({ config: DEMO_CONFIG, prefix: '3cx-shutdown-', running }, (world) => {
  ({ dir, sim, slack } = world);
});

async function bot(graceMs: number): Promise<BotProcess> {
  const p = await startBotProcess({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    THREECX_URL: sim.url,
    THREECX_CLIENT_ID: 'sim-client',
    THREECX_CLIENT_SECRET: 'sim-secret',
    THREECX_TIMEOUT_MS: '20000',
    BOT_CONFIG: join(dir, 'bot.yaml'),
    DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`,
    MCU_POLL_SECONDS: '0',
    SHUTDOWN_GRACE_MS: String(graceMs),
    PORT: '0',
  });
  running.push(p);
  return p;
}

const send = (p: BotProcess, text: string, replyId: string) =>
  postSigned(p.url, slashCommandBody({ text, responseUrl: slack.responseUrl(replyId) }), { secret: SECRET });

/** A dangerous write asks first (DESIGN §4): sends it, then presses Confirm on the question, as the asker. */
async function sendConfirmed(p: BotProcess, text: string, replyId: string) {
  const asked = await send(p, text, replyId);
  expect(asked.status).toBe(200);
  const question = await slack.waitFor((c) => c.kind === 'response_url' && c.id === replyId, 10_000);
  const body = blockActionsBody({
    userId: 'U0ADMIN',
    actionId: 'confirm_run',
    value: confirmValue(question.body) as string,
    channelId: 'C0OPS',
    responseUrl: slack.responseUrl(`${replyId}-confirm`),
  });
  return postSigned(p.url, body, { secret: SECRET });
}

function exitOf(p: BotProcess): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((done) => {
    if (p.child.exitCode !== null) done({ code: p.child.exitCode, ms: 0 });
    else p.child.once('exit', (code) => done({ code, ms: Date.now() - started }));
  });
}

async function auditRows() {
  const store = await openStore(`sqlite:${join(dir, 'bot.db')}`);
  try {
    return await store.auditList({ limit: 50 });
  } finally {
    await store.close();
  }
}

it('SIGTERM: new work refused, the call in flight finishes and is confirmed and audited, exit 0; a restart carries on', async () => {
  sim.addFault({ path: MULTI, latencyMs: 1_500, times: 1 });
  const first = await bot(8_000);
  expect((await sendConfirmed(first, 'multicompany on', 'inflight')).status).toBe(200);
  await waitUntil(() => sim.requests.some((r) => r.path === MULTI), { what: 'the slow 3CX call' });

  const exited = exitOf(first);
  first.child.kill('SIGTERM');
  await first.waitForLine((l) => l.includes('stopping'));
  const late = await send(first, 'services restart 3CXIVR01', 'late').catch((err: Error) => err);
  if (!(late instanceof Error)) expect(late.status).not.toBe(200);

  const { code, ms } = await exited;
  expect(code).toBe(0);
  expect(ms).toBeLessThan(8_000);
  expect(sim.requests.filter((r) => r.path === MULTI).map((r) => r.status)).toEqual([204]);
  expect(sim.requests.filter((r) => r.path === RESTART)).toHaveLength(0);
  const confirmation = slack
    .callsTo('chat.postMessage')
    .find((c) => JSON.stringify(c.body).includes('SetMultiCompanyMode'));
  expect(confirmation).toBeDefined();
  const rows = await auditRows();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    operation: 'SystemStatus.SetMultiCompanyMode',
    outcome: 'done',
    httpStatus: 204,
  });

  const second = await bot(8_000);
  expect((await sendConfirmed(second, 'multicompany off', 'after')).status).toBe(200);
  await slack.waitFor(
    (c) => c.method === 'chat.postMessage' && /enable[^a-z]+false/.test(JSON.stringify(c.body)),
    10_000,
  );
  await waitUntil(
    async () => (await auditRows()).length === 2 && (await auditRows()).every((r) => r.outcome === 'done'),
    {
      what: 'two finished audit rows',
    },
  );
  const stopped = exitOf(second);
  await second.stop();
  expect((await stopped).code).toBe(0);
}, 60_000);

it('a call that outlives the grace: exit 0 within the bound, its audit row marked interrupted', async () => {
  sim.addFault({ path: MULTI, hang: true, times: 1 });
  const p = await bot(1_000);
  expect((await sendConfirmed(p, 'multicompany on', 'hung')).status).toBe(200);
  await waitUntil(() => sim.requests.some((r) => r.path === MULTI), { what: 'the hanging 3CX call' });
  const exited = exitOf(p);
  p.child.kill('SIGTERM');
  const { code, ms } = await exited;
  expect(code).toBe(0);
  expect(ms).toBeLessThan(5_000);
  const rows = await auditRows();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ operation: 'SystemStatus.SetMultiCompanyMode', outcome: 'interrupted' });
  // The person who asked is told, privately, that 3CX may or may not have applied it.
  const told = slack.callsTo('chat.postEphemeral');
  expect(told).toHaveLength(1);
  expect(told[0]?.body).toMatchObject({ channel: 'C0OPS', user: 'U0ADMIN' });
  expect(JSON.stringify(told[0]?.body)).toContain('may or may not have been applied');
}, 30_000);
