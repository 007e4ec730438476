import { ConfigError, readBotSettings, readEnv, refuseImplicitSimulator } from '../src/config';

const HTTP = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

function problem(env: Record<string, string>): string {
  try {
    readBotSettings(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('settings from the environment', () => {
  it('fills the documented defaults', () => {
    const settings = readBotSettings(HTTP);
    expect(settings.mode).toBe('http');
    expect(settings.env.PORT).toBe(3000);
    expect(settings.env.DATABASE_URL).toBe('sqlite:./data/3cx-bot.db');
    expect(settings.env.MCU_POLL_SECONDS).toBe(30);
    expect(settings.env.SIMULATOR_PORT).toBe(5001);
    expect(settings.env.THREECX_TIMEOUT_MS).toBe(15_000);
    expect(settings.slack.apiUrl).toBe('https://slack.com/api/');
    expect(settings.pbx).toEqual({
      simulated: true,
      chosen: false,
      clientId: 'sim-client',
      clientSecret: 'sim-secret',
    });
  });

  it('takes THREECX_URL=simulator as the built-in simulator, chosen, needing no client', () => {
    const settings = readBotSettings({ ...HTTP, THREECX_URL: 'simulator' });
    expect(settings.pbx).toMatchObject({ simulated: true, chosen: true });
    expect(settings.pbx.url).toBeUndefined();
    expect(() => refuseImplicitSimulator(settings, false)).not.toThrow();
    // Blank is unset.
    expect(readBotSettings({ ...HTTP, THREECX_URL: ' ' }).pbx.chosen).toBe(false);
  });

  it('refuses the simulator nobody asked for, unless BOT_CONFIG lists the PBXs', () => {
    const unset = readBotSettings(HTTP);
    expect(() => refuseImplicitSimulator(unset, false)).toThrow(ConfigError);
    expect(() => refuseImplicitSimulator(unset, false)).toThrow(
      /THREECX_URL is not set.*THREECX_URL=simulator/,
    );
    expect(() => refuseImplicitSimulator(unset, true)).not.toThrow();
    const real = readBotSettings({
      ...HTTP,
      THREECX_URL: 'https://pbx.example.com',
      THREECX_CLIENT_ID: 'bot',
      THREECX_CLIENT_SECRET: 'client-secret',
    });
    expect(() => refuseImplicitSimulator(real, false)).not.toThrow();
    expect(real.pbx).toMatchObject({ simulated: false, url: 'https://pbx.example.com' });
  });

  it('derives the state key from BOT_STATE_KEY, else the client secret, and reads AUDIT_RETENTION_DAYS', () => {
    const client = {
      THREECX_URL: 'https://pbx.example.com',
      THREECX_CLIENT_ID: 'bot',
      THREECX_CLIENT_SECRET: 'cs-1',
    };
    expect(readBotSettings({ ...HTTP, ...client }).stateKey).toBe('cs-1');
    const key = 'k'.repeat(32);
    expect(readBotSettings({ ...HTTP, ...client, BOT_STATE_KEY: key }).stateKey).toBe(key);
    expect(readBotSettings(HTTP).env.AUDIT_RETENTION_DAYS).toBeUndefined();
    expect(readBotSettings({ ...HTTP, AUDIT_RETENTION_DAYS: '365' }).env.AUDIT_RETENTION_DAYS).toBe(365);
    expect(problem({ ...HTTP, BOT_STATE_KEY: 'short' })).toMatch(
      /BOT_STATE_KEY: must be at least 16 characters \(got a value of 5 characters\); use a long random/,
    );
    expect(problem({ ...HTTP, AUDIT_RETENTION_DAYS: '0' })).toMatch(
      /AUDIT_RETENTION_DAYS: .*keep audit rows forever/,
    );
  });

  it('switches to Socket Mode when SLACK_APP_TOKEN is set, and then needs no signing secret', () => {
    const settings = readBotSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(settings.mode).toBe('socket');
    expect(settings.slack.appToken).toBe('xapp-1');
  });

  it('adds the missing slash to SLACK_API_URL', () => {
    expect(readBotSettings({ ...HTTP, SLACK_API_URL: 'http://127.0.0.1:9/api' }).slack.apiUrl).toBe(
      'http://127.0.0.1:9/api/',
    );
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: .*\(got "eighty"\); use a port number between 0 and 65535/],
    [
      { LOG_LEVEL: 'loud' },
      /LOG_LEVEL: .*\(got "loud"\); use one of fatal, error, warn, info, debug, trace, silent/,
    ],
    [{ THREECX_URL: 'pbx.example.com' }, /THREECX_URL: .*; use the address of the PBX web client/],
    [{ THREECX_INSECURE_TLS: 'maybe' }, /THREECX_INSECURE_TLS: .*; use 1 to accept any certificate/],
    [
      { DATABASE_URL: 'mysql://x' },
      /DATABASE_URL: must be sqlite:<path> or postgres:\/\/… \(got a value of 9 characters\)/,
    ],
    [{ MCU_POLL_SECONDS: '-1' }, /MCU_POLL_SECONDS: .*; use whole seconds; 0 turns the MCU poller off/],
    [{ SLACK_BOT_TOKEN: 'abc' }, /SLACK_BOT_TOKEN: must start with xoxb- .*OAuth & Permissions/],
    [{ SLACK_APP_TOKEN: 'xoxb-2' }, /SLACK_APP_TOKEN: must start with xapp- .*connections:write/],
  ])('names the variable, the problem and the fix: %j', (bad, expected) => {
    expect(problem({ ...HTTP, ...bad })).toMatch(expected);
  });

  it('lists every bad variable at once, not just the first', () => {
    const message = problem({ ...HTTP, PORT: 'x', LOG_LEVEL: 'y' });
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/LOG_LEVEL/);
  });

  it('refuses missing pairings with where to find the value', () => {
    expect(problem({})).toMatch(/SLACK_BOT_TOKEN is not set; copy the Bot User OAuth Token/);
    expect(problem({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(
      /SLACK_SIGNING_SECRET is not set; copy the Signing Secret .* \(or set SLACK_APP_TOKEN for Socket Mode\)/,
    );
    expect(problem({ ...HTTP, THREECX_URL: 'https://pbx.example.com' })).toMatch(
      /THREECX_CLIENT_ID or THREECX_CLIENT_SECRET is not; .*Admin › Integrations › API/,
    );
  });

  it('never echoes a secret it refuses', () => {
    const message = problem({ ...HTTP, SLACK_APP_TOKEN: 'xoxb-pasted-by-mistake' });
    expect(message).toMatch(/SLACK_APP_TOKEN: must start with xapp- \(got a value of 22 characters\)/);
    expect(message).not.toMatch(/pasted-by-mistake/);
    // An empty variable counts as unset, so an empty signing secret is refused as missing.
    expect(problem({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '' })).toMatch(
      /SLACK_SIGNING_SECRET is not set/,
    );
  });

  it('readEnv accepts the real process environment shape', () => {
    expect(readEnv({}).LOG_LEVEL).toBe('info');
  });
});
