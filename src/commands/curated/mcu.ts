import type { CuratedCommand } from '../grammar/intent';

export const mcu: CuratedCommand = {
  name: 'mcu',
  operations: ['ConferenceSettings.GetMCURequestStatus', 'ConferenceSettings.UpdateMCURequestStatus'],
  usage: ['mcu'],
  example: 'mcu',
  summary: 'the current MCU request, with Approve and Reject buttons',
  parse: (_tokens, rest) =>
    rest.length > 0
      ? { kind: 'error', message: `mcu takes no words (got "${rest.join(' ')}"). Example: /3cx mcu` }
      : { kind: 'mcu' },
};
