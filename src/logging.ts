import pino from 'pino';

/**
 * The project's logger factory and its one `redact()`. Every line a logger from here writes passes through
 * `redact()` just before it reaches the stream, so a token that slips into a message, an error's cause or a
 * nested object is masked too, not only the fields we thought of.
 */

const MASK = '[REDACTED]';

/**
 * Names whose string values are secret wherever they appear. Matched as a suffix, so `access_token`,
 * `client_secret`, `SLACK_BOT_TOKEN`, `signingSecret` and `x-api-key` are caught but `token_type` is not. A bare
 * `key` is left alone on purpose: operation keys (`Users.ListUser`) are logged under that name.
 */
const SECRET_NAME = String.raw`[\w.-]*?(?:token|secret|password|passwd|authorization|cookie|api[_-]?key|private[_-]?key|access[_-]?key|signing[_-]?key)`;

const RULES: ReadonlyArray<[RegExp, string]> = [
  // "client_secret":"…" in JSON, at any depth of a log line.
  [new RegExp(String.raw`"(${SECRET_NAME})"(\s*):(\s*)"(?:[^"\\]|\\.)*"`, 'gi'), `"$1"$2:$3"${MASK}"`],
  // client_secret=… in a form body, a query string or a sentence.
  [new RegExp(String.raw`\b(${SECRET_NAME})=[^&\s"',;]+`, 'gi'), `$1=${MASK}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${MASK}`],
  [/\bxox[abpres]-[A-Za-z0-9-]+/g, `xox-${MASK}`],
  [/\bxapp-[A-Za-z0-9-]+/g, `xapp-${MASK}`],
];

/** Masks anything in free text that looks like a credential: bearer tokens, Slack tokens, secret fields. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

// Structured paths are masked by pino itself (cheap, exact); `redact()` above is the net for everything else.
const REDACT_PATHS = [
  'authorization',
  'Authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'access_token',
  '*.access_token',
  'token',
  '*.token',
  'client_secret',
  '*.client_secret',
  'clientSecret',
  '*.clientSecret',
  'secret',
  '*.secret',
  'password',
  '*.password',
];

export interface LoggerOptions {
  /** A pino level; default `info`. */
  level?: string;
  /** Where lines go; default stdout. Tests pass a stream to read what was logged. */
  destination?: pino.DestinationStream;
  name?: string;
}

export function createLogger(options: LoggerOptions = {}): pino.Logger {
  const settings: pino.LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: MASK },
    hooks: { streamWrite: redact },
    ...(options.name ? { name: options.name } : {}),
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** A logger that writes nothing: the default of library code that was given none. */
export function silentLogger(): pino.Logger {
  return pino({ level: 'silent' });
}
