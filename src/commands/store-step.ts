import { errorMessage } from '../views/replies';
import type { BotContext, ReplyTarget } from './context';
import { replyPrivately } from './reply';

export const UNREACHABLE = Symbol('store unreachable');

/**
 * A store step of a click before anything reaches 3CX: when the database fails, the clicker is told that nothing was
 * decided or sent, and the caller stops. `what` names what could not be decided ("this approval").
 */
export async function fromStore<T>(
  ctx: BotContext,
  target: ReplyTarget,
  what: { log: string; decided: string },
  step: () => Promise<T>,
): Promise<T | typeof UNREACHABLE> {
  try {
    return await step();
  } catch (err) {
    ctx.logger.error({ err, user: target.userId }, what.log);
    const text =
      `The bot cannot reach its database, so ${what.decided} could not be decided; nothing was sent to 3CX. ` +
      'Try again in a minute; if it persists, ask an admin to check DATABASE_URL and the database server.';
    await replyPrivately(target, errorMessage(text), ctx.logger);
    return UNREACHABLE;
  }
}
