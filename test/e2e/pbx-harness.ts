import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { defaultCatalogue } from '../../src/api/catalogue';
import { type Bot, createBot } from '../../src/app';
import { readBotSettings, readPbxSecret } from '../../src/config';
import { openPbxs } from '../../src/pbx/open';
import type { PbxRegistry } from '../../src/pbx/registry';
import { parseBotConfig } from '../../src/permissions';
import { type SimRequest, type Simulator, startSimulators } from '../../src/simulator';
import { openStore, type Store } from '../../src/store';
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
 * A bot with several PBXs, built as `npm start` builds one: `pbxs:` in BOT_CONFIG (secrets named by
 * client_secret_env, never in the YAML), `openPbxs` → `registry.connect()` → `createBot({ pbxs })`. Each PBX is
 * a simulator of its own (PBX i is `startSimulators` index i: alpha on 20.0.10, beta on 20.0.8, gamma on 20.0.9);
 * Slack is the stand-in; tests talk to the bot only with signed HTTP requests.
 */

export const PBX_NAMES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'] as const;
export const PBX_SIGNING_SECRET = 'pbx-test-signing-secret';

/** Roles and members for the tests; `pbxs:` is added by the harness from the running simulators. */
export const FLEET_POLICY = `
roles:
  viewer:       { allow: [read] }
  admin:        { allow: ["*"] }
  alpha-ops:    { allow: [read, write, watch], pbxs: [alpha] }
  alpha-viewer: { allow: [read], pbxs: [alpha] }
members:
  U0ADMIN: admin
  U0ADMIN2: admin
  U0VIEW: viewer
  U0ALPHA: alpha-ops
  U0AVIEW: alpha-viewer
  U0BOB: [viewer, alpha-ops]
approvals:
  - operations: ["LicenseStatus.EditLicenseInfo"]
    approvers: [U0ADMIN, U0ADMIN2]
    pbxs: [alpha]
channels:
  pbx: { C0ALPHA: alpha, C0BETA: beta }
  approvals: C0APPROVALS
`;

/** What PBX i of `startSimulators` accepts: the first keeps the defaults, the others add `-2`, `-3` … */
export function simCredentials(index: number): { clientId: string; clientSecret: string } {
  const suffix = index === 0 ? '' : `-${index + 1}`;
  return { clientId: `sim-client${suffix}`, clientSecret: `sim-secret${suffix}` };
}

/** The variable that holds a PBX's secret: `ALPHA_SECRET`. */
export const secretVariable = (name: string) => `${name.toUpperCase()}_SECRET`;

/** A port nothing listens on (bound, then released): a PBX that cannot be reached. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface PbxTestBotOptions {
  /** How many PBXs (alpha, beta, …); default 2. Ignored when `simulators` is given. */
  count?: number;
  /** Roles, members, approvals and channels; default FLEET_POLICY. */
  policy?: string;
  /** Extra or replaced keys of a PBX's `pbxs:` entry, e.g. `{ gamma: { url: 'http://127.0.0.1:1' } }`. */
  pbx?: Record<string, Record<string, unknown>>;
  /** Simulators shared with other bots (replicas); closed by the caller. */
  simulators?: Simulator[];
  slackStandIn?: SlackStandIn;
  /** Default `sqlite::memory:`. */
  databaseUrl?: string;
  /** First retry of a PBX down at start. */
  retryMs?: number;
  /** Per-call timeout of every PBX unless `pbx` sets one (ms). */
  timeoutMs?: number;
  /** Keep what start-up sent (document reads, tokens) in the simulators' logs; default: cleared after start. */
  keepLogs?: boolean;
}

export interface PbxTestBot {
  names: string[];
  sims: Simulator[];
  sim(name: string): Simulator;
  slack: SlackStandIn;
  bot: Bot;
  registry: PbxRegistry;
  store: Store;
  logs: string[];
  /** The YAML the bot was started with. */
  yaml: string;
  command(
    text: string,
    opts?: { user?: string; channel?: string },
  ): Promise<{ status: number; replyId: string }>;
  click(
    actionId: string,
    value: string,
    opts?: { user?: string; channel?: string; messageTs?: string },
  ): Promise<{ status: number; replyId: string }>;
  /** Submits a modal the bot opened, as the person who filled it in. */
  submit(
    privateMetadata: string,
    stateValues: ViewStateValues,
    opts?: { user?: string },
  ): Promise<{ status: number; json?: unknown }>;
  /** The first post to a command's response_url, JSON-encoded. */
  reply(replyId: string, timeoutMs?: number): Promise<string>;
  /** The n-th chat.postMessage to a channel, JSON-encoded. */
  channelPost(channel: string, index?: number): Promise<string>;
  /** XAPI requests a PBX's simulator received since start (the start-up reads of its version and OpenAPI document, and tokens, left out). */
  xapi(name: string): SimRequest[];
  close(): Promise<void>;
}

const DOCUMENT = '/xapi/v1/swagger.yaml';

/** The bot's start-up read of a PBX's version: `SystemStatus` with `$select=Version` alone. */
const isVersionRead = (r: SimRequest) => r.path === '/xapi/v1/SystemStatus' && r.query.$select === 'Version';

export function xapiOf(sim: Simulator): SimRequest[] {
  return sim.requests.filter((r) => r.path.startsWith('/xapi/') && r.path !== DOCUMENT && !isVersionRead(r));
}

/**
 * A simulator writes its OpenAPI document on the first request for it (about a second each): done once per file,
 * before any bot, so that no PBX's start-up read runs near its timeout.
 */
export async function warmDocuments(sims: Simulator[]): Promise<void> {
  for (const sim of sims) {
    const res = await fetch(`${sim.url}${DOCUMENT}`);
    await res.text();
    sim.clearLog();
  }
}

export async function startPbxTestBot(options: PbxTestBotOptions = {}): Promise<PbxTestBot> {
  const ownSims = options.simulators === undefined;
  const sims = options.simulators ?? (await startSimulators({ count: options.count ?? 2 }));
  const names = PBX_NAMES.slice(0, sims.length) as string[];
  const slack = options.slackStandIn ?? (await startSlackStandIn());
  const env: Record<string, string> = {};
  const lines = names.map((name, i) => {
    const sim = sims[i] as Simulator;
    env[secretVariable(name)] = sim.credentials.clientSecret;
    const entry = {
      url: sim.url,
      client_id: sim.credentials.clientId,
      client_secret_env: secretVariable(name),
      timeout: options.timeoutMs ?? 5_000,
      ...options.pbx?.[name],
    };
    return `  ${name}: ${JSON.stringify(entry)}`;
  });
  const yaml = `pbxs:\n${lines.join('\n')}\n${options.policy ?? FLEET_POLICY}`;
  const logs: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  // One state key for every replica on a database: each reads the tokens the others stored.
  const store = await openStore(options.databaseUrl ?? 'sqlite::memory:', { stateKey: 'pbx-test-state' });
  await store.migrate();
  const settings = readBotSettings({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: PBX_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    MCU_POLL_SECONDS: '0',
  });
  const catalogue = defaultCatalogue();
  const botConfig = parseBotConfig(yaml, 'test BOT_CONFIG');
  const { registry } = await openPbxs(settings, botConfig, catalogue, logger, {
    store,
    readSecret: (pbx, entry) => readPbxSecret(pbx, entry, env),
    ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
  });
  await registry.connect();
  // What the tests look at is what commands sent, not the start-up reads of each PBX's document.
  if (!options.keepLogs) for (const sim of sims) sim.clearLog();
  const bot = createBot({ settings, botConfig, catalogue, pbxs: registry, logger, store });
  const port = await bot.start(0, '127.0.0.1');
  await bot.context.groups.settled();
  const url = `http://127.0.0.1:${port}/slack/events`;
  const simOf = (name: string) => {
    const sim = sims[names.indexOf(name)];
    if (!sim) throw new Error(`no simulator for ${name}`);
    return sim;
  };

  return {
    names,
    sims,
    sim: simOf,
    slack,
    bot,
    registry,
    store,
    logs,
    yaml,
    async command(text, opts = {}) {
      const replyId = randomUUID();
      const body = slashCommandBody({
        text,
        userId: opts.user ?? 'U0ADMIN',
        channelId: opts.channel ?? 'C0OPS',
        responseUrl: slack.responseUrl(replyId),
        triggerId: slack.triggerId(),
      });
      const res = await postSigned(url, body, { secret: PBX_SIGNING_SECRET });
      return { status: res.status, replyId };
    },
    async click(actionId, value, opts = {}) {
      const replyId = randomUUID();
      const body = blockActionsBody({
        userId: opts.user ?? 'U0ADMIN',
        actionId,
        value,
        channelId: opts.channel ?? 'C0OPS',
        responseUrl: slack.responseUrl(replyId),
        ...(opts.messageTs ? { messageTs: opts.messageTs } : {}),
      });
      const res = await postSigned(url, body, { secret: PBX_SIGNING_SECRET });
      return { status: res.status, replyId };
    },
    async submit(privateMetadata, stateValues, opts = {}) {
      const body = viewSubmissionBody({
        userId: opts.user ?? 'U0ADMIN',
        callbackId: 'op_modal',
        viewId: `V${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
        privateMetadata,
        stateValues,
      });
      const res = await postSigned(url, body, { secret: PBX_SIGNING_SECRET });
      return { status: res.status, ...(res.json !== undefined ? { json: res.json } : {}) };
    },
    async reply(replyId, timeoutMs = 5_000) {
      const call = await slack.waitFor((c) => c.kind === 'response_url' && c.id === replyId, timeoutMs);
      return JSON.stringify(call.body);
    },
    async channelPost(channel, index = 0) {
      const call = await waitUntil(
        () => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel)[index],
        { what: `message ${index} in ${channel}` },
      );
      return JSON.stringify(call.body);
    },
    xapi: (name) => xapiOf(simOf(name)),
    async close() {
      await bot.stop(1_000);
      await store.close();
      if (ownSims) await Promise.all(sims.map((sim) => sim.close()));
      if (!options.slackStandIn) await slack.close();
    },
  };
}

/** The value of a button in a recorded message (as the stand-in recorded it, JSON-encoded), by its action id. */
export function buttonValue(json: string, actionId: string): string | undefined {
  const find = (node: unknown): string | undefined => {
    if (Array.isArray(node)) {
      for (const n of node) {
        const v = find(n);
        if (v !== undefined) return v;
      }
      return undefined;
    }
    if (node === null || typeof node !== 'object') return undefined;
    const o = node as Record<string, unknown>;
    if (o.action_id === actionId && typeof o.value === 'string') return o.value;
    return find(Object.values(o));
  };
  return find(JSON.parse(json));
}

/** Simulators and a Slack stand-in shared by one test file, and the bots its tests start with them. */
export interface SharedPbxs {
  sims: Simulator[];
  slack: SlackStandIn;
  /** A bot on the shared simulators and stand-in; closed after the test. */
  start(options?: PbxTestBotOptions): Promise<PbxTestBot>;
}

/**
 * Starts `count` simulators and a Slack stand-in once per file (writing their OpenAPI documents takes a second
 * each), resets them before every test and closes the test's bots after it. Call at the top of a test file.
 */
export function sharedPbxs(count = 3): SharedPbxs {
  const open: PbxTestBot[] = [];
  const shared: SharedPbxs = {
    sims: [],
    slack: undefined as unknown as SlackStandIn, // set in beforeAll, before any test reads it
    async start(options = {}) {
      const t = await startPbxTestBot({ simulators: shared.sims, slackStandIn: shared.slack, ...options });
      // A test may close its bot early (to start another on the same database); the clean-up then does nothing.
      const close = t.close.bind(t);
      let closing: Promise<void> | undefined;
      t.close = () => {
        closing ??= close();
        return closing;
      };
      open.push(t);
      return t;
    },
  };
  beforeAll(async () => {
    shared.sims = await startSimulators({ count });
    shared.slack = await startSlackStandIn();
    await warmDocuments(shared.sims);
  });
  afterAll(async () => {
    await Promise.all([...shared.sims.map((s) => s.close()), shared.slack.close()]);
  });
  beforeEach(() => {
    for (const sim of shared.sims) sim.reset();
    shared.slack.clear();
  });
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
  });
  return shared;
}
