import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { ConfigError, readBotSettings } from '../../src/config';
import { createLogger } from '../../src/logging';
import { GuardedReceiver } from '../../src/slack/receiver';
import { postSigned } from '../support/bot-client';
import { blockActionsBody, signRequest, slashCommandBody } from '../support/signing';
import { type Rig, SIGNING_SECRET, startRig } from './rig';

/**
 * Group 1, authenticity: only a request Slack signed, recently, over exactly the bytes received, runs anything.
 * Every refusal is a 401 (a replay a 200 that runs nothing), nothing reaches 3CX, no audit row is written.
 * A fuzz of bodies and headers never gets a 5xx and never stops the process.
 */

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});
let started = 0;
beforeEach(() => {
  rig.sim.reset();
  rig.slack.clear();
  started = Date.now();
});

const now = () => Math.floor(Date.now() / 1000);
const write = () =>
  slashCommandBody({ text: 'multicompany on', userId: 'U0ADMIN', responseUrl: rig.slack.responseUrl('a') });

async function nothingRan(): Promise<void> {
  expect(rig.xapiRequests()).toHaveLength(0);
  expect(rig.slack.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
  expect(await rig.store.auditList({ limit: 10, since: started })).toHaveLength(0);
}

async function postRaw(body: string, headers: Record<string, string>) {
  const res = await fetch(rig.url, { method: 'POST', body, headers });
  await res.text();
  return res.status;
}

describe('refused with 401, nothing run', () => {
  const cases: [string, (h: Record<string, string>) => void][] = [
    ['no signature', (h) => delete h['x-slack-signature']],
    ['no timestamp', (h) => delete h['x-slack-request-timestamp']],
    ['an empty signature', (h) => (h['x-slack-signature'] = '')],
    [
      'a v1 signature',
      (h) => (h['x-slack-signature'] = (h['x-slack-signature'] ?? '').replace('v0=', 'v1=')),
    ],
    [
      'an upper-case signature',
      (h) => (h['x-slack-signature'] = (h['x-slack-signature'] ?? '').toUpperCase()),
    ],
    ['a truncated signature', (h) => (h['x-slack-signature'] = (h['x-slack-signature'] ?? '').slice(0, -2))],
    [
      'a signature with a byte flipped',
      (h) => (h['x-slack-signature'] = flipLast(h['x-slack-signature'] ?? '')),
    ],
    ['a timestamp that is not a number', (h) => (h['x-slack-request-timestamp'] = '17e8')],
    ['a negative timestamp', (h) => (h['x-slack-request-timestamp'] = '-1')],
    [
      'a timestamp with a fraction',
      (h) => (h['x-slack-request-timestamp'] = `${h['x-slack-request-timestamp']}.5`),
    ],
  ];
  it.each(cases)('%s', async (_what, tamper) => {
    const res = await postSigned(rig.url, write(), { secret: SIGNING_SECRET, tamper });
    expect(res.status).toBe(401);
    await nothingRan();
  });

  it('a timestamp 301 s old and 301 s ahead, each correctly signed', async () => {
    for (const timestamp of [now() - 301, now() + 301]) {
      const res = await postSigned(rig.url, write(), { secret: SIGNING_SECRET, timestamp });
      expect(res.status).toBe(401);
    }
    await nothingRan();
  });

  it('a body changed after signing: a byte, an appended field, a truncation', async () => {
    const body = write();
    const headers = signRequest(SIGNING_SECRET, body);
    const forged = [
      body.replace('multicompany+on', 'multicompany+of'),
      `${body}&user_id=U0ADMIN2`,
      body.slice(0, -1),
      ` ${body}`,
    ];
    for (const changed of forged) {
      expect(
        await postRaw(changed, { 'content-type': 'application/x-www-form-urlencoded', ...headers }),
      ).toBe(401);
    }
    await nothingRan();
  });

  it('a signature made with another secret or an empty one', async () => {
    for (const secret of ['not-the-secret', `${SIGNING_SECRET} `, ' ']) {
      const res = await postSigned(rig.url, write(), { secret });
      expect(res.status).toBe(401);
    }
    await nothingRan();
  });
});

describe('the ssl_check shape', () => {
  const approve = JSON.stringify({
    type: 'block_actions',
    user: { id: 'U0ADMIN' },
    actions: [{ action_id: 'approval_approve', value: 'x' }],
  });

  it('unsigned, with a payload smuggled beside it: 401', async () => {
    const body = `ssl_check=1&token=x&payload=${encodeURIComponent(approve)}`;
    expect(await postRaw(body, { 'content-type': 'application/x-www-form-urlencoded' })).toBe(401);
    await nothingRan();
  });

  it('signed, with a command smuggled beside it: answered as an ssl_check and nothing else', async () => {
    const body = `ssl_check=1&${write()}`;
    const res = await postSigned(rig.url, body, { secret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    await nothingRan();
  });

  it('ssl_check hidden inside JSON or as another value: refused unsigned, runs nothing signed', async () => {
    const json = JSON.stringify({ ssl_check: '1', type: 'url_verification', challenge: 'c' });
    expect(await postRaw(json, { 'content-type': 'application/json' })).toBe(401);
    const res = await postSigned(rig.url, `ssl_check=0&${write().replace('multicompany+on', 'status')}`, {
      secret: SIGNING_SECRET,
    });
    expect(res.status).toBe(200);
    await rig.slack.waitFor((c) => c.kind === 'response_url');
  });
});

describe('a replay', () => {
  it('of a signed button click runs nothing twice', async () => {
    const body = blockActionsBody({
      userId: 'U0ADMIN',
      actionId: 'approval_approve',
      value: 'no-such-request',
      channelId: 'C0OPS',
      responseUrl: rig.slack.responseUrl('replay'),
    });
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      ...signRequest(SIGNING_SECRET, body),
    };
    expect(await postRaw(body, headers)).toBe(200);
    await rig.slack.waitFor((c) => c.kind === 'response_url' && c.id === 'replay');
    expect(await postRaw(body, headers)).toBe(200);
    expect(await postRaw(body, headers)).toBe(200);
    expect(rig.slack.responses('replay')).toHaveLength(1);
  });
});

describe('signed but malformed', () => {
  const FORM = 'application/x-www-form-urlencoded';
  const envelopes: [string, string, string][] = [
    [
      'block_actions without user or team',
      `payload=${encodeURIComponent('{"type":"block_actions","actions":[]}')}`,
      FORM,
    ],
    [
      'view_submission without a view',
      `payload=${encodeURIComponent('{"type":"view_submission","user":{"id":"U0ADMIN"}}')}`,
      FORM,
    ],
    ['a payload that is not JSON', 'payload=%7Bnope', FORM],
    ['a payload that is null', 'payload=null', FORM],
    [
      'an event we do not handle',
      '{"type":"event_callback","team_id":"T1","event":{"type":"app_mention"}}',
      'application/json',
    ],
    ['a command without user or channel', 'command=%2F3cx&text=status', FORM],
    ['an empty body', '', FORM],
  ];
  it.each(envelopes)('%s: a 4xx at once, nothing run', async (_what, body, contentType) => {
    const res = await postSigned(rig.url, body, { secret: SIGNING_SECRET, contentType });
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(500);
    expect(res.ms).toBeLessThan(1_000);
    await nothingRan();
  });
});

describe('an empty signing secret at start-up', () => {
  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['only a newline', '\n'],
  ])('%s: the settings refuse it with the fix', (_what, secret) => {
    expect(() => readBotSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: secret })).toThrow(
      ConfigError,
    );
    expect(() => readBotSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: secret })).toThrow(
      /SLACK_SIGNING_SECRET/,
    );
  });

  it('the receiver itself refuses to be built without one', () => {
    const logger = createLogger({ level: 'silent' });
    expect(() => new GuardedReceiver({ signingSecret: '', logger, isReady: () => true })).toThrow(
      /signing secret/,
    );
  });

  it('the real process exits with a sentence, not a stack, and never listens', async () => {
    const { code, stderr } = await runMain({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '' });
    expect(code).toBe(78);
    expect(stderr).toMatch(/SLACK_SIGNING_SECRET/);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 20_000);
});

describe('fuzz: hostile bodies and headers', () => {
  const HEADER_NAMES = ['x-slack-signature', 'x-slack-request-timestamp', 'content-type'] as const;
  const contentType = fc.constantFrom(
    'application/x-www-form-urlencoded',
    'application/json',
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded; charset=utf-16',
    '',
  );
  const payloadField = fc
    .oneof(fc.json(), fc.string(), fc.constant('{"type":"block_actions","actions":[]}'))
    .map((p) => `payload=${encodeURIComponent(p)}`);
  const body = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.json({ maxDepth: 4 }),
    payloadField,
    fc.constantFrom(
      'ssl_check=1',
      'type=url_verification&challenge=x',
      'command=/3cx&text=status',
      '%',
      '&&=&',
    ),
  );
  const timestamp = fc.oneof(
    fc.constant('now'),
    fc.integer({ min: -1e12, max: 1e13 }).map(String),
    fc.string({ maxLength: 20 }),
  );
  const signature = fc.oneof(
    fc.constant('valid'),
    fc.string({ maxLength: 80 }),
    fc
      .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 })
      .map((h) => `v0=${h}`),
  );

  it('1,000 requests: never a 5xx, the process stays healthy, nothing unsigned runs', async () => {
    let signedAccepted = 0;
    await fc.assert(
      fc.asyncProperty(body, contentType, timestamp, signature, async (raw, type, ts, sig) => {
        const stamp = ts === 'now' ? String(now()) : ts;
        const valid = signRequest(SIGNING_SECRET, raw, Number(stamp))['x-slack-signature'];
        const headers: Record<string, string> = {};
        const values = {
          'x-slack-signature': sig === 'valid' ? valid : sig,
          'x-slack-request-timestamp': stamp,
          'content-type': type,
        };
        for (const name of HEADER_NAMES) if (isHeaderValue(values[name])) headers[name] = values[name];
        const res = await fetch(rig.url, { method: 'POST', body: raw, headers });
        await res.text();
        expect(res.status).toBeLessThan(500);
        if (res.status === 200) signedAccepted++;
        if (sig !== 'valid' || ts !== 'now')
          expect(res.status === 401 || res.status === 413 || res.status === 400).toBe(true);
      }),
      { numRuns: 1_000 },
    );
    expect(signedAccepted).toBeGreaterThan(0);
    const health = await fetch(`${rig.base}/healthz`);
    expect(health.status).toBe(200);
    expect(rig.writes()).toHaveLength(0);
    expect(rig.logs.join('')).not.toMatch(/"level":(50|60)/);
  }, 60_000);
});

function flipLast(sig: string): string {
  const last = sig.at(-1) === '0' ? '1' : '0';
  return `${sig.slice(0, -1)}${last}`;
}

/** Header values fetch would refuse to send (control characters, non-Latin-1) are left out, as a client would. */
function isHeaderValue(v: string): boolean {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(v) && v.trim() === v;
}

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const root = resolve(__dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  return new Promise((done) => child.on('exit', (code) => done({ code, stderr })));
}
