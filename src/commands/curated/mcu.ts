import type { CuratedCommand } from '../grammar/intent';
import { flagsOf } from '../grammar/intent';

const READ = 'ConferenceSettings.GetMCURequestStatus';

export const mcu: CuratedCommand = {
  name: 'mcu',
  operations: [READ, 'ConferenceSettings.UpdateMCURequestStatus'],
  usage: ['mcu'],
  example: 'mcu',
  summary: 'the current MCU request, with Approve and Reject buttons',
  parse: (tokens, rest) => {
    if (rest.length > 0)
      return { kind: 'error', message: `mcu takes no words (got "${rest.join(' ')}"). Example: /3cx mcu` };
    // `--json`, as on any read: 3CX's raw answer instead of the request with its buttons.
    if (tokens.flags.has('json')) return { kind: 'run', key: READ, args: {}, flags: flagsOf(tokens) };
    return { kind: 'mcu' };
  },
};
