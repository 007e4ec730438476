import { readDemoSettings } from '../../src/config';

/** The demo takes its PBX from the environment like `npm start`, and its Slack always from itself. */

const demo = {
  apiUrl: 'http://127.0.0.1:1/api/',
  botToken: 'xoxb-demo',
  signingSecret: 'demo-secret',
  databaseUrl: 'sqlite:/tmp/demo.db',
};

it('keeps the PBX settings of the environment and replaces every Slack and state setting', () => {
  const settings = readDemoSettings(demo, {
    THREECX_URL: 'https://pbx.example.com',
    THREECX_CLIENT_ID: 'id',
    THREECX_CLIENT_SECRET: 'secret',
    SLACK_APP_TOKEN: 'xapp-real',
    SLACK_BOT_TOKEN: 'xoxb-real',
    SLACK_API_URL: 'https://slack.com/api/',
    DATABASE_URL: 'postgres://prod/db',
    MCU_POLL_SECONDS: '30',
    PORT: '3000',
  });
  expect(settings.mode).toBe('http');
  expect(settings.slack).toMatchObject({
    botToken: 'xoxb-demo',
    signingSecret: 'demo-secret',
    apiUrl: demo.apiUrl,
  });
  expect(settings.pbx).toEqual({
    simulated: false,
    chosen: true,
    url: 'https://pbx.example.com',
    clientId: 'id',
    clientSecret: 'secret',
  });
  expect(settings.env).toMatchObject({ DATABASE_URL: demo.databaseUrl, MCU_POLL_SECONDS: 0, PORT: 0 });
});

it('uses the simulator when THREECX_URL is unset, and still refuses a bad PBX setting', () => {
  expect(readDemoSettings(demo, {}).pbx.simulated).toBe(true);
  expect(() => readDemoSettings(demo, { THREECX_URL: 'https://pbx.example.com' })).toThrow(
    /THREECX_CLIENT_ID or THREECX_CLIENT_SECRET is not; create an API client/,
  );
});
