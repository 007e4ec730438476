import { type CuratedCommand, flagsOf, pairsToArgs } from '../grammar/intent';

/** `status` answers with a verdict first (what is wrong) and details in people's words; `--json` or OData options get 3CX's raw answer. */
export const status: CuratedCommand = {
  name: 'status',
  operations: ['SystemStatus.GetSystemStatus'],
  usage: ['status'],
  example: 'status',
  summary:
    'what is wrong first (trunks down, services stopped, licence expiring, phones offline), then version, licence, calls and health',
  parse: (tokens) => {
    const flags = flagsOf(tokens);
    if (flags.json || tokens.pairs.length > 0)
      return { kind: 'run', key: 'SystemStatus.GetSystemStatus', args: pairsToArgs(tokens), flags };
    return { kind: 'view', view: 'status', flags };
  },
};
