import { waitUntil } from '../support/wait';
import { startTestBot, type TestBot } from './harness';

/**
 * The PBX's change feed, on the simulator's own audit log: a change is made through its console route, as a
 * person in the 3CX admin console would, or by the bot through the XAPI. One test also feeds a crafted entry
 * (through fault injection) to check that secrets are never shown.
 */

const FEED = '/xapi/v1/ReportAuditLog/Pbx.GetAuditLogData()';
const text = (c: { body: unknown }) => JSON.stringify(c.body);

function consoleChange(t: TestBot, entries: Record<string, unknown>[]): void {
  t.sim.clearFaults();
  t.sim.addFault({ method: 'GET', path: FEED, status: 200, body: { value: entries } });
}

const queueEdit = (id: number, at: number) => ({
  Id: id,
  Timestamp: new Date(at).toISOString(),
  Source: 0,
  Ip: '10.0.0.5',
  Action: 1,
  ObjectType: 5,
  UserName: 'alex.admin',
  ObjectName: 'Sales',
  PrevData: JSON.stringify({ Name: 'Sales', RingTime: 20, AuthPassword: 'hunter2', Agents: [1] }),
  NewData: JSON.stringify({ Name: 'Sales', RingTime: 30, AuthPassword: 'hunter3', Agents: [1] }),
});

async function adminConsole(t: TestBot, change: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${t.sim.url}/_sim/console`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(change),
  });
  if (!res.ok) throw new Error(`console change refused: ${res.status} ${await res.text()}`);
}

describe('the change feed', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot({ env: { WATCH_POLL_SECONDS: '1' }, writeEcho: true });
  });
  afterEach(async () => {
    await t.close();
  });

  const feedReads = () => t.sim.requests.filter((r) => r.path === FEED);
  const feedPosts = () => t.slack.callsTo('chat.postMessage').filter((c) => text(c).includes('📝'));
  const polls = async (n: number) => {
    const from = feedReads().length;
    await waitUntil(() => feedReads().length >= from + n, {
      what: `${n} more feed reads`,
      timeoutMs: 5_000 + n * 2_000,
    });
  };

  it('posts a change made on the PBX once, with who, where from and only the changed fields, secrets masked', async () => {
    await t.command('watch changes');
    await waitUntil(() => t.slack.callsTo('chat.postMessage').find((c) => text(c).includes('set a watch')), {
      what: 'the watch',
    });
    await polls(1);
    expect(feedPosts()).toHaveLength(0);
    consoleChange(t, [queueEdit(41, Date.now())]);
    const post = await waitUntil(() => feedPosts()[0], {
      what: 'the change in the channel',
      timeoutMs: 10_000,
    });
    const body = text(post);
    expect(post.body.channel).toBe('C0OPS');
    expect(body).toContain('alex.admin');
    expect(body).toContain('10.0.0.5');
    expect(body).toContain('*Sales*');
    expect(body).toMatch(/RingTime: `20` → `30`/);
    expect(body).toContain('AuthPassword: changed (value hidden)');
    expect(body).not.toContain('hunter');
    expect(body).not.toContain('Agents');
    await polls(3);
    expect(feedPosts()).toHaveLength(1);
    // The bot asked the PBX for recent entries only.
    expect(feedReads().at(-1)?.query.$filter).toMatch(/^Timestamp ge \d{4}-/);
    expect(feedReads().at(-1)?.query.$top).toBeDefined();
  });

  it('posts a change made in the admin console with its diff, once', async () => {
    await t.command('watch changes');
    await waitUntil(() => t.slack.callsTo('chat.postMessage').find((c) => text(c).includes('set a watch')), {
      what: 'the watch',
    });
    await polls(1);
    const trunk = t.sim.state.trunks[0] as { Id: number; SimultaneousCalls: number };
    const before = trunk.SimultaneousCalls;
    const after = before + 1;
    await adminConsole(t, {
      set: 'Trunks',
      key: trunk.Id,
      changes: { SimultaneousCalls: after },
      user: 'nina.admin',
      ip: '10.1.2.3',
    });
    const post = await waitUntil(() => feedPosts()[0], {
      what: 'the console change in the channel',
      timeoutMs: 10_000,
    });
    expect(text(post)).toContain('*nina.admin* from 10.1.2.3');
    expect(text(post)).toContain(`SimultaneousCalls: \`${before}\` → \`${after}\``);
    await polls(3);
    expect(feedPosts()).toHaveLength(1);
  });

  it('names the Slack person behind a change the bot made, and answers /3cx changes to the invoker', async () => {
    await t.command('tenant-property set DEFAULT_LANGUAGE de');
    const confirmation = await waitUntil(
      () => t.slack.callsTo('chat.postMessage').find((c) => text(c).includes('TenantProperties')),
      { what: 'the write confirmation' },
    );
    const ts = (confirmation.answer as { ts: string }).ts;
    // The PBX's own record of the write follows in the confirmation's thread.
    const echo = await waitUntil(
      () => t.slack.callsTo('chat.postMessage').find((c) => c.body.thread_ts === ts),
      { what: "the PBX's before → after under the confirmation", timeoutMs: 10_000 },
    );
    expect(text(echo)).toMatch(/Value: `en` → `de`/);
    expect(text(echo)).toContain('<@U0ADMIN> through the bot');
    const asked = await t.command('changes 24h');
    const reply = await t.reply(asked.replyId);
    expect(reply).toContain('<@U0ADMIN> through the bot');
    expect(reply).toMatch(/Value: `en` → `de`/);
    const bad = await t.command('changes yesterday');
    expect(await t.reply(bad.replyId)).toContain('is not a span');
  });
});
