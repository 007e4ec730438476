import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { defaultCatalogue } from '../../src/api/catalogue';
import { ConfigError, readBotSettings, readPbxSecret } from '../../src/config';
import { openPbxs } from '../../src/pbx/open';
import { BotConfigError, PermissionPolicy, parseBotConfig } from '../../src/permissions';
import { startSimulator } from '../../src/simulator';
import { loadBotConfig } from '../../src/startup';

/**
 * `pbxs:` in BOT_CONFIG (DESIGN §3): a bad entry stops start-up with a sentence that names the key and the fix; a
 * secret is read from the variable or file the entry names, never from the YAML.
 */

const logger = pino({ level: 'silent' });
const catalogue = defaultCatalogue();
const POLICY = 'roles:\n  admin: { allow: ["*"] }\nmembers:\n  U0ADMIN: admin\n';

const settings = () =>
  readBotSettings({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
    THREECX_URL: 'https://pbx.example.com',
    THREECX_CLIENT_ID: 'bot',
    THREECX_CLIENT_SECRET: 'env-secret',
  });

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), '3cx-pbx-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('pbxs: in BOT_CONFIG', () => {
  it('a client_secret typed into the YAML stops start-up, names client_secret_env, and does not echo the secret', () => {
    const file = join(dir, 'bot.yml');
    writeFileSync(
      file,
      `pbxs:\n  alpha: { url: "https://alpha.example.com", client_id: alpha-bot, client_secret: "hunter2-very-secret" }\n${POLICY}`,
    );
    const err = thrown(() => loadBotConfig(file, catalogue, logger));
    expect(err).toBeInstanceOf(BotConfigError);
    expect(err.message).toContain('pbxs.alpha.client_secret: a secret never stands in BOT_CONFIG itself');
    expect(err.message).toContain('client_secret_env: ALPHA_SECRET');
    expect(err.message).toContain('client_secret_file');
    expect(err.message).not.toContain('hunter2');
  });

  it('a PBX without client_id is refused with where to find it', () => {
    const yaml = `pbxs:\n  alpha: { url: "https://alpha.example.com", client_secret_env: ALPHA_SECRET }\n${POLICY}`;
    const err = thrown(() => parseBotConfig(yaml, 'bot.yml'));
    expect(err).toBeInstanceOf(BotConfigError);
    expect(err.message).toContain('pbxs.alpha.client_id: missing');
    expect(err.message).toContain('Integrations › API');
  });

  it('a PBX that names no secret at all is refused with both ways to give one', () => {
    const yaml = `pbxs:\n  customer-acme: { url: "https://acme.example.com", client_id: acme-bot }\n${POLICY}`;
    expect(() => parseBotConfig(yaml, 'bot.yml')).toThrow(
      'pbxs.customer-acme: no secret; add client_secret_env: CUSTOMER_ACME_SECRET',
    );
  });

  it('channels.pbx naming a PBX that is not under pbxs: is refused with the PBXs there are', () => {
    const yaml = `pbxs:
  alpha: { url: "https://alpha.example.com", client_id: a, client_secret_env: A_SECRET }
  beta:  { url: "https://beta.example.com",  client_id: b, client_secret_env: B_SECRET }
${POLICY}channels:
  pbx: { C0ALPHA: alpha, C0OMEGA: omega }
`;
    const err = thrown(() => parseBotConfig(yaml, 'bot.yml'));
    expect(err).toBeInstanceOf(BotConfigError);
    expect(err.message).toContain('channels.pbx.C0OMEGA: "omega" is not under pbxs: (PBXs: alpha, beta)');
    expect(err.message).not.toContain('C0ALPHA');
  });

  it('an unknown key under a PBX is refused by name, with the keys allowed', () => {
    const yaml = `pbxs:\n  alpha: { url: "https://alpha.example.com", client_id: a, client_secret_env: A_SECRET, secret_env: X }\n${POLICY}`;
    const err = thrown(() => parseBotConfig(yaml, 'bot.yml'));
    expect(err.message).toContain('secret_env');
    expect(err.message).toContain('allowed keys: url, client_id, client_secret_env, client_secret_file');
  });

  it('without pbxs:, a channel bound to a name other than the one PBX stops openPbxs', async () => {
    const config = parseBotConfig(`${POLICY}channels:\n  pbx: { C0ALPHA: alpha }\n`, 'bot.yml');
    await expect(openPbxs(settings(), config, catalogue, logger)).rejects.toThrow(ConfigError);
    await expect(openPbxs(settings(), config, catalogue, logger)).rejects.toThrow(
      'channels.pbx binds C0ALPHA to "alpha", but the PBXs are default',
    );
  });

  it('role pbxs: patterns limit where a role applies; members take a list of roles', () => {
    const yaml = `roles:
  customers: { allow: [read], pbxs: ["customer-*"] }
  hq-admin:  { allow: ["*"], pbxs: [hq] }
members:
  U0ENG: [customers, hq-admin]
`;
    const policy = new PermissionPolicy(parseBotConfig(yaml, 'bot.yml'));
    const who = { userId: 'U0ENG', groups: [] };
    const read = { key: 'Users.ListUser', method: 'GET' } as const;
    const write = { key: 'Services.Restart', method: 'POST' } as const;
    expect(policy.checkOperation(who, read, 'customer-acme').allowed).toBe(true);
    expect(policy.checkOperation(who, read, 'Customer-Zeta').allowed).toBe(true);
    expect(policy.checkOperation(who, write, 'customer-acme')).toMatchObject({
      allowed: false,
      missing: 'Services.Restart',
    });
    expect(policy.checkOperation(who, write, 'hq').allowed).toBe(true);
    expect(policy.checkOperation(who, read, 'branch').allowed).toBe(false);
    expect(policy.appliesOn(who, 'branch')).toBe(false);
  });
});

describe('a PBX secret', () => {
  it('from a variable that is not set, or is empty, is a ConfigError naming the variable', () => {
    const unset = thrown(() => readPbxSecret('alpha', { client_secret_env: 'ALPHA_SECRET' }, {}));
    expect(unset).toBeInstanceOf(ConfigError);
    expect(unset.message).toContain(
      'pbxs.alpha.client_secret_env names ALPHA_SECRET, which is not set or empty',
    );
    expect(() =>
      readPbxSecret('alpha', { client_secret_env: 'ALPHA_SECRET' }, { ALPHA_SECRET: '  ' }),
    ).toThrow(ConfigError);
    expect(readPbxSecret('alpha', { client_secret_env: 'ALPHA_SECRET' }, { ALPHA_SECRET: ' s3cret\n' })).toBe(
      's3cret',
    );
  });

  it('from a file is read and trimmed; a missing or empty file is a ConfigError', () => {
    const file = join(dir, 'alpha.secret');
    writeFileSync(file, '  s3cret-from-file \n');
    expect(readPbxSecret('alpha', { client_secret_file: file }, {})).toBe('s3cret-from-file');
    const missing = thrown(() => readPbxSecret('alpha', { client_secret_file: join(dir, 'nope') }, {}));
    expect(missing).toBeInstanceOf(ConfigError);
    expect(missing.message).toContain('cannot be read (ENOENT)');
    writeFileSync(file, '\n');
    expect(() => readPbxSecret('alpha', { client_secret_file: file }, {})).toThrow('is empty');
  });

  it('stops openPbxs when its variable is not set', async () => {
    const config = parseBotConfig(
      `pbxs:\n  alpha: { url: "https://alpha.example.com", client_id: a, client_secret_env: ALPHA_SECRET }\n${POLICY}`,
      'bot.yml',
    );
    const opening = openPbxs(settings(), config, catalogue, logger, {
      readSecret: (pbx, entry) => readPbxSecret(pbx, entry, {}),
    });
    await expect(opening).rejects.toThrow(ConfigError);
    await expect(
      openPbxs(settings(), config, catalogue, logger, {
        readSecret: (pbx, entry) => readPbxSecret(pbx, entry, {}),
      }),
    ).rejects.toThrow('ALPHA_SECRET');
  });

  it('from a file with a trailing newline gets a token from the PBX', async () => {
    const sim = await startSimulator({ port: 0, clientId: 'file-bot', clientSecret: 'from-the-file' });
    const file = join(dir, 'alpha.secret');
    writeFileSync(file, 'from-the-file\n');
    const config = parseBotConfig(
      `pbxs:\n  alpha: { url: "${sim.url}", client_id: file-bot, client_secret_file: "${file}" }\n${POLICY}`,
      'bot.yml',
    );
    const { registry } = await openPbxs(settings(), config, catalogue, logger, {
      readSecret: (pbx, entry) => readPbxSecret(pbx, entry, {}),
    });
    try {
      await registry.connect();
      expect(registry.describe('alpha')).toMatchObject({ state: 'up' });
      expect(sim.tokenRequests()).toBe(1);
      expect(sim.requests.filter((r) => r.status === 401)).toEqual([]);
    } finally {
      await registry.close();
      await sim.close();
    }
  });
});
