import type { Logger } from 'pino';
import type { OperationCatalogue } from './api/catalogue';
import {
  type BotConfig,
  BotConfigError,
  EMPTY_BOT_CONFIG,
  readBotConfig,
  unknownPatterns,
} from './permissions';

/**
 * Start-up step shared by `npm start` and `npm run demo`: the permissions file, checked against the catalogue (the
 * PBXs are opened by src/pbx/open.ts).
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
