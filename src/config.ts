import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isTimeZone } from './jobs/zoned-time';

/**
 * The only module that reads `process.env`. Every variable is checked once, at start, and a bad value stops
 * start-up with the variable's name, the problem and the fix.
 */

const boolFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on');

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const envShape = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // `simulator` names the built-in one; blank counts as unset (a `THREECX_URL=` line in an env file).
  THREECX_URL: z
    .string()
    .transform((v) => v.trim() || undefined)
    .pipe(z.union([z.literal('simulator'), z.url({ protocol: /^https?$/ })]).optional())
    .optional(),
  THREECX_CLIENT_ID: z.string().min(1).optional(),
  THREECX_CLIENT_SECRET: z.string().min(1).optional(),
  THREECX_CA_FILE: z.string().min(1).optional(),
  THREECX_INSECURE_TLS: boolFlag.default(false),
  THREECX_SPEC: z.string().min(1).optional(),
  THREECX_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  THREECX_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  THREECX_PBX_NAME: z.string().min(1).max(64).default('default'),
  SIMULATOR_PORT: port(5001),
  // The built-in simulator's company (THREECX_URL=simulator, the demo): the same seed gives the same data; PBX i
  // of several gets seed + i. Unset users means the simulator's default company size.
  SIMULATOR_SEED: z.coerce.number().int().min(0).max(2_147_483_647).default(1),
  SIMULATOR_USERS: z.coerce.number().int().min(0).max(1_000_000).optional(),
  // Blank or padded with spaces counts as unset: a pasted secret with a stray newline would refuse every request.
  SLACK_SIGNING_SECRET: z
    .string()
    .transform((v) => v.trim() || undefined)
    .optional(),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xox[bp]-/, 'must start with xoxb-')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must start with xapp-')
    .optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default('https://slack.com/api/'),
  SLACK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  PORT: port(3000),
  BOT_CONFIG: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:<path> or postgres://…')
    .default('sqlite:./data/3cx-bot.db'),
  MCU_POLL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  WATCH_POLL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  // Node itself reads TZ too; an empty value (as some container images set) means UTC there and here.
  TZ: z
    .string()
    .transform((v) => v.trim().replace(/^:/, '') || 'UTC')
    .refine(isTimeZone, 'is not a time zone this system knows')
    .default('UTC'),
  // The secret the store's sealing key is derived from; without it, the 3CX client secret.
  BOT_STATE_KEY: z
    .string()
    .transform((v) => v.trim() || undefined)
    .pipe(z.string().min(16, 'must be at least 16 characters').optional())
    .optional(),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
});

const HINTS: Record<string, string> = {
  LOG_LEVEL: 'use one of fatal, error, warn, info, debug, trace, silent',
  THREECX_URL: 'use the address of the PBX web client, e.g. https://pbx.example.com, or simulator',
  THREECX_INSECURE_TLS: 'use 1 to accept any certificate (testing only) or 0',
  THREECX_TIMEOUT_MS: 'use milliseconds between 100 and 600000',
  THREECX_MAX_CONCURRENCY: 'use a whole number between 1 and 256',
  SIMULATOR_PORT: 'use a port number between 0 and 65535',
  SIMULATOR_SEED: 'use a whole number from 0 to 2147483647; the same seed gives the same company',
  SIMULATOR_USERS: 'use how many users the built-in simulator seeds, 0 to 1000000, or leave it unset for 40',
  PORT: 'use a port number between 0 and 65535',
  SLACK_BOT_TOKEN: 'copy the Bot User OAuth Token (xoxb-…) from the Slack app page › OAuth & Permissions',
  SLACK_APP_TOKEN: 'create an app-level token with connections:write under Basic Information (xapp-…)',
  SLACK_API_URL: 'leave unset for Slack itself, or give a full URL ending in /api/',
  DATABASE_URL: 'use sqlite:./data/3cx-bot.db or postgres://user:pass@host/db',
  MCU_POLL_SECONDS: 'use whole seconds; 0 turns the MCU poller off',
  WATCH_POLL_SECONDS: 'use whole seconds between 1 and 86400',
  TZ: 'use an IANA zone name such as Europe/Berlin or America/New_York, or leave unset for UTC',
  BOT_STATE_KEY: 'use a long random string (e.g. openssl rand -hex 32), the same in every bot process',
  AUDIT_RETENTION_DAYS: 'use whole days (e.g. 365), or leave it unset to keep audit rows forever',
};

/** A refused value of these is never echoed: a token pasted into the wrong variable is still a token. */
const SECRET_VARIABLES = new Set([
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'THREECX_CLIENT_SECRET',
  'DATABASE_URL',
  'BOT_STATE_KEY',
]);

export type Env = z.infer<typeof envShape>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws ConfigError naming every bad variable and how to fix it. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const result = envShape.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const hint = HINTS[key];
    const got = SECRET_VARIABLES.has(key)
      ? `a value of ${String(env[key] ?? '').length} characters`
      : JSON.stringify(env[key]);
    return `${key}: ${issue.message} (got ${got})${hint ? `; ${hint}` : ''}`;
  });
  throw new ConfigError(`Invalid environment:\n- ${lines.join('\n- ')}`);
}

/** Defaults of the built-in simulator, printed when it starts so a user can point the bot at it. */
export const SIMULATOR_DEFAULTS = { clientId: 'sim-client', clientSecret: 'sim-secret' } as const;

/** Everything the bot needs, checked together: a missing pairing is caught at start, not on the first request. */
export interface BotSettings {
  env: Env;
  mode: 'http' | 'socket';
  slack: { botToken: string; signingSecret?: string; appToken?: string; apiUrl: string; timeoutMs: number };
  /**
   * `simulated`: the built-in simulator is the PBX, because THREECX_URL=simulator (`chosen`) or because it is unset
   * (which `npm start` refuses, see refuseImplicitSimulator; the demo and tests accept it).
   */
  pbx: { simulated: boolean; chosen: boolean; url?: string; clientId: string; clientSecret: string };
  /**
   * What the store's sealing key (shared 3CX token, waiting approvals) is derived from: BOT_STATE_KEY, else the
   * 3CX client secret. Changing it makes what is sealed unreadable: a token is fetched anew, waiting approvals
   * must be asked again.
   */
  stateKey: string;
}

export function readBotSettings(env: NodeJS.ProcessEnv = process.env): BotSettings {
  const e = readEnv(env);
  const problems: string[] = [];
  if (!e.SLACK_BOT_TOKEN) problems.push(`SLACK_BOT_TOKEN is not set; ${HINTS.SLACK_BOT_TOKEN}`);
  const mode = e.SLACK_APP_TOKEN ? 'socket' : 'http';
  if (mode === 'http' && !e.SLACK_SIGNING_SECRET) {
    problems.push(
      'SLACK_SIGNING_SECRET is not set; copy the Signing Secret from the Slack app page › Basic Information (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  const real = e.THREECX_URL !== undefined && e.THREECX_URL !== 'simulator';
  if (real && (!e.THREECX_CLIENT_ID || !e.THREECX_CLIENT_SECRET)) {
    problems.push(
      'THREECX_URL is set but THREECX_CLIENT_ID or THREECX_CLIENT_SECRET is not; create an API client in the 3CX console under Admin › Integrations › API',
    );
  }
  if (problems.length > 0) throw new ConfigError(`Cannot start:\n- ${problems.join('\n- ')}`);
  const clientSecret = e.THREECX_CLIENT_SECRET ?? SIMULATOR_DEFAULTS.clientSecret;
  return {
    env: e,
    mode,
    slack: {
      botToken: e.SLACK_BOT_TOKEN as string,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
      timeoutMs: e.SLACK_TIMEOUT_MS,
    },
    pbx: {
      simulated: !real,
      chosen: e.THREECX_URL !== undefined,
      ...(real ? { url: e.THREECX_URL } : {}),
      clientId: e.THREECX_CLIENT_ID ?? SIMULATOR_DEFAULTS.clientId,
      clientSecret,
    },
    stateKey: e.BOT_STATE_KEY ?? clientSecret,
  };
}

/**
 * `npm start` with real Slack credentials and no PBX named would answer "✅ ran Services.Restart" against a
 * simulator nobody meant to drive. So it needs THREECX_URL, or THREECX_URL=simulator said out loud, or the PBXs
 * listed in BOT_CONFIG (`pbxs:`); `npm run demo` keeps the simulator as its default.
 */
export function refuseImplicitSimulator(settings: BotSettings, botConfigListsPbxs: boolean): void {
  if (settings.pbx.chosen || botConfigListsPbxs) return;
  throw new ConfigError(
    'Cannot start: THREECX_URL is not set, so there is no PBX to operate. Set THREECX_URL to the address of ' +
      'the PBX web client (e.g. https://pbx.example.com) with THREECX_CLIENT_ID and THREECX_CLIENT_SECRET, list ' +
      'the PBXs under pbxs: in BOT_CONFIG, or set THREECX_URL=simulator to try the bot against its built-in ' +
      'simulator.',
  );
}

/**
 * The client secret of a PBX under `pbxs:`: from the environment variable its `client_secret_env` names, or the
 * file its `client_secret_file` names (trailing newline dropped). Missing or empty stops start-up with a sentence.
 */
export function readPbxSecret(
  pbx: string,
  where: { client_secret_env?: string | undefined; client_secret_file?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
  readFile: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): string {
  if (where.client_secret_env) {
    const value = env[where.client_secret_env]?.trim();
    if (value) return value;
    throw new ConfigError(
      `Cannot start: pbxs.${pbx}.client_secret_env names ${where.client_secret_env}, which is not set or empty; export it with the secret of that PBX's API client.`,
    );
  }
  if (where.client_secret_file) {
    let text: string;
    try {
      text = readFile(where.client_secret_file);
    } catch (err) {
      throw new ConfigError(
        `Cannot start: pbxs.${pbx}.client_secret_file ${where.client_secret_file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
      );
    }
    const value = text.trim();
    if (value) return value;
    throw new ConfigError(
      `Cannot start: pbxs.${pbx}.client_secret_file ${where.client_secret_file} is empty.`,
    );
  }
  throw new ConfigError(`Cannot start: pbxs.${pbx} names no client_secret_env or client_secret_file.`);
}

/** What the demo supplies itself: its own Slack stand-in and signing secret, and a throw-away database. */
export interface DemoSlack {
  apiUrl: string;
  botToken: string;
  signingSecret: string;
  databaseUrl: string;
}

/**
 * `npm run demo`: the PBX settings (THREECX_URL and its client, TLS, LOG_LEVEL…) come from the environment as for
 * `npm start`; Slack is always the demo's local stand-in in HTTP mode, the database a temporary one, the HTTP port
 * a free one, and the MCU poller is off so the transcript only shows what the person asked for.
 */
export function readDemoSettings(demo: DemoSlack, env: NodeJS.ProcessEnv = process.env): BotSettings {
  const { SLACK_APP_TOKEN: _socketMode, ...rest } = env;
  return readBotSettings({
    // Watched state is read every 2 s, so an alert shows within seconds of `sim trunk … down`.
    WATCH_POLL_SECONDS: '2',
    ...rest,
    SLACK_BOT_TOKEN: demo.botToken,
    SLACK_SIGNING_SECRET: demo.signingSecret,
    SLACK_API_URL: demo.apiUrl,
    DATABASE_URL: demo.databaseUrl,
    PORT: '0',
    MCU_POLL_SECONDS: '0',
  });
}
