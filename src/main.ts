import { loadCatalogue, SpecError } from './api/catalogue';
import { createBot } from './app';
import { ConfigError, readBotSettings, refuseImplicitSimulator } from './config';
import { openJobQueue } from './jobs';
import { createLogger } from './logging';
import { openPbxs } from './pbx/open';
import { BotConfigError } from './permissions';
import { SlackStartupError } from './slack/startup-check';
import { loadBotConfig } from './startup';
import { openStore, StoreOpenError, startPruning } from './store';

/**
 * `npm start`: checks every setting, starts the built-in PBX simulator when THREECX_URL=simulator, then the
 * bot. A bad setting stops here with a sentence that says how to fix it.
 */
async function main(): Promise<void> {
  const settings = readBotSettings();
  const logger = createLogger({ level: settings.env.LOG_LEVEL, name: '3cx-slack' });
  const catalogue = loadCatalogue(settings.env.THREECX_SPEC);
  const botConfig = loadBotConfig(settings.env.BOT_CONFIG, catalogue, logger);
  refuseImplicitSimulator(settings, 'pbxs' in botConfig && botConfig.pbxs !== undefined);
  const store = await openStore(settings.env.DATABASE_URL, { logger, stateKey: settings.stateKey });
  await store.migrate();
  const pruner = startPruning(store, {
    logger,
    ...(settings.env.AUDIT_RETENTION_DAYS ? { auditRetentionDays: settings.env.AUDIT_RETENTION_DAYS } : {}),
  });
  const { registry, simulators, urls } = await openPbxs(settings, botConfig, catalogue, logger, { store });
  // Each PBX's own OpenAPI document; one that cannot be reached is marked down and tried again in the background.
  await registry.connect();
  // pg-boss creates its own schema on start, in the same PostgreSQL database.
  const jobs = openJobQueue(settings.env.DATABASE_URL, store, logger);
  const bot = createBot({
    settings,
    botConfig,
    catalogue,
    pbxs: registry,
    logger,
    store,
    jobs,
    writeEcho: true,
  });
  const port = await bot.start(settings.env.PORT);
  logger.info(
    {
      port,
      mode: settings.mode,
      pbxs: urls,
      operations: catalogue.size,
      database: store.kind,
      jobs: jobs.kind,
    },
    '3cx-slack is ready',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing operations in flight');
    await bot.stop();
    pruner.stop();
    await store.close();
    for (const simulator of simulators.values()) await simulator.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    const known =
      err instanceof ConfigError ||
      err instanceof BotConfigError ||
      err instanceof SpecError ||
      err instanceof StoreOpenError ||
      err instanceof SlackStartupError;
    process.stderr.write(`${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}\n`);
    process.exit(known ? 78 : 1);
  });
}
