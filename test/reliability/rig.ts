import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { defaultCatalogue } from '../../src/api/catalogue';
import { XapiClient } from '../../src/api/client';
import { RAPID_RETRY_FOR_TESTS, type RetryPolicy } from '../../src/api/retry';
import { type Bot, createBot } from '../../src/app';
import { readBotSettings } from '../../src/config';
import { createLogger } from '../../src/logging';
import { parseBotConfig } from '../../src/permissions';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator';
import { openStore, type Store } from '../../src/store';
import { DEMO_CONFIG, SIGNING_SECRET } from '../e2e/harness';
import { postSigned } from '../support/bot-client';
import {
  blockActionsBody,
  slashCommandBody,
  type ViewStateValues,
  viewSubmissionBody,
} from '../support/signing';
import { type SlackStandIn, startSlackStandIn } from '../support/slack-stand-in';

/**
 * A bot for the reliability suite: like the e2e harness, but logging through the production logger factory (so
 * its redaction is what is tested) at `trace`, auditing into a durable store, and recording every secret it was
 * given so the suite can check none of them ever leaves the process.
 */

export const BOT_TOKEN = 'xoxb-reliability-bot-token-0123456789';
export const CLIENT_SECRET = 'reliability-client-secret-9f8e7d';
export const CLIENT_ID = 'reliability-client';
export { DEMO_CONFIG, SIGNING_SECRET };

export interface Rig {
  sim: Simulator;
  slack: SlackStandIn;
  bot: Bot;
  store: Store;
  url: string;
  base: string;
  logs: string[];
  /** Every response_url handed to the bot. */
  responseUrls: string[];
  command(
    text: string,
    opts?: { user?: string; channel?: string },
  ): Promise<{ status: number; ms: number; replyId: string }>;
  click(
    actionId: string,
    value: string,
    opts?: { user?: string; channel?: string; messageTs?: string; messageBlocks?: unknown[] },
  ): Promise<{ status: number; replyId: string }>;
  submit(
    privateMetadata: string,
    stateValues: ViewStateValues,
    opts?: { user?: string; viewId?: string },
  ): Promise<{ status: number; json?: unknown }>;
  xapiRequests(): Simulator['requests'];
  writes(path?: string): Simulator['requests'];
  close(): Promise<void>;
}

export interface RigOptions {
  config?: string;
  sim?: SimulatorOptions;
  env?: Record<string, string>;
  timeoutMs?: number;
  retry?: RetryPolicy;
  pbxUrl?: string;
  /** Default `trace`, so the secrets check sees everything; the load test measures at the production default. */
  logLevel?: string;
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const catalogue = defaultCatalogue();
  const sim = await startSimulator({
    port: 0,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...options.sim,
  });
  const slack = await startSlackStandIn({ botToken: BOT_TOKEN });
  const logs: string[] = [];
  const logger = createLogger({
    level: options.logLevel ?? 'trace',
    destination: new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  });
  const store = await openStore('sqlite::memory:');
  await store.migrate();
  const settings = readBotSettings({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_TIMEOUT_MS: '2000',
    THREECX_URL: sim.url,
    THREECX_CLIENT_ID: CLIENT_ID,
    THREECX_CLIENT_SECRET: CLIENT_SECRET,
    MCU_POLL_SECONDS: '0',
    LOG_LEVEL: 'trace',
    ...options.env,
  });
  const client = new XapiClient({
    pbx: 'default',
    baseUrl: options.pbxUrl ?? sim.url,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    catalogue,
    timeoutMs: options.timeoutMs ?? 5_000,
    retry: options.retry ?? RAPID_RETRY_FOR_TESTS,
    logger,
  });
  const bot = createBot({
    settings,
    botConfig: parseBotConfig(options.config ?? DEMO_CONFIG, 'test'),
    catalogue,
    client,
    logger,
    store,
  });
  const port = await bot.start(0, '127.0.0.1');
  // The bot reads the members of the config's user groups at start, in the background: wait for that read, so
  // it is not counted as something a test's request caused.
  if (/\bS0[A-Z0-9]+:/.test(options.config ?? DEMO_CONFIG))
    await slack.waitFor('usergroups.users.list', 5_000).catch(() => undefined);
  const base = `http://127.0.0.1:${port}`;
  const url = `${base}/slack/events`;
  const responseUrls: string[] = [];
  const newResponseUrl = () => {
    const replyId = randomUUID();
    const responseUrl = slack.responseUrl(replyId);
    responseUrls.push(responseUrl);
    return { replyId, responseUrl };
  };

  return {
    sim,
    slack,
    bot,
    store,
    url,
    base,
    logs,
    responseUrls,
    async command(text, opts = {}) {
      const { replyId, responseUrl } = newResponseUrl();
      const body = slashCommandBody({
        text,
        userId: opts.user ?? 'U0ADMIN',
        channelId: opts.channel ?? 'C0OPS',
        responseUrl,
      });
      const res = await postSigned(url, body, { secret: SIGNING_SECRET });
      return { status: res.status, ms: res.ms, replyId };
    },
    async click(actionId, value, opts = {}) {
      const { replyId, responseUrl } = newResponseUrl();
      const body = blockActionsBody({
        userId: opts.user ?? 'U0ADMIN',
        actionId,
        value,
        channelId: opts.channel ?? 'C0OPS',
        responseUrl,
        ...(opts.messageTs ? { messageTs: opts.messageTs } : {}),
        ...(opts.messageBlocks ? { messageBlocks: opts.messageBlocks } : {}),
      });
      const res = await postSigned(url, body, { secret: SIGNING_SECRET });
      return { status: res.status, replyId };
    },
    async submit(privateMetadata, stateValues, opts = {}) {
      const body = viewSubmissionBody({
        userId: opts.user ?? 'U0ADMIN',
        callbackId: 'op_modal',
        privateMetadata,
        stateValues,
        ...(opts.viewId ? { viewId: opts.viewId } : {}),
      });
      const res = await postSigned(url, body, { secret: SIGNING_SECRET });
      return { status: res.status, ...(res.json !== undefined ? { json: res.json } : {}) };
    },
    xapiRequests() {
      return sim.requests.filter((r) => r.path.startsWith('/xapi/'));
    },
    writes(path) {
      return sim.requests.filter(
        (r) => r.path.startsWith('/xapi/') && r.method !== 'GET' && (!path || r.path === `/xapi/v1${path}`),
      );
    },
    async close() {
      await bot.stop(1_000);
      await Promise.all([sim.close(), slack.close()]);
      await store.close();
      // Every test file of the suite checks, on the way out, that nothing secret left the process.
      const leaks = findLeaks(this as Rig);
      if (leaks.length > 0)
        throw new Error(`Secrets leaked into logs or Slack traffic:\n${leaks.join('\n')}`);
    },
  };
}

/** Values that must never appear in a log line or in anything sent to Slack. */
export const SEEDED_SECRETS = ['SIMU-LATE-D3CX-0001'];

/** Each secret found, with where: the bot token, the signing secret, the 3CX client secret and tokens, response_urls. */
export function findLeaks(rig: Rig, extra: string[] = []): string[] {
  const secrets: [string, string][] = [
    ['bot token', BOT_TOKEN],
    ['signing secret', SIGNING_SECRET],
    ['3CX client secret', CLIENT_SECRET],
    ...issuedTokens(rig.sim).map((t): [string, string] => ['3CX access token', t]),
    ...rig.responseUrls.map((u): [string, string] => ['response_url', u]),
    ...rig.responseUrls.map((u): [string, string] => ['response_url path', new URL(u).pathname]),
    ...[...SEEDED_SECRETS, ...extra].map((v): [string, string] => ['secret field value', v]),
  ];
  const places: [string, string][] = [
    ['logs', rig.logs.join('')],
    ['Slack traffic', slackTraffic(rig)],
  ];
  const leaks: string[] = [];
  for (const [what, value] of secrets) {
    for (const [where, text] of places)
      if (text.includes(value)) leaks.push(`${what} in ${where}: ${excerpt(text, value)}`);
  }
  return leaks;
}

function excerpt(text: string, value: string): string {
  const at = text.indexOf(value);
  return text.slice(Math.max(0, at - 120), at + value.length + 40).replace(/\n/g, ' ');
}

/** The text of everything that left the bot for Slack: Web API calls, uploads and response_url posts. */
export function slackTraffic(rig: Rig): string {
  // The `token` field is how the Web API client authenticates to Slack itself; everything else is content.
  return rig.slack.calls
    .map((c) => {
      const { token: _auth, ...content } = c.body;
      return JSON.stringify({ m: c.method, b: content });
    })
    .join('\n');
}

/** Bearer tokens the simulator saw: the 3CX access tokens the bot was issued. */
export function issuedTokens(sim: Simulator): string[] {
  const tokens = new Set<string>();
  for (const r of sim.requests) {
    const auth = r.headers.authorization;
    if (typeof auth === 'string' && auth.startsWith('Bearer ')) tokens.add(auth.slice('Bearer '.length));
  }
  return [...tokens];
}

/** One rig for a test file, its PBX and Slack records cleared before each test so no test sees another's. */
export function useRig(onStart: (rig: Rig) => void, options: RigOptions = {}): void {
  let rig: Rig | undefined;
  beforeAll(async () => {
    rig = await startRig(options);
    onStart(rig);
  });
  afterAll(async () => {
    await rig?.close();
  });
  beforeEach(() => {
    rig?.sim.reset();
    rig?.slack.clear();
  });
}
