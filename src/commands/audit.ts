import type { Requester } from '../pipeline';
import { auditMessage, errorMessage } from '../views/replies';
import type { BotContext, ReplyTarget } from './context';
import type { Intent } from './grammar/intent';
import { replyPrivately } from './reply';

/** `/3cx audit …`: members allowed `audit` see the newest rows of the audit trail, privately. */
export async function showAudit(
  ctx: BotContext,
  intent: Extract<Intent, { kind: 'audit' }>,
  target: ReplyTarget,
  requester: Requester,
): Promise<void> {
  if (!(await mayAudit(ctx, requester.userId))) {
    const text =
      'You may not read the audit trail: it needs the `audit` permission. Ask an admin to add `audit` to the ' +
      '`allow` list of one of your roles in BOT_CONFIG (e.g. `auditor: { allow: [audit] }`).';
    await replyPrivately(target, errorMessage(text), ctx.logger);
    return;
  }
  let rows: Awaited<ReturnType<BotContext['store']['auditList']>>;
  try {
    rows = await ctx.store.auditList({
      limit: intent.limit,
      ...(intent.userId ? { userId: intent.userId } : {}),
      ...(intent.operation ? { operation: intent.operation } : {}),
    });
  } catch (err) {
    ctx.logger.error({ err }, 'audit rows could not be read');
    const text =
      'The audit trail could not be read: the bot cannot reach its database. Try again in a minute; if it ' +
      'persists, ask an admin to check DATABASE_URL and the database server.';
    await replyPrivately(target, errorMessage(text), ctx.logger);
    return;
  }
  await replyPrivately(target, auditMessage(rows, intent), ctx.logger);
}

export async function mayAudit(ctx: BotContext, userId: string): Promise<boolean> {
  const lookup = await ctx.groups.groupsOf(userId);
  return ctx.policy.checkWord({ userId, groups: lookup.groups }, 'audit').allowed;
}
