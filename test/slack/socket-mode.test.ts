import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { defaultCatalogue } from '../../src/api/catalogue';
import { XapiClient } from '../../src/api/client';
import { NO_RETRY } from '../../src/api/retry';
import { type Bot, createBot } from '../../src/app';
import { readBotSettings } from '../../src/config';
import { silentLogger } from '../../src/logging';
import { parseBotConfig } from '../../src/permissions';
import { type Simulator, startSimulator } from '../../src/simulator';
import { openMemoryStore, type Store } from '../../src/store';
import { DEMO_CONFIG } from '../e2e/harness';
import { type SlackStandIn, startSlackStandIn } from '../support/slack-stand-in';
import { waitUntil } from '../support/wait';

/**
 * Socket Mode end to end: the bot asks the Slack stand-in (SLACK_API_URL) for a connection, opens a WebSocket to
 * a local server that plays Slack's socket endpoint, acks an envelope and runs the command it carries.
 */

interface SocketSlack {
  server: WebSocketServer;
  url: string;
  received: unknown[];
  connection(): Promise<WebSocket>;
}

async function startSocketSlack(): Promise<SocketSlack> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const received: unknown[] = [];
  const sockets: WebSocket[] = [];
  server.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => received.push(JSON.parse(String(data))));
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        connection_info: { app_id: 'A0TEST' },
        debug_info: {},
      }),
    );
  });
  return {
    server,
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`,
    received,
    connection: () => waitUntil(() => sockets[0], { timeoutMs: 5_000, what: 'the bot to open its socket' }),
  };
}

describe('Socket Mode', () => {
  let sim: Simulator;
  let slack: SlackStandIn;
  let socketSlack: SocketSlack;
  let bot: Bot;
  let store: Store;

  beforeEach(async () => {
    store = openMemoryStore();
    await store.migrate();
    sim = await startSimulator({ port: 0 });
    slack = await startSlackStandIn();
    socketSlack = await startSocketSlack();
    // The stand-in has no socket endpoint of its own; this canned answer points the bot at the local one.
    slack.failNext('apps.connections.open', {
      status: 200,
      body: { ok: true, url: socketSlack.url },
      times: 10,
    });
    const settings = readBotSettings({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: 'xapp-test-token',
      SLACK_API_URL: slack.apiUrl,
      THREECX_URL: sim.url,
      THREECX_CLIENT_ID: 'sim-client',
      THREECX_CLIENT_SECRET: 'sim-secret',
      MCU_POLL_SECONDS: '0',
    });
    const catalogue = defaultCatalogue();
    const client = new XapiClient({
      pbx: 'default',
      baseUrl: sim.url,
      clientId: 'sim-client',
      clientSecret: 'sim-secret',
      catalogue,
      retry: NO_RETRY,
      logger: silentLogger(),
    });
    bot = createBot({
      settings,
      botConfig: parseBotConfig(DEMO_CONFIG, 'test'),
      catalogue,
      client,
      logger: silentLogger(),
      store,
    });
  });

  afterEach(async () => {
    await bot.stop(1_000);
    for (const socket of socketSlack.server.clients) socket.terminate();
    await new Promise<void>((resolve) => socketSlack.server.close(() => resolve()));
    await slack.close();
    await sim.close();
    await store.close();
  });

  it('needs no signing secret, opens its connection through SLACK_API_URL and serves /healthz', async () => {
    const port = await bot.start(0, '127.0.0.1');
    const open = slack.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(String(open[0]?.headers.authorization)).toBe('Bearer xapp-test-token');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });

  it('stop() waits for work in flight and marks a 3CX call that outlives the grace as interrupted', async () => {
    await bot.start(0, '127.0.0.1');
    const socket = await socketSlack.connection();
    // A write that runs at once (a dangerous one would first ask to be confirmed).
    // The write itself hangs; the read of today's value before it (for the before → after) answers at once.
    sim.addFault({
      method: 'PATCH',
      path: "/xapi/v1/TenantProperties('DEFAULT_LANGUAGE')",
      latencyMs: 30_000,
    });
    socket.send(
      JSON.stringify(
        slashEnvelope('env-2', 'tenant-property set DEFAULT_LANGUAGE de', 'U0ADMIN', slack.responseUrl('r2')),
      ),
    );
    await waitUntil(async () => (await store.auditList({ limit: 1 }))[0], {
      timeoutMs: 5_000,
      what: 'the audit row of the call in flight',
    });
    await bot.stop(200);
    // Bounded by the grace, not by the 30 s the PBX takes: had stop() waited for 3CX, the row would be done.
    const [row] = await store.auditList({ limit: 1 });
    expect(row).toMatchObject({ operation: 'TenantProperties.UpdateProperty', outcome: 'interrupted' });
    expect(slack.callsTo('chat.postEphemeral')[0]?.body).toMatchObject({ channel: 'C0OPS', user: 'U0ADMIN' });
  });

  it('acks a slash command envelope, then runs it and answers the invoker privately', async () => {
    await bot.start(0, '127.0.0.1');
    const socket = await socketSlack.connection();
    const responseUrl = slack.responseUrl('socket-reply');
    socket.send(JSON.stringify(slashEnvelope('env-1', 'status', 'U0VIEW', responseUrl)));
    await waitUntil(
      () => socketSlack.received.find((m) => (m as { envelope_id?: string }).envelope_id === 'env-1'),
      {
        timeoutMs: 5_000,
        what: 'the ack of envelope env-1',
      },
    );
    const reply = await slack.waitFor((c) => c.kind === 'response_url' && c.id === 'socket-reply', 5_000);
    expect(JSON.stringify(reply.body)).toMatch(/Version|version/);
    expect(sim.requests.some((r) => r.method === 'GET' && r.path.endsWith('/SystemStatus'))).toBe(true);
  });
});

function slashEnvelope(envelopeId: string, text: string, userId: string, responseUrl: string) {
  return {
    envelope_id: envelopeId,
    type: 'slash_commands',
    accepts_response_payload: true,
    payload: {
      token: 'unused',
      team_id: 'T0TEAM',
      team_domain: 'acme',
      channel_id: 'C0OPS',
      channel_name: 'ops',
      user_id: userId,
      user_name: userId.toLowerCase(),
      command: '/3cx',
      text,
      api_app_id: 'A0TEST',
      response_url: responseUrl,
      trigger_id: `trigger-${envelopeId}`,
    },
  };
}
