import type { BotContext } from './context';
import type { BlockActionPayload, SlashCommandPayload, ViewSubmissionPayload } from './payloads';

/**
 * Exactly once: Slack may deliver one interaction twice (a retry, a replayed request, a double click that reaches
 * two replicas), and a change to a phone system must not happen twice. Each interaction has a key; the first
 * delivery claims it in the store (atomically, across processes and restarts) and the others do nothing.
 *
 * - slash command: `command:<team>:<user>:<trigger_id>`; Slack makes a new trigger_id for every invocation, so
 *   typing the same command again runs again, while the same delivery twice runs once. Claimed just before the
 *   3CX call (help and search call nothing; a form opens first, and Slack refuses a trigger_id used twice);
 * - modal submission: `view:<team>:<view id>`, claimed only once the form is valid and about to run (a form sent
 *   back with field errors keeps its id and may be submitted again);
 * - button click: `action:<team>:<user>:<action_id>:<action_ts>:<trigger_id>`, one per click.
 *
 * A key is remembered for ONCE_WINDOW_MS; Slack refuses to sign anything older than five minutes, so a day is far
 * longer than any delivery can lag.
 */
export const ONCE_WINDOW_MS = 24 * 60 * 60_000;

export function commandKey(p: SlashCommandPayload): string {
  return `command:${p.team_id ?? '-'}:${p.user_id}:${p.trigger_id}`;
}

export function viewKey(p: ViewSubmissionPayload): string {
  return `view:${p.user.team_id ?? '-'}:${p.view.id}`;
}

export function actionKey(p: BlockActionPayload): string {
  const action = p.actions[0];
  const ts = typeof action?.action_ts === 'string' ? action.action_ts : '-';
  return `action:${p.user.team_id ?? '-'}:${p.user.id}:${action?.action_id ?? '-'}:${ts}:${p.trigger_id ?? '-'}`;
}

export type ClaimResult = 'first' | 'duplicate' | 'unavailable';

/** Claims a key; a store that cannot be reached answers `unavailable` (nothing may run then: it could be twice). */
export async function claimOnce(ctx: BotContext, key: string): Promise<ClaimResult> {
  try {
    const now = (ctx.now ?? Date.now)();
    if (await ctx.store.claim(key, ONCE_WINDOW_MS, now)) return 'first';
    ctx.logger.info({ key }, 'duplicate delivery ignored: this interaction was already handled');
    return 'duplicate';
  } catch (err) {
    ctx.logger.error({ err, key }, 'exactly-once claim failed: the database is unreachable');
    return 'unavailable';
  }
}

/** What the person is told when the database cannot say whether their request already ran. */
export const STORE_UNAVAILABLE =
  'The bot cannot reach its database, so it cannot make sure this runs only once; nothing was sent to 3CX. ' +
  'Try again in a minute; if it persists, ask an admin to check DATABASE_URL and the database server.';
