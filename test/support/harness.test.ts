import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, isValidSlackRequest, LogLevel } from '@slack/bolt';
import { ErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import { postSigned } from './bot-client';
import {
  blockActionsBody,
  signRequest,
  slashCommandBody,
  VERIFICATION_TOKEN,
  viewSubmissionBody,
} from './signing';
import { RESPONSE_URL_LIMIT, type SlackStandIn, startSlackStandIn } from './slack-stand-in';
import { waitUntil } from './wait';

const TOKEN = 'xoxb-test-token';
const SECRET = 'harness-signing-secret';

const payloadOf = (body: string): Record<string, unknown> =>
  JSON.parse(new URLSearchParams(body).get('payload') ?? 'null') as Record<string, unknown>;

async function rejectionOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

describe('Slack stand-in, driven by a real WebClient', () => {
  let slack: SlackStandIn;
  const client = (options: WebClientOptions = {}, token = TOKEN) =>
    new WebClient(token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, ...options });

  beforeAll(async () => {
    slack = await startSlackStandIn({ userGroups: { S0NOC: ['U0ANN', 'U0BOB'] } });
  });
  afterAll(() => slack.close());
  beforeEach(() => slack.clear());

  it('answers auth.test and records the call with its headers', async () => {
    const answer = await client().auth.test();
    expect(answer).toMatchObject({ ok: true, team_id: 'T0TEST', user_id: 'U0BOT', bot_id: 'B0BOT' });
    expect(answer.url).toBe(`${slack.url}/`);
    const [call] = slack.callsTo('auth.test');
    expect(call).toMatchObject({ kind: 'api', ok: true, status: 200 });
    expect(call?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call?.at).toBeLessThanOrEqual(Date.now());
  });

  it('records chat.postMessage with its blocks parsed and answers increasing timestamps', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Services restarted*' } }];
    const first = await client().chat.postMessage({ channel: 'C0OPS', text: 'done', blocks });
    const second = await client().chat.postMessage({ channel: 'C0OPS', text: 'again' });
    expect(first).toMatchObject({ ok: true, channel: 'C0OPS', message: { text: 'done', blocks } });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    const [call] = slack.callsTo('chat.postMessage');
    expect(call?.body).toMatchObject({ channel: 'C0OPS', text: 'done', blocks });
    expect(call?.answer).toMatchObject({ ts: first.ts });
  });

  it('answers chat.postEphemeral and chat.update, and refuses a message without a channel', async () => {
    const web = client();
    await expect(
      web.chat.postEphemeral({ channel: 'C0OPS', user: 'U0ANN', text: 'only you' }),
    ).resolves.toMatchObject({ ok: true, message_ts: expect.stringMatching(/^\d+\.\d+$/) });
    await expect(
      web.chat.update({ channel: 'C0OPS', ts: '1700000000.000100', text: 'edited' }),
    ).resolves.toMatchObject({ ok: true, channel: 'C0OPS', ts: '1700000000.000100' });
    const error = await rejectionOf(web.chat.postMessage({ channel: '', text: 'nowhere' }));
    expect(error.data).toMatchObject({ ok: false, error: 'channel_not_found' });
  });

  it('opens, updates and pushes views, and refuses a trigger_id used twice', async () => {
    const web = client();
    const view = {
      type: 'modal' as const,
      callback_id: 'license_edit',
      title: { type: 'plain_text' as const, text: 'License' },
      blocks: [],
    };
    const opened = await web.views.open({ trigger_id: '1.2.abc', view });
    expect(opened.view).toMatchObject({ id: expect.stringMatching(/^V/), callback_id: 'license_edit' });
    expect(slack.callsTo('views.open')[0]?.body.view).toEqual(view);
    const updated = await web.views.update({ view_id: opened.view?.id ?? '', view });
    expect(updated.view?.id).toBe(opened.view?.id);
    await expect(web.views.push({ trigger_id: '1.2.def', view })).resolves.toMatchObject({ ok: true });
    const error = await rejectionOf(web.views.open({ trigger_id: '1.2.abc', view }));
    expect(error.data).toMatchObject({ error: 'exchanged_trigger_id' });
  });

  it('lists user-group members and refuses an unknown group', async () => {
    await expect(client().usergroups.users.list({ usergroup: 'S0NOC' })).resolves.toMatchObject({
      ok: true,
      users: ['U0ANN', 'U0BOB'],
    });
    const error = await rejectionOf(client().usergroups.users.list({ usergroup: 'S0NONE' }));
    expect(error.data).toMatchObject({ error: 'no_such_subteam' });
  });

  it('fails usergroups.users.list with the configured plan error', async () => {
    const free = await startSlackStandIn({ userGroupsError: 'plan_upgrade_required' });
    try {
      const web = new WebClient(TOKEN, { slackApiUrl: free.apiUrl, retryConfig: { retries: 0 } });
      const error = await rejectionOf(web.usergroups.users.list({ usergroup: 'S0NOC' }));
      expect(error.code).toBe(ErrorCode.PlatformError);
      expect(error.data).toMatchObject({ ok: false, error: 'plan_upgrade_required' });
    } finally {
      await free.close();
    }
  });

  it('answers users.info', async () => {
    await expect(client().users.info({ user: 'U0ANN' })).resolves.toMatchObject({
      user: { id: 'U0ANN', name: 'u0ann', real_name: 'User U0ANN', tz: expect.any(String) },
    });
  });

  it('takes a files.uploadV2 upload through all three steps and keeps the bytes', async () => {
    const answer = await client().files.uploadV2({ channel_id: 'C0OPS', content: 'a,b', filename: 'x.csv' });
    expect(answer.ok).toBe(true);
    expect(slack.calls.map((call) => call.method)).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    expect(slack.callsTo('upload')[0]?.body.content).toBe('a,b');
    const [file] = slack.files();
    expect(file).toMatchObject({
      filename: 'x.csv',
      length: 3,
      title: 'x.csv',
      channelId: 'C0OPS',
      completed: true,
    });
    expect(file?.bytes?.toString('utf8')).toBe('a,b');
  });

  it('injects a 429 with Retry-After that WebClient reports as a rate limit', async () => {
    slack.failNext('chat.postMessage', { status: 429, headers: { 'Retry-After': '7' } });
    const web = client({ rejectRateLimitedCalls: true });
    const error = await rejectionOf(web.chat.postMessage({ channel: 'C0OPS', text: 'hi' }));
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(7);
    await expect(web.chat.postMessage({ channel: 'C0OPS', text: 'hi' })).resolves.toMatchObject({ ok: true });
    expect(slack.callsTo('chat.postMessage').map((call) => call.status)).toEqual([429, 200]);
  });

  it('injects HTTP errors and Slack errors, as many times as asked', async () => {
    slack.failNext('chat.update', { status: 500 });
    slack.failNext('chat.postMessage', { body: { ok: false, error: 'channel_not_found' }, times: 2 });
    const web = client();
    const http = await rejectionOf(web.chat.update({ channel: 'C0OPS', ts: '1.2', text: 'x' }));
    expect(http).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    for (let i = 0; i < 2; i++) {
      const platform = await rejectionOf(web.chat.postMessage({ channel: 'C0OPS', text: 'x' }));
      expect(platform.data).toMatchObject({ error: 'channel_not_found' });
    }
    await expect(web.chat.postMessage({ channel: 'C0OPS', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('refuses a wrong token with invalid_auth, and unknown methods with unknown_method', async () => {
    const error = await rejectionOf(client({}, 'xoxb-wrong').auth.test());
    expect(error.data).toMatchObject({ ok: false, error: 'invalid_auth' });
    expect(slack.callsTo('auth.test')[0]?.ok).toBe(false);
    const unknown = await rejectionOf(client().apiCall('nothing.here'));
    expect(unknown.data).toMatchObject({ error: 'unknown_method' });
  });

  it('records response_url posts by id and refuses the sixth', async () => {
    const url = slack.responseUrl('cmd-1');
    expect(url).toBe(`${slack.url}/response/cmd-1`);
    expect(slack.responseUrl()).not.toBe(slack.responseUrl());
    const post = (text: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
    for (let i = 1; i <= RESPONSE_URL_LIMIT; i++) expect((await post(`reply ${i}`)).status).toBe(200);
    expect((await post('one too many')).status).toBe(404);
    const replies = slack.responses('cmd-1');
    expect(replies.map((call) => call.body.text)).toEqual([
      'reply 1',
      'reply 2',
      'reply 3',
      'reply 4',
      'reply 5',
      'one too many',
    ]);
    expect(replies[0]).toMatchObject({ kind: 'response_url', id: 'cmd-1', ok: true });
    expect(replies[5]?.ok).toBe(false);
  });

  it('waitFor resolves for a call made later, and for one already made', async () => {
    const later = slack.waitFor((call) => call.method === 'chat.postMessage' && call.body.text === 'later');
    await client().chat.postMessage({ channel: 'C0OPS', text: 'later' });
    await expect(later).resolves.toMatchObject({ body: { text: 'later' } });
    await expect(slack.waitFor('chat.postMessage')).resolves.toMatchObject({ body: { text: 'later' } });
    const picky = (call: { body: Record<string, unknown> }) => (call.body.blocks as unknown[]).length > 0;
    await expect(slack.waitFor(picky, 20)).rejects.toThrow('Timed out after 20ms');
  });

  it('waitFor rejects after its timeout and lists the calls it saw', async () => {
    await client().auth.test();
    await expect(slack.waitFor('views.open', 50)).rejects.toThrow(
      /Timed out after 50ms waiting for a call to views\.open; calls seen:\n {2}auth\.test → 200/,
    );
  });

  it('refuses unknown options by name', async () => {
    await expect(startSlackStandIn({ userGroup: {} } as never)).rejects.toThrow(
      'unknown option(s) userGroup',
    );
    expect(() => slack.failNext('chat.postMessage', { statusCode: 500 } as never)).toThrow('statusCode');
  });
});

describe('signing and request bodies', () => {
  const verify = (body: string, secret = SECRET) => {
    const headers = signRequest(SECRET, body);
    return isValidSlackRequest({
      signingSecret: secret,
      body,
      headers: {
        'x-slack-signature': headers['x-slack-signature'],
        'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
      },
    });
  };
  const slash = slashCommandBody({
    text: 'services restart "3CX Queue"',
    responseUrl: 'http://127.0.0.1/r/1',
  });
  const action = blockActionsBody({
    userId: 'U0ADMIN',
    actionId: 'approve',
    value: 'req-1',
    channelId: 'C0OPS',
    messageTs: '1700000000.000100',
    responseUrl: 'http://127.0.0.1/r/2',
  });
  const submission = viewSubmissionBody({
    userId: 'U0ADMIN',
    callbackId: 'license_edit',
    privateMetadata: '{"channel":"C0OPS"}',
    stateValues: { company: { name: { type: 'plain_text_input', value: 'Acme' } } },
  });

  it.each([
    ['a slash command', slash],
    ['a block action', action],
    ['a view submission', submission],
  ])('signs %s so that Bolt accepts it, and only with the same secret', (_name, body) => {
    expect(verify(body)).toBe(true);
    expect(verify(body, 'another-secret')).toBe(false);
  });

  it('signs v0:{timestamp}:{body} with the given timestamp', () => {
    const expected = createHmac('sha256', 's').update('v0:1700000000:a=1').digest('hex');
    expect(signRequest('s', 'a=1', 1_700_000_000)).toEqual({
      'x-slack-signature': `v0=${expected}`,
      'x-slack-request-timestamp': '1700000000',
    });
  });

  it('builds a slash command with Slack’s fields in Slack’s order', () => {
    const fields = new URLSearchParams(slash);
    expect([...fields.keys()]).toEqual([
      'token',
      'team_id',
      'team_domain',
      'channel_id',
      'channel_name',
      'user_id',
      'user_name',
      'command',
      'text',
      'api_app_id',
      'is_enterprise_install',
      'response_url',
      'trigger_id',
    ]);
    expect(Object.fromEntries(fields)).toMatchObject({
      token: VERIFICATION_TOKEN,
      team_id: 'T0TEST',
      channel_id: 'C0OPS',
      user_id: 'U0ADMIN',
      command: '/3cx',
      text: 'services restart "3CX Queue"',
      response_url: 'http://127.0.0.1/r/1',
    });
    expect(fields.get('trigger_id')).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    expect(new URLSearchParams(slashCommandBody({ text: '', responseUrl: 'x' })).get('trigger_id')).not.toBe(
      fields.get('trigger_id'),
    );
  });

  it('builds block_actions payloads from a message and from a modal', () => {
    expect(payloadOf(action)).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0ADMIN' },
      team: { id: 'T0TEST' },
      channel: { id: 'C0OPS' },
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0OPS' },
      message: { ts: '1700000000.000100' },
      response_url: 'http://127.0.0.1/r/2',
      actions: [{ action_id: 'approve', block_id: 'actions', value: 'req-1', type: 'button' }],
    });
    const inModal = payloadOf(
      blockActionsBody({
        userId: 'U0ANN',
        actionId: 'more',
        value: 'x',
        view: { id: 'V1', callbackId: 'cb' },
      }),
    );
    expect(inModal).toMatchObject({
      container: { type: 'view', view_id: 'V1' },
      view: { id: 'V1', callback_id: 'cb' },
    });
    expect(inModal).not.toHaveProperty('response_url');
    expect(inModal).not.toHaveProperty('channel');
  });

  it('builds a view_submission payload', () => {
    expect(payloadOf(submission)).toMatchObject({
      type: 'view_submission',
      user: { id: 'U0ADMIN' },
      team: { id: 'T0TEST' },
      view: {
        id: expect.stringMatching(/^V/),
        callback_id: 'license_edit',
        private_metadata: '{"channel":"C0OPS"}',
        state: { values: { company: { name: { type: 'plain_text_input', value: 'Acme' } } } },
      },
    });
  });
});

describe('postSigned', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // A receiver that checks signatures with Bolt's own function and answers JSON or plain text.
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const valid = isValidSlackRequest({
          signingSecret: SECRET,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: {
            'x-slack-signature': String(req.headers['x-slack-signature']),
            'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
          },
        });
        if (!valid) {
          res.writeHead(401).end('bad signature');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ contentType: req.headers['content-type'] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends a correctly signed form body and parses a JSON answer', async () => {
    const answer = await postSigned(url, 'text=status', { secret: SECRET });
    expect(answer).toMatchObject({ status: 200, json: { contentType: 'application/x-www-form-urlencoded' } });
    expect(answer.ms).toBeGreaterThanOrEqual(0);
  });

  it('lets a test tamper with the signed headers, and sends other content types', async () => {
    const forged = await postSigned(url, 'text=status', {
      secret: SECRET,
      tamper: (headers) => {
        headers['x-slack-signature'] = 'v0=00';
      },
    });
    expect(forged).toEqual({ status: 401, text: 'bad signature', ms: expect.any(Number) });
    const stale = await postSigned(url, 'x', {
      secret: SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect(stale.status).toBe(401);
    const json = await postSigned(url, '{"type":"url_verification"}', {
      secret: SECRET,
      contentType: 'application/json',
    });
    expect(json.json).toEqual({ contentType: 'application/json' });
  });
});

describe('waitUntil', () => {
  it('resolves with the first value that is not undefined, null or false', async () => {
    let polls = 0;
    const answers = [undefined, null, false, 'ready'];
    await expect(waitUntil(() => answers[polls++], { what: 'the fourth poll', intervalMs: 1 })).resolves.toBe(
      'ready',
    );
    expect(polls).toBe(4);
  });

  it('awaits promises and treats a throw as "not yet"', async () => {
    let polls = 0;
    const value = await waitUntil(
      async () => {
        polls += 1;
        if (polls < 3) throw new Error('not yet');
        return polls;
      },
      { what: 'three polls', intervalMs: 1 },
    );
    expect(value).toBe(3);
  });

  it('times out with what it waited for and the last error', async () => {
    await expect(waitUntil(() => false, { what: 'nothing', timeoutMs: 30 })).rejects.toThrow(
      'Timed out after 30ms waiting for nothing',
    );
    await expect(
      waitUntil(
        () => {
          throw new Error('row missing');
        },
        { what: 'the audit row', timeoutMs: 30 },
      ),
    ).rejects.toThrow('Timed out after 30ms waiting for the audit row (last error: row missing)');
  });
});

describe('the harness against a real Bolt app', () => {
  let slack: SlackStandIn;
  let app: App;
  let events: string;

  beforeAll(async () => {
    slack = await startSlackStandIn();
    app = new App({
      token: TOKEN,
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/3cx', async ({ ack, body, client, respond }) => {
      await ack();
      await client.views.open({
        trigger_id: body.trigger_id,
        view: { type: 'modal', callback_id: 'echo', title: { type: 'plain_text', text: 'Echo' }, blocks: [] },
      });
      await respond({ text: `you said ${body.text}` });
    });
    app.action('approve', async ({ ack, action, respond }) => {
      await ack();
      await respond({ text: `approved ${'value' in action ? action.value : ''}`, replace_original: true });
    });
    app.view('echo', async ({ ack, view }) => {
      const value = view.state.values.b?.a?.value;
      await ack({ response_action: 'errors', errors: { b: `got ${value}` } });
    });
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    events = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => {
    await app.stop();
    await slack.close();
  });

  it('runs a slash command: Bolt accepts the body, opens a modal and answers on the response_url', async () => {
    const responseUrl = slack.responseUrl('slash');
    const body = slashCommandBody({ text: 'status', responseUrl, triggerId: '11.22.aa' });
    const answer = await postSigned(events, body, { secret: SECRET });
    expect(answer.status).toBe(200);
    await expect(slack.waitFor('views.open')).resolves.toMatchObject({ body: { trigger_id: '11.22.aa' } });
    await expect(slack.waitFor((call) => call.id === 'slash')).resolves.toMatchObject({
      body: { text: 'you said status' },
    });
    expect(slack.callsTo('auth.test').length).toBeGreaterThan(0);
  });

  it('runs a button press and a view submission', async () => {
    const responseUrl = slack.responseUrl('button');
    const press = blockActionsBody({
      userId: 'U0ADMIN',
      actionId: 'approve',
      value: 'req-9',
      channelId: 'C0OPS',
      responseUrl,
    });
    expect((await postSigned(events, press, { secret: SECRET })).status).toBe(200);
    await expect(slack.waitFor((call) => call.id === 'button')).resolves.toMatchObject({
      body: { text: 'approved req-9', replace_original: true },
    });
    const submit = viewSubmissionBody({
      userId: 'U0ADMIN',
      callbackId: 'echo',
      privateMetadata: '',
      stateValues: { b: { a: { type: 'plain_text_input', value: 'hello' } } },
    });
    const answer = await postSigned(events, submit, { secret: SECRET });
    expect(answer).toMatchObject({
      status: 200,
      json: { response_action: 'errors', errors: { b: 'got hello' } },
    });
  });

  it('is refused by Bolt when signed with another secret', async () => {
    const body = slashCommandBody({ text: 'status', responseUrl: slack.responseUrl() });
    expect((await postSigned(events, body, { secret: 'not-the-secret' })).status).toBe(401);
  });
});
