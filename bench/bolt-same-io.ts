import { App, LogLevel } from '@slack/bolt';
import axios from 'axios';

/**
 * The fair yardstick for throughput: a minimal hand-written Bolt app that does the same I/O per command as the bot
 * (ack, one axios call to the PBX, one chat.postMessage) and nothing else: no parsing, permissions, validation,
 * audit, durable claims or people's words. `node bolt-same-io.js <port> <signing secret> <PBX url> <Slack API url>`;
 * `GET /healthz` answers once it listens and holds a token.
 */
async function main(): Promise<void> {
  const [port, signingSecret, pbxUrl, slackApiUrl] = process.argv.slice(2);
  const token = await axios.post<{ access_token: string }>(
    `${pbxUrl}/connect/token`,
    new URLSearchParams({
      grant_type: 'client_credentials',
      // An API client of its own (bench/lib/servers.ts): 3CX keeps one live token per client.
      client_id: 'bench-same-io',
      client_secret: 'bench-same-io-secret',
    }),
  );
  const pbx = axios.create({
    baseURL: `${pbxUrl}/xapi/v1`,
    headers: { authorization: `Bearer ${token.data.access_token}` },
  });
  const app = new App({
    signingSecret: signingSecret ?? '',
    token: 'xoxb-test-token',
    botId: 'B0BARE',
    botUserId: 'U0BARE',
    tokenVerificationEnabled: false,
    logLevel: LogLevel.WARN,
    clientOptions: { slackApiUrl: slackApiUrl ?? '', retryConfig: { retries: 0 } },
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true}');
        },
      },
    ],
  });
  app.command('/3cx', async ({ ack, command, client }) => {
    await ack();
    await pbx.patch("/TenantProperties('DEFAULT_LANGUAGE')", { Name: 'DEFAULT_LANGUAGE', Value: 'en' });
    await client.chat.postMessage({ channel: command.channel_id, text: `done: ${command.text}` });
  });
  await app.start(Number(port));
}

void main();
