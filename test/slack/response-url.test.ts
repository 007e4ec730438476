import type { IncomingMessage, ServerResponse } from 'node:http';
import { postToResponseUrl, responseUrlAllowed } from '../../src/slack/response-url';
import { startServer, type TestServer } from '../api/helpers';
import { SIGNING_SECRET, startTestBot } from '../e2e/harness';
import { postSigned } from '../support/bot-client';
import { slashCommandBody } from '../support/signing';

/** DESIGN §7: a response_url is posted to only on hooks.slack.com or on SLACK_API_URL's origin, directly. */

interface Recorder {
  server: TestServer;
  seen: { method?: string; url?: string; body: string }[];
}

async function recorder(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const server = await startServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += String(d);
    });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, body });
      answer(req, res);
    });
  });
  return { server, seen };
}

const ok = (_req: IncomingMessage, res: ServerResponse) => res.end('ok');

describe('response_url origins', () => {
  const api = 'https://slack.com/api/';

  it.each([
    'https://hooks.slack.com/commands/T1/123/abc',
    'https://hooks.slack.com/actions/T1/123/abc',
    'https://slack.com/api/x',
  ])('allows %s', (url) => {
    expect(responseUrlAllowed(url, api)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'http://169.254.169.254/latest/meta-data/',
    'http://hooks.slack.com/commands/T1/1/a',
    'https://hooks.slack.com.evil.example/commands',
    'https://evil.example/?https://hooks.slack.com/',
    'https://user@hooks.slack.com@evil.example/',
    'https://slack.com:8443/api/x',
    'not a url',
  ])('refuses %s', (url) => {
    expect(responseUrlAllowed(url, api)).toBe(false);
  });

  it('allows the origin of a stand-in SLACK_API_URL, and no other port of the same host', () => {
    expect(responseUrlAllowed('http://127.0.0.1:4567/response/abc', 'http://127.0.0.1:4567/api/')).toBe(true);
    expect(responseUrlAllowed('http://127.0.0.1:4568/response/abc', 'http://127.0.0.1:4567/api/')).toBe(
      false,
    );
  });
});

describe('posting to a response_url', () => {
  const open: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  const start = async (answer: (req: IncomingMessage, res: ServerResponse) => void) => {
    const r = await recorder(answer);
    open.push(r.server);
    return r;
  };

  it('posts the message to an allowed origin', async () => {
    const slack = await start(ok);
    await postToResponseUrl(
      `${slack.server.url}/response/1`,
      { text: 'hi' },
      { slackApiUrl: `${slack.server.url}/api/` },
    );
    expect(slack.seen).toEqual([{ method: 'POST', url: '/response/1', body: '{"text":"hi"}' }]);
  });

  it('refuses any other address without sending anything there', async () => {
    const slack = await start(ok);
    const metadata = await start(ok);
    await expect(
      postToResponseUrl(
        `${metadata.server.url}/latest/meta-data/`,
        { text: 'hi' },
        { slackApiUrl: `${slack.server.url}/api/` },
      ),
    ).rejects.toMatchObject({ code: 'response_url_refused' });
    expect(metadata.seen).toEqual([]);
  });

  it('does not follow a redirect away from the allowed origin', async () => {
    const elsewhere = await start(ok);
    const slack = await start((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.server.url}/stolen` }).end();
    });
    await expect(
      postToResponseUrl(
        `${slack.server.url}/response/1`,
        { text: 'hi' },
        { slackApiUrl: `${slack.server.url}/api/` },
      ),
    ).rejects.toThrow();
    expect(slack.seen).toHaveLength(1);
    expect(elsewhere.seen).toEqual([]);
  });

  it('ignores proxy variables: the post goes straight to Slack', async () => {
    const proxy = await start(ok);
    const slack = await start(ok);
    const saved = {
      HTTP_PROXY: process.env.HTTP_PROXY,
      http_proxy: process.env.http_proxy,
      NO_PROXY: process.env.NO_PROXY,
    };
    process.env.HTTP_PROXY = proxy.server.url;
    process.env.http_proxy = proxy.server.url;
    delete process.env.NO_PROXY;
    try {
      await postToResponseUrl(
        `${slack.server.url}/response/1`,
        { text: 'hi' },
        { slackApiUrl: `${slack.server.url}/api/` },
      );
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    expect(proxy.seen).toEqual([]);
    expect(slack.seen).toHaveLength(1);
  });
});

describe('a slash command whose response_url points elsewhere', () => {
  it('answers through chat.postEphemeral instead, logs the refusal, and sends nothing to that address', async () => {
    const metadata = await recorder(ok);
    const t = await startTestBot();
    try {
      const body = slashCommandBody({
        text: 'status',
        userId: 'U0ADMIN',
        channelId: 'C0OPS',
        responseUrl: `${metadata.server.url}/latest/meta-data/iam`,
      });
      expect((await postSigned(t.url, body, { secret: SIGNING_SECRET })).status).toBe(200);
      const ephemeral = await t.slack.waitFor((c) => c.method === 'chat.postEphemeral', 5_000);
      expect(JSON.stringify(ephemeral.body)).toMatch(/20\.0/);
      await t.bot.idle();
      expect(metadata.seen).toEqual([]);
      expect(t.logs.join('')).toMatch(/response_url refused/);
    } finally {
      await t.close();
      await metadata.server.close();
    }
  });
});
