import { type CuratedCommand, flagsOf, pairsToArgs } from '../grammar/intent';

export const status: CuratedCommand = {
  name: 'status',
  operations: ['SystemStatus.GetSystemStatus'],
  usage: ['status'],
  example: 'status',
  summary: 'PBX version, licence, calls and health',
  parse: (tokens) => ({
    kind: 'run',
    key: 'SystemStatus.GetSystemStatus',
    args: pairsToArgs(tokens),
    flags: flagsOf(tokens),
  }),
};
