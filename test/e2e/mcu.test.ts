import { waitUntil } from '../support/wait';
import { DEMO_CONFIG, startTestBot, type TestBot } from './harness';

/**
 * MCU approvals: a Pending request is announced once in the MCU channel; Approve sends State Success, Reject
 * State Failure naming who rejected; later clicks never reach 3CX again and say who decided.
 */

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot();
});
afterEach(async () => {
  await t.close();
});

const updates = () =>
  t.xapiRequests().filter((r) => r.path === '/xapi/v1/ConferenceSettings/Pbx.UpdateMCURequestStatus');

async function announced(): Promise<{ id: string; ts: string }> {
  await t.bot.poller.tick();
  const post = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0MCU');
  const text = JSON.stringify(post.body);
  const id = /"action_id":"mcu_approve","value":"([^"]+)"/.exec(text)?.[1];
  expect(id).toBeTruthy();
  return { id: id as string, ts: (post.answer as { ts: string }).ts };
}

it('announces a pending request once, however often it polls', async () => {
  await announced();
  await t.bot.poller.tick();
  await t.bot.poller.tick();
  expect(t.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0MCU')).toHaveLength(1);
});

it('Approve sends State Success and replaces the buttons with the outcome', async () => {
  const { id, ts } = await announced();
  const before = t.sim.state.mcuRequest;
  await t.click('mcu_approve', id, { user: 'U0OPS', channel: 'C0MCU', messageTs: ts });
  const update = await t.slack.waitFor('chat.update');
  expect(update.body).toMatchObject({ channel: 'C0MCU', ts });
  expect(JSON.stringify(update.body)).not.toContain('mcu_approve');
  expect(JSON.stringify(update.body)).toContain('U0OPS');
  expect(updates().map((r) => r.body)).toEqual([
    {
      request: {
        McuId: before?.McuId,
        Operation: before?.Operation,
        RequestExpiration: before?.RequestExpiration,
        State: 'Success',
        ErrorMessage: null,
      },
    },
  ]);
  expect(t.sim.state.mcuRequest?.State).toBe('Success');
});

it('Reject sends State Failure with who rejected it', async () => {
  const { id, ts } = await announced();
  await t.click('mcu_reject', id, { user: 'U0ADMIN', channel: 'C0MCU', messageTs: ts });
  await t.slack.waitFor('chat.update');
  const [sent] = updates();
  expect(sent?.body).toMatchObject({
    request: { State: 'Failure', ErrorMessage: expect.stringContaining('U0ADMIN') },
  });
});

it('a second click, by anyone, does not call 3CX again and says who decided and when', async () => {
  const { id, ts } = await announced();
  await t.click('mcu_approve', id, { user: 'U0OPS', channel: 'C0MCU', messageTs: ts });
  await t.slack.waitFor('chat.update');
  const again = await t.click('mcu_reject', id, { user: 'U0ADMIN', channel: 'C0MCU', messageTs: ts });
  const notice = await t.reply(again.replyId);
  expect(notice).toContain('U0OPS');
  expect(notice).toMatch(/<!date\^\d+/);
  expect(updates()).toHaveLength(1);
});

it('simultaneous clicks send exactly one update', async () => {
  const { id, ts } = await announced();
  t.sim.addFault({
    path: '/xapi/v1/ConferenceSettings/Pbx.UpdateMCURequestStatus',
    latencyMs: 200,
    times: 1,
  });
  await Promise.all([
    t.click('mcu_approve', id, { user: 'U0OPS', channel: 'C0MCU', messageTs: ts }),
    t.click('mcu_approve', id, { user: 'U0ADMIN', channel: 'C0MCU', messageTs: ts }),
    t.click('mcu_reject', id, { user: 'U0ADMIN2', channel: 'C0MCU', messageTs: ts }),
  ]);
  await t.slack.waitFor('chat.update');
  await waitUntil(() => t.slack.callsTo('chat.postEphemeral').length + t.slack.responses().length >= 2, {
    what: 'notices to the other clickers',
  });
  expect(updates()).toHaveLength(1);
});

it('a click by someone without the permission is refused and reaches nothing', async () => {
  const { id, ts } = await announced();
  const click = await t.click('mcu_approve', id, { user: 'U0VIEW', channel: 'C0MCU', messageTs: ts });
  expect(await t.reply(click.replyId)).toContain('ConferenceSettings.UpdateMCURequestStatus');
  expect(updates()).toHaveLength(0);
  expect(t.slack.callsTo('chat.update')).toHaveLength(0);
});

it('a click after RequestExpiration does not call 3CX and says it expired', async () => {
  const request = t.sim.state.mcuRequest;
  if (request) request.RequestExpiration = new Date(Date.now() - 60_000).toISOString();
  const { id, ts } = await announced();
  const click = await t.click('mcu_approve', id, { user: 'U0OPS', channel: 'C0MCU', messageTs: ts });
  expect(await t.reply(click.replyId)).toContain('expired');
  expect(updates()).toHaveLength(0);
});

it('/3cx mcu shows the current request to the invoker with the buttons', async () => {
  const { replyId } = await t.command('mcu', { user: 'U0OPS' });
  const reply = await t.reply(replyId);
  expect(reply).toContain('mcu_approve');
  expect(reply).toContain(t.sim.state.mcuRequest?.McuId as string);
  expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
});

it('a decision taken from a private /3cx mcu is confirmed in the channel where it was clicked', async () => {
  const { replyId } = await t.command('mcu', { user: 'U0OPS', channel: 'C0OPS' });
  const id = /"action_id":"mcu_approve","value":"([^"]+)"/.exec(await t.reply(replyId))?.[1];
  expect(id).toBeTruthy();
  await t.click('mcu_approve', id as string, { user: 'U0OPS', channel: 'C0OPS' });
  const post = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0OPS');
  expect(JSON.stringify(post.body)).toMatch(/Approved by <@U0OPS>/);
  expect(updates()).toHaveLength(1);
});

it('a forged announcement id runs nothing', async () => {
  await announced();
  const click = await t.click('mcu_approve', 'not-an-announcement', { user: 'U0ADMIN', channel: 'C0MCU' });
  expect(await t.reply(click.replyId)).toContain('not known');
  expect(updates()).toHaveLength(0);
});

describe('the poller', () => {
  it('runs on its own when MCU_POLL_SECONDS is set', async () => {
    const polled = await startTestBot({ env: { MCU_POLL_SECONDS: '30' } });
    try {
      const post = await polled.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0MCU',
      );
      expect(JSON.stringify(post.body)).toContain('mcu_approve');
    } finally {
      await polled.close();
    }
  });
});

it('keeps a decision claimed for as long as THREECX_TIMEOUT_MS lets its call take', async () => {
  const slow = await startTestBot({ env: { THREECX_TIMEOUT_MS: '300000' } });
  try {
    const staleAfter: (number | undefined)[] = [];
    const claim = slow.store.mcuClaimDecision.bind(slow.store);
    slow.store.mcuClaimDecision = (key, by, now, staleMs) => {
      staleAfter.push(staleMs);
      return claim(key, by, now, staleMs);
    };
    await slow.bot.poller.tick();
    const post = await slow.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0MCU',
    );
    const id = /"action_id":"mcu_approve","value":"([^"]+)"/.exec(JSON.stringify(post.body))?.[1] as string;
    await slow.click('mcu_approve', id, {
      user: 'U0OPS',
      channel: 'C0MCU',
      messageTs: (post.answer as { ts: string }).ts,
    });
    await slow.slack.waitFor('chat.update');
    // Token, call, and after a 401 a new token and the retry may each take the whole timeout; a minute besides.
    expect(staleAfter).toEqual([1_260_000]);
  } finally {
    await slow.close();
  }
});

describe('under a two-person rule that covers every write', () => {
  const config = DEMO_CONFIG.replace(
    'approvals:\n  - operations: ["LicenseStatus.EditLicenseInfo"]',
    'approvals:\n  - operations: [write]',
  );

  it('only a listed approver decides, and that click runs as the approval', async () => {
    const ruled = await startTestBot({ config });
    try {
      await ruled.bot.poller.tick();
      const post = await ruled.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0MCU',
      );
      const id = /"action_id":"mcu_approve","value":"([^"]+)"/.exec(JSON.stringify(post.body))?.[1] as string;
      const at = { channel: 'C0MCU', messageTs: (post.answer as { ts: string }).ts };
      const mcuUpdates = () =>
        ruled
          .xapiRequests()
          .filter((r) => r.path === '/xapi/v1/ConferenceSettings/Pbx.UpdateMCURequestStatus');

      // U0OPS may run the operation, but is not among the rule's approvers.
      const refused = await ruled.click('mcu_approve', id, { user: 'U0OPS', ...at });
      const reply = await ruled.reply(refused.replyId);
      expect(reply).toContain('only <@U0ADMIN>, <@U0ADMIN2> may decide');
      expect(mcuUpdates()).toHaveLength(0);

      await ruled.click('mcu_approve', id, { user: 'U0ADMIN', ...at });
      await ruled.slack.waitFor('chat.update');
      expect(mcuUpdates()).toHaveLength(1);
      const [row] = await ruled.store.auditList({ limit: 1 });
      expect(row).toMatchObject({
        operation: 'ConferenceSettings.UpdateMCURequestStatus',
        approvedBy: 'U0ADMIN',
      });
    } finally {
      await ruled.close();
    }
  });
});

it('still shows an approval that reached 3CX when the store cannot record it', async () => {
  const { id, ts } = await announced();
  t.store.mcuRecordDecision = async () => {
    throw new Error('could not serialize access due to concurrent update');
  };
  await t.click('mcu_approve', id, { user: 'U0OPS', channel: 'C0MCU', messageTs: ts });
  const update = await t.slack.waitFor('chat.update');
  expect(JSON.stringify(update.body)).toContain('U0OPS');
  expect(JSON.stringify(update.body)).not.toContain('mcu_approve');
  expect(updates()).toHaveLength(1);
  expect(t.logs.some((l) => l.includes('MCU decision sent to 3CX but not recorded'))).toBe(true);
});

it('tells the clicker when the store cannot be read, and sends nothing to 3CX', async () => {
  const { id, ts } = await announced();
  t.store.mcuGetByAnnouncement = async () => {
    throw new Error('Connection terminated unexpectedly');
  };
  const click = await t.click('mcu_approve', id, { user: 'U0OPS', channel: 'C0MCU', messageTs: ts });
  const reply = await t.reply(click.replyId);
  expect(reply).toContain('cannot reach its database');
  expect(reply).not.toContain('Connection terminated');
  expect(updates()).toHaveLength(0);
});

describe('a decision whose 3CX call gets no answer', () => {
  it('keeps its claim until the PBX shows how it ended: a later Reject sends nothing', async () => {
    const slow = await startTestBot({ timeoutMs: 1_000 });
    try {
      const mcuUpdates = () =>
        slow
          .xapiRequests()
          .filter((r) => r.path === '/xapi/v1/ConferenceSettings/Pbx.UpdateMCURequestStatus');
      await slow.bot.poller.tick();
      const post = await slow.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0MCU',
      );
      const id = /"action_id":"mcu_approve","value":"([^"]+)"/.exec(JSON.stringify(post.body))?.[1] as string;
      const at = { channel: 'C0MCU', messageTs: (post.answer as { ts: string }).ts };
      // 3CX applies the approval, but only after the bot has stopped waiting for its answer.
      slow.sim.addFault({
        path: '/xapi/v1/ConferenceSettings/Pbx.UpdateMCURequestStatus',
        latencyMs: 2_500,
        times: 1,
      });
      const approve = await slow.click('mcu_approve', id, { user: 'U0OPS', ...at });
      expect(await slow.reply(approve.replyId)).toContain('may still be applying');

      // Still Pending on the PBX: the second decision is refused and nothing is sent.
      const early = await slow.click('mcu_reject', id, { user: 'U0ADMIN', ...at });
      expect(await slow.reply(early.replyId)).toContain('the first decision may still be applying');
      expect(mcuUpdates()).toHaveLength(1);

      await waitUntil(() => slow.sim.state.mcuRequest?.State === 'Success', { what: 'the PBX to apply it' });
      // Once the PBX shows the outcome, a click learns it, and the announcement shows it too.
      const late = await slow.click('mcu_reject', id, { user: 'U0ADMIN2', ...at });
      expect(await slow.reply(late.replyId)).toMatch(/approved by <@U0OPS>/);
      const update = await slow.slack.waitFor('chat.update');
      expect(JSON.stringify(update.body)).toMatch(/Approved by <@U0OPS>/);
      expect(mcuUpdates().map((r) => (r.body as { request: { State: string } }).request.State)).toEqual([
        'Success',
      ]);
      expect(slow.sim.state.mcuRequest?.State).toBe('Success');
    } finally {
      await slow.close();
    }
  });
});
