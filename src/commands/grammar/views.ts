import { defaultEntities, parseEntity } from './entity';
import { type CuratedCommand, flagsOf, type Intent, type OutputFlags } from './intent';
import type { Tokens } from './tokenize';

/**
 * The everyday views (DESIGN §3): `find`, `calls`, `history`, `trunks`, `phones`, `backups`, `backup now`, and the
 * `status` verdict. Each is a curated command, so help lists it only to people who may run its reads, and each
 * parses to a `view` intent the everyday handlers answer through the one pipeline.
 */

export type HistoryPeriod = 'today' | '24h' | '7d';
export const HISTORY_PERIODS: readonly HistoryPeriod[] = ['today', '24h', '7d'];

export type ViewIntent = { kind: 'view'; flags: OutputFlags } & (
  | { view: 'find'; words: string[] }
  | { view: 'calls' }
  | { view: 'history'; ref?: string; period: HistoryPeriod }
  | { view: 'trunks' }
  | { view: 'phones' }
  | { view: 'backups' }
  | { view: 'backup-now' }
  | { view: 'status' }
);

/** Where the views read from; find's kinds are the entity sets it searches. */
export const VIEW_OPERATIONS = {
  calls: ['ActiveCalls.ListActiveCall'],
  history: ['ReportCallLogData.GetCallLogData'],
  trunks: ['Trunks.ListTrunk'],
  phones: ['Users.ListUser'],
  backups: ['Backups.ListBackups'],
  backupNow: ['Backups.Backup'],
} as const;

export const FIND_SETS = [
  'Users',
  'Groups',
  'Queues',
  'RingGroups',
  'Receptionists',
  'Trunks',
  'Parkings',
  'Fax',
  'Contacts',
  'DidNumbers',
] as const;

const FIND_OPERATIONS = [
  'Users.ListUser',
  'Groups.ListGroup',
  'Queues.ListQueue',
  'RingGroups.ListRingGroup',
  'Receptionists.ListReceptionist',
  'Trunks.ListTrunk',
  'Parkings.ListParking',
  'Fax.ListFax',
  'Contacts.ListContact',
  'DidNumbers.ListDidNumber',
];

const noExtra = (name: string, rest: string[], example: string): Intent | undefined =>
  rest.length > 0
    ? {
        kind: 'error',
        message: `${name} takes no words (got "${rest.join(' ')}"). Example: \`/3cx ${example}\``,
      }
    : undefined;

type ViewBody = ViewIntent extends infer V ? (V extends unknown ? Omit<V, 'kind' | 'flags'> : never) : never;

const view = (tokens: Tokens, v: ViewBody): Intent =>
  ({ kind: 'view', flags: flagsOf(tokens), ...v }) as ViewIntent;

export const find: CuratedCommand = {
  name: 'find',
  operations: FIND_OPERATIONS,
  usage: ['find <words>'],
  example: 'find sales',
  summary: 'people and objects of every kind that match: users, groups, queues, ring groups, IVRs, trunks, …',
  parse: (tokens, rest) => {
    const words = [...rest, ...tokens.pairs.map((p) => `${p.key}=${p.value}`)];
    if (words.length === 0)
      return { kind: 'error', message: 'find needs words to look for. Example: `/3cx find patel`' };
    return view(tokens, { view: 'find', words });
  },
};

export const calls: CuratedCommand = {
  name: 'calls',
  operations: [...VIEW_OPERATIONS.calls],
  usage: ['calls'],
  example: 'calls',
  summary: 'live calls: who, with whom, since when, how long',
  parse: (tokens, rest) => noExtra('calls', rest, 'calls') ?? view(tokens, { view: 'calls' }),
};

export const history: CuratedCommand = {
  name: 'history',
  operations: [...VIEW_OPERATIONS.history],
  usage: ['history [number or name] [today|24h|7d]'],
  example: 'history 24h',
  summary:
    'calls of the last 24 hours (or today, or 7 days), answered or missed, for everyone or one extension',
  parse: (tokens, rest) => {
    const words = [...rest];
    const last = words[words.length - 1]?.toLowerCase();
    const period = HISTORY_PERIODS.find((p) => p === last);
    if (period) words.pop();
    const ref = words.join(' ').trim();
    return view(tokens, { view: 'history', period: period ?? '24h', ...(ref ? { ref } : {}) });
  },
};

/** `trunks` alone is the registration view; `trunks <words>` and `trunk <ref>` stay the entity verbs. */
function viewOrEntity(name: string, v: 'trunks' | 'backups'): (tokens: Tokens, rest: string[]) => Intent {
  return (tokens, rest) => {
    if (
      rest.length === 0 &&
      tokens.pairs.length === 0 &&
      !tokens.flags.has('json') &&
      !tokens.flags.has('file')
    )
      return view(tokens, { view: v });
    return (
      parseEntity(tokens, name, rest, defaultEntities()) ?? {
        kind: 'error',
        message: `${name} takes no words here. Example: \`/3cx ${name}\``,
      }
    );
  };
}

export const trunks: CuratedCommand = {
  name: 'trunks',
  operations: [...VIEW_OPERATIONS.trunks],
  usage: ['trunks'],
  example: 'trunks',
  summary: 'SIP trunks: name, provider host, registered or not',
  parse: viewOrEntity('trunks', 'trunks'),
};

export const phones: CuratedCommand = {
  name: 'phones',
  operations: [...VIEW_OPERATIONS.phones],
  usage: ['phones'],
  example: 'phones',
  summary: 'extensions whose phones are not registered first, then the registered ones',
  parse: (tokens, rest) => noExtra('phones', rest, 'phones') ?? view(tokens, { view: 'phones' }),
};

export const backups: CuratedCommand = {
  name: 'backups',
  operations: [...VIEW_OPERATIONS.backups],
  usage: ['backups'],
  example: 'backups',
  summary: 'the PBX backups, newest first, with size and age',
  parse: viewOrEntity('backups', 'backups'),
};

export const backup: CuratedCommand = {
  name: 'backup',
  operations: [...VIEW_OPERATIONS.backupNow],
  usage: ['backup now'],
  example: 'backup now',
  summary: 'start a backup of the PBX now (confirmed in the channel)',
  parse: (tokens, rest) => {
    if (rest.length === 1 && rest[0]?.toLowerCase() === 'now') return view(tokens, { view: 'backup-now' });
    if (rest.length === 0)
      return {
        kind: 'error',
        message: 'Say `/3cx backup now` to start a backup, or `/3cx backups` to list them.',
      };
    return (
      parseEntity(tokens, 'backup', rest, defaultEntities()) ?? {
        kind: 'error',
        message: 'backup knows only `now`. Example: `/3cx backup now`',
      }
    );
  },
};

export const VIEW_COMMANDS: readonly CuratedCommand[] = [
  find,
  calls,
  history,
  trunks,
  phones,
  backups,
  backup,
];
