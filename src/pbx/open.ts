import type { Logger } from 'pino';
import type { OperationCatalogue } from '../api/catalogue';
import { XapiClient, type XapiClientOptions } from '../api/client';
import { type BotSettings, ConfigError, readPbxSecret, SIMULATOR_DEFAULTS } from '../config';
import type { BotConfig, PbxEntry } from '../permissions';
import { type Simulator, startSimulator } from '../simulator';
import { createSharedClient, type Store } from '../store';
import { PbxRegistry } from './registry';

/**
 * From settings to clients: the PBXs under `pbxs:` in BOT_CONFIG, or without it the one the THREECX_* variables
 * describe, named `default` (THREECX_PBX_NAME). `url: simulator` (or THREECX_URL=simulator, or none in the demo)
 * starts a built-in simulator for that PBX, each with its own company.
 */

export interface OpenedPbxs {
  registry: PbxRegistry;
  /** Built-in simulators started here; close them after the bot. */
  simulators: Map<string, Simulator>;
  /** Where each PBX is, for the start-up log line. */
  urls: Record<string, string>;
}

export interface OpenPbxOptions {
  store?: Store;
  /** Reads a PBX secret from its variable or file; default config.ts's readPbxSecret on process.env. */
  readSecret?: (pbx: string, entry: PbxEntry) => string;
  /** First retry of a PBX down at start (default 15 s). */
  retryMs?: number;
}

export async function openPbxs(
  settings: BotSettings,
  botConfig: BotConfig,
  catalogue: OperationCatalogue,
  logger: Logger,
  options: OpenPbxOptions = {},
): Promise<OpenedPbxs> {
  const simulators = new Map<string, Simulator>();
  const urls: Record<string, string> = {};
  const readSecret = options.readSecret ?? ((pbx, entry) => readPbxSecret(pbx, entry));
  const handles = [];
  try {
    const entries = botConfig.pbxs
      ? Object.entries(botConfig.pbxs)
      : [[settings.env.THREECX_PBX_NAME, undefined] as const];
    let simulated = 0;
    for (const [name, entry] of entries) {
      const wantsSimulator = entry ? entry.url === 'simulator' : settings.pbx.simulated;
      let connection: { baseUrl: string; clientId: string; clientSecret: string };
      if (wantsSimulator) {
        const secret = entry ? SIMULATOR_DEFAULTS.clientSecret : settings.pbx.clientSecret;
        const clientId = entry ? SIMULATOR_DEFAULTS.clientId : settings.pbx.clientId;
        const simulator = await startSimulator({
          port: 0,
          clientId,
          clientSecret: secret,
          pbxIndex: simulated,
          seed: settings.env.SIMULATOR_SEED + simulated,
          users: settings.env.SIMULATOR_USERS,
        });
        simulated++;
        simulators.set(name, simulator);
        connection = { baseUrl: simulator.url, clientId, clientSecret: secret };
        const why = entry
          ? `pbxs.${name}.url is simulator`
          : settings.pbx.chosen
            ? 'THREECX_URL=simulator'
            : 'THREECX_URL is not set';
        logger.warn({ pbx: name, url: simulator.url }, `${why}: using the built-in PBX simulator.`);
      } else {
        connection = entry
          ? { baseUrl: entry.url, clientId: entry.client_id as string, clientSecret: readSecret(name, entry) }
          : {
              baseUrl: settings.pbx.url as string,
              clientId: settings.pbx.clientId,
              clientSecret: settings.pbx.clientSecret,
            };
        if (connection.baseUrl.startsWith('http://')) {
          logger.warn(
            { pbx: name, url: connection.baseUrl },
            `${entry ? `pbxs.${name}.url` : 'THREECX_URL'} uses http://: the 3CX client secret and every token travel in clear. Use https:// (with a CA file for a self-signed certificate).`,
          );
        }
      }
      urls[name] = connection.baseUrl;
      const caFile = entry ? entry.ca_file : settings.env.THREECX_CA_FILE;
      const clientOptions: Omit<XapiClientOptions, 'tokens'> = {
        pbx: name,
        ...connection,
        catalogue,
        timeoutMs: entry?.timeout ?? settings.env.THREECX_TIMEOUT_MS,
        maxConcurrency: entry?.concurrency ?? settings.env.THREECX_MAX_CONCURRENCY,
        ...(caFile ? { caFile } : {}),
        insecureTls: entry ? (entry.insecure_tls ?? false) : settings.env.THREECX_INSECURE_TLS,
        logger,
      };
      // With a store, each PBX's token is shared by every bot process on that database (one live token per API
      // client, as 3CX allows).
      const client = options.store
        ? createSharedClient(options.store, clientOptions)
        : new XapiClient(clientOptions);
      const mcuChannel = entry?.mcu_channel ?? botConfig.channels.mcu_approvals;
      handles.push({
        name,
        client,
        catalogue,
        labels: entry?.labels ?? {},
        ...(mcuChannel ? { mcuChannel } : {}),
      });
    }
  } catch (err) {
    for (const h of handles) await h.client.close();
    for (const sim of simulators.values()) await sim.close();
    throw err;
  }
  const names = handles.map((h) => h.name);
  const unbound = Object.entries(botConfig.channels.pbx ?? {}).filter(
    ([, pbx]) => !names.some((n) => n.toLowerCase() === pbx.toLowerCase()),
  );
  if (unbound.length > 0) {
    for (const h of handles) await h.client.close();
    for (const sim of simulators.values()) await sim.close();
    throw new ConfigError(
      `Cannot start: channels.pbx binds ${unbound.map(([c, p]) => `${c} to "${p}"`).join(', ')}, but the PBXs are ${names.join(', ')}.`,
    );
  }
  const registry = new PbxRegistry(handles, {
    logger,
    ...(botConfig.channels.pbx ? { bindings: botConfig.channels.pbx } : {}),
    ...(options.store ? { cache: options.store } : {}),
    ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
  });
  return { registry, simulators, urls };
}
