import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadCatalogue } from '../api/catalogue';
import { type Bot, createBot } from '../app';
import { readDemoSettings } from '../config';
import { createLogger } from '../logging';
import { openPbxs } from '../pbx/open';
import type { BotConfig } from '../permissions';
import type { Simulator } from '../simulator';
import { profileOf } from '../simulator/company/profiles';
import { loadBotConfig } from '../startup';
import { openStore, StoreAuditSink } from '../store';
import { addPbxChannel, DEMO_PEOPLE } from './people';
import { type SlackStandIn, startSlackStandIn } from './slack/slack-stand-in';

/**
 * Everything `npm run demo` runs, in this one process and on 127.0.0.1 only: the PBX (the built-in simulator,
 * or the one THREECX_URL names), a stand-in for Slack's Web API and response_urls, a SQLite database in a
 * temporary folder, and the bot itself in HTTP mode with a freshly generated signing secret. The bot is built
 * exactly as `npm start` builds it; only its Slack is local.
 */

export interface DemoStack {
  slack: SlackStandIn;
  /** The PBXs by name (one, `default`, unless `pbxs` asked for more). */
  pbxNames: string[];
  bot: Bot;
  /** Where the console posts slash commands and interactivity, as Slack would. */
  eventsUrl: string;
  signingSecret: string;
  /** The simulator's URL, or THREECX_URL. */
  pbxUrl: string;
  simulated: boolean;
  /** The built-in simulator when it is the PBX (its request log shows what the PBX received). */
  simulator?: Simulator;
  /** The bot's log; kept when the demo fails so it can be read. */
  logFile: string;
  close(options?: { keepFiles?: boolean }): Promise<void>;
}

export interface DemoStackOptions {
  /** The BOT_CONFIG to run with. */
  configFile: string;
  /** Environment for the PBX settings; default the process environment (read by config.ts). */
  env?: NodeJS.ProcessEnv;
  /**
   * Several simulated PBXs (`npm run demo -- --pbxs 3`): each gets its own company and a channel bound to it
   * (`#northwind` …); #ops stays unbound, so a command there asks which PBX.
   */
  pbxs?: number;
}

/** N simulated PBXs named after their companies, each with a channel of its own. */
function withSimulatedPbxs(config: BotConfig, count: number): BotConfig {
  if (count <= 1) return config;
  const names = Array.from({ length: count }, (_, i) => profileOf(i).fqdn.split('.')[0] as string);
  return {
    ...config,
    pbxs: Object.fromEntries(names.map((name) => [name, { url: 'simulator' as const }])),
    channels: {
      ...config.channels,
      pbx: Object.fromEntries(names.map((name) => [addPbxChannel(name), name])),
    },
  };
}

export async function startDemoStack(options: DemoStackOptions): Promise<DemoStack> {
  const dataDir = mkdtempSync(join(tmpdir(), '3cx-slack-demo-'));
  const logFile = join(dataDir, 'bot.log');
  const botToken = `xoxb-demo-${randomBytes(8).toString('hex')}`;
  const signingSecret = randomBytes(24).toString('hex');
  const users = Object.fromEntries(
    DEMO_PEOPLE.map((p) => [p.id, { name: p.name, real_name: p.realName, tz: 'Europe/London' }]),
  );
  const slack = await startSlackStandIn({ botToken, users });
  const cleanups: (() => Promise<unknown> | undefined)[] = [() => slack.close()];
  const closeAll = async (keepFiles: boolean) => {
    for (const cleanup of cleanups.reverse()) await cleanup()?.catch(() => {});
    if (!keepFiles) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const settings = readDemoSettings(
      { apiUrl: slack.apiUrl, botToken, signingSecret, databaseUrl: `sqlite:${join(dataDir, 'demo.db')}` },
      options.env,
    );
    const logger = createLogger({
      level: settings.env.LOG_LEVEL,
      name: '3cx-slack',
      destination: pino.destination({ dest: logFile, sync: true }),
    });
    const catalogue = loadCatalogue(settings.env.THREECX_SPEC);
    const botConfig = withSimulatedPbxs(
      loadBotConfig(options.configFile, catalogue, logger),
      options.pbxs ?? 1,
    );
    const store = await openStore(settings.env.DATABASE_URL, { logger, stateKey: settings.stateKey });
    cleanups.push(() => store.close());
    await store.migrate();
    const { registry, simulators, urls } = await openPbxs(settings, botConfig, catalogue, logger);
    cleanups.push(async () => {
      for (const simulator of simulators.values()) await simulator.close();
    });
    cleanups.push(() => registry.close());
    await registry.connect();
    // The transcript and the demo's request log show what people's commands sent, not the start-up reads.
    for (const sim of simulators.values()) sim.clearLog();
    const first = registry.names()[0] as string;
    const simulator = simulators.get(first);
    const baseUrl = urls[first] as string;
    // Not typed as BotDeps on purpose: the durable store travels along for createBot to use.
    const deps = {
      settings,
      botConfig,
      catalogue,
      pbxs: registry,
      logger,
      store,
      audit: new StoreAuditSink(store),
      approvals: store.approvals,
    };
    const bot = createBot(deps);
    const port = await bot.start(0, '127.0.0.1');
    cleanups.push(() => bot.stop(1_000));
    return {
      slack,
      pbxNames: registry.names(),
      bot,
      eventsUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret,
      pbxUrl: baseUrl,
      simulated: simulator !== undefined,
      ...(simulator ? { simulator } : {}),
      logFile,
      close: (closeOptions = {}) => closeAll(closeOptions.keepFiles ?? false),
    };
  } catch (err) {
    await closeAll(false);
    throw err;
  }
}
