import { postSigned } from '../support/bot-client';
import { slashCommandBody } from '../support/signing';
import { SIGNING_SECRET, sharedTestBot } from './harness';

/** What Bolt lets through and we do not: future timestamps and replays. And the ack comes first, always. */

const t = sharedTestBot();

const body = (text: string) =>
  slashCommandBody({ text, userId: 'U0ADMIN', channelId: 'C0OPS', responseUrl: t.slack.responseUrl('x') });

it('refuses a timestamp more than 300 s in the future and runs nothing', async () => {
  const res = await postSigned(t.url, body('multicompany on'), {
    secret: SIGNING_SECRET,
    timestamp: Math.floor(Date.now() / 1000) + 600,
  });
  expect(res.status).toBe(401);
  expect(t.xapiRequests()).toHaveLength(0);
});

it('refuses an old timestamp, a wrong secret and a missing signature', async () => {
  const old = await postSigned(t.url, body('status'), {
    secret: SIGNING_SECRET,
    timestamp: Math.floor(Date.now() / 1000) - 301,
  });
  const wrong = await postSigned(t.url, body('status'), { secret: 'not-the-secret' });
  const none = await fetch(t.url, {
    method: 'POST',
    body: body('status'),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect([old.status, wrong.status, none.status]).toEqual([401, 401, 401]);
  expect(t.xapiRequests()).toHaveLength(0);
});

it('runs a replayed request only once', async () => {
  const timestamp = Math.floor(Date.now() / 1000);
  // A write that runs at once (a dangerous one would first ask to be confirmed).
  const signed = body('tenant-property set DEFAULT_LANGUAGE de');
  const first = await postSigned(t.url, signed, { secret: SIGNING_SECRET, timestamp });
  const replay = await postSigned(t.url, signed, { secret: SIGNING_SECRET, timestamp });
  expect([first.status, replay.status]).toEqual([200, 200]);
  await t.channelPost('C0OPS');
  await new Promise<void>((resolve) => setImmediate(resolve));
  expect(t.xapiRequests().filter((r) => r.method === 'PATCH')).toHaveLength(1);
});

it('refuses an unsigned ssl_check carrying a smuggled payload', async () => {
  const smuggled = `ssl_check=1&payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'mcu_approve', value: 'x' }] }))}`;
  const res = await fetch(t.url, {
    method: 'POST',
    body: smuggled,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.status).toBe(401);
  const signed = await postSigned(t.url, 'ssl_check=1&token=x', { secret: SIGNING_SECRET });
  expect(signed.status).toBe(200);
});

it('acks in under a second while the PBX takes 10 s', async () => {
  t.sim.addFault({ path: '/xapi/v1/SystemStatus', latencyMs: 10_000, times: 1 });
  const { status, ms } = await t.command('status');
  expect(status).toBe(200);
  expect(ms).toBeLessThan(1000);
  expect(t.slack.responses()).toHaveLength(0);
});

it('answers /healthz once ready and 404 elsewhere', async () => {
  const base = t.url.replace('/slack/events', '');
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  expect((await fetch(`${base}/nope`)).status).toBe(404);
});
