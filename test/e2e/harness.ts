import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { defaultCatalogue } from '../../src/api/catalogue';
import { XapiClient } from '../../src/api/client';
import { RAPID_RETRY_FOR_TESTS } from '../../src/api/retry';
import { type Bot, type BotDeps, createBot } from '../../src/app';
import { readBotSettings } from '../../src/config';
import { parseBotConfig } from '../../src/permissions';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator';
import { createSharedClient, openStore, type Store } from '../../src/store';
import { postSigned } from '../support/bot-client';
import {
  blockActionsBody,
  slashCommandBody,
  type ViewStateValues,
  viewSubmissionBody,
} from '../support/signing';
import { type SlackStandIn, startSlackStandIn } from '../support/slack-stand-in';
import { waitUntil } from '../support/wait';

/**
 * One running bot wired to real local servers: the XAPI simulator as the PBX and a stand-in for Slack's Web API.
 * Tests talk to it only over HTTP, with signed requests, as Slack would.
 */

export const DEMO_CONFIG = `
roles:
  viewer:   { allow: [read] }
  operator: { allow: [read, "Services.Restart", "TenantProperties.*", "ConferenceSettings.UpdateMCURequestStatus"] }
  admin:    { allow: ["*"] }
members:
  U0ADMIN: admin
  U0ADMIN2: admin
  U0VIEW: viewer
  U0OPS: operator
  S0NOC: operator
approvals:
  - operations: ["LicenseStatus.EditLicenseInfo"]
    approvers: [U0ADMIN, U0ADMIN2]
channels:
  mcu_approvals: C0MCU
`;

export const SIGNING_SECRET = 'test-signing-secret';

export interface TestBot {
  sim: Simulator;
  slack: SlackStandIn;
  bot: Bot;
  /** The bot's durable state: in memory unless `databaseUrl` names a file or server. */
  store: Store;
  url: string;
  logs: string[];
  command(
    text: string,
    opts?: { user?: string; channel?: string; timestamp?: number },
  ): Promise<{ status: number; ms: number; replyId: string }>;
  /** The first private reply posted to a response_url, as text (its `text` and blocks, JSON-encoded). */
  reply(replyId: string, timeoutMs?: number): Promise<string>;
  /** The n-th (0-based) message posted to a channel since the last clear, as text. */
  channelPost(channel: string, index?: number): Promise<string>;
  /** XAPI requests (token requests excluded) the simulator received. */
  xapiRequests(): Simulator['requests'];
  click(
    actionId: string,
    value: string,
    opts?: { user?: string; channel?: string; messageTs?: string },
  ): Promise<{ status: number; replyId: string }>;
  /** Each submission is of a new view unless `viewId` names one (to submit the same form twice). */
  submit(
    privateMetadata: string,
    stateValues: ViewStateValues,
    opts?: { user?: string; viewId?: string },
  ): Promise<{ status: number; json?: unknown }>;
  close(): Promise<void>;
}

export async function startTestBot(
  options: {
    config?: string;
    sim?: SimulatorOptions;
    env?: Record<string, string>;
    userGroups?: Record<string, string[]>;
    userGroupsError?: string;
    timeoutMs?: number;
    /** Aim the bot's client elsewhere than the simulator (an unreachable port, say). */
    pbxUrl?: string;
    /** Default `sqlite::memory:`: every test bot has its own empty store. */
    databaseUrl?: string;
    /** A simulator shared with other test bots (replicas of one PBX); closed by the caller, not by close(). */
    simulator?: Simulator;
    /** A Slack stand-in shared with other test bots; closed by the caller. */
    slackStandIn?: SlackStandIn;
    /** The store's clock (approval expiry); the rest of the bot keeps real time, so signatures stay fresh. */
    storeNow?: () => number;
    /** Keep the 3CX token in the store, as `npm start` does, instead of in the client. */
    sharedToken?: boolean;
    /** The bot's job queue (pg-boss for PostgreSQL replicas); default the store's own table. */
    jobs?: (store: Store, logger: pino.Logger) => NonNullable<BotDeps['jobs']>;
    scheduleGraceMs?: number;
    writeEcho?: boolean;
    /** Slack methods that answer late (a slow Slack); with usergroups.users.list, start does not wait for it. */
    slackLatencyMs?: Record<string, number>;
  } = {},
): Promise<TestBot> {
  const catalogue = defaultCatalogue();
  const sim = options.simulator ?? (await startSimulator({ port: 0, ...options.sim }));
  const slack =
    options.slackStandIn ??
    (await startSlackStandIn({
      ...(options.userGroups ? { userGroups: options.userGroups } : {}),
      ...(options.userGroupsError ? { userGroupsError: options.userGroupsError } : {}),
      ...(options.slackLatencyMs ? { latencyMs: options.slackLatencyMs } : {}),
    }));
  const store = await openStore(
    options.databaseUrl ?? 'sqlite::memory:',
    // As npm start derives it from the client secret: every instance on one database reads the shared token.
    { stateKey: 'sim-secret', ...(options.storeNow ? { now: options.storeNow } : {}) },
  );
  await store.migrate();
  const logs: string[] = [];
  const logger = pino(
    { level: 'trace' },
    new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  const settings = readBotSettings({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    THREECX_URL: sim.url,
    THREECX_CLIENT_ID: 'sim-client',
    THREECX_CLIENT_SECRET: 'sim-secret',
    MCU_POLL_SECONDS: '0',
    ...options.env,
  });
  const clientOptions = {
    pbx: 'default',
    baseUrl: options.pbxUrl ?? sim.url,
    clientId: 'sim-client',
    clientSecret: 'sim-secret',
    catalogue,
    timeoutMs: options.timeoutMs ?? 5_000,
    retry: RAPID_RETRY_FOR_TESTS,
    logger,
  };
  const client = options.sharedToken
    ? createSharedClient(store, clientOptions)
    : new XapiClient(clientOptions);
  const bot = createBot({
    settings,
    botConfig: parseBotConfig(options.config ?? DEMO_CONFIG, 'test'),
    catalogue,
    client,
    logger,
    store,
    ...(options.jobs ? { jobs: options.jobs(store, logger) } : {}),
    ...(options.scheduleGraceMs !== undefined ? { scheduleGraceMs: options.scheduleGraceMs } : {}),
    ...(options.writeEcho ? { writeEcho: true } : {}),
  });
  const port = await bot.start(0, '127.0.0.1');
  // Group members are read in the background from start; tests that are not about that begin once they are known.
  if (!options.slackLatencyMs?.['usergroups.users.list']) await bot.context.groups.settled();
  const url = `http://127.0.0.1:${port}/slack/events`;

  return {
    sim,
    slack,
    bot,
    store,
    url,
    logs,
    async command(text, opts = {}) {
      const replyId = randomUUID();
      const responseUrl = slack.responseUrl(replyId);
      const body = slashCommandBody({
        text,
        userId: opts.user ?? 'U0ADMIN',
        channelId: opts.channel ?? 'C0OPS',
        responseUrl,
        triggerId: slack.triggerId(),
      });
      const res = await postSigned(url, body, {
        secret: SIGNING_SECRET,
        ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
      });
      return { status: res.status, ms: res.ms, replyId };
    },
    async click(actionId, value, opts = {}) {
      const replyId = randomUUID();
      const responseUrl = slack.responseUrl(replyId);
      const body = blockActionsBody({
        userId: opts.user ?? 'U0ADMIN',
        actionId,
        value,
        channelId: opts.channel ?? 'C0OPS',
        responseUrl,
        ...(opts.messageTs ? { messageTs: opts.messageTs } : {}),
      });
      const res = await postSigned(url, body, { secret: SIGNING_SECRET });
      return { status: res.status, replyId };
    },
    async reply(replyId, timeoutMs = 5_000) {
      const call = await slack.waitFor((c) => c.kind === 'response_url' && c.id === replyId, timeoutMs);
      return JSON.stringify(call.body);
    },
    async channelPost(channel, index = 0) {
      const call = await waitUntil(
        () => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel)[index],
        {
          what: `message ${index} in ${channel}`,
        },
      );
      return JSON.stringify(call.body);
    },
    xapiRequests() {
      return sim.requests.filter((r) => r.path.startsWith('/xapi/'));
    },
    async submit(privateMetadata, stateValues, opts = {}) {
      const body = viewSubmissionBody({
        userId: opts.user ?? 'U0ADMIN',
        callbackId: 'op_modal',
        viewId: opts.viewId ?? `V${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
        privateMetadata,
        stateValues,
      });
      const res = await postSigned(url, body, { secret: SIGNING_SECRET });
      return { status: res.status, ...(res.json !== undefined ? { json: res.json } : {}) };
    },
    async close() {
      await bot.stop(1_000);
      await store.close();
      await Promise.all([
        options.simulator ? undefined : sim.close(),
        options.slackStandIn ? undefined : slack.close(),
      ]);
    },
  };
}

/**
 * One bot for a whole test file (or describe block), reset before each test: the simulator's data and the Slack
 * stand-in's calls start fresh, the bot and its store stay. Call where `beforeAll` may be called.
 */
export function sharedTestBot(options: Parameters<typeof startTestBot>[0] = {}): TestBot {
  let current: TestBot | undefined;
  beforeAll(async () => {
    current = await startTestBot(options);
  });
  afterAll(async () => {
    await current?.close();
  });
  beforeEach(() => {
    current?.sim.reset();
    current?.slack.clear();
  });
  // The tests hold this object from the start; it answers for the bot beforeAll starts.
  return new Proxy({} as TestBot, {
    get(_target, key) {
      if (!current) throw new Error('the shared test bot is used before beforeAll started it');
      const value = Reflect.get(current, key) as unknown;
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
