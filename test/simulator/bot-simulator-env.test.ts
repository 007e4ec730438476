import pino from 'pino';
import { defaultCatalogue } from '../../src/api/catalogue';
import { ConfigError, readBotSettings, readDemoSettings, readEnv } from '../../src/config';
import { openPbxs } from '../../src/pbx/open';
import { parseBotConfig } from '../../src/permissions';
import { Xapi } from './helpers';

/**
 * SIMULATOR_SEED and SIMULATOR_USERS reach the simulators the bot and the demo start themselves
 * (THREECX_URL=simulator), not only `npm run simulator`.
 */

const HTTP = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

function problem(env: Record<string, string>): string {
  try {
    readEnv(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('SIMULATOR_SEED and SIMULATOR_USERS in the bot’s settings', () => {
  it('default to seed 1 and the simulator’s own company size', () => {
    const env = readEnv({});
    expect(env.SIMULATOR_SEED).toBe(1);
    expect(env.SIMULATOR_USERS).toBeUndefined();
  });

  it('take whole numbers', () => {
    expect(readEnv({ SIMULATOR_SEED: '7', SIMULATOR_USERS: '10000' })).toMatchObject({
      SIMULATOR_SEED: 7,
      SIMULATOR_USERS: 10_000,
    });
    expect(
      readBotSettings({ ...HTTP, THREECX_URL: 'simulator', SIMULATOR_USERS: '0' }).env.SIMULATOR_USERS,
    ).toBe(0);
  });

  it('refuse anything else, naming the variable, the value and the fix', () => {
    expect(problem({ SIMULATOR_SEED: 'abc' })).toMatch(
      /SIMULATOR_SEED: .*"abc".*the same seed gives the same company/,
    );
    expect(problem({ SIMULATOR_SEED: '-1' })).toMatch(/SIMULATOR_SEED: .*"-1"/);
    expect(problem({ SIMULATOR_USERS: '2.5' })).toMatch(/SIMULATOR_USERS: .*"2\.5".*0 to 1000000/);
    expect(problem({ SIMULATOR_USERS: '1000001' })).toMatch(/SIMULATOR_USERS: .*"1000001"/);
  });
});

describe('a simulator opened for THREECX_URL=simulator', () => {
  const logger = pino({ level: 'silent' });
  const catalogue = defaultCatalogue();
  const botConfig = parseBotConfig('roles: {}\n', 'test BOT_CONFIG');
  const demo = {
    apiUrl: 'http://127.0.0.1:1/api/',
    botToken: 'xoxb-demo',
    signingSecret: 'demo-secret',
    databaseUrl: 'sqlite::memory:',
  };

  async function usersOf(env: Record<string, string>, settingsOf: 'demo' | 'bot') {
    const settings =
      settingsOf === 'demo'
        ? readDemoSettings(demo, { THREECX_URL: 'simulator', ...env })
        : readBotSettings({ ...HTTP, THREECX_URL: 'simulator', ...env });
    const { registry, simulators } = await openPbxs(settings, botConfig, catalogue, logger);
    try {
      const sim = simulators.get('default');
      if (!sim) throw new Error('no simulator was started');
      return await new Xapi(sim).list('/Users?$select=Number,DisplayName');
    } finally {
      await registry.close();
      for (const sim of simulators.values()) await sim.close();
    }
  }

  it('seeds SIMULATOR_USERS users, counted over HTTP (the demo’s settings)', async () => {
    expect(await usersOf({ SIMULATOR_USERS: '60' }, 'demo')).toHaveLength(60);
  });

  it('seeds the default forty without it, and follows SIMULATOR_SEED (npm start’s settings)', async () => {
    const first = await usersOf({}, 'bot');
    expect(first).toHaveLength(40);
    expect(await usersOf({ SIMULATOR_SEED: '1' }, 'bot')).toEqual(first);
    expect(await usersOf({ SIMULATOR_SEED: '9' }, 'bot')).not.toEqual(first);
  });
});
