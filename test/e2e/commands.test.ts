import { answerQuestion } from '../support/confirm';
import { sharedTestBot } from './harness';

/**
 * One exchange per command of DESIGN §3, read like a Slack conversation: what was typed, what reached the PBX,
 * what the channel and the invoker saw.
 */

const NO_APPROVALS = `
roles:
  viewer:   { allow: [read] }
  admin:    { allow: ["*"] }
members:
  U0ADMIN: admin
  U0VIEW: viewer
`;

const t = sharedTestBot({ config: NO_APPROVALS });

const xapi = (path: string) => t.xapiRequests().filter((r) => r.path === `/xapi/v1${path}`);

describe('/3cx status', () => {
  it('reads the system status and answers only the invoker', async () => {
    const { status, replyId } = await t.command('status');
    expect(status).toBe(200);
    const reply = await t.reply(replyId);
    expect(reply).toContain('ephemeral');
    expect(xapi('/SystemStatus')).toHaveLength(1);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('shows the raw answer with --json', async () => {
    const { replyId } = await t.command('status --json');
    expect(await t.reply(replyId)).toContain('```');
  });
});

describe('/3cx multicompany', () => {
  it('asks first, then turns multi-company mode on and confirms in the channel', async () => {
    const { replyId } = await t.command('multicompany on');
    const { question } = await answerQuestion(t, replyId);
    expect(question).toContain('SystemStatus.SetMultiCompanyMode');
    const post = await t.channelPost('C0OPS');
    expect(post).toContain('SystemStatus.SetMultiCompanyMode');
    expect(post).toContain('U0ADMIN');
    expect(xapi('/SystemStatus/Pbx.SetMultiCompanyMode').map((r) => r.body)).toEqual([{ enable: true }]);
  });

  it('says what it expects for a wrong word, and calls nothing', async () => {
    const { replyId } = await t.command('multicompany maybe');
    expect(await t.reply(replyId)).toContain('expected on/off (got \\"maybe\\")');
    expect(t.xapiRequests()).toHaveLength(0);
  });
});

describe('/3cx tenant-property', () => {
  it('sets a property with a quoted name and a description', async () => {
    await t.command('tenant-property set "Support\'s level" gold Contract tier');
    const post = await t.channelPost('C0OPS');
    expect(post).toContain('TenantProperties.UpdateProperty');
    const patch = t.xapiRequests().filter((r) => r.method === 'PATCH');
    expect(patch.map((r) => [r.path, r.body])).toEqual([
      [
        "/xapi/v1/TenantProperties('Support''s level')",
        { Name: "Support's level", Value: 'gold', Description: 'Contract tier' },
      ],
    ]);
  });
});

describe('/3cx license edit', () => {
  it('wraps the inner JSON into licenseParams', async () => {
    await t.command('license edit {"CompanyName":"Acme Ltd","Email":"it@acme.example"}');
    await t.channelPost('C0OPS');
    expect(xapi('/LicenseStatus/Pbx.EditLicenseInfo').map((r) => r.body)).toEqual([
      { licenseParams: { CompanyName: 'Acme Ltd', Email: 'it@acme.example' } },
    ]);
  });

  it('reports invalid JSON with its position, and calls nothing', async () => {
    const { replyId } = await t.command('license edit {"CompanyName":}');
    expect(await t.reply(replyId)).toMatch(/not valid JSON: Unexpected token } at position 15/);
    expect(t.xapiRequests()).toHaveLength(0);
  });
});

describe('/3cx services', () => {
  it('lists the services to the invoker', async () => {
    const { replyId } = await t.command('services');
    const reply = await t.reply(replyId);
    expect(xapi('/Services')).toHaveLength(1);
    expect(reply).toMatch(/\d+ (items|services)/i);
  });

  it('restarts named services and confirms in the channel', async () => {
    const names = (t.sim.state as unknown as { services: { Name: string }[] }).services
      ?.slice(0, 2)
      .map((s) => s.Name);
    const list = names && names.length === 2 ? names : ['3CXQueueManager', '3CXCallFlow'];
    await answerQuestion(t, (await t.command(`services restart ${list.join(', ')}`)).replyId);
    const post = await t.channelPost('C0OPS');
    expect(post).toContain('Services.Restart');
    expect(xapi('/Services/Pbx.Restart').map((r) => r.body)).toEqual([{ options: { ServiceNames: list } }]);
  });

  it("refuses an unknown service to the invoker, with the PBX's services, before any confirmation", async () => {
    const { replyId } = await t.command('services restart NoSuchService');
    const reply = await t.reply(replyId);
    expect(reply).toContain('The PBX has no service named \\"NoSuchService\\"');
    expect(reply).toContain('3CXQueueManager01');
    expect(reply).not.toContain('confirm_run');
    expect(xapi('/Services/Pbx.Restart')).toHaveLength(0);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });
});

describe('/3cx api', () => {
  it('search finds Services.Restart first', async () => {
    const { replyId } = await t.command('api search restart service');
    const reply = await t.reply(replyId);
    expect(reply.indexOf('Services.Restart')).toBeGreaterThan(-1);
    expect(reply.indexOf('Services.Restart')).toBeLessThan(reply.indexOf('Services.RestartOperatingSystem'));
  });

  it('runs any operation with key=value parameters', async () => {
    const { replyId } = await t.command(
      'api Users.ListUser $top=3 $filter="Number eq \'101\'" $select=Number,FirstName',
    );
    await t.reply(replyId);
    const [req] = xapi('/Users');
    expect(req?.query).toMatchObject({ $top: '3', $filter: "Number eq '101'", $select: 'Number,FirstName' });
  });

  it('names a wrong type and the accepted form', async () => {
    const { replyId } = await t.command('api Users.GetUser Id=abc');
    expect(await t.reply(replyId)).toContain('Id must be a whole number (got \\"abc\\")');
    expect(t.xapiRequests()).toHaveLength(0);
  });

  it('suggests the operation meant for an unknown key', async () => {
    const { replyId } = await t.command('api Services.Restrat');
    const reply = await t.reply(replyId);
    expect(reply).toContain('Services.Restart');
    expect(t.xapiRequests()).toHaveLength(0);
  });

  it('takes a JSON body for the generic command', async () => {
    await answerQuestion(
      t,
      (await t.command('api SystemStatus.SetMultiCompanyMode {"enable":false}')).replyId,
    );
    await t.channelPost('C0OPS');
    expect(xapi('/SystemStatus/Pbx.SetMultiCompanyMode').map((r) => r.body)).toEqual([{ enable: false }]);
  });
});

describe('/3cx help and unknown words', () => {
  it('lists only what the person may run', async () => {
    const viewer = await t.command('help', { user: 'U0VIEW' });
    const text = await t.reply(viewer.replyId);
    expect(text).toContain('status');
    expect(text).not.toContain('multicompany on');
    const admin = await t.command('help');
    expect(await t.reply(admin.replyId)).toContain('multicompany');
  });

  it('gives every command it lists one example, one the person may run', async () => {
    const helpText = async (options: { user?: string }) => {
      const { replyId } = await t.command('help', options);
      const body = JSON.parse(await t.reply(replyId)) as { blocks: { text?: { text?: string } }[] };
      return body.blocks.map((b) => b.text?.text ?? '').join('\n');
    };
    for (const options of [{ user: 'U0VIEW' }, {}]) {
      const text = await helpText(options);
      const commands = text.match(/^\*[a-z-]+\*: /gm) ?? [];
      expect(commands.length).toBeGreaterThan(3);
      expect(text.match(/_Example:_/g)).toHaveLength(commands.length);
    }
    const viewer = await helpText({ user: 'U0VIEW' });
    expect(viewer).toContain('_Example:_ `/3cx tenant-property list`');
    expect(viewer).toContain('_Example:_ `/3cx services`');
  });

  it('tells a stranger to ask for a role', async () => {
    const { replyId } = await t.command('help', { user: 'U0STRANGER' });
    expect(await t.reply(replyId)).toMatch(/BOT_CONFIG/);
  });

  it('suggests the closest command', async () => {
    const { replyId } = await t.command('stauts');
    expect(await t.reply(replyId)).toContain('Did you mean `/3cx status`?');
  });
});

describe('permissions', () => {
  it('denies a viewer a write, names the permission, and nothing reaches 3CX', async () => {
    const { replyId } = await t.command('multicompany on', { user: 'U0VIEW' });
    expect(await t.reply(replyId)).toContain('SystemStatus.SetMultiCompanyMode');
    expect(t.xapiRequests()).toHaveLength(0);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('denies everything to someone not in BOT_CONFIG', async () => {
    const { replyId } = await t.command('status', { user: 'U0STRANGER' });
    expect(await t.reply(replyId)).toContain('SystemStatus.GetSystemStatus');
    expect(t.xapiRequests()).toHaveLength(0);
  });
});
