import { App, LogLevel } from '@slack/bolt';

/**
 * The yardstick: a Bolt app on its stock HTTP receiver that acknowledges `/3cx` and does nothing else.
 * `node bare-bolt.js <port> <signing secret>`; `GET /healthz` answers once it listens.
 */
async function main(): Promise<void> {
  const port = Number(process.argv[2]);
  const app = new App({
    signingSecret: process.argv[3] ?? '',
    token: 'xoxb-bare',
    // Known ids in place of the auth.test call Bolt would otherwise make on the first request.
    botId: 'B0BARE',
    botUserId: 'U0BARE',
    tokenVerificationEnabled: false,
    logLevel: LogLevel.WARN,
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
  app.command('/3cx', async ({ ack }) => {
    await ack();
  });
  await app.start(port);
}

void main();
