import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '../../src/simulator';
import { databaseBackEnds } from '../support/databases';
import { waitUntil } from '../support/wait';
import { buttonValue, closedPort, type PbxTestBot, sharedPbxs, simCredentials, xapiOf } from './pbx-harness';
import { fillView } from './view-state';

/**
 * Several PBXs seen from Slack (DESIGN §3 "Several PBXs, scoped roles, approval channel", `--pbx`): which PBX a
 * command goes to, permissions and approvals per PBX, one token per PBX across replicas, each PBX's own catalogue,
 * and a PBX that is down at start. What each PBX received is read from its own simulator's request log.
 */

const STATUS = '/xapi/v1/SystemStatus';
const EDIT = '/xapi/v1/LicenseStatus/Pbx.EditLicenseInfo';
const paths = (t: PbxTestBot, name: string) => t.xapi(name).map((r) => `${r.method} ${r.path}`);

const shared = sharedPbxs();
const start = shared.start;

describe('which PBX a command runs on', () => {
  let t: PbxTestBot;
  beforeEach(async () => {
    t = await start();
  });

  it('a command in a bound channel goes to that PBX only', async () => {
    const onAlpha = await t.command('status', { channel: 'C0ALPHA' });
    expect(await t.reply(onAlpha.replyId)).toContain('on alpha');
    const onBeta = await t.command('users', { channel: 'C0BETA' });
    await t.reply(onBeta.replyId);
    await t.bot.idle();
    expect(paths(t, 'alpha')).toContain(`GET ${STATUS}`);
    expect(paths(t, 'alpha')).not.toContain('GET /xapi/v1/Users');
    expect(paths(t, 'beta')).toEqual(['GET /xapi/v1/Users']);
    expect(t.xapi('gamma')).toEqual([]);
  });

  it('--pbx anywhere in the text overrides the channel binding', async () => {
    const last = await t.command('status --pbx beta', { channel: 'C0ALPHA' });
    expect(await t.reply(last.replyId)).toContain('on beta');
    const first = await t.command('--pbx beta users ann', { channel: 'C0ALPHA' });
    await t.reply(first.replyId);
    await t.bot.idle();
    expect(t.xapi('alpha')).toEqual([]);
    expect(t.xapi('gamma')).toEqual([]);
    expect(paths(t, 'beta')).toContain(`GET ${STATUS}`);
    const users = t.xapi('beta').filter((r) => r.path === '/xapi/v1/Users');
    expect(users).toHaveLength(1);
    expect(users[0]?.query.$filter?.toLowerCase()).toContain("'ann'");
  });

  it('an unknown --pbx gets a did-you-mean and nothing is sent to any PBX', async () => {
    const asked = await t.command('status --pbx betta', { channel: 'C0ALPHA' });
    const reply = await t.reply(asked.replyId);
    expect(reply).toContain('There is no PBX named \\"betta\\"');
    expect(reply).toContain('Did you mean `--pbx beta`?');
    expect(reply).toContain('Nothing was sent');
    await t.bot.idle();
    for (const name of t.names) expect(t.xapi(name)).toEqual([]);
  });

  it('in an unbound channel the person picks the PBX: nothing is sent before the click, then only there', async () => {
    const asked = await t.command('status', { channel: 'C0OPS' });
    const question = await t.reply(asked.replyId);
    expect(question).toContain('Which PBX should `/3cx status` run on?');
    expect(buttonValue(question, 'pbx_pick_0')).toBe('status --pbx alpha');
    expect(buttonValue(question, 'pbx_pick_2')).toBe('status --pbx gamma');
    await t.bot.idle();
    for (const name of t.names) expect(t.xapi(name)).toEqual([]);

    const click = await t.click('pbx_pick_1', buttonValue(question, 'pbx_pick_1') as string, {
      channel: 'C0OPS',
    });
    expect(click.status).toBe(200);
    expect(await t.reply(click.replyId)).toContain('on beta');
    await t.bot.idle();
    expect(paths(t, 'beta')).toContain(`GET ${STATUS}`);
    expect(t.xapi('alpha')).toEqual([]);
    expect(t.xapi('gamma')).toEqual([]);
  });

  it('a form command in an unbound channel opens its form only after the pick, and runs on the PBX picked', async () => {
    const asked = await t.command('license edit', { channel: 'C0OPS' });
    const question = await t.reply(asked.replyId);
    expect(buttonValue(question, 'pbx_pick_0')).toBe('license edit --pbx alpha');
    await t.bot.idle();
    expect(shared.slack.callsTo('views.open')).toHaveLength(0);
    for (const name of t.names) expect(t.xapi(name)).toEqual([]);

    await t.click('pbx_pick_1', buttonValue(question, 'pbx_pick_1') as string, { channel: 'C0OPS' });
    const opened = await shared.slack.waitFor('views.open');
    const view = (opened.body as { view: Parameters<typeof fillView>[0] & { private_metadata: string } })
      .view;
    await t.submit(view.private_metadata, fillView(view, { 'body:licenseParams.CompanyName': 'Picked Ltd' }));
    expect(await t.channelPost('C0OPS')).toContain('on *beta*');
    expect(
      t
        .xapi('beta')
        .filter((r) => r.path === EDIT)
        .map((r) => r.body),
    ).toEqual([{ licenseParams: { CompanyName: 'Picked Ltd' } }]);
    expect(t.xapi('alpha')).toEqual([]);
  });
});

it('with one PBX there is nothing to pick: an unbound channel talks to it', async () => {
  const one = await start({
    simulators: [shared.sims[0] as Simulator],
    policy: 'roles:\n  admin: { allow: ["*"] }\nmembers:\n  U0ADMIN: admin\n',
  });
  const asked = await one.command('status', { channel: 'C0OPS' });
  const reply = await one.reply(asked.replyId);
  expect(reply).not.toContain('pbx_pick');
  expect(reply).toContain('on alpha');
  expect(paths(one, 'alpha')).toContain(`GET ${STATUS}`);
});

describe('forms and MCU requests carry their PBX', () => {
  it('a form opened in a channel bound to beta runs on beta when submitted', async () => {
    const t = await start();
    await t.command('license edit', { channel: 'C0BETA' });
    const opened = await shared.slack.waitFor('views.open');
    const view = (opened.body as { view: Parameters<typeof fillView>[0] & { private_metadata: string } })
      .view;
    await t.bot.idle();
    for (const name of t.names) expect(t.xapi(name)).toEqual([]);
    const filled = fillView(view, { 'body:licenseParams.CompanyName': 'Form Ltd' });
    expect((await t.submit(view.private_metadata, filled)).status).toBe(200);
    expect(await t.channelPost('C0BETA')).toContain('on *beta*');
    expect(
      t
        .xapi('beta')
        .filter((r) => r.path === EDIT)
        .map((r) => r.body),
    ).toEqual([{ licenseParams: { CompanyName: 'Form Ltd' } }]);
    expect(t.xapi('alpha')).toEqual([]);
    expect(t.xapi('gamma')).toEqual([]);
  });

  it("each PBX's pending MCU request is announced in its own channel, and the decision goes to that PBX", async () => {
    const t = await start({ pbx: { beta: { mcu_channel: 'C0MCUBETA' } } });
    await t.bot.pollers.get('beta')?.tick();
    const post = await shared.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0MCUBETA',
    );
    expect(JSON.stringify(post.body)).toContain('beta');
    const id = buttonValue(JSON.stringify(post.body), 'mcu_approve') as string;
    await t.click('mcu_approve', id, {
      channel: 'C0MCUBETA',
      messageTs: (post.answer as { ts: string }).ts,
    });
    await shared.slack.waitFor((c) => c.method === 'chat.update' && c.body.channel === 'C0MCUBETA');
    const mcu = '/xapi/v1/ConferenceSettings/Pbx.UpdateMCURequestStatus';
    expect(t.xapi('beta').filter((r) => r.path === mcu)).toHaveLength(1);
    expect((shared.sims[1] as Simulator).state.mcuRequest?.State).toBe('Success');
    expect(t.xapi('alpha')).toEqual([]);
    expect(shared.slack.callsTo('chat.postMessage').filter((c) => c.body.channel !== 'C0MCUBETA')).toEqual(
      [],
    );
    const [row] = await t.store.auditList({ limit: 5, operation: 'ConferenceSettings.*' });
    expect(row).toMatchObject({ pbx: 'beta', operation: 'ConferenceSettings.UpdateMCURequestStatus' });
  });
});

describe('permissions per PBX', () => {
  let t: PbxTestBot;
  beforeEach(async () => {
    t = await start();
  });

  it('a role scoped to alpha works on alpha and is denied on beta, naming beta; nothing reaches beta', async () => {
    const onBeta = await t.command('status', { channel: 'C0BETA', user: 'U0ALPHA' });
    expect(await t.reply(onBeta.replyId)).toContain('You may not run SystemStatus.GetSystemStatus on beta.');
    const write = await t.command('license edit {"CompanyName":"Acme"}', {
      channel: 'C0BETA',
      user: 'U0ALPHA',
    });
    expect(await t.reply(write.replyId)).toContain('You may not run LicenseStatus.EditLicenseInfo on beta.');
    const flagged = await t.command('status --pbx beta', { channel: 'C0ALPHA', user: 'U0ALPHA' });
    expect(await t.reply(flagged.replyId)).toContain('on beta');
    await t.bot.idle();
    expect(t.xapi('beta')).toEqual([]);

    const onAlpha = await t.command('status', { channel: 'C0ALPHA', user: 'U0ALPHA' });
    expect(await t.reply(onAlpha.replyId)).not.toContain('You may not');
    expect(paths(t, 'alpha')).toContain(`GET ${STATUS}`);
  });

  it('a watch needs the watch permission on that PBX: set on alpha, refused on beta', async () => {
    const onBeta = await t.command('watch trunks', { channel: 'C0BETA', user: 'U0ALPHA' });
    expect(await t.reply(onBeta.replyId)).toContain('needs the `watch` permission');
    expect(await t.store.watches.listByChannel('C0BETA', 'beta')).toEqual([]);
    await t.command('watch trunks', { channel: 'C0ALPHA', user: 'U0ALPHA' });
    await t.bot.idle();
    expect(await t.store.watches.listByChannel('C0ALPHA', 'alpha')).toHaveLength(1);
  });

  it('a member with a list of roles gets each role where it applies', async () => {
    // U0BOB: [viewer, alpha-ops]: reads everywhere, writes on alpha only.
    const read = await t.command('status', { channel: 'C0BETA', user: 'U0BOB' });
    expect(await t.reply(read.replyId)).not.toContain('You may not');
    const write = await t.command('license edit {"CompanyName":"Acme"}', {
      channel: 'C0BETA',
      user: 'U0BOB',
    });
    expect(await t.reply(write.replyId)).toContain('You may not run LicenseStatus.EditLicenseInfo on beta.');
    const onAlpha = await t.command('license edit {"CompanyName":"Acme"}', {
      channel: 'C0ALPHA',
      user: 'U0BOB',
    });
    expect(await t.reply(onAlpha.replyId)).toContain('needs a second person');
    await t.bot.idle();
    expect(paths(t, 'beta')).toContain(`GET ${STATUS}`);
    expect(t.xapi('beta').filter((r) => r.method !== 'GET')).toEqual([]);
    expect(t.xapi('alpha').filter((r) => r.path === EDIT)).toEqual([]);
  });

  it('an approvals rule scoped to alpha asks on alpha, not on beta; card, confirmation and audit name the PBX', async () => {
    await t.command('license edit {"CompanyName":"Acme"}', { channel: 'C0ALPHA' });
    const card = await shared.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('approval_approve'),
    );
    expect(card.body.channel).toBe('C0APPROVALS');
    expect(JSON.stringify(card.body)).toContain('LicenseStatus.EditLicenseInfo');
    expect(JSON.stringify(card.body)).toContain('on *alpha*');
    await t.bot.idle();
    expect(t.xapi('alpha').filter((r) => r.path === EDIT)).toEqual([]);
    const requestId = buttonValue(JSON.stringify(card.body), 'approval_approve') as string;
    await t.click('approval_approve', requestId, {
      user: 'U0ADMIN2',
      channel: 'C0APPROVALS',
      messageTs: (card.answer as { ts: string }).ts,
    });
    // The outcome replaces the buttons on the card, in the approvals channel, naming the PBX.
    const decided = await shared.slack.waitFor(
      (c) => c.method === 'chat.update' && c.body.channel === 'C0APPROVALS',
    );
    expect(JSON.stringify(decided.body)).toContain('ran `LicenseStatus.EditLicenseInfo` on *alpha*');
    expect(
      t
        .xapi('alpha')
        .filter((r) => r.path === EDIT)
        .map((r) => r.body),
    ).toEqual([{ licenseParams: { CompanyName: 'Acme' } }]);

    await t.command('license edit {"CompanyName":"Beta Ltd"}', { channel: 'C0BETA' });
    const onBeta = JSON.parse(await t.channelPost('C0BETA')) as Record<string, unknown>;
    expect(JSON.stringify(onBeta)).toContain('on *beta*');
    await t.bot.idle();
    expect(
      t
        .xapi('beta')
        .filter((r) => r.path === EDIT)
        .map((r) => r.body),
    ).toEqual([{ licenseParams: { CompanyName: 'Beta Ltd' } }]);
    const cards = shared.slack
      .callsTo('chat.postMessage')
      .filter((c) => JSON.stringify(c.body).includes('approval_approve'));
    expect(cards).toHaveLength(1);
    expect(t.xapi('alpha').filter((r) => r.path === EDIT)).toHaveLength(1);

    const rows = await t.store.auditList({ limit: 10, operation: 'LicenseStatus.*' });
    expect(rows.map((r) => [r.pbx, r.outcome]).sort()).toEqual([
      ['alpha', 'done'],
      ['beta', 'done'],
    ]);
  });
});

describe('each PBX its own catalogue', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), '3cx-pbx-catalogue-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a PBX on 20.0.8 hides what it lacks, from its own document, and still after a start without it', async () => {
    const databaseUrl = `sqlite:${join(dir, 'bot.db')}`;
    const t = await start({ databaseUrl });
    expect(t.registry.describe('beta')).toMatchObject({ state: 'up', version: '20.0.8.447' });
    const refused = await t.command('api McpServers.Register', { channel: 'C0BETA' });
    expect(await t.reply(refused.replyId)).toContain('McpServers.Register is not offered by PBX beta');
    const onAlpha = await t.command('api search mcp --pbx alpha');
    expect(await t.reply(onAlpha.replyId)).toContain('McpServers.Register');
    const onBeta = await t.command('api search mcp --pbx beta');
    expect(await t.reply(onBeta.replyId)).not.toContain('McpServers.Register');
    await t.bot.idle();
    expect(t.xapi('beta')).toEqual([]);
    const cached = await t.store.catalogueGet('beta');
    expect(cached?.version).toBe('20.0.8.447');
    expect(cached?.catalogue).not.toContain('McpServers.Register');
    expect(cached?.catalogue).toContain('Users.CreateUser');
    await t.close();

    // Beta cannot be reached now: its catalogue comes from the store, so it still lacks what 20.0.8 lacks.
    const port = await closedPort();
    const later = await start({
      databaseUrl,
      pbx: { beta: { url: `http://127.0.0.1:${port}` } },
      retryMs: 60_000,
    });
    expect(later.registry.describe('beta')).toMatchObject({ state: 'down', version: '20.0.8.447' });
    const again = await later.command('api McpServers.Register', { channel: 'C0BETA' });
    expect(await later.reply(again.replyId)).toContain('McpServers.Register is not offered by PBX beta');
    const search = await later.command('api search mcp --pbx beta');
    expect(await later.reply(search.replyId)).not.toContain('McpServers.Register');
  });
});

it('a PBX unreachable at start is marked down with the reason, the others work, and it is tried again', async () => {
  const port = await closedPort();
  const t = await start({ pbx: { gamma: { url: `http://127.0.0.1:${port}` } }, retryMs: 100 });
  const down = t.registry.describe('gamma');
  expect(down?.state).toBe('down');
  expect(down?.reason).toContain(`127.0.0.1:${port}`);
  expect(t.registry.describe('alpha')?.state).toBe('up');
  const alpha = await t.command('status', { channel: 'C0ALPHA' });
  expect(await t.reply(alpha.replyId)).toContain('on alpha');
  const gammaNow = await t.command('status --pbx gamma');
  expect(await t.reply(gammaNow.replyId)).toContain(`127.0.0.1:${port}`);

  // The PBX comes up where the configuration says it is: the background retry finds it.
  const late = await startSimulator({ port, pbxIndex: 2, seed: 3, ...simCredentials(2) });
  try {
    await waitUntil(() => t.registry.describe('gamma')?.state === 'up', {
      what: 'gamma reached again',
      timeoutMs: 10_000,
    });
    expect(t.registry.describe('gamma')?.version).toBe('20.0.9.471');
    const gamma = await t.command('status --pbx gamma');
    expect(await t.reply(gamma.replyId)).toContain('on gamma');
    expect(late.requests.some((r) => r.path === STATUS)).toBe(true);
  } finally {
    await t.close();
    await late.close();
  }
});

it('the first PBX, reached only after start, brings its own catalogue to the commands run on it', async () => {
  const port = await closedPort();
  const t = await start({
    pbx: { alpha: { url: `http://127.0.0.1:${port}`, client_id: 'late-bot' } },
    retryMs: 100,
  });
  expect(t.registry.describe('alpha')?.state).toBe('down');
  // What comes up there is a PBX on 20.0.8 (index 1 of the simulators), with alpha's API client.
  const late = await startSimulator({
    port,
    pbxIndex: 1,
    seed: 2,
    clientId: 'late-bot',
    clientSecret: simCredentials(0).clientSecret,
  });
  try {
    await waitUntil(() => t.registry.describe('alpha')?.state === 'up', {
      what: 'alpha reached',
      timeoutMs: 10_000,
    });
    expect(t.registry.describe('alpha')?.version).toBe('20.0.8.447');
    const search = await t.command('api search mcp', { channel: 'C0ALPHA' });
    expect(await t.reply(search.replyId)).not.toContain('McpServers.Register');
    const run = await t.command('api McpServers.Register', { channel: 'C0ALPHA' });
    expect(await t.reply(run.replyId)).toContain('McpServers.Register is not offered by PBX alpha');
    expect(xapiOf(late)).toEqual([]);
  } finally {
    await t.close();
    await late.close();
  }
});

const backEnds = databaseBackEnds('pbx-replicas');

describe.each(backEnds)('three replicas on one database (%s)', (_name, makeDatabase) => {
  it('hold one token per PBX between them, and none revokes another', async () => {
    const { url, drop } = await makeDatabase();
    const replicas: PbxTestBot[] = [];
    try {
      for (let i = 0; i < 3; i++) replicas.push(await start({ databaseUrl: url, keepLogs: true }));
      for (const [i, replica] of replicas.entries()) {
        const asked = [
          await replica.command('status', { channel: 'C0ALPHA' }),
          await replica.command('status', { channel: 'C0BETA' }),
          await replica.command(`status --pbx gamma`, { channel: i === 0 ? 'C0OPS' : 'C0ALPHA' }),
        ];
        for (const a of asked) expect(await replica.reply(a.replyId)).not.toContain('401');
      }
      for (const r of replicas) await r.bot.idle();
      for (const [i, sim] of shared.sims.entries()) {
        expect({ pbx: i, tokens: sim.tokenRequests() }).toEqual({ pbx: i, tokens: 1 });
        expect(sim.requests.filter((r) => r.status === 401)).toEqual([]);
        expect(xapiOf(sim).filter((r) => r.path === STATUS)).toHaveLength(3);
      }
    } finally {
      for (const r of replicas) await r.close();
      await drop();
    }
  });
});
