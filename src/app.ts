import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { OperationCatalogue } from './api/catalogue';
import type { XapiClient } from './api/client';
import { type BotContext, newRequestId } from './commands/context';
import { FormSeal } from './commands/form-seal';
import { parseCommand } from './commands/grammar/parse';
import { registerListeners } from './commands/listeners';
import { mcuAnnouncer } from './commands/mcu-decision';
import { tellInterrupted } from './commands/reply';
import { ResultPages } from './commands/result-pages';
import { Scheduler } from './commands/schedule';
import type { BotSettings } from './config';
import { type JobQueue, StoreQueue } from './jobs';
import { McuDesk } from './mcu/desk';
import { McuPoller } from './mcu/poller';
import { PbxRegistry } from './pbx/registry';
import { type BotConfig, GroupDirectory, PermissionPolicy } from './permissions';
import { type ApprovalBook, type AuditSink, Pipeline } from './pipeline';
import { boltLogger } from './slack/bolt-logger';
import { GuardedReceiver } from './slack/receiver';
import { finishSocketNow } from './slack/socket-close';
import { initSlack } from './slack/startup-check';
import { SLACK_RETRY } from './slack/web-client';
import { openMemoryStore, type Store, StoreAuditSink } from './store';
import { WatchPoller } from './watch/poller';
import { WriteEcho } from './watch/write-echo';

/**
 * Builds the bot from checked settings: Bolt (HTTP behind our GuardedReceiver, or Socket Mode), the pipeline and
 * the listeners. Nothing here reads the environment.
 */

export interface BotDeps {
  settings: BotSettings;
  botConfig: BotConfig;
  catalogue: OperationCatalogue;
  /** Every PBX the bot talks to (see src/pbx/); or, for one PBX, `client` alone. */
  pbxs?: PbxRegistry;
  client?: XapiClient;
  logger: Logger;
  /**
   * Durable state: audit trail, approvals, exactly-once claims, MCU announcements; opened, migrated and closed by
   * the caller. Without one the bot keeps a private in-memory store, which forgets everything when it stops.
   */
  store?: Store;
  audit?: AuditSink;
  approvals?: ApprovalBook;
  /**
   * Background jobs (schedules, watch polls); started and stopped with the bot. Default: the store's own job
   * table, which is right for SQLite; main.ts gives pg-boss when the store is PostgreSQL.
   */
  jobs?: JobQueue;
  /** How late a scheduled run may start before it is reported instead (default 10 min). */
  scheduleGraceMs?: number;
  /**
   * After each confirmed write, read the PBX's audit log and reply in the confirmation's thread with its own
   * before → after. On in `npm start`; off by default (tests, the demo transcript) so a bot makes only the
   * XAPI calls it was asked for.
   */
  writeEcho?: boolean;
  now?: () => number;
}

export interface Bot {
  app: App;
  context: BotContext;
  /** The MCU poller of the first PBX (the only one, in most set-ups). */
  poller: McuPoller;
  /** Each PBX's MCU poller. */
  pollers: ReadonlyMap<string, McuPoller>;
  pbxs: PbxRegistry;
  /** Starts serving; resolves with the HTTP port (events in HTTP mode, /healthz only in Socket Mode). */
  start(port: number, host?: string): Promise<number>;
  /** Stops taking new work, waits up to `graceMs` for what is in flight, then closes. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves once every Slack request received so far has been fully handled, replies included (HTTP mode). */
  idle(): Promise<void>;
}

/** How long start waits for the first read of user groups before it serves anyway. */
const GROUPS_START_WAIT_MS = 2_000;

export function createBot(deps: BotDeps): Bot {
  const { settings, logger } = deps;
  let ready = false;
  const receiver =
    settings.mode === 'http'
      ? new GuardedReceiver({
          signingSecret: settings.slack.signingSecret as string,
          logger,
          isReady: () => ready,
          // Called only once requests arrive, after `store` below is set.
          claims: { claim: (key, windowMs, now) => store.claim(key, windowMs, now) },
          ...(deps.now ? { now: deps.now } : {}),
        })
      : undefined;
  const clientOptions = {
    slackApiUrl: settings.slack.apiUrl,
    timeout: settings.slack.timeoutMs,
    retryConfig: SLACK_RETRY,
  };
  const app = new App({
    token: settings.slack.botToken,
    logger: boltLogger(logger),
    developerMode: false,
    deferInitialization: true,
    clientOptions,
    // Socket Mode opens its connection with a WebClient of its own: without these options it would ignore
    // SLACK_API_URL and retry for half an hour.
    ...(receiver
      ? { receiver }
      : {
          socketMode: true,
          appToken: settings.slack.appToken as string,
          installerOptions: { clientOptions },
        }),
  });
  const policy = new PermissionPolicy(deps.botConfig);
  const groups = new GroupDirectory(
    {
      membersOf: async (usergroup) => {
        const answer = await app.client.usergroups.users.list({ usergroup });
        return answer.users ?? [];
      },
    },
    policy.groupIds(),
    logger,
    deps.now ? { now: deps.now } : {},
  );
  const ownStore = deps.store ? undefined : openMemoryStore(deps.now ? { now: deps.now } : {});
  const store = deps.store ?? (ownStore as Store);
  const approvals = deps.approvals ?? store.approvals;
  const pbxs = deps.pbxs ?? singlePbx(deps);
  const clients = pbxs.clients();
  const pbx = pbxs.names()[0] as string;
  const pipeline = new Pipeline({
    catalogue: deps.catalogue,
    catalogueOf: (name) => pbxs.catalogueOf(name),
    clients,
    policy,
    groups,
    approvals,
    claims: {
      holderOf: async (key) => (await store.mcuGet(key))?.decidingBy,
    },
    audit: deps.audit ?? new StoreAuditSink(store, deps.now ? { now: deps.now } : {}),
    logger,
    ...(deps.now ? { now: deps.now } : {}),
  });
  // One MCU desk and poller per PBX, each announcing in that PBX's MCU channel.
  const mcuDesks = new Map(
    pbxs.names().map((name) => {
      const channel = pbxs.get(name)?.mcuChannel;
      const desk = new McuDesk({
        pbx: name,
        pipeline,
        store,
        announce: mcuAnnouncer(app.client, logger, name),
        logger,
        newRequestId,
        callTimeoutMs: deps.settings.env.THREECX_TIMEOUT_MS,
        ...(channel ? { channel } : {}),
        ...(deps.now ? { now: deps.now } : {}),
      });
      return [name, desk] as const;
    }),
  );
  const mcu = mcuDesks.get(pbx) as McuDesk;
  const jobs = deps.jobs ?? new StoreQueue(store.jobTable, { logger });
  const scheduler = new Scheduler({
    store,
    jobs,
    pipeline,
    approvals,
    policy,
    groups,
    slack: app.client,
    logger,
    tz: settings.env.TZ,
    newRequestId,
    parse: parseCommand,
    ...(deps.scheduleGraceMs !== undefined ? { graceMs: deps.scheduleGraceMs } : {}),
  });
  const watches = new WatchPoller({
    store,
    jobs,
    clients,
    catalogue: deps.catalogue,
    slack: app.client,
    logger,
    pollSeconds: settings.env.WATCH_POLL_SECONDS,
  });
  const echo = new WriteEcho({
    store,
    jobs,
    clients,
    catalogue: deps.catalogue,
    slack: app.client,
    logger,
  });
  const context: BotContext = {
    pbx,
    catalogue: pipeline.catalogueOf(pbx),
    pbxs,
    mcuDesks,
    pipeline,
    policy,
    groups,
    mcu,
    pages: new ResultPages(),
    approvals,
    store,
    logger,
    newRequestId,
    ...(deps.botConfig.channels.approvals ? { approvalsChannel: deps.botConfig.channels.approvals } : {}),
    forms: new FormSeal(settings.slack.signingSecret ?? settings.slack.appToken ?? settings.slack.botToken),
    scheduler,
    timeZone: settings.env.TZ,
    ...(deps.writeEcho ? { echo } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  };
  // In HTTP mode the receiver knows what is in flight; in Socket Mode the work is counted here, so that stop()
  // waits for it and marks a 3CX call cut off by the grace as interrupted, as in HTTP mode.
  const socketInflight = new Set<Promise<void>>();
  const inflight = receiver ? receiver.inflight : socketInflight;
  if (!receiver) {
    app.use(async ({ next }) => {
      const job = next();
      socketInflight.add(job);
      try {
        await job;
      } finally {
        socketInflight.delete(job);
      }
    });
  }
  registerListeners(app, context);
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled listener error');
  });
  const pollers = new Map(
    [...mcuDesks].map(
      ([name, desk]) => [name, new McuPoller(desk, settings.env.MCU_POLL_SECONDS, logger)] as const,
    ),
  );
  const poller = pollers.get(pbx) as McuPoller;
  let healthServer: Server | undefined;
  let stopping: Promise<void> | undefined;

  return {
    app,
    context,
    poller,
    pollers,
    pbxs,
    async start(port, host = '0.0.0.0') {
      await ownStore?.migrate();
      await initSlack(app, settings.slack.apiUrl);
      // Read in the background: no request waits on Slack for group members (see permissions/groups.ts). Start
      // itself waits a little for the first read, so that people are not told "still being read" just after it.
      groups.start();
      await waitAll([groups.settled()], GROUPS_START_WAIT_MS);
      let bound: number;
      if (receiver) {
        bound = await receiver.start(port, host);
      } else {
        await app.start();
        healthServer = createServer((req, res) => {
          const ok = req.url === '/healthz';
          res.writeHead(ok ? (ready ? 200 : 503) : 404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: ok && ready }));
        });
        const server = healthServer;
        bound = await new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
        });
      }
      for (const [name, p] of pollers) if (mcuDesks.get(name)?.channel) p.start();
      await scheduler.listen();
      await watches.listen();
      await echo.listen();
      await jobs.start();
      watches.start();
      ready = true;
      return bound;
    },
    async idle() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
    stop(graceMs = settings.env.SHUTDOWN_GRACE_MS) {
      // A second stop (SIGTERM then SIGINT, or a test's clean-up) waits for the first instead of closing twice.
      stopping ??= (async () => {
        ready = false;
        groups.stop();
        await Promise.all([...pollers.values()].map((p) => p.stop()));
        await jobs.stop();
        const closing = receiver ? receiver.stop() : app.stop();
        await waitAll([...inflight], graceMs);
        const cut = await pipeline.interruptRunning();
        await Promise.all(cut.map((request) => tellInterrupted(app.client, request, logger)));
        await closing;
        if (!receiver) finishSocketNow(app);
        await new Promise<void>((resolve) =>
          healthServer ? healthServer.close(() => resolve()) : resolve(),
        );
        await pbxs.close();
        await ownStore?.close();
      })();
      return stopping;
    },
  };
}

/** One PBX given as a client alone (tests, the single-PBX set-up of older callers). */
function singlePbx(deps: BotDeps): PbxRegistry {
  if (!deps.client) throw new Error('createBot needs pbxs or a client');
  const channel = deps.botConfig.channels.mcu_approvals;
  return new PbxRegistry(
    [
      {
        name: deps.client.pbx,
        client: deps.client,
        catalogue: deps.catalogue,
        labels: {},
        ...(channel ? { mcuChannel: channel } : {}),
      },
    ],
    {
      logger: deps.logger,
      ...(deps.botConfig.channels.pbx ? { bindings: deps.botConfig.channels.pbx } : {}),
    },
  );
}

async function waitAll(jobs: Promise<unknown>[], graceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([Promise.allSettled(jobs), deadline]);
  if (timer) clearTimeout(timer);
}
