import type { EntityIntent } from './entity';
import type { Intent } from './intent';
import { VIEW_OPERATIONS, type ViewIntent } from './views';
import { parseWhen, WHEN_EXAMPLES, WhenError, type WhenRule } from './when';

/**
 * What can be scheduled: a command that comes down to one operation. `api …` and the curated commands are one
 * already; `backup now` is `Backups.Backup`; an entity `add`, `set` or `delete` is its entity set's create, update
 * or delete, with the object it names resolved when it is scheduled.
 */
export type SchedulableIntent =
  | Extract<Intent, { kind: 'run' }>
  | Extract<EntityIntent, { verb: 'add' | 'set' | 'delete' }>
  | Extract<ViewIntent, { view: 'backup-now' }>;

/** `schedule <when> <command>`, `schedule list`, `schedule cancel <id>`. */
export type ScheduleIntent =
  | {
      kind: 'schedule';
      rule: WhenRule;
      whenText: string;
      command: string;
      inner: SchedulableIntent;
    }
  | { kind: 'schedule-list' }
  | { kind: 'schedule-cancel'; id: string };

export const SCHEDULE_HELP = {
  name: 'schedule',
  usage: ['schedule <when> <command>', 'schedule list', 'schedule cancel <id>'],
  example: 'schedule every day 02:00 backup now',
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
  const schedulable = asSchedulable(inner, when.rest);
  if ('message' in schedulable) return { kind: 'error', message: schedulable.message };
  return { kind: 'schedule', rule: when.rule, whenText: when.text, command: when.rest, inner: schedulable };
}

const FORM =
  'would open a form, and nobody is there to fill it in when it runs. Give the values in the command (key=value or JSON), then schedule it.';

/** The intent itself when it runs one operation; otherwise why it cannot be scheduled, in a sentence. */
function asSchedulable(inner: Intent, command: string): SchedulableIntent | { message: string } {
  const named = command.split(/\s+/)[0] ?? '';
  const shown = `\`${named}\``;
  switch (inner.kind) {
    case 'run':
      return inner;
    case 'error':
      return { message: `Nothing was scheduled: ${inner.message}` };
    case 'modal':
      return { message: `${shown} ${FORM}` };
    case 'entity':
      switch (inner.verb) {
        case 'add':
        case 'set':
          return inner.pairs.length > 0 ? inner : { message: `\`${command}\` ${FORM}` };
        case 'delete':
          return inner;
        case 'members':
          return {
            message:
              `\`${command}\` is worked out from the ${inner.list} as they are at that moment (3CX replaces the ` +
              'whole list), so it cannot be scheduled: run it when it is due. Nothing was scheduled.',
          };
        default:
          return { message: readOnly(command) };
      }
    case 'view':
      return inner.view === 'backup-now' ? inner : { message: readOnly(command, VIEW_READS[inner.view]) };
    default:
      return {
        message: `Only commands that run one operation can be scheduled (\`${command}\` is not one). ${USAGE}`,
      };
  }
}

/** The read behind a view, for the refusal to name: scheduled, its answer is posted in the channel. */
const VIEW_READS: Partial<Record<ViewIntent['view'], string>> = {
  status: 'SystemStatus.GetSystemStatus',
  calls: VIEW_OPERATIONS.calls[0],
  trunks: VIEW_OPERATIONS.trunks[0],
  backups: VIEW_OPERATIONS.backups[0],
};

/** A view answers the person who asks, now; at a later time there is nobody to show it to. */
function readOnly(command: string, read?: string): string {
  const instead = read
    ? `\`schedule <when> api ${read}\` posts 3CX's answer in the channel instead`
    : "an `api` read posts 3CX's answer in the channel instead";
  return (
    `\`${command}\` shows you something now, privately, and a scheduled run has nobody to show it to, so views ` +
    `cannot be scheduled; ${instead}. Changes (\`set\`, \`add\`, \`delete\`, \`backup now\`, curated commands) ` +
    'can. Nothing was scheduled.'
  );
}
