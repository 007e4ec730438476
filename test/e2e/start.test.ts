import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { startSimulator } from '../../src/simulator';
import { postSigned } from '../support/bot-client';
import { slashCommandBody } from '../support/signing';
import { type SlackStandIn, startSlackStandIn } from '../support/slack-stand-in';
import { type BotProcess, startBotProcess } from './bot-process';
import { DEMO_CONFIG } from './harness';

/**
 * `npm start` as an operator runs it: only Slack settings and a permissions file, everything else on its
 * built-in defaults (the simulated PBX, a local SQLite file), and bad settings stop it with a sentence.
 */

const SECRET = 'start-test-secret';

describe('the bot process on its built-in defaults', () => {
  let dir: string;
  let slack: SlackStandIn;
  let bot: BotProcess | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), '3cx-start-'));
    writeFileSync(join(dir, 'bot.yml'), DEMO_CONFIG);
    slack = await startSlackStandIn();
  });

  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves /healthz, answers /3cx status from the built-in simulator, and exits 0 on SIGTERM', async () => {
    bot = await startBotProcess({
      PORT: '0',
      // Said explicitly: without it, real Slack credentials and no PBX refuse to start (below).
      THREECX_URL: 'simulator',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      BOT_CONFIG: join(dir, 'bot.yml'),
      DATABASE_URL: `sqlite:${join(dir, 'state', 'bot.db')}`,
      MCU_POLL_SECONDS: '0',
    });
    const health = await fetch(bot.url.replace('/slack/events', '/healthz'));
    expect(health.status).toBe(200);
    expect(bot.lines.some((l) => l.includes('using the built-in PBX simulator'))).toBe(true);

    const responseUrl = slack.responseUrl('start-status');
    const body = slashCommandBody({ text: 'status', userId: 'U0VIEW', channelId: 'C0OPS', responseUrl });
    const res = await postSigned(bot.url, body, { secret: SECRET });
    expect(res.status).toBe(200);
    const reply = await slack.waitFor((c) => c.kind === 'response_url' && c.id === 'start-status', 10_000);
    expect(JSON.stringify(reply.body)).toMatch(/20\.0/);

    const exit = new Promise<number | null>((done) => bot?.child.once('exit', (code) => done(code)));
    bot.child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  /** The settings an operator would give, with `bad` laid over them. */
  const settingsWith = (bad: Record<string, string>) => ({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`,
    THREECX_URL: 'simulator',
    ...bad,
  });

  async function expectRefusal(bad: Record<string, string>, expected: RegExp): Promise<void> {
    const run = await runMain(settingsWith(bad));
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }

  it.each([
    ['a bad value', { PORT: 'eighty' }, /PORT: .*use a port number between 0 and 65535/],
    [
      'a missing secret',
      { SLACK_SIGNING_SECRET: '' },
      /SLACK_SIGNING_SECRET is not set; copy the Signing Secret/,
    ],
    ['a missing permissions file', { BOT_CONFIG: '/nonexistent/bot.yml' }, /\/nonexistent\/bot\.yml/],
    [
      'a token Slack refuses',
      { SLACK_BOT_TOKEN: 'xoxb-revoked' },
      /Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/,
    ],
    [
      'an unreachable Slack',
      { SLACK_API_URL: 'http://127.0.0.1:1/api/' },
      /Slack's Web API at http:\/\/127\.0\.0\.1:1\/api\/ could not be reached .*check SLACK_API_URL/,
    ],
  ])('stops at start on %s: exit 78 and a sentence, no stack trace', async (_what, bad, expected) => {
    await expectRefusal(bad, expected);
  });

  it('refuses to drive the simulator when THREECX_URL is not set, saying how to choose', async () => {
    await expectRefusal(
      { BOT_CONFIG: join(dir, 'bot.yml'), THREECX_URL: '' },
      /THREECX_URL is not set.*https:\/\/pbx\.example\.com.*THREECX_URL=simulator/s,
    );
  });

  it('warns at start that an http:// THREECX_URL sends the client secret in clear', async () => {
    const sim = await startSimulator({ port: 0 });
    try {
      bot = await startBotProcess({
        PORT: '0',
        ...settingsWith({ BOT_CONFIG: join(dir, 'bot.yml'), MCU_POLL_SECONDS: '0' }),
        THREECX_URL: sim.url,
        THREECX_CLIENT_ID: 'sim-client',
        THREECX_CLIENT_SECRET: 'sim-secret',
      });
      const warning = bot.lines.find((l) => l.includes('THREECX_URL uses http://'));
      expect(warning).toMatch(/"level":40/);
      expect(warning).toMatch(/client secret/);
    } finally {
      await bot?.stop();
      bot = undefined;
      await sim.close();
    }
  });

  it('stops with a sentence when the database cannot be migrated', async () => {
    // A database another application already uses, with a table of the same name.
    const db = new Database(join(dir, 'shared.db'));
    db.exec('CREATE TABLE audit_log (id INTEGER PRIMARY KEY)');
    db.close();
    await expectRefusal(
      { DATABASE_URL: `sqlite:${join(dir, 'shared.db')}` },
      /could not be migrated: .*audit_log.*DATABASE_URL/,
    );
  });

  it('names the key and the fix for a bad permissions file', async () => {
    writeFileSync(join(dir, 'bad.yml'), 'roles:\n  viewer: { allow: [reed] }\nmembers:\n  U0X: viewer\n');
    await expectRefusal(
      { BOT_CONFIG: join(dir, 'bad.yml') },
      /roles\.viewer\.allow.*reed|reed.*roles\.viewer\.allow/s,
    );
  });
});

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: resolve(__dirname, '../..'),
    env: { PATH: process.env.PATH ?? '', PORT: '0', MCU_POLL_SECONDS: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise((done) =>
    child.on('exit', (code) => {
      clearTimeout(killer);
      done({ code, stderr });
    }),
  );
}
