import { fillView } from '../e2e/view-state';
import { waitUntil } from '../support/wait';
import { findLeaks, issuedTokens, type Rig, startRig } from './rig';

/**
 * Group 6, secrets. The bot logs at `trace` through the production logger; every log line and every request it
 * sends to Slack is collected. After a session that touches every path (reads, writes with secret fields, forms,
 * approvals, 3CX errors, a 401 mid-flight that forces a new token, Slack refusing a post), none of these appear:
 * the 3CX client secret, any 3CX access token, the bot token, the signing secret, any response_url, any value of a
 * password/secret/key/pin field. Every other file of the suite runs the same check when it closes its bot.
 */

const TYPED_SECRETS = {
  AuthPassword: 'pw-Zebra-4242-typed',
  VMPin: '90210731',
  ClientSecret: 'cs-Quokka-typed-77',
  PrivateKey: 'pk-Okapi-typed-33',
};

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});

async function settle(replyId?: string): Promise<void> {
  if (replyId)
    await rig.slack
      .waitFor((c) => c.kind === 'response_url' && c.id === replyId, 5_000)
      .catch(() => undefined);
  await rig.bot.idle();
}

it('a session over every path leaks nothing', async () => {
  // Reads, with raw JSON, of data that holds a licence key.
  for (const text of [
    'status',
    'status --json',
    'api LicenseStatus.GetLicenseStatus --json',
    'api Users.ListUser $top=3 --json',
    'services',
    'mcu',
  ]) {
    await settle((await rig.command(text)).replyId);
  }
  // Writes whose bodies carry secret fields, by command and with 3CX refusing one of them.
  const body = JSON.stringify({ AuthPassword: TYPED_SECRETS.AuthPassword, VMPIN: TYPED_SECRETS.VMPin });
  await settle((await rig.command(`api Users.UpdateUser Id=1 ${body}`)).replyId);
  rig.sim.addFault({
    path: '/xapi/v1/Users(2)',
    status: 400,
    times: 1,
    body: { error: { code: 'Bad', message: `rejected ${body}` } },
  });
  await settle((await rig.command(`api Users.UpdateUser Id=2 ${body}`)).replyId);
  const nested = JSON.stringify({
    Name: 'x',
    Value: 'y',
    Description: 'z',
    ClientSecret: TYPED_SECRETS.ClientSecret,
    PrivateKey: TYPED_SECRETS.PrivateKey,
  });
  await settle((await rig.command(`api TenantProperties.UpdateProperty Name=x ${nested}`)).replyId);
  // A form.
  await rig.command('multicompany');
  const opened = await waitUntil(() => rig.slack.callsTo('views.open')[0], { what: 'the form' });
  const view = (opened.body as { view: Parameters<typeof fillView>[0] }).view;
  await rig.submit(view.private_metadata, fillView(view, { 'body:enable': 'false' }));
  await rig.bot.idle();
  // An approval, approved.
  await rig.command('license edit {"CompanyName":"Acme","Email":"it@acme.example"}');
  const post = await rig.slack.waitFor((c) => JSON.stringify(c.body).includes('approval_approve'));
  const requestId = /"action_id":"approval_approve","value":"([^"]+)"/.exec(
    JSON.stringify(post.body),
  )?.[1] as string;
  await rig.click('approval_approve', requestId, {
    user: 'U0ADMIN2',
    messageTs: (post.answer as { ts: string }).ts,
  });
  await rig.slack.waitFor('chat.update');
  await rig.bot.idle();
  // 3CX revokes the token mid-flight: the client fetches a second one.
  const before = issuedTokens(rig.sim).length;
  rig.sim.addFault({ path: '/xapi/v1/SystemStatus', status: 401, times: 1 });
  await settle((await rig.command('status')).replyId);
  expect(issuedTokens(rig.sim).length).toBeGreaterThan(before);
  // Slack refuses the channel confirmation: the fallback goes privately.
  rig.slack.failNext('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
  await settle((await rig.command('multicompany on')).replyId);

  expect(rig.logs.length).toBeGreaterThan(50);
  expect(rig.logs.join('')).toContain('"level":20');
  expect(issuedTokens(rig.sim).length).toBeGreaterThanOrEqual(2);
  expect(findLeaks(rig, Object.values(TYPED_SECRETS))).toEqual([]);
}, 30_000);

it('the audit trail stores secret fields masked', async () => {
  const rows = await rig.store.auditList({ limit: 100 });
  expect(rows.length).toBeGreaterThan(5);
  const text = JSON.stringify(rows);
  for (const value of Object.values(TYPED_SECRETS)) expect(text).not.toContain(value);
});
