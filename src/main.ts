import { loadCatalogue, SpecError } from './api/catalogue';
import { XapiClient } from './api/client';
import { createBot } from './app';
import { type BotSettings, ConfigError, readBotSettings } from './config';
import { createLogger } from './logging';
import { BotConfigError, EMPTY_BOT_CONFIG, readBotConfig, unknownPatterns } from './permissions';
import { startSimulator } from './simulator';

/**
 * `npm start`: checks every setting, starts the built-in PBX simulator when no THREECX_URL is given, then the
 * bot. A bad setting stops here with a sentence that says how to fix it.
 */
async function main(): Promise<void> {
  const settings = readBotSettings();
  const logger = createLogger({ level: settings.env.LOG_LEVEL, name: '3cx-slack' });
  const catalogue = loadCatalogue(settings.env.THREECX_SPEC);
  const botConfig = settings.env.BOT_CONFIG ? readBotConfig(settings.env.BOT_CONFIG) : EMPTY_BOT_CONFIG;
  if (!settings.env.BOT_CONFIG)
    logger.warn('BOT_CONFIG is not set: nobody may run anything. See README › Permissions.');
  const unknown = unknownPatterns(botConfig, catalogue);
  if (unknown.length > 0)
    throw new BotConfigError(`${settings.env.BOT_CONFIG} is invalid:\n- ${unknown.join('\n- ')}`);

  const simulator = settings.pbx.simulated ? await startSimulatorFor(settings) : undefined;
  const baseUrl = simulator?.url ?? (settings.pbx.url as string);
  if (simulator)
    logger.warn({ url: simulator.url }, 'THREECX_URL is not set: using the built-in PBX simulator.');
  const client = new XapiClient({
    pbx: settings.env.THREECX_PBX_NAME,
    baseUrl,
    clientId: settings.pbx.clientId,
    clientSecret: settings.pbx.clientSecret,
    catalogue,
    timeoutMs: settings.env.THREECX_TIMEOUT_MS,
    maxConcurrency: settings.env.THREECX_MAX_CONCURRENCY,
    ...(settings.env.THREECX_CA_FILE ? { caFile: settings.env.THREECX_CA_FILE } : {}),
    insecureTls: settings.env.THREECX_INSECURE_TLS,
    logger,
  });
  const bot = createBot({ settings, botConfig, catalogue, client, logger });
  const port = await bot.start(settings.env.PORT);
  logger.info({ port, mode: settings.mode, pbx: baseUrl, operations: catalogue.size }, '3cx-slack is ready');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing operations in flight');
    await bot.stop();
    await simulator?.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function startSimulatorFor(settings: BotSettings) {
  return startSimulator({
    port: 0,
    clientId: settings.pbx.clientId,
    clientSecret: settings.pbx.clientSecret,
  });
}

if (require.main === module) {
  main().catch((err: unknown) => {
    const known = err instanceof ConfigError || err instanceof BotConfigError || err instanceof SpecError;
    process.stderr.write(`${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}\n`);
    process.exit(known ? 78 : 1);
  });
}
