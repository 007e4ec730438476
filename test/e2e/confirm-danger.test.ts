import { randomUUID } from 'node:crypto';
import { postSigned } from '../support/bot-client';
import { confirmValue } from '../support/confirm';
import { viewSubmissionBody } from '../support/signing';
import { SIGNING_SECRET, sharedTestBot, type TestBot } from './harness';
import { fillView } from './view-state';

/**
 * Confirmation before harm (DESIGN §4), end to end over the real receiver: what was typed, what the asker and the
 * channel saw, what reached 3CX. The worst operations need the PBX's FQDN typed; bulk deletes and dangerous forms
 * ask like commands do; BOT_CONFIG's `confirm:` adds operations; approval cards and write confirmations say what
 * changes, by name, before → after.
 */

type Obj = Record<string, unknown>;

/** The view a views.open call opened. */
interface OpenedView {
  callback_id: string;
  private_metadata: string;
  blocks: { type: string; block_id?: string; element?: { type: string; action_id: string } }[];
}

function botHelpers(get: () => TestBot) {
  const xapi = (path: string, method = 'POST') =>
    get()
      .xapiRequests()
      .filter((r) => r.method === method && r.path === `/xapi/v1${path}`);
  const ask = async (text: string, user?: string) => {
    const { replyId } = await get().command(text, user ? { user } : {});
    return get().reply(replyId);
  };
  const valueIn = (text: string) => {
    const value = confirmValue(JSON.parse(text));
    if (value === undefined) throw new Error(`no confirmation was asked: ${text.slice(0, 300)}`);
    return value;
  };
  return { xapi, ask, valueIn };
}

/** Submits the FQDN form as Slack would; answers what the bot acked (errors under the field, or nothing). */
async function submitFqdn(t: TestBot, view: OpenedView, typed: string, user = 'U0ADMIN') {
  const body = viewSubmissionBody({
    userId: user,
    callbackId: view.callback_id,
    viewId: `V${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    privateMetadata: view.private_metadata,
    stateValues: { fqdn: { typed: { type: 'plain_text_input', value: typed } } },
  });
  const res = await postSigned(t.url, body, { secret: SIGNING_SECRET });
  return {
    status: res.status,
    errors: (res.json as { errors?: Record<string, string> } | undefined)?.errors,
  };
}

describe('with the built-in dangerous operations', () => {
  const t = sharedTestBot();
  const { xapi, ask, valueIn } = botHelpers(() => t);

  it('RestartOperatingSystem needs the FQDN typed: a wrong one runs nothing, the right one runs once', async () => {
    const fqdn = t.sim.state.pbx.fqdn;
    const question = await ask('api Services.RestartOperatingSystem');
    expect(question).toContain('Restart operating system (Services.RestartOperatingSystem) on default');
    expect(question).toContain("typing the PBX's FQDN");
    const value = valueIn(question);

    // Another person's click opens nothing and runs nothing.
    const other = await t.click('confirm_run', value, { user: 'U0ADMIN2' });
    expect(await t.reply(other.replyId)).toContain('Only the person who asked');
    expect(t.slack.callsTo('views.open')).toHaveLength(0);

    await t.click('confirm_run', value);
    const view = ((await t.slack.waitFor('views.open')).body as { view: OpenedView }).view;
    expect(view.callback_id).toBe('confirm_fqdn');
    expect(JSON.stringify(view)).toContain(fqdn);

    const wrong = await submitFqdn(t, view, 'pbx.example.com');
    expect(wrong.errors?.fqdn).toContain('not the FQDN of PBX default');
    // Someone else cannot submit the asker's form either.
    const stranger = await submitFqdn(t, view, fqdn, 'U0ADMIN2');
    expect(stranger.errors?.fqdn).toContain('Only the person who asked');
    expect(xapi('/Services/Pbx.RestartOperatingSystem')).toHaveLength(0);

    // Hostnames compare without case.
    const right = await submitFqdn(t, view, ` ${fqdn.toUpperCase()} `);
    expect(right.errors).toBeUndefined();
    const post = await t.channelPost('C0OPS');
    expect(post).toContain('Services.RestartOperatingSystem');
    expect(xapi('/Services/Pbx.RestartOperatingSystem')).toHaveLength(1);

    // Once: the same form again, or a new click's form, runs nothing more.
    const again = await submitFqdn(t, view, fqdn);
    expect(again.errors?.fqdn).toContain('already answered');
    expect(xapi('/Services/Pbx.RestartOperatingSystem')).toHaveLength(1);
  });

  it('Cancel on an FQDN question opens no form and runs nothing, and Confirm after it runs nothing', async () => {
    const question = await ask('api EventLogs.PurgeEventLog');
    const value = valueIn(question);
    const cancel = await t.click('confirm_cancel', value);
    expect(await t.reply(cancel.replyId)).toContain('Cancelled');
    expect(t.slack.callsTo('views.open')).toHaveLength(0);
    await t.click('confirm_run', value);
    const view = ((await t.slack.waitFor('views.open')).body as { view: OpenedView }).view;
    const late = await submitFqdn(t, view, t.sim.state.pbx.fqdn);
    expect(late.errors?.fqdn).toContain('already answered');
    expect(xapi('/EventLogs/Pbx.PurgeEventLog')).toHaveLength(0);
  });

  it('the FQDN form runs nothing once the 5 minutes of the question are over', async () => {
    const value = valueIn(await ask('api Services.RestartOperatingSystem'));
    await t.click('confirm_run', value);
    const view = ((await t.slack.waitFor('views.open')).body as { view: OpenedView }).view;
    // The bot's clock, as its listeners read it; Slack's signatures keep real time.
    const ctx = t.bot.context;
    const real = ctx.now;
    ctx.now = () => Date.now() + 5 * 60_000 + 1_000;
    try {
      const late = await submitFqdn(t, view, t.sim.state.pbx.fqdn);
      expect(late.errors?.fqdn).toContain('expired');
    } finally {
      if (real) ctx.now = real;
      else delete ctx.now;
    }
    expect(xapi('/Services/Pbx.RestartOperatingSystem')).toHaveLength(0);
  });

  it('a bulk delete (a POST) asks first, and runs once on the asker’s Confirm', async () => {
    const user = (t.sim.state.users as Obj[])[4] as Obj;
    const question = await ask(`api Users.BatchDelete {"ids":[${String(user.Id)}]}`);
    expect(question).toContain('Batch delete (Users.BatchDelete) on default');
    expect(xapi('/Users/Pbx.BatchDelete')).toHaveLength(0);
    const value = valueIn(question);
    const other = await t.click('confirm_run', value, { user: 'U0ADMIN2' });
    expect(await t.reply(other.replyId)).toContain('Only the person who asked');
    expect(xapi('/Users/Pbx.BatchDelete')).toHaveLength(0);
    await t.click('confirm_run', value);
    await t.channelPost('C0OPS');
    expect(xapi('/Users/Pbx.BatchDelete').map((r) => r.body)).toEqual([{ ids: [user.Id] }]);
    const again = await t.click('confirm_run', value);
    expect(await t.reply(again.replyId)).toContain('already answered');
    expect(xapi('/Users/Pbx.BatchDelete')).toHaveLength(1);
  });

  it('a dangerous operation submitted through its form asks first; nothing runs before the Confirm', async () => {
    await t.command('multicompany');
    const view = ((await t.slack.waitFor('views.open')).body as { view: OpenedView }).view;
    await t.submit(view.private_metadata, fillView(view, { 'body:enable': 'true' }));
    const asked = await t.slack.waitFor(
      (c) => c.method === 'chat.postEphemeral' && JSON.stringify(c.body).includes('confirm_run'),
    );
    expect(JSON.stringify(asked.body)).toContain('Set multi company mode (SystemStatus.SetMultiCompanyMode)');
    expect(xapi('/SystemStatus/Pbx.SetMultiCompanyMode')).toHaveLength(0);
    await t.click('confirm_run', confirmValue(asked.body) as string);
    await t.channelPost('C0OPS');
    expect(xapi('/SystemStatus/Pbx.SetMultiCompanyMode').map((r) => r.body)).toEqual([{ enable: true }]);
  });

  it('tenant-property set shows the value before → after in the channel', async () => {
    // A copy: the simulator's own row changes with the write.
    const prop = {
      ...((t.sim.state.tenantProperties as Obj[]).find((p) => p.Name === 'DEFAULT_LANGUAGE') as Obj),
    };
    await t.command('tenant-property set DEFAULT_LANGUAGE de');
    const post = await t.channelPost('C0OPS');
    expect(post).toContain(`Value: ${String(prop.Value)} → de`);
    expect(post).not.toContain('*Body:*');
    expect(xapi("/TenantProperties('DEFAULT_LANGUAGE')", 'PATCH').map((r) => r.body)).toEqual([
      { Name: 'DEFAULT_LANGUAGE', Value: 'de' },
    ]);
  });

  it('queue agents add and remove show the list before → after', async () => {
    const q = (t.sim.state.queues as Obj[])[0] as Obj;
    const agents = q.Agents as Obj[];
    const said = (items: Obj[]) => items.map((a) => `${String(a.Name)} (${String(a.Number)})`).join(', ');
    const outsider = (t.sim.state.users as Obj[]).find(
      (u) => !agents.some((a) => a.Number === u.Number),
    ) as Obj;
    const added = `${String(outsider.FirstName)} ${String(outsider.LastName)} (${String(outsider.Number)})`;
    await t.command(`queue ${String(q.Number)} agents add ${String(outsider.Number)}`);
    const add = await t.channelPost('C0OPS');
    expect(add).toContain(`agents: ${said(agents)} → ${said(agents)}, ${added}`);

    const gone = agents[0] as Obj;
    await t.command(`queue ${String(q.Number)} agents remove ${String(gone.Number)}`);
    const remove = await t.channelPost('C0OPS', 1);
    expect(remove).toContain(`Removed ${String(gone.Name)}`);
    expect(remove).toContain(`agents: ${said(agents)}, ${added} → ${said(agents.slice(1))}, ${added}`);
  });
});

const CONFIG = `
roles:
  admin: { allow: ["*"] }
members:
  U0ADMIN: admin
  U0ADMIN2: admin
approvals:
  - operations: ["Queues.UpdateQueue"]
    approvers: [U0ADMIN, U0ADMIN2]
confirm: ["RingGroups.*"]
`;

describe('with BOT_CONFIG confirm: and approvals', () => {
  const t = sharedTestBot({ config: CONFIG });
  const { xapi, ask, valueIn } = botHelpers(() => t);

  it('an operation confirm: names asks first, with the change before → after; the Confirm runs it once', async () => {
    const rg = (t.sim.state.ringGroups as Obj[])[0] as Obj;
    const outsider = (t.sim.state.users as Obj[]).find(
      (u) => !(rg.Members as Obj[]).some((m) => m.Number === u.Number),
    ) as Obj;
    const question = await ask(`ring-group ${String(rg.Number)} members add ${String(outsider.Number)}`);
    expect(question).toContain(`Change ring group ${String(rg.Name)} (${String(rg.Number)})`);
    expect(question).toContain(`${String(outsider.FirstName)} ${String(outsider.LastName)}`);
    expect(question).toContain('→');
    expect(xapi(`/RingGroups(${String(rg.Id)})`, 'PATCH')).toHaveLength(0);
    await t.click('confirm_run', valueIn(question));
    expect(await t.channelPost('C0OPS')).toContain(`Added ${String(outsider.FirstName)}`);
    expect(xapi(`/RingGroups(${String(rg.Id)})`, 'PATCH')).toHaveLength(1);

    // The generic command asks the same way.
    const api = await ask(`api RingGroups.UpdateRingGroup Id=${String(rg.Id)} {"Name":"Front desk"}`);
    expect(api).toContain(`Name: ${String(rg.Name)} → Front desk`);
    expect(xapi(`/RingGroups(${String(rg.Id)})`, 'PATCH')).toHaveLength(1);
  });

  it('an approval card names the target and each field current → new, and keeps them after Reject', async () => {
    const q = { ...((t.sim.state.queues as Obj[])[0] as Obj) };
    const target = `queue ${String(q.Name)} (${String(q.Number)})`;
    await t.command(`api Queues.UpdateQueue Id=${String(q.Id)} {"Name":"Sales EU"}`);
    const card = await t.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('approval_approve'),
    );
    const text = JSON.stringify(card.body);
    expect(text).toContain(`Approval needed: Change ${target}`);
    expect(text).toContain(`Name: ${String(q.Name)} → Sales EU`);
    expect(text).toContain('*Requested by* <@U0ADMIN>');
    expect(text).not.toContain('*Body:*');
    expect(text).not.toContain('Id=');
    const requestId = /"action_id":"approval_approve","value":"([^"]+)"/.exec(text)?.[1] as string;
    const ts = (card.answer as { ts: string }).ts;

    await t.click('approval_reject', requestId, { user: 'U0ADMIN2', messageTs: ts });
    const decided = JSON.stringify((await t.slack.waitFor('chat.update')).body);
    expect(decided).toContain(`Rejected: Change ${target}`);
    expect(decided).toContain(`Name: ${String(q.Name)} → Sales EU`);
    expect(decided).toContain('Rejected by <@U0ADMIN2>');
    expect(decided).toContain('<@U0ADMIN>');
    expect(xapi(`/Queues(${String(q.Id)})`, 'PATCH')).toHaveLength(0);
  });

  it('an approved update posts its result with the change before → after', async () => {
    const q = { ...((t.sim.state.queues as Obj[])[1] as Obj) };
    await t.command(`api Queues.UpdateQueue Id=${String(q.Id)} {"Name":"Support EU"}`);
    const card = await t.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('approval_approve'),
    );
    const requestId = /"action_id":"approval_approve","value":"([^"]+)"/.exec(JSON.stringify(card.body))?.[1];
    await t.click('approval_approve', requestId as string, {
      user: 'U0ADMIN2',
      messageTs: (card.answer as { ts: string }).ts,
    });
    const decided = JSON.stringify((await t.slack.waitFor('chat.update')).body);
    expect(decided).toContain('Approved by <@U0ADMIN2>');
    expect(decided).toContain(`Name: ${String(q.Name)} → Support EU`);
    expect(xapi(`/Queues(${String(q.Id)})`, 'PATCH').map((r) => r.body)).toEqual([{ Name: 'Support EU' }]);
  });
});
