import type { Logger } from 'pino';
import type { OperationCatalogue } from './api/catalogue';
import { XapiClient } from './api/client';
import type { BotSettings } from './config';
import {
  type BotConfig,
  BotConfigError,
  EMPTY_BOT_CONFIG,
  readBotConfig,
  unknownPatterns,
} from './permissions';
import { type Simulator, startSimulator } from './simulator';
import { createSharedClient, type Store } from './store';

/**
 * Start-up steps shared by `npm start` and `npm run demo`: the permissions file, checked against the catalogue,
 * and the PBX (the one THREECX_URL names, or the built-in simulator when it is unset).
 */

export function loadBotConfig(
  file: string | undefined,
  catalogue: OperationCatalogue,
  logger: Logger,
): BotConfig {
  if (!file) {
    logger.warn('BOT_CONFIG is not set: nobody may run anything. See README › Permissions.');
    return EMPTY_BOT_CONFIG;
  }
  const botConfig = readBotConfig(file);
  const unknown = unknownPatterns(botConfig, catalogue);
  if (unknown.length > 0) throw new BotConfigError(`${file} is invalid:\n- ${unknown.join('\n- ')}`);
  return botConfig;
}

export interface ConnectedPbx {
  client: XapiClient;
  /** Where the client talks to: THREECX_URL or the simulator. */
  baseUrl: string;
  /** Set when the built-in simulator is the PBX; close it after the bot. */
  simulator?: Simulator;
}

/**
 * With a store, the 3CX token is kept there: bot processes sharing one database share one token, and only the
 * holder of a refresh lease (the 3CX timeout plus a margin) fetches a new one (3CX revokes the previous token on every token request).
 */
export async function connectPbx(
  settings: BotSettings,
  catalogue: OperationCatalogue,
  logger: Logger,
  store?: Store,
): Promise<ConnectedPbx> {
  const simulator = settings.pbx.simulated
    ? await startSimulator({
        port: 0,
        clientId: settings.pbx.clientId,
        clientSecret: settings.pbx.clientSecret,
      })
    : undefined;
  const baseUrl = simulator?.url ?? (settings.pbx.url as string);
  if (simulator) {
    const why = settings.pbx.chosen ? 'THREECX_URL=simulator' : 'THREECX_URL is not set';
    logger.warn({ url: simulator.url }, `${why}: using the built-in PBX simulator.`);
  } else if (baseUrl.startsWith('http://')) {
    logger.warn(
      { url: baseUrl },
      'THREECX_URL uses http://: the 3CX client secret and every token travel in clear. Use https:// (with ' +
        'THREECX_CA_FILE for a self-signed certificate).',
    );
  }
  const options = {
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
  };
  const client = store ? createSharedClient(store, options) : new XapiClient(options);
  return { client, baseUrl, ...(simulator ? { simulator } : {}) };
}
