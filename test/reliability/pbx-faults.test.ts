import type { AuditRow } from '../../src/store';
import { confirmValue } from '../support/confirm';
import { type Rig, startRig } from './rig';

/**
 * Group 4, PBX faults from the simulator: the token endpoint down, slow or failing; a 401 in the middle of a
 * session; 429 with Retry-After; bursts of 5xx; dropped connections; malformed JSON; a 30 s hang against a short
 * configured timeout. Each time the invoker gets a specific sentence within the time limit, the bot stays
 * healthy, no write reaches 3CX twice, and the audit row says what happened.
 */

const TIMEOUT_MS = 1_000;
/** Reply deadline: the configured 3CX timeout plus room for a token fetch and Slack on a busy test machine. */
const REPLY_WITHIN_MS = TIMEOUT_MS * 2 + 1_500;

const MULTI = '/SystemStatus/Pbx.SetMultiCompanyMode';
const RESTART = '/Services/Pbx.Restart';

/** A dangerous write asks first (DESIGN §4): the person presses Confirm, and the time counts from there. */
async function ask(rig: Rig, text: string): Promise<{ reply: string; ms: number; row?: AuditRow }> {
  let started = Date.now();
  const since = started;
  const { status, replyId } = await rig.command(text);
  expect(status).toBe(200);
  const answer = (id: string) =>
    rig.slack.waitFor(
      (c) => (c.kind === 'response_url' && c.id === id) || c.method === 'chat.postMessage',
      REPLY_WITHIN_MS + 2_000,
    );
  let call = await answer(replyId);
  const value = confirmValue(call.body);
  if (value !== undefined) {
    started = Date.now();
    call = await answer((await rig.click('confirm_run', value)).replyId);
  }
  const ms = Date.now() - started;
  await rig.bot.idle();
  const [row] = await rig.store.auditList({ limit: 1, since });
  return { reply: JSON.stringify(call.body), ms, ...(row ? { row } : {}) };
}

async function stillHealthy(rig: Rig): Promise<void> {
  expect((await fetch(`${rig.base}/healthz`)).status).toBe(200);
  rig.sim.reset();
  rig.slack.clear();
  const { reply } = await ask(rig, 'status');
  expect(reply).toContain('GetSystemStatus');
}

describe('the token endpoint', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig({ timeoutMs: TIMEOUT_MS });
  });
  afterEach(async () => {
    await rig.close();
  });

  it.each([
    ['down (connection dropped)', { dropConnection: true }, /cannot reach 3CX|THREECX_URL/],
    [
      'slow (5 s against a 1 s limit)',
      { latencyMs: 5_000 },
      /did not answer within 1 s\. The bot could not sign in to 3CX, so nothing was sent/,
    ],
    ['hanging (never answers)', { hang: true }, /did not answer within 1 s\. The bot could not sign in/],
    ['failing with 500', { status: 500 }, /internal error|HTTP 500|busy/],
    ['answering malformed JSON', { malformedJson: true }, /did not expect|THREECX_URL/],
  ])('%s: a specific reply in time, nothing written, the row failed', async (_what, fault, sentence) => {
    rig.sim.addFault({ path: '/connect/token', ...fault });
    const { reply, ms, row } = await ask(rig, 'multicompany on');
    expect(reply).toMatch(sentence);
    expect(ms).toBeLessThan(REPLY_WITHIN_MS);
    expect(rig.writes()).toHaveLength(0);
    expect(row).toMatchObject({ operation: 'SystemStatus.SetMultiCompanyMode', outcome: 'failed' });
  });
});

describe('calls', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ timeoutMs: TIMEOUT_MS });
  });
  afterAll(async () => {
    await rig.close();
  });
  beforeEach(() => {
    rig.sim.reset();
    rig.slack.clear();
  });

  it('a 401 mid-session: one new token, the write retried once after the refusal, one confirmation', async () => {
    await ask(rig, 'status');
    const tokens = () => rig.sim.requests.filter((r) => r.path === '/connect/token').length;
    const before = tokens();
    rig.sim.addFault({ path: `/xapi/v1${MULTI}`, status: 401, times: 1 });
    const { reply, row } = await ask(rig, 'multicompany on');
    expect(reply).toMatch(/SetMultiCompanyMode/);
    expect(rig.writes(MULTI).map((r) => r.status)).toEqual([401, 204]);
    expect(tokens()).toBe(before + 1);
    expect(row).toMatchObject({ outcome: 'done', httpStatus: 204 });
    expect(rig.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('401 twice in a row: the credentials sentence, no third attempt', async () => {
    rig.sim.addFault({ path: `/xapi/v1${MULTI}`, status: 401, times: 2 });
    const { reply, row } = await ask(rig, 'multicompany on');
    expect(reply).toMatch(/THREECX_CLIENT_ID and THREECX_CLIENT_SECRET/);
    expect(rig.writes(MULTI)).toHaveLength(2);
    expect(row).toMatchObject({ outcome: 'failed', errorKind: 'auth', httpStatus: 401 });
  });

  it('429 with Retry-After on a read: waited for and retried; on a write: not retried, the wait named', async () => {
    rig.sim.addFault({
      path: '/xapi/v1/SystemStatus',
      method: 'GET',
      status: 429,
      headers: { 'Retry-After': '1' },
      times: 1,
    });
    const read = await ask(rig, 'status');
    expect(read.reply).toContain('GetSystemStatus');
    expect(read.ms).toBeGreaterThanOrEqual(900);
    rig.sim.addFault({ path: `/xapi/v1${MULTI}`, status: 429, headers: { 'Retry-After': '7' }, times: 1 });
    const write = await ask(rig, 'multicompany on');
    expect(write.reply).toMatch(/too many requests\. Wait 7 s/);
    expect(rig.writes(MULTI)).toHaveLength(1);
    expect(write.row).toMatchObject({ outcome: 'failed', errorKind: 'rate_limited', httpStatus: 429 });
  });

  it('a burst of 503 on a write: one attempt only; on a read: retried through a short burst', async () => {
    rig.sim.addFault({ path: `/xapi/v1${RESTART}`, status: 503, times: 5 });
    const write = await ask(rig, 'services restart 3CXIVR01');
    expect(write.reply).toMatch(/busy or restarting \(HTTP 503\)/);
    expect(rig.writes(RESTART)).toHaveLength(1);
    expect(write.row).toMatchObject({ outcome: 'failed', errorKind: 'unavailable', httpStatus: 503 });
    rig.sim.addFault({ path: '/xapi/v1/Services', method: 'GET', status: 502, times: 2 });
    const read = await ask(rig, 'services');
    expect(read.reply).not.toMatch(/busy or restarting/);
    expect(rig.xapiRequests().filter((r) => r.path === '/xapi/v1/Services')).toHaveLength(3);
  });

  it('500 on a write: named as an internal error, one attempt', async () => {
    rig.sim.addFault({ path: `/xapi/v1${MULTI}`, status: 500, times: 3 });
    const { reply, row } = await ask(rig, 'multicompany on');
    expect(reply).toMatch(/internal error \(HTTP 500\)/);
    expect(rig.writes(MULTI)).toHaveLength(1);
    expect(row).toMatchObject({ outcome: 'failed', httpStatus: 500 });
  });

  it('a dropped connection on a write: not repeated, and the person is told to check before retrying', async () => {
    rig.sim.addFault({ path: `/xapi/v1${MULTI}`, dropConnection: true, times: 1 });
    const { reply, row } = await ask(rig, 'multicompany on');
    expect(reply).toMatch(/cannot reach 3CX|connection|check/i);
    expect(rig.writes(MULTI)).toHaveLength(1);
    expect(row).toMatchObject({ outcome: 'failed', errorKind: 'network' });
  });

  it('malformed JSON on a read: a sentence, not a crash', async () => {
    rig.sim.addFault({ path: '/xapi/v1/SystemStatus', malformedJson: true, times: 1 });
    const { reply, row } = await ask(rig, 'status');
    expect(reply).toMatch(/did not expect/);
    expect(row).toMatchObject({ outcome: 'failed', errorKind: 'protocol' });
    await stillHealthy(rig);
  });

  it('a 30 s hang against a 1 s limit: the timeout sentence in time, the write sent once, the bot healthy', async () => {
    rig.sim.addFault({ path: `/xapi/v1${MULTI}`, latencyMs: 30_000, times: 1 });
    const { reply, ms, row } = await ask(rig, 'multicompany on');
    expect(reply).toMatch(/did not answer within 1 s/);
    expect(reply).toMatch(/check/i);
    expect(ms).toBeLessThan(REPLY_WITHIN_MS);
    expect(rig.writes(MULTI)).toHaveLength(1);
    expect(row).toMatchObject({ outcome: 'failed', errorKind: 'timeout' });
    await stillHealthy(rig);
    expect(rig.writes(MULTI)).toHaveLength(0);
  });

  it('a request that never answers at all (hang): the same, and nothing waits on it afterwards', async () => {
    rig.sim.addFault({ path: `/xapi/v1${RESTART}`, hang: true, times: 1 });
    const { reply, ms } = await ask(rig, 'services restart 3CXIVR01');
    expect(reply).toMatch(/did not answer within 1 s/);
    expect(ms).toBeLessThan(REPLY_WITHIN_MS);
    expect(rig.writes(RESTART)).toHaveLength(1);
  });
});
