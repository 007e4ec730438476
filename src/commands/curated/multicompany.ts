import type { CuratedCommand } from '../grammar/intent';
import { flagsOf } from '../grammar/intent';

const ON = new Set(['on', 'true', 'enable', 'enabled', 'yes', '1']);
const OFF = new Set(['off', 'false', 'disable', 'disabled', 'no', '0']);
const KEY = 'SystemStatus.SetMultiCompanyMode';

export const multicompany: CuratedCommand = {
  name: 'multicompany',
  operations: [KEY],
  usage: ['multicompany on|off'],
  example: 'multicompany on',
  summary: 'turn multi-company mode on or off',
  parse: (tokens, rest) => {
    const word = rest[0]?.toLowerCase();
    if (word === undefined) {
      return {
        kind: 'modal',
        key: KEY,
        args: {},
        overrides: { title: 'Multi-company mode', labels: { enable: 'Multi-company mode on' } },
      };
    }
    if (rest.length > 1 || (!ON.has(word) && !OFF.has(word))) {
      return {
        kind: 'error',
        message: `multicompany: expected on/off (got "${rest.join(' ')}"). Example: /3cx multicompany on`,
      };
    }
    return { kind: 'run', key: KEY, args: {}, body: { enable: ON.has(word) }, flags: flagsOf(tokens) };
  },
};
