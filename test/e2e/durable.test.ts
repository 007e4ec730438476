import { type Simulator, startSimulator } from '../../src/simulator';
import { postSigned } from '../support/bot-client';
import { answerPostedQuestion, answerQuestion, confirmValue } from '../support/confirm';
import { databaseBackEnds } from '../support/databases';
import { newTriggerId, slashCommandBody } from '../support/signing';
import { type SlackStandIn, startSlackStandIn } from '../support/slack-stand-in';
import { waitUntil } from '../support/wait';
import { SIGNING_SECRET, startTestBot, type TestBot } from './harness';
import { fillView } from './view-state';

/**
 * Durable state seen from Slack: the audit trail and `/3cx audit`, exactly-once delivery of one interaction, and
 * approvals and MCU decisions that outlive the process (and are shared by replicas on one database).
 */

const path = (p: string) => (r: { path: string }) => r.path === `/xapi/v1${p}`;
const MULTI = '/SystemStatus/Pbx.SetMultiCompanyMode';
const EDIT = '/LicenseStatus/Pbx.EditLicenseInfo';
const MCU = '/ConferenceSettings/Pbx.UpdateMCURequestStatus';

describe('one bot', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot();
  });
  afterEach(async () => {
    await t.close();
  });

  it('writes an audit row before the call and completes it after; /3cx audit shows it to the invoker', async () => {
    await answerQuestion(t, (await t.command('multicompany on')).replyId);
    await t.channelPost('C0OPS');
    const [row] = await t.store.auditList({ limit: 5 });
    expect(row).toMatchObject({
      userId: 'U0ADMIN',
      channel: 'C0OPS',
      pbx: 'default',
      operation: 'SystemStatus.SetMultiCompanyMode',
      source: 'command',
      outcome: 'done',
      httpStatus: expect.any(Number),
    });
    expect(row?.finishedAt).toBeGreaterThanOrEqual(row?.at ?? Infinity);
    const asked = await t.command('audit 5 op:SystemStatus.* user:<@U0ADMIN|admin>');
    const reply = await t.reply(asked.replyId);
    expect(reply).toContain('SystemStatus.SetMultiCompanyMode');
    expect(reply).toContain('done');
    const posts = t.slack.callsTo('chat.postMessage').map((c) => JSON.stringify(c.body));
    expect(posts.filter((p) => p.includes('audit row'))).toHaveLength(0);
  });

  it('refuses /3cx audit without the audit permission and lists it in help only to those allowed', async () => {
    const denied = await t.command('audit', { user: 'U0VIEW' });
    expect(await t.reply(denied.replyId)).toContain('`audit` permission');
    const viewerHelp = await t.command('help', { user: 'U0VIEW' });
    expect(await t.reply(viewerHelp.replyId)).not.toContain('/3cx audit');
    const adminHelp = await t.command('help');
    expect(await t.reply(adminHelp.replyId)).toContain('/3cx audit');
    const bad = await t.command('audit 500');
    expect(await t.reply(bad.replyId)).toContain('1 to 50 rows');
  });

  it('runs the same slash command delivered twice only once', async () => {
    const body = slashCommandBody({
      text: 'multicompany on',
      responseUrl: t.slack.responseUrl('dup'),
      triggerId: newTriggerId(),
    });
    const now = Math.floor(Date.now() / 1000);
    // Re-signed with another timestamp: the replay guard does not see it as the same request, the claim does.
    await postSigned(t.url, body, { secret: SIGNING_SECRET, timestamp: now });
    await postSigned(t.url, body, { secret: SIGNING_SECRET, timestamp: now - 1 });
    await t.bot.idle();
    expect(t.slack.responses('dup')).toHaveLength(1);
    await answerQuestion(t, 'dup');
    await t.channelPost('C0OPS');
    expect(t.xapiRequests().filter(path(MULTI))).toHaveLength(1);
    expect(t.logs.some((l) => l.includes('duplicate delivery ignored'))).toBe(true);
  });

  it('runs the same modal submission twice only once', async () => {
    await t.command('multicompany');
    const open = await t.slack.waitFor('views.open');
    const view = (open.body as { view: Parameters<typeof fillView>[0] & { private_metadata: string } }).view;
    const values = fillView(view, { 'body:enable': 'true' });
    await Promise.all([
      t.submit(view.private_metadata, values, { viewId: 'V0SAME' }),
      t.submit(view.private_metadata, values, { viewId: 'V0SAME' }),
    ]);
    await t.bot.idle();
    // One question for the one submission (a dangerous write asks first), and one run on its Confirm.
    expect(t.slack.callsTo('chat.postEphemeral').filter((c) => confirmValue(c.body))).toHaveLength(1);
    await answerPostedQuestion(t);
    await t.channelPost('C0OPS');
    expect(t.xapiRequests().filter(path(MULTI))).toHaveLength(1);
  });
  it('makes no 3CX call when its audit row cannot be written', async () => {
    // A full disk, say: the claim succeeded, the audit insert fails.
    t.store.auditBegin = async () => {
      throw new Error('SQLITE_FULL: database or disk is full');
    };
    const asked = await t.command('multicompany on');
    const reply = await t.reply((await answerQuestion(t, asked.replyId)).replyId);
    expect(reply).toContain('audit trail could not be written');
    expect(reply).not.toContain('SQLITE_FULL');
    expect(t.xapiRequests()).toHaveLength(0);
  });

  it('says so when an approval request cannot be stored, and posts no buttons', async () => {
    t.store.approvals.open = async () => {
      throw new Error('canceling statement due to statement timeout');
    };
    const asked = await t.command('license edit {"CompanyName":"Acme"}');
    const reply = await t.reply(asked.replyId);
    expect(reply).toContain('approval request could not be recorded');
    expect(reply).not.toContain('statement timeout');
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
    expect(t.xapiRequests()).toHaveLength(0);
  });

  it('runs nothing when the database is unreachable, and says so', async () => {
    await t.store.close();
    const asked = await t.command('multicompany on');
    const reply = await t.reply(asked.replyId);
    expect(reply).toContain('cannot reach its database');
    expect(reply).toContain('nothing was sent to 3CX');
    expect(t.xapiRequests()).toHaveLength(0);
  });
});

describe('one bot with its 3CX token kept in the store', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot({ sharedToken: true });
  });
  afterEach(async () => {
    await t.close();
  });

  it('runs a command with the shared token', async () => {
    const asked = await t.command('status');
    expect(await t.reply(asked.replyId)).not.toContain('cannot reach');
    expect(t.xapiRequests().length).toBeGreaterThan(0);
  });

  it('says so when the token cannot be read from the store, and closes the audit row', async () => {
    t.store.tokenGet = async () => {
      throw new Error('Connection terminated unexpectedly');
    };
    const asked = await t.command('multicompany on');
    const reply = await t.reply((await answerQuestion(t, asked.replyId)).replyId);
    expect(reply).toContain('no 3CX token');
    expect(t.xapiRequests()).toHaveLength(0);
    await t.bot.idle();
    const [row] = await t.store.auditList({ limit: 1 });
    expect(row).toMatchObject({ operation: 'SystemStatus.SetMultiCompanyMode', outcome: 'failed' });
  });
});

const backEnds = databaseBackEnds('durable');

describe.each(backEnds)('replicas and restarts on one database (%s)', (_name, makeDatabase) => {
  let drop: () => Promise<void>;
  let databaseUrl: string;
  let sim: Simulator;
  let slack: SlackStandIn;
  const bots: TestBot[] = [];
  const start = async () => {
    const bot = await startTestBot({ databaseUrl, simulator: sim, slackStandIn: slack });
    bots.push(bot);
    return bot;
  };

  beforeEach(async () => {
    ({ url: databaseUrl, drop } = await makeDatabase());
    sim = await startSimulator({ port: 0 });
    slack = await startSlackStandIn();
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.close().catch(() => {});
    await Promise.all([sim.close(), slack.close()]);
    await drop();
  });

  it('50 simultaneous approvals of one request, on two replicas after a restart, call 3CX once', async () => {
    const first = await start();
    await first.command('license edit {"CompanyName":"Acme"}');
    const post = await slack.waitFor(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('approval_approve'),
    );
    const requestId = /"action_id":"approval_approve","value":"([^"]+)"/.exec(JSON.stringify(post.body))?.[1];
    const ts = (post.answer as { ts: string }).ts;
    expect(requestId).toBeTruthy();
    await first.close();
    bots.splice(bots.indexOf(first), 1);

    const replicas = [await start(), await start()];
    const clicks = Array.from({ length: 50 }, (_, i) =>
      (replicas[i % 2] as TestBot).click('approval_approve', requestId as string, {
        user: 'U0ADMIN2',
        messageTs: ts,
      }),
    );
    const answered = await Promise.all(clicks);
    expect(answered.every((c) => c.status === 200)).toBe(true);
    await Promise.all(replicas.map((r) => r.bot.idle()));
    const calls = sim.requests.filter(path(EDIT));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toEqual({ licenseParams: { CompanyName: 'Acme' } });
    const [row] = await (replicas[0] as TestBot).store.auditList({ limit: 5, operation: 'LicenseStatus.*' });
    expect(row).toMatchObject({ outcome: 'done', approvedBy: 'U0ADMIN2', userId: 'U0ADMIN' });
    // 49 clicks lost the race; each was told who decided.
    await waitUntil(() => slack.callsTo('response_url').length >= 49 || undefined, {
      what: '49 "already decided" notices',
    });
  });

  it('an MCU request is announced once across a restart, and its decision is remembered', async () => {
    const before = await start();
    await before.bot.poller.tick();
    const post = await slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0MCU');
    const id = /"action_id":"mcu_approve","value":"([^"]+)"/.exec(JSON.stringify(post.body))?.[1] as string;
    const ts = (post.answer as { ts: string }).ts;
    await before.close();
    bots.splice(bots.indexOf(before), 1);

    const after = await start();
    await after.bot.poller.tick();
    await after.bot.poller.tick();
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0MCU')).toHaveLength(1);
    await after.click('mcu_approve', id, { user: 'U0OPS', channel: 'C0MCU', messageTs: ts });
    await after.bot.idle();
    expect(sim.requests.filter(path(MCU))).toHaveLength(1);
    await after.close();
    bots.splice(bots.indexOf(after), 1);

    const later = await start();
    const again = await later.click('mcu_reject', id, { user: 'U0ADMIN', channel: 'C0MCU', messageTs: ts });
    expect(await later.reply(again.replyId)).toContain('U0OPS');
    expect(sim.requests.filter(path(MCU))).toHaveLength(1);
  });
});

describe('approval expiry', () => {
  const config = `
roles:
  admin: { allow: ["*"] }
members:
  U0ADMIN: admin
  U0ADMIN2: admin
approvals:
  - operations: ["LicenseStatus.EditLicenseInfo"]
    approvers: [U0ADMIN2]
    expires_minutes: 5
`;
  let offset = 0;
  let t: TestBot;
  beforeEach(async () => {
    offset = 0;
    t = await startTestBot({ config, storeNow: () => Date.now() + offset });
  });
  afterEach(async () => {
    await t.close();
  });

  it('a request clicked after expires_minutes says it expired and runs nothing', async () => {
    await t.command('license edit {"CompanyName":"Acme"}');
    const post = await t.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('approval_approve'),
    );
    const requestId = /"action_id":"approval_approve","value":"([^"]+)"/.exec(JSON.stringify(post.body))?.[1];
    offset = 5 * 60_000 + 1_000;
    const click = await t.click('approval_approve', requestId as string, {
      user: 'U0ADMIN2',
      messageTs: (post.answer as { ts: string }).ts,
    });
    expect(await t.reply(click.replyId)).toContain('expired');
    expect(JSON.stringify((await t.slack.waitFor('chat.update')).body)).toMatch(/[Ee]xpired/);
    expect(t.xapiRequests().filter(path(EDIT))).toHaveLength(0);
  });
});
