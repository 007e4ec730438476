import { answerQuestion } from '../support/confirm';
import type { RecordedCall } from '../support/slack-stand-in';
import { waitUntil } from '../support/wait';
import { type Rig, useRig } from './rig';

/**
 * Group 5, Slack faults. Once 3CX has made a change, its result is never lost: whatever Slack answers to the
 * channel confirmation (429 with Retry-After, 500, invalid_auth, channel_not_found, not_in_channel), the audit row
 * is complete and the invoker gets the confirmation privately. The same holds for the outcome of an approval or an
 * MCU decision when Slack refuses to update the message with the buttons.
 */

let rig: Rig;
useRig((started) => {
  rig = started;
});

const MULTI = '/SystemStatus/Pbx.SetMultiCompanyMode';
const isConfirmation = (c: RecordedCall) => JSON.stringify(c.body).includes('SetMultiCompanyMode');

async function confirmWith(failure: Parameters<Rig['slack']['failNext']>[1]) {
  const started = Date.now();
  rig.slack.failNext('chat.postMessage', failure);
  const asked = await rig.command('multicompany on');
  // A dangerous write asks first; the outcome is told where the Confirm click came from.
  const { replyId } = await answerQuestion(rig, asked.replyId);
  await waitUntil(
    () => rig.slack.calls.some((c) => c.id === replyId || (c.method === 'chat.postMessage' && c.ok)),
    {
      what: 'the confirmation somewhere',
      timeoutMs: 8_000,
    },
  );
  await rig.bot.idle();
  const [row] = await rig.store.auditList({ limit: 1, since: started });
  const inChannel = rig.slack.callsTo('chat.postMessage').filter((c) => c.ok && isConfirmation(c));
  const privately = rig.slack.responses(replyId).filter(isConfirmation);
  return { row, inChannel, privately };
}

describe('the channel confirmation refused', () => {
  it('429 with Retry-After: retried after the wait, posted once in the channel', async () => {
    const { row, inChannel, privately } = await confirmWith({ status: 429, headers: { 'Retry-After': '1' } });
    expect(inChannel).toHaveLength(1);
    expect(privately).toHaveLength(0);
    expect(row).toMatchObject({ outcome: 'done' });
    expect(rig.writes(MULTI)).toHaveLength(1);
  });

  it.each([
    ['HTTP 500 on every try', { status: 500, times: 3 }, /slack_webapi_http_error|500/],
    ['invalid_auth', { body: { ok: false, error: 'invalid_auth' } }, /invalid_auth/],
    ['channel_not_found', { body: { ok: false, error: 'channel_not_found' } }, /invite the bot/],
    ['not_in_channel', { body: { ok: false, error: 'not_in_channel' } }, /invite the bot/],
  ])(
    '%s: the audit row is complete and the invoker gets the confirmation privately',
    async (_what, failure, why) => {
      const { row, inChannel, privately } = await confirmWith(failure);
      expect(inChannel).toHaveLength(0);
      expect(privately).toHaveLength(1);
      expect(JSON.stringify(privately[0]?.body)).toMatch(why);
      expect(row).toMatchObject({
        operation: 'SystemStatus.SetMultiCompanyMode',
        outcome: 'done',
        httpStatus: 204,
      });
      expect(rig.writes(MULTI)).toHaveLength(1);
    },
    15_000,
  );

  it('the channel and the response_url both refused: chat.postEphemeral carries it', async () => {
    rig.slack.failNext('response_url', { status: 404, body: { ok: false, error: 'used_url' } });
    const { row } = await confirmWith({ body: { ok: false, error: 'not_in_channel' } });
    const ephemeral = await waitUntil(() => rig.slack.callsTo('chat.postEphemeral').find(isConfirmation), {
      what: 'an ephemeral confirmation',
    });
    expect(ephemeral.body.user).toBe('U0ADMIN');
    expect(row).toMatchObject({ outcome: 'done' });
  });

  it('Slack refuses everything: the audit row still records the change and the loss is logged', async () => {
    rig.slack.failNext('response_url', { status: 404, body: { ok: false, error: 'used_url' } });
    rig.slack.failNext('chat.postEphemeral', { body: { ok: false, error: 'invalid_auth' } });
    const before = rig.logs.filter((l) => l.includes('could not reach the invoker')).length;
    const { row } = await confirmWith({ body: { ok: false, error: 'invalid_auth' } });
    await waitUntil(() => rig.logs.filter((l) => l.includes('could not reach the invoker')).length > before, {
      what: 'the error log',
    });
    expect(row).toMatchObject({ outcome: 'done', httpStatus: 204 });
  });
});

describe('an outcome in place of buttons, refused', () => {
  it('approval: chat.update fails, the approver gets the result privately', async () => {
    await rig.command('license edit {"CompanyName":"Acme"}', { user: 'U0ADMIN' });
    const post = await rig.slack.waitFor((c) => JSON.stringify(c.body).includes('approval_approve'));
    const id = /"action_id":"approval_approve","value":"([^"]+)"/.exec(
      JSON.stringify(post.body),
    )?.[1] as string;
    rig.slack.failNext('chat.update', { body: { ok: false, error: 'message_not_found' } });
    const click = await rig.click('approval_approve', id, {
      user: 'U0ADMIN2',
      messageTs: (post.answer as { ts: string }).ts,
    });
    const reply = await rig.slack.waitFor((c) => c.kind === 'response_url' && c.id === click.replyId);
    expect(JSON.stringify(reply.body)).toMatch(/EditLicenseInfo/);
    const [row] = await rig.store.auditList({ limit: 1, operation: 'LicenseStatus.*' });
    expect(row).toMatchObject({ outcome: 'done', approvedBy: 'U0ADMIN2' });
  });

  it('MCU: the announcement cannot be updated, the clicker gets the outcome privately', async () => {
    await rig.bot.poller.tick();
    const post = await rig.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0MCU',
    );
    const id = /"action_id":"mcu_approve","value":"([^"]+)"/.exec(JSON.stringify(post.body))?.[1] as string;
    rig.slack.failNext('chat.update', { status: 500, times: 3 });
    const click = await rig.click('mcu_approve', id, {
      user: 'U0OPS',
      channel: 'C0MCU',
      messageTs: (post.answer as { ts: string }).ts,
    });
    const reply = await rig.slack.waitFor((c) => c.kind === 'response_url' && c.id === click.replyId, 8_000);
    expect(JSON.stringify(reply.body)).toMatch(/U0OPS/);
    expect(rig.writes('/ConferenceSettings/Pbx.UpdateMCURequestStatus')).toHaveLength(1);
  }, 15_000);
});
