import type { Intent } from './intent';
import { parseWhen, WHEN_EXAMPLES, WhenError, type WhenRule } from './when';

/** `schedule <when> <command>`, `schedule list`, `schedule cancel <id>`. */
export type ScheduleIntent =
  | {
      kind: 'schedule';
      rule: WhenRule;
      whenText: string;
      command: string;
      run: Extract<Intent, { kind: 'run' }>;
    }
  | { kind: 'schedule-list' }
  | { kind: 'schedule-cancel'; id: string };

export const SCHEDULE_HELP = {
  name: 'schedule',
  usage: ['schedule <when> <command>', 'schedule list', 'schedule cancel <id>'],
  example: 'schedule every monday 08:00 api SystemStatus.GetSystemStatus',
  summary: `run a command later, once or repeatedly; <when>: ${WHEN_EXAMPLES}`,
};

const USAGE = `Use \`/3cx schedule <when> <command>\` with <when> one of ${WHEN_EXAMPLES}, e.g. \`/3cx schedule at 22:00 multicompany off\`.`;

/**
 * `text` is everything after the word `schedule`, as typed. The command is parsed now, so a typo is reported
 * while the person is still there, and again when it runs (the grammar may have learnt words meanwhile).
 */
export function parseSchedule(
  text: string,
  parseCommand: (text: string) => Intent,
): ScheduleIntent | { kind: 'error'; message: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.toLowerCase();
  if (first === undefined) return { kind: 'error', message: `schedule needs a time and a command. ${USAGE}` };
  if (first === 'list' && words.length === 1) return { kind: 'schedule-list' };
  if (first === 'cancel') {
    const id = words[1];
    if (!id || words.length > 2) {
      return {
        kind: 'error',
        message:
          'Say which schedule to cancel: `/3cx schedule cancel <id>` (ids are in `/3cx schedule list`).',
      };
    }
    return { kind: 'schedule-cancel', id: id.toLowerCase() };
  }
  let when: ReturnType<typeof parseWhen>;
  try {
    when = parseWhen(text);
  } catch (err) {
    if (err instanceof WhenError) return { kind: 'error', message: `${err.message} ${USAGE}` };
    throw err;
  }
  const inner = parseCommand(when.rest);
  const named = when.rest.split(/\s+/)[0] ?? '';
  switch (inner.kind) {
    case 'run':
      return { kind: 'schedule', rule: when.rule, whenText: when.text, command: when.rest, run: inner };
    case 'error':
      return { kind: 'error', message: `Nothing was scheduled: ${inner.message}` };
    case 'modal':
      return {
        kind: 'error',
        message: `\`${named}\` would open a form, and nobody is there to fill it in when it runs. Give the values in the command (key=value or JSON), then schedule it.`,
      };
    default:
      return {
        kind: 'error',
        message: `Only operations can be scheduled (\`${when.rest}\` is not one). ${USAGE}`,
      };
  }
}
