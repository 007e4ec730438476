import { closest } from '../../text/did-you-mean';
import { CURATED } from '../curated';
import { parseAudit } from './audit';
import { defaultEntities, parseEntity } from './entity';
import { flagsOf, type Intent, pairsToArgs } from './intent';
import { parseSchedule } from './schedule';
import { hintFor } from './teach';
import { GrammarError, tokenize } from './tokenize';
import { parseChanges, parseUnwatch, parseWatch } from './watch';

const TOP_LEVEL = [
  'help',
  'api',
  'audit',
  'schedule',
  'watch',
  'unwatch',
  'changes',
  'fleet',
  ...CURATED.map((c) => c.name),
];

/** `/3cx` text → Intent. Pure: no catalogue look-ups beyond the operation key's shape. */
export function parseCommand(text: string): Intent {
  let tokens: ReturnType<typeof tokenize>;
  try {
    tokens = tokenize(text);
  } catch (err) {
    if (err instanceof GrammarError) return { kind: 'error', message: err.message };
    throw err;
  }
  const [first, ...rest] = tokens.words;
  if (first === undefined) return { kind: 'help' };
  const word = first.toLowerCase();
  if (word === 'help' || word === '?')
    return rest[0] ? { kind: 'help', topic: rest.join(' ') } : { kind: 'help' };
  if (word === 'api') return parseApi(tokens, rest);
  if (word === 'audit') return parseAudit(tokens, rest);
  if (word === 'schedule') {
    // The rest as typed (quotes, JSON): the scheduled command is parsed from its own text.
    return parseSchedule(text.trim().replace(/^\S+\s*/, ''), parseCommand);
  }
  if (word === 'watch') return parseWatch(rest);
  if (word === 'unwatch') return parseUnwatch(rest);
  if (word === 'changes') return parseChanges(rest);
  if (word === 'fleet') return parseFleet(tokens, text.trim().replace(/^\S+\s*/, ''));
  const curated = CURATED.find((c) => c.name === word);
  if (curated) return curated.parse(tokens, rest);
  const entity = parseEntity(tokens, first, rest);
  if (entity) return entity;
  return { kind: 'error', message: unknownCommand(first, rest) };
}

/**
 * Did-you-mean over commands, entity names and their aliases (`users`, `ring-groups`, `extension`, `ivr` …), the
 * everyday command a word people say stands for, and the two ways on from there: `find` and `api search`.
 */
function unknownCommand(first: string, rest: string[]): string {
  const word = first.toLowerCase();
  // Entity names are many; only something that looks like one (letters and dashes) is compared with them all.
  const names = /^[a-z][a-z-]{1,40}$/.test(word) ? [...TOP_LEVEL, ...defaultEntities().words()] : TOP_LEVEL;
  const guess = closest(word, names);
  const hint = hintFor(word);
  const said = [first, ...rest].join(' ').slice(0, 80);
  const parts = [`Unknown command "${first}".`];
  if (guess) parts.push(`Did you mean \`/3cx ${guess}\`?`);
  else if (hint) parts.push(`Perhaps \`${hint}\`?`);
  parts.push(
    `To look a person or object up by name, \`/3cx find ${said}\`; to find an API operation, \`/3cx api search ${said}\`. \`/3cx help\` lists the commands.`,
  );
  return parts.join(' ');
}

/** `fleet status` and `fleet <read command>`; the read itself is parsed as the command it is. */
function parseFleet(tokens: ReturnType<typeof tokenize>, after: string): Intent {
  const flags = flagsOf(tokens);
  const inner = after.replace(/(^|\s)--(?:file|json)(?=\s|$)/g, ' ').trim();
  if (inner === '' || inner.toLowerCase() === 'status') return { kind: 'fleet', text: 'status', flags };
  const parsed = parseCommand(inner);
  if (parsed.kind === 'error') return parsed;
  return { kind: 'fleet', inner: parsed, text: inner, flags };
}

function parseApi(tokens: ReturnType<typeof tokenize>, rest: string[]): Intent {
  const [target, ...extra] = rest;
  if (target === undefined) {
    return {
      kind: 'error',
      message: 'api needs an operation or search words. Example: /3cx api search restart service',
    };
  }
  if (target.toLowerCase() === 'search') {
    const query = [...extra, ...tokens.pairs.map((p) => `${p.key} ${p.value}`)].join(' ').trim();
    if (!query)
      return { kind: 'error', message: 'api search needs words. Example: /3cx api search restart service' };
    return { kind: 'search', query };
  }
  if (!/^[A-Za-z][\w]*\.[A-Za-z][\w]*$/.test(target)) {
    return {
      kind: 'error',
      message: `"${target}" is not an operation key; keys look like Resource.OperationId (e.g. Users.ListUser). Find one with /3cx api search <words>.`,
    };
  }
  if (extra.length > 0) {
    return {
      kind: 'error',
      message: `Unexpected "${extra.join(' ')}" after ${target}: give parameters as key=value (e.g. Id=12) and the body as JSON.`,
    };
  }
  const args: Record<string, unknown> = pairsToArgs(tokens);
  const intent: Intent = { kind: 'run', key: target, args, flags: flagsOf(tokens) };
  if (tokens.json !== undefined) intent.body = tokens.json;
  return intent;
}
