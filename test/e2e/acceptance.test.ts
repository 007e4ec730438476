import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type WebSocket, WebSocketServer } from 'ws';
import { postSigned } from '../support/bot-client';
import { confirmValue } from '../support/confirm';
import { blockActionsBody, slashCommandBody } from '../support/signing';
import { type RecordedCall, type SlackStandIn, startSlackStandIn } from '../support/slack-stand-in';
import { waitUntil } from '../support/wait';
import { type BotProcess, startBotProcess } from './bot-process';

/**
 * DESIGN §3, §4 and §7 from the outside, as an acceptance suite sees the product: `npm run simulator`'s program and
 * the bot run as separate processes, configured only through the environment variables of §3 and a BOT_CONFIG
 * file; requests are signed slash commands and button clicks posted to /slack/events; what reached 3CX is read
 * back from the simulator over HTTP (/_sim/requests), what reached Slack from the Web API stand-in.
 */

const ROOT = resolve(__dirname, '../..');
const SECRET = 'acceptance-signing-secret';
// DESIGN §3's file, with a second admin so an approval can be decided by someone other than the requester,
// and a member who is a viewer directly and an operator through S0NOC (the union of roles).
const CONFIG = `
roles:
  viewer:   { allow: [read] }
  operator: { allow: [read, "Services.Restart", "TenantProperties.*", "ConferenceSettings.UpdateMCURequestStatus"] }
  admin:    { allow: ["*"] }
members:
  U0ADMIN: admin
  U0ADMIN2: admin
  S0NOC: operator
  U0NOC: viewer
  U0VIEW: viewer
approvals:
  - operations: ["LicenseStatus.EditLicenseInfo"]
    approvers: [U0ADMIN, U0ADMIN2]
  - operations: ["Services.Restart"]
    approvers: [U0ADMIN]
channels:
  mcu_approvals: C0MCU
`;

interface SimRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  status: number;
}

interface SimProcess {
  url: string;
  child: ChildProcess;
  requests(): Promise<SimRequest[]>;
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  stop(): Promise<void>;
}

/** `npm run simulator`'s program on a free port; ready once it prints where it listens. */
async function startSimulatorProcess(): Promise<SimProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/main.ts', '--port', '0'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  const lines: string[] = [];
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`simulator did not start:\n${lines.join('\n')}`)), 20_000);
    const onLine = (line: string) => {
      lines.push(line);
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (found?.[1]) {
        clearTimeout(timer);
        done(found[1]);
      }
    };
    if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
    if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine);
    void exited.then(() => fail(new Error(`simulator exited:\n${lines.join('\n')}`)));
  });
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
  return {
    url,
    child,
    admin,
    async requests() {
      const answer = (await (await admin('GET', '/_sim/requests')).json()) as { value: SimRequest[] };
      return answer.value.filter((r) => r.path.startsWith('/xapi/'));
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function envFor(
  sim: SimProcess,
  slack: SlackStandIn,
  dir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    THREECX_URL: sim.url,
    THREECX_CLIENT_ID: 'sim-client',
    THREECX_CLIENT_SECRET: 'sim-secret',
    BOT_CONFIG: join(dir, 'bot.yaml'),
    DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`,
    MCU_POLL_SECONDS: '0',
    PORT: '0',
    ...extra,
  };
}

const text = (call: RecordedCall) => JSON.stringify(call.body);

describe('HTTP mode, one bot process', () => {
  let dir: string;
  let sim: SimProcess;
  let slack: SlackStandIn;
  let bot: BotProcess;
  let n = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), '3cx-accept-'));
    writeFileSync(join(dir, 'bot.yaml'), CONFIG);
    [sim, slack] = await Promise.all([
      startSimulatorProcess(),
      startSlackStandIn({ userGroups: { S0NOC: ['U0NOC'] } }),
    ]);
    bot = await startBotProcess(envFor(sim, slack, dir));
  }, 40_000);
  afterAll(async () => {
    await bot?.stop();
    await Promise.all([sim?.stop(), slack?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await sim.admin('DELETE', '/_sim/requests');
    await sim.admin('DELETE', '/_sim/faults');
    slack.clear();
  });

  /** Sends `/3cx <text>` as Slack would; the ack must come within Slack's 3 s, and in practice far sooner. */
  async function command(
    words: string,
    user = 'U0ADMIN',
  ): Promise<{ replyId: string; status: number; body: string }> {
    const replyId = `r${++n}`;
    const body = slashCommandBody({
      text: words,
      userId: user,
      channelId: 'C0OPS',
      responseUrl: slack.responseUrl(replyId),
    });
    const res = await postSigned(bot.url, body, { secret: SECRET });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1_000);
    return { replyId, status: res.status, body };
  }
  const reply = async (replyId: string) =>
    text(await slack.waitFor((c) => c.kind === 'response_url' && c.id === replyId, 10_000));
  const channelPost = async (channel: string, match: (t: string) => boolean = () => true) =>
    text(
      await slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.body.channel === channel && match(text(c)),
      ),
    );
  const posts = () => slack.callsTo('chat.postMessage');
  /** Dangerous writes ask first (DESIGN §4): presses Confirm on the question; answers where the outcome is told. */
  async function confirm(replyId: string, user = 'U0ADMIN'): Promise<string> {
    const question = await slack.waitFor((c) => c.kind === 'response_url' && c.id === replyId, 10_000);
    const value = confirmValue(question.body);
    expect(value).toBeDefined();
    const answerId = `${replyId}-confirm`;
    const res = await postSigned(
      bot.url,
      blockActionsBody({
        userId: user,
        actionId: 'confirm_run',
        value: value as string,
        channelId: 'C0OPS',
        responseUrl: slack.responseUrl(answerId),
      }),
      { secret: SECRET },
    );
    expect(res.status).toBe(200);
    return answerId;
  }

  it('serves /healthz with 200 once ready', async () => {
    const res = await fetch(bot.url.replace('/slack/events', '/healthz'));
    expect(res.status).toBe(200);
  });

  describe('grammar rows of §3: what reached 3CX and Slack', () => {
    it('status reads GET /SystemStatus and answers only the invoker; --json shows the raw answer', async () => {
      const { replyId } = await command('status');
      expect(await reply(replyId)).toContain('"response_type":"ephemeral"');
      // The verdict names what is wrong: on the seeded company (a trunk down, a service stopped) it reads those
      // lists after the status, and nothing else.
      const seen = (await sim.requests()).map((r) => `${r.method} ${r.path}`);
      expect(seen[0]).toBe('GET /xapi/v1/SystemStatus');
      for (const r of seen.slice(1)) expect(['GET /xapi/v1/Trunks', 'GET /xapi/v1/Services']).toContain(r);
      const raw = await command('status --json');
      expect(await reply(raw.replyId)).toContain('```');
      expect(posts()).toHaveLength(0);
    });

    it('multicompany on|off posts {"enable":bool} and confirms in the channel: who, what, PBX, body, outcome, time', async () => {
      await confirm((await command('multicompany on')).replyId);
      const on = await channelPost('C0OPS');
      for (const part of [
        '<@U0ADMIN>',
        'SystemStatus.SetMultiCompanyMode',
        'default',
        '{\\"enable\\":true}',
        'HTTP 204',
        'Took',
      ])
        expect(on).toContain(part);
      await confirm((await command('multicompany off')).replyId);
      await channelPost('C0OPS', (t) => t.includes('{\\"enable\\":false}'));
      const sent = (await sim.requests()).map((r) => [r.method, r.path, r.body]);
      expect(sent).toEqual([
        ['POST', '/xapi/v1/SystemStatus/Pbx.SetMultiCompanyMode', { enable: true }],
        ['POST', '/xapi/v1/SystemStatus/Pbx.SetMultiCompanyMode', { enable: false }],
      ]);
    });

    it('tenant-property set <Name> <Value> [description…] patches the property; without arguments a form opens', async () => {
      await command('tenant-property set DEFAULT_LANGUAGE Europe/Berlin Office hours follow Berlin');
      await channelPost('C0OPS');
      // The property is read first, so the confirmation can show its value before → after.
      expect((await sim.requests()).map((r) => [r.method, r.path, r.body])).toEqual([
        ['GET', "/xapi/v1/TenantProperties('DEFAULT_LANGUAGE')", undefined],
        [
          'PATCH',
          "/xapi/v1/TenantProperties('DEFAULT_LANGUAGE')",
          { Name: 'DEFAULT_LANGUAGE', Value: 'Europe/Berlin', Description: 'Office hours follow Berlin' },
        ],
      ]);
      await command('tenant-property set');
      const open = await slack.waitFor('views.open');
      expect(text(open)).toContain('TenantProperties.UpdateProperty');
      // The form opens before (and without) any 3CX call: still only the read and the PATCH above.
      expect((await sim.requests()).map((r) => r.method)).toEqual(['GET', 'PATCH']);
    });

    it('license edit opens a form; license edit {json} wraps the inner object, or takes {"licenseParams":…} whole', async () => {
      await command('license edit');
      expect(text(await slack.waitFor('views.open'))).toContain('LicenseStatus.EditLicenseInfo');

      const approve = async (words: string) => {
        slack.clear();
        await command(words);
        const post = await slack.waitFor(
          (c) => c.method === 'chat.postMessage' && text(c).includes('approval_approve'),
        );
        const id = /"action_id":"approval_approve","value":"([^"]+)"/.exec(text(post))?.[1] as string;
        const ts = (post.answer as { ts: string }).ts;
        const res = await postSigned(
          bot.url,
          blockActionsBody({
            userId: 'U0ADMIN2',
            actionId: 'approval_approve',
            value: id,
            channelId: 'C0OPS',
            responseUrl: slack.responseUrl(`click-${id}`),
            messageTs: ts,
          }),
          { secret: SECRET },
        );
        expect(res.status).toBe(200);
        await slack.waitFor('chat.update', 10_000);
      };
      await approve('license edit {"CompanyName":"Acme Ltd","Email":"it@acme.example"}');
      await approve('license edit {"licenseParams":{"CompanyName":"Acme Ltd"}}');
      const edits = (await sim.requests()).filter(
        (r) => r.path === '/xapi/v1/LicenseStatus/Pbx.EditLicenseInfo',
      );
      expect(edits.map((r) => [r.method, r.body])).toEqual([
        ['POST', { licenseParams: { CompanyName: 'Acme Ltd', Email: 'it@acme.example' } }],
        ['POST', { licenseParams: { CompanyName: 'Acme Ltd' } }],
      ]);
    });

    it('services lists to the invoker; services restart a,b waits for an approver, then posts the names', async () => {
      const list = await command('services');
      expect(await reply(list.replyId)).toContain('ephemeral');
      const state = (await (await sim.admin('GET', '/_sim/state')).json()) as {
        services: { Name: string }[];
      };
      const names = state.services.slice(0, 2).map((s) => s.Name);
      await sim.admin('DELETE', '/_sim/requests');

      await confirm((await command(`services restart ${names.join(',')}`, 'U0NOC')).replyId, 'U0NOC');
      const post = await slack.waitFor(
        (c) => c.method === 'chat.postMessage' && text(c).includes('approval_approve'),
      );
      expect(text(post)).toContain('Services.Restart');
      // Before the approval only the PBX's service list was read, to check the names it was given.
      expect((await sim.requests()).map((r) => [r.method, r.path])).toEqual([['GET', '/xapi/v1/Services']]);
      await sim.admin('DELETE', '/_sim/requests');
      const id = /"action_id":"approval_approve","value":"([^"]+)"/.exec(text(post))?.[1] as string;
      await postSigned(
        bot.url,
        blockActionsBody({
          userId: 'U0ADMIN',
          actionId: 'approval_approve',
          value: id,
          channelId: 'C0OPS',
          responseUrl: slack.responseUrl('restart-click'),
          messageTs: (post.answer as { ts: string }).ts,
        }),
        { secret: SECRET },
      );
      await slack.waitFor('chat.update', 10_000);
      expect((await sim.requests()).map((r) => [r.method, r.path, r.body])).toEqual([
        ['POST', '/xapi/v1/Services/Pbx.Restart', { options: { ServiceNames: names } }],
      ]);
    });

    it('an approval only the requester could decide is refused at once, and nothing reaches 3CX', async () => {
      const { replyId } = await command('services restart 3CXQueueManager01');
      expect(await reply(await confirm(replyId))).toContain('only approver');
      // The service list is read to check the name; nothing is restarted.
      expect((await sim.requests()).filter((r) => r.method !== 'GET')).toEqual([]);
      expect(posts()).toHaveLength(0);
    });

    it('mcu shows the pending request with Approve/Reject to the invoker; --json shows the raw answer', async () => {
      const { replyId } = await command('mcu');
      const shown = await reply(replyId);
      expect(shown).toContain('mcu_approve');
      expect(shown).toContain('mcu_reject');
      const raw = await command('mcu --json');
      const answer = await reply(raw.replyId);
      expect(answer).toContain('```');
      expect(answer).not.toContain('mcu_approve');
      expect((await sim.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /xapi/v1/ConferenceSettings/Pbx.GetMCURequestStatus()',
        'GET /xapi/v1/ConferenceSettings/Pbx.GetMCURequestStatus()',
      ]);
    });

    it('api search <words> finds operations in the catalogue without calling 3CX', async () => {
      const { replyId } = await command('api search restart service');
      expect(await reply(replyId)).toContain('Services.Restart');
      expect(await sim.requests()).toEqual([]);
    });

    it('api <Resource>.<OperationId> key=value: $top, $filter with quotes, Id; keys resolve case-insensitively', async () => {
      const list = await command('api Users.ListUser $top=5 $filter="FirstName eq \'Ann\'"');
      await reply(list.replyId);
      const byId = await command('api Users.GetUser Id=12');
      await reply(byId.replyId);
      const lower = await command('api users.getuser Id=12');
      await reply(lower.replyId);
      const sent = await sim.requests();
      expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /xapi/v1/Users',
        'GET /xapi/v1/Users(12)',
        'GET /xapi/v1/Users(12)',
      ]);
      expect(sent[0]?.query).toMatchObject({ $top: '5', $filter: "FirstName eq 'Ann'" });
    });

    it('a name/value pair with a secret name has its value masked in the confirmation, not at 3CX', async () => {
      await command('api TenantProperties.CreateProperty {"Name":"SMTP_PASSWORD","Value":"hunter22"}');
      const created = await channelPost('C0OPS');
      await command('tenant-property set SMTP_PASSWORD s3cret-2 mail relay');
      const updated = await channelPost('C0OPS', (t) => t.includes('UpdateProperty'));
      for (const post of [created, updated]) {
        expect(post).toContain('SMTP_PASSWORD');
        expect(post).toContain('••••');
      }
      expect(created).not.toContain('hunter22');
      expect(updated).not.toContain('s3cret-2');
      // The old value was read (for before → after) and is masked too.
      expect(updated).toContain('Value: •••• → ••••');
      expect(updated).not.toContain('hunter22');
      const writes = (await sim.requests()).filter((r) => r.method !== 'GET');
      expect(writes.map((r) => (r.body as { Value?: string }).Value)).toEqual(['hunter22', 's3cret-2']);
    });

    it("Slack's escaping of &, < and > in the command text is undone before 3CX sees it", async () => {
      // What Slack posts when someone types: tenant-property set DEFAULT_LANGUAGE "R&D <late> shift"
      await command('tenant-property set DEFAULT_LANGUAGE "R&amp;D &lt;late&gt; shift"');
      await channelPost('C0OPS');
      const list = await command('api Users.ListUser $filter="LastName eq \'Smith &amp; Co\'"');
      await reply(list.replyId);
      const [patch, get] = (await sim.requests()).filter(
        (r) => !r.path.startsWith('/xapi/v1/TenantProperties(') || r.method !== 'GET',
      );
      expect((patch?.body as { Value?: string } | undefined)?.Value).toBe('R&D <late> shift');
      expect(get?.query.$filter).toBe("LastName eq 'Smith & Co'");
    });

    it('api with a JSON body runs the write; without one a form opens', async () => {
      await confirm((await command('api systemstatus.SETMULTICOMPANYMODE {"enable":true}')).replyId);
      await channelPost('C0OPS');
      expect((await sim.requests()).map((r) => r.body)).toEqual([{ enable: true }]);
      await command('api SystemStatus.SetMultiCompanyMode');
      expect(text(await slack.waitFor('views.open'))).toContain('SystemStatus.SetMultiCompanyMode');
    });
  });

  describe('help and permissions', () => {
    it('help shows a viewer only what a viewer may run', async () => {
      const viewer = await reply((await command('help', 'U0VIEW')).replyId);
      expect(viewer).toContain('/3cx status');
      expect(viewer).toContain('tenant-property get');
      for (const refused of ['multicompany', 'tenant-property set', 'license edit', 'services restart'])
        expect(viewer).not.toContain(refused);
      const admin = await reply((await command('help')).replyId);
      for (const all of ['multicompany on|off', 'tenant-property set', 'license edit', 'services restart'])
        expect(admin).toContain(all);
      const topic = await reply((await command('help services', 'U0VIEW')).replyId);
      expect(topic).toContain('/3cx services');
      expect(topic).not.toContain('services restart');
    });

    it('deny by default: a stranger and a viewer are refused with the missing permission; 3CX sees nothing', async () => {
      const stranger = await reply((await command('status', 'U0STRANGER')).replyId);
      expect(stranger).toContain('SystemStatus.GetSystemStatus');
      const viewer = await reply((await command('multicompany on', 'U0VIEW')).replyId);
      expect(viewer).toContain('SystemStatus.SetMultiCompanyMode');
      expect(await sim.requests()).toEqual([]);
      expect(posts()).toHaveLength(0);
    });

    it('a member of a user group gets the union of their roles', async () => {
      // U0NOC is a viewer by id and an operator through S0NOC: the operator's TenantProperties.* counts.
      await command('tenant-property set DEFAULT_LANGUAGE Europe/Paris', 'U0NOC');
      expect(await channelPost('C0OPS')).toContain('<@U0NOC>');
      // The read before the write (for before → after) is theirs too: a viewer's read permission.
      expect((await sim.requests()).map((r) => r.method)).toEqual(['GET', 'PATCH']);
    });
  });

  describe('failures of §4, to the invoker only', () => {
    it('a wrong word says "expected on/off"; invalid JSON gives its position; an unknown word a did-you-mean', async () => {
      expect(await reply((await command('multicompany maybe')).replyId)).toContain('expected on/off');
      expect(await reply((await command('license edit {"CompanyName":}')).replyId)).toContain('position 15');
      expect(await reply((await command('stauts')).replyId)).toContain('Did you mean `/3cx status`?');
      expect(await sim.requests()).toEqual([]);
      expect(posts()).toHaveLength(0);
    });

    it("3CX's own error message and code", async () => {
      await sim.admin('POST', '/_sim/faults', {
        path: '/xapi/v1/SystemStatus/Pbx.SetMultiCompanyMode',
        status: 400,
        times: 1,
        body: {
          error: { code: 'MultiCompanyNotLicensed', message: 'Multi company mode needs an 8SC+ licence' },
        },
      });
      const answer = await reply(await confirm((await command('multicompany on')).replyId));
      expect(answer).toContain('Multi company mode needs an 8SC+ licence');
      expect(answer).toContain('MultiCompanyNotLicensed');
      expect(posts()).toHaveLength(0);
    });
  });

  describe('§7: what Bolt lets through and the bot does not', () => {
    it('a timestamp more than 300 s in the future is refused with 401 and runs nothing', async () => {
      const body = slashCommandBody({ text: 'multicompany on', responseUrl: slack.responseUrl('future') });
      const res = await postSigned(bot.url, body, {
        secret: SECRET,
        timestamp: Math.floor(Date.now() / 1000) + 301,
      });
      expect(res.status).toBe(401);
      // A request sent after it is answered in full, so the refused one had its chance to reach 3CX.
      await reply((await command('help')).replyId);
      expect(await sim.requests()).toEqual([]);
      expect(slack.responses('future')).toHaveLength(0);
    });

    it('a replayed request runs nothing', async () => {
      const body = slashCommandBody({ text: 'multicompany on', responseUrl: slack.responseUrl('replayed') });
      const timestamp = Math.floor(Date.now() / 1000);
      expect((await postSigned(bot.url, body, { secret: SECRET, timestamp })).status).toBe(200);
      await confirm('replayed');
      await channelPost('C0OPS');
      const again = await postSigned(bot.url, body, { secret: SECRET, timestamp });
      expect(again.status).toBe(200);
      await bot.waitForLine((l) => l.includes('Slack request refused') && l.includes('replay'));
      await reply((await command('help')).replyId);
      expect((await sim.requests()).filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(posts()).toHaveLength(1);
    });
  });
});

describe('Socket Mode (SLACK_APP_TOKEN) and MCU_POLL_SECONDS, one bot process', () => {
  it('connects out instead of serving /slack/events, runs a command from its socket, and announces MCU requests once', async () => {
    const dir = mkdtempSync(join(tmpdir(), '3cx-accept-socket-'));
    writeFileSync(join(dir, 'bot.yaml'), CONFIG);
    const [sim, slack] = await Promise.all([startSimulatorProcess(), startSlackStandIn()]);
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    const sockets: WebSocket[] = [];
    const received: { envelope_id?: string }[] = [];
    wss.on('connection', (socket) => {
      sockets.push(socket);
      socket.on('message', (data) => received.push(JSON.parse(String(data))));
      socket.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0TEST' } }),
      );
    });
    // The stand-in has no socket endpoint; this answer points the bot at the local one.
    slack.failNext('apps.connections.open', {
      status: 200,
      body: { ok: true, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link` },
      times: 10,
    });
    let bot: BotProcess | undefined;
    try {
      const { SLACK_SIGNING_SECRET: _none, ...env } = envFor(sim, slack, dir, {
        SLACK_APP_TOKEN: 'xapp-test-token',
        MCU_POLL_SECONDS: '1',
      });
      bot = await startBotProcess(env);
      const base = bot.url.replace('/slack/events', '');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/slack/events`, { method: 'POST', body: 'x' })).status).toBe(404);

      const socket = await waitUntil(() => sockets[0], {
        what: 'the bot to open its socket',
        timeoutMs: 10_000,
      });
      socket.send(
        JSON.stringify({
          envelope_id: 'env-1',
          type: 'slash_commands',
          accepts_response_payload: true,
          payload: {
            team_id: 'T0TEST',
            channel_id: 'C0OPS',
            user_id: 'U0ADMIN',
            command: '/3cx',
            text: 'status',
            response_url: slack.responseUrl('socket'),
            trigger_id: '1.2.3',
          },
        }),
      );
      await waitUntil(() => received.find((m) => m.envelope_id === 'env-1'), { what: 'the ack of env-1' });
      const answer = await slack.waitFor((c) => c.kind === 'response_url' && c.id === 'socket', 10_000);
      expect(text(answer)).toContain('SystemStatus.GetSystemStatus');

      // Polled every second: the pending request is announced in channels.mcu_approvals, once.
      const polls = async () =>
        (await sim.requests()).filter((r) => r.path.endsWith('/Pbx.GetMCURequestStatus()')).length;
      await slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0MCU', 10_000);
      const seen = await polls();
      await waitUntil(async () => (await polls()) >= seen + 2, { what: 'two more polls', timeoutMs: 10_000 });
      expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0MCU')).toHaveLength(1);
    } finally {
      await bot?.stop();
      for (const s of wss.clients) s.terminate();
      await new Promise<void>((done) => wss.close(() => done()));
      await Promise.all([sim.stop(), slack.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
