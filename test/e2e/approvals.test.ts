import { DEMO_CONFIG, startTestBot, type TestBot } from './harness';

/** The two-person rule: an operation under `approvals` waits in the channel for a listed approver. */

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot();
});
afterEach(async () => {
  await t.close();
});

const edits = () => t.xapiRequests().filter((r) => r.path === '/xapi/v1/LicenseStatus/Pbx.EditLicenseInfo');

async function requestEdit(user = 'U0ADMIN'): Promise<{ requestId: string; ts: string }> {
  await t.command('license edit {"CompanyName":"Acme"}', { user });
  const post = await t.slack.waitFor(
    (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('approval_approve'),
  );
  const requestId = /"action_id":"approval_approve","value":"([^"]+)"/.exec(
    JSON.stringify(post.body),
  )?.[1] as string;
  return { requestId, ts: (post.answer as { ts: string }).ts };
}

it('posts an approval request instead of running', async () => {
  await requestEdit();
  expect(edits()).toHaveLength(0);
});

it('runs once when another listed approver approves, and shows the outcome in place', async () => {
  const { requestId, ts } = await requestEdit();
  await t.click('approval_approve', requestId, { user: 'U0ADMIN2', messageTs: ts });
  const update = await t.slack.waitFor('chat.update');
  expect(JSON.stringify(update.body)).toContain('U0ADMIN2');
  expect(JSON.stringify(update.body)).not.toContain('approval_approve');
  expect(edits().map((r) => r.body)).toEqual([{ licenseParams: { CompanyName: 'Acme' } }]);
  const again = await t.click('approval_approve', requestId, { user: 'U0ADMIN2', messageTs: ts });
  expect(await t.reply(again.replyId)).toContain('U0ADMIN2');
  expect(edits()).toHaveLength(1);
});

it('the requester cannot approve their own request', async () => {
  const { requestId, ts } = await requestEdit();
  const click = await t.click('approval_approve', requestId, { user: 'U0ADMIN', messageTs: ts });
  expect(await t.reply(click.replyId)).toContain('different approver');
  expect(edits()).toHaveLength(0);
});

it('someone not listed cannot approve', async () => {
  const { requestId, ts } = await requestEdit();
  const click = await t.click('approval_approve', requestId, { user: 'U0OPS', messageTs: ts });
  // U0ADMIN asked, so only the other listed approver is named.
  expect(await t.reply(click.replyId)).toContain('Only <@U0ADMIN2> may decide this request.');
  expect(edits()).toHaveLength(0);
});

it('a rejection runs nothing and says who rejected', async () => {
  const { requestId, ts } = await requestEdit();
  await t.click('approval_reject', requestId, { user: 'U0ADMIN2', messageTs: ts });
  const update = await t.slack.waitFor('chat.update');
  expect(JSON.stringify(update.body)).toMatch(/[Rr]ejected/);
  expect(edits()).toHaveLength(0);
});

it('a forged request id runs nothing', async () => {
  await requestEdit();
  const click = await t.click('approval_approve', 'forged-id', { user: 'U0ADMIN2' });
  expect(await t.reply(click.replyId)).toContain('unknown');
  expect(edits()).toHaveLength(0);
});

it('tells the clicker when the approval cannot be read from the store, and runs nothing', async () => {
  const { requestId, ts } = await requestEdit();
  t.store.approvals.get = async () => {
    throw new Error('Connection terminated unexpectedly');
  };
  const click = await t.click('approval_approve', requestId, { user: 'U0ADMIN2', messageTs: ts });
  const reply = await t.reply(click.replyId);
  expect(reply).toContain('cannot reach its database');
  expect(reply).not.toContain('Connection terminated');
  expect(edits()).toHaveLength(0);
});

describe('an approver whose roles do not allow the operation', () => {
  const config = `
roles:
  viewer: { allow: [read] }
  admin:  { allow: ["*"] }
members:
  U0ADMIN: admin
  U0VIEW: viewer
approvals:
  - operations: ["LicenseStatus.EditLicenseInfo"]
    approvers: [U0ADMIN, U0VIEW]
`;

  it('is refused, and nothing runs', async () => {
    const own = await startTestBot({ config });
    try {
      await own.command('license edit {"CompanyName":"Acme"}', { user: 'U0ADMIN' });
      const post = await own.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('approval_approve'),
      );
      const requestId = /"action_id":"approval_approve","value":"([^"]+)"/.exec(
        JSON.stringify(post.body),
      )?.[1];
      const click = await own.click('approval_approve', requestId as string, {
        user: 'U0VIEW',
        messageTs: (post.answer as { ts: string }).ts,
      });
      expect(await own.reply(click.replyId)).toContain(
        'holds no role that allows LicenseStatus.EditLicenseInfo',
      );
      expect(own.xapiRequests().filter((r) => r.path.includes('EditLicenseInfo'))).toHaveLength(0);
      expect(await own.store.approvals.get(requestId as string)).not.toHaveProperty('decision');
    } finally {
      await own.close();
    }
  });
});

describe('where approval requests go', () => {
  it('to channels.approvals when it is set, and not where they were asked', async () => {
    const own = await startTestBot({
      config: DEMO_CONFIG.replace(
        '  mcu_approvals: C0MCU',
        '  mcu_approvals: C0MCU\n  approvals: C0APPROVALS',
      ),
    });
    try {
      const { replyId } = await own.command('license edit {"CompanyName":"Acme"}', { user: 'U0ADMIN' });
      const post = await own.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('approval_approve'),
      );
      expect(post.body.channel).toBe('C0APPROVALS');
      expect(await own.reply(replyId)).toContain('<#C0APPROVALS>');
      const ts = (post.answer as { ts: string }).ts;
      const requestId = /"action_id":"approval_approve","value":"([^"]+)"/.exec(
        JSON.stringify(post.body),
      )?.[1];
      expect(own.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0OPS')).toHaveLength(0);
      await own.click('approval_approve', requestId as string, {
        user: 'U0ADMIN2',
        channel: 'C0APPROVALS',
        messageTs: ts,
      });
      await own.slack.waitFor('chat.update');
      expect(own.xapiRequests().filter((r) => r.path.includes('EditLicenseInfo'))).toHaveLength(1);
      // The channel where it was asked never saw the card, but hears the outcome once it ran.
      const outcome = await own.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0OPS',
      );
      expect(JSON.stringify(outcome.body)).toContain('LicenseStatus.EditLicenseInfo');
      expect(JSON.stringify(outcome.body)).not.toContain('approval_approve');
    } finally {
      await own.close();
    }
  });

  it('without it, where they were asked and to each approver by direct message, who can decide from there', async () => {
    await t.command('license edit {"CompanyName":"Acme"}', { user: 'U0ADMIN', channel: 'D0ADMIN' });
    const dm = await t.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.body.channel === 'D0ADMIN2' &&
        JSON.stringify(c.body).includes('approval_approve'),
    );
    // Nobody approves their own request: the requester's own DM carries only the post where they asked.
    const toRequester = t.slack.callsTo('conversations.open').filter((c) => c.body.users === 'U0ADMIN');
    expect(toRequester).toHaveLength(0);
    const requestId = /"action_id":"approval_approve","value":"([^"]+)"/.exec(JSON.stringify(dm.body))?.[1];
    await t.click('approval_approve', requestId as string, {
      user: 'U0ADMIN2',
      channel: 'D0ADMIN2',
      messageTs: (dm.answer as { ts: string }).ts,
    });
    const update = await t.slack.waitFor('chat.update');
    expect(update.body.channel).toBe('D0ADMIN2');
    expect(edits()).toHaveLength(1);
  });
});
