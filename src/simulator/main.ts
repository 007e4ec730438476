import pino from 'pino';
import { ConfigError, readEnv, SIMULATOR_DEFAULTS } from '../config';
import { startSimulators } from './index';
import { readSimulatorEnv } from './sim-env';
import type { Fault } from './types';

/**
 * `npm run simulator`: the XAPI simulator on its own, for the demo and for pointing a bot at by hand.
 * Settings come from the environment (SIMULATOR_PORT, SIMULATOR_PBXS, SIMULATOR_SEED, SIMULATOR_USERS,
 * THREECX_CLIENT_ID, THREECX_CLIENT_SECRET) and flags.
 */

export const USAGE = `Usage: npm run simulator -- [flags]
  --port N                 listen on 127.0.0.1:N (default SIMULATOR_PORT or 5001; 0 picks a free port)
  --users N                seed N users (default SIMULATOR_USERS or 40)
  --pbxs N                 simulate N PBXs on ports PORT, PORT+1 … (default SIMULATOR_PBXS or 1)
  --seed N                 seed of the generated company (default SIMULATOR_SEED or 1)
  --token-lifetime S       tokens expire after S seconds (default 3600)
  --expires-in-minutes     answer expires_in in minutes, as 3CX before 20.0.9
  --fault "<METHOD> <path> key=value …"
                           inject a fault (repeatable). METHOD may be * for any; a path starting with ~ is a
                           regular expression. Keys: status=N latency=MS times=N retry-after=S malformed drop hang
                           e.g. --fault "POST /connect/token status=503 retry-after=2 times=1"
  --help                   show this text`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliOptions {
  port?: number;
  users?: number;
  pbxs?: number;
  seed?: number;
  tokenLifetimeSeconds?: number;
  expiresInMinutes: boolean;
  faults: Fault[];
  help: boolean;
}

function wholeNumber(flag: string, text: string | undefined, min: number, max: number): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(
      `${flag} needs a whole number from ${min} to ${max}${text === undefined ? '' : `, not "${text}"`}.`,
    );
  }
  return Number(text);
}

/** `"GET /xapi/v1/Users status=503 retry-after=2 times=1"` as a Fault. */
export function parseFaultSpec(spec: string): Fault {
  const [method, path, ...pairs] = spec.trim().split(/\s+/);
  if (!method || !path) throw new UsageError(`--fault needs "<METHOD> <path> key=value …", got "${spec}".`);
  if (!/^([A-Za-z]+|\*)$/.test(method))
    throw new UsageError(`--fault: "${method}" is not an HTTP method (or *).`);
  let matcher: string | RegExp;
  if (path.startsWith('~')) {
    try {
      matcher = new RegExp(path.slice(1));
    } catch (err) {
      throw new UsageError(`--fault: ${(err as Error).message}`);
    }
  } else if (path.startsWith('/')) matcher = path;
  else
    throw new UsageError(
      `--fault: the path must start with / (or ~ for a regular expression), got "${path}".`,
    );
  const fault: Fault = { path: matcher, ...(method === '*' ? {} : { method: method.toUpperCase() }) };
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = (eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? undefined : pair.slice(eq + 1);
    const flag = (): boolean => {
      if (value === undefined || value === 'true') return true;
      if (value === 'false') return false;
      throw new UsageError(`--fault: ${key} is true or false, not "${value}".`);
    };
    switch (key) {
      case 'status':
        fault.status = wholeNumber('--fault status', value, 100, 599);
        break;
      case 'latency':
        fault.latencyMs = wholeNumber('--fault latency', value, 0, 600_000);
        break;
      case 'times':
        fault.times = wholeNumber('--fault times', value, 1, 1_000_000);
        break;
      case 'retry-after':
        fault.headers = {
          ...fault.headers,
          'Retry-After': String(wholeNumber('--fault retry-after', value, 0, 86_400)),
        };
        break;
      case 'malformed':
        fault.malformedJson = flag();
        break;
      case 'drop':
        fault.dropConnection = flag();
        break;
      case 'hang':
        fault.hang = flag();
        break;
      default:
        throw new UsageError(
          `--fault: unknown key "${key}"; use status, latency, times, retry-after, malformed, drop or hang.`,
        );
    }
  }
  return fault;
}

/** The command line as options; anything it does not know is a UsageError (exit 2). */
export function parseFlags(argv: readonly string[]): CliOptions {
  const options: CliOptions = { expiresInMinutes: false, faults: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const takeValue = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };
    const noValue = () => {
      if (inline !== undefined) throw new UsageError(`${name} takes no value.`);
    };
    switch (name) {
      case '--port':
        options.port = wholeNumber('--port', takeValue(), 0, 65_535);
        break;
      case '--users':
        options.users = wholeNumber('--users', takeValue(), 0, 1_000_000);
        break;
      case '--pbxs':
        options.pbxs = wholeNumber('--pbxs', takeValue(), 1, 50);
        break;
      case '--seed':
        options.seed = wholeNumber('--seed', takeValue(), 0, 2_147_483_647);
        break;
      case '--token-lifetime':
        options.tokenLifetimeSeconds = wholeNumber('--token-lifetime', takeValue(), 1, 31_536_000);
        break;
      case '--expires-in-minutes':
        noValue();
        options.expiresInMinutes = true;
        break;
      case '--fault': {
        const spec = takeValue();
        if (spec === undefined)
          throw new UsageError('--fault needs a value such as "GET /xapi/v1/Users status=503".');
        options.faults.push(parseFaultSpec(spec));
        break;
      }
      case '--help':
      case '-h':
        noValue();
        options.help = true;
        break;
      default:
        throw new UsageError(`Unknown flag ${arg}. Run with --help to see the flags.`);
    }
  }
  return options;
}

function describeFault(fault: Fault): string {
  const parts = [fault.method ?? '*', typeof fault.path === 'string' ? fault.path : `~${fault.path.source}`];
  if (fault.status !== undefined) parts.push(`status=${fault.status}`);
  if (fault.latencyMs !== undefined) parts.push(`latency=${fault.latencyMs}`);
  if (fault.times !== undefined) parts.push(`times=${fault.times}`);
  if (fault.headers?.['Retry-After']) parts.push(`retry-after=${fault.headers['Retry-After']}`);
  if (fault.malformedJson) parts.push('malformed');
  if (fault.dropConnection) parts.push('drop');
  if (fault.hang) parts.push('hang');
  return parts.join(' ');
}

async function main(argv: readonly string[]): Promise<void> {
  const flags = parseFlags(argv);
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const env = readEnv();
  const simEnv = readSimulatorEnv(process.env);
  const clientId = env.THREECX_CLIENT_ID ?? SIMULATOR_DEFAULTS.clientId;
  const clientSecret = env.THREECX_CLIENT_SECRET ?? SIMULATOR_DEFAULTS.clientSecret;
  const logger = pino({ level: env.LOG_LEVEL, name: 'xapi-simulator' }, pino.destination(2));
  const sims = await startSimulators({
    count: flags.pbxs ?? simEnv.SIMULATOR_PBXS,
    port: flags.port ?? env.SIMULATOR_PORT,
    seed: flags.seed ?? simEnv.SIMULATOR_SEED,
    clientId,
    clientSecret,
    users: flags.users ?? simEnv.SIMULATOR_USERS,
    tokenLifetimeSeconds: flags.tokenLifetimeSeconds,
    expiresInMinutes: flags.expiresInMinutes,
    logger,
  });
  for (const sim of sims) for (const fault of flags.faults) sim.addFault(fault);
  const lines: string[] = [];
  sims.forEach((sim, i) => {
    const { pbx } = sim.state;
    lines.push(
      `3CX XAPI simulator${sims.length > 1 ? ` PBX ${i + 1} of ${sims.length}` : ''} listening on ${sim.url} (XAPI at ${sim.url}/xapi/v1)`,
      `  PBX:           ${pbx.fqdn}, version ${pbx.version}, ${pbx.companyName}`,
      `  client id:     ${sim.credentials.clientId}`,
      `  client secret: ${sim.credentials.clientSecret}`,
      `  users: ${sim.state.users.length}; tokens last ${flags.tokenLifetimeSeconds ?? 3600} s, expires_in in ${flags.expiresInMinutes ? 'minutes' : 'seconds'}`,
    );
  });
  const first = sims[0] as (typeof sims)[number];
  lines.push(
    ...flags.faults.map((f) => `  fault: ${describeFault(f)}`),
    'Point the bot at it with:',
    `  THREECX_URL=${first.url} THREECX_CLIENT_ID=${first.credentials.clientId} THREECX_CLIENT_SECRET=${first.credentials.clientSecret}`,
    'Control it: POST/DELETE /_sim/faults, GET /_sim/requests, POST /_sim/console, POST /_sim/revoke-tokens, POST /_sim/reset. Ctrl-C stops.',
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'simulator stopping');
    Promise.all(sims.map((sim) => sim.close())).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
      process.stderr.write(
        `${(err as Error).message}: the port is taken; choose another with --port or SIMULATOR_PORT.\n`,
      );
      process.exit(1);
    }
    const known = err instanceof ConfigError;
    process.stderr.write(`${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}\n`);
    process.exit(known ? 78 : 1);
  });
}
