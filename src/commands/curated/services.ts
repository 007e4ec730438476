import type { CuratedCommand } from '../grammar/intent';
import { flagsOf, pairsToArgs, wrapBody } from '../grammar/intent';

const RESTART = 'Services.Restart';

export const services: CuratedCommand = {
  name: 'services',
  operations: ['Services.ListServiceInfo', RESTART],
  usage: ['services', 'services restart <name>[,<name>…]'],
  example: 'services restart 3CXQueueManager01',
  summary: 'list PBX services, or restart some',
  parse: (tokens, rest) => {
    const [verb, ...names] = rest;
    const flags = flagsOf(tokens);
    if (verb === undefined)
      return { kind: 'run', key: 'Services.ListServiceInfo', args: pairsToArgs(tokens), flags };
    if (verb.toLowerCase() !== 'restart') {
      return {
        kind: 'error',
        message: `services knows only restart (got "${verb}"). Example: /3cx services restart 3CXQueueManager01`,
      };
    }
    if (tokens.json !== undefined)
      return { kind: 'run', key: RESTART, args: {}, body: wrapBody(tokens.json, 'options'), flags };
    const list = names
      .join(',')
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n.length > 0);
    if (list.length === 0) {
      return {
        kind: 'modal',
        key: RESTART,
        args: {},
        fill: 'services',
        overrides: {
          title: 'Restart services',
          submit: 'Restart',
          labels: { 'options.ServiceNames': 'Services to restart' },
        },
      };
    }
    return { kind: 'run', key: RESTART, args: {}, body: { options: { ServiceNames: list } }, flags };
  },
};
