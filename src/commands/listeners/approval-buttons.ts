import type { App } from '@slack/bolt';
import { approverRefusal } from '../../pipeline';
import {
  approvalDecidedMessage,
  confirmationMessage,
  decisionNotice,
  errorMessage,
  failureMessage,
  mention,
  type SlackMessage,
} from '../../views/replies';
import { scheduledApprovalNote } from '../../views/replies/schedule';
import type { BotContext, ReplyTarget } from '../context';
import { replyInChannel, replyPrivately, slackError } from '../reply';
import { requestWords } from '../request-words';
import { fromStore, UNREACHABLE } from '../store-step';
import { claimClick, readClick } from './click';

/**
 * Approve/Reject on a two-person request. The button carries only the request id; what runs is what was stored
 * when the request was made. Only a listed approver other than the requester decides, once.
 */
export function registerApprovalButtons(app: App, ctx: BotContext): void {
  app.action(/^approval_(approve|reject)$/, async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body, client, ctx);
    if (!click || !(await claimClick(ctx, click))) return;
    const { payload: p, action, target, messageTs } = click;
    const verdict = action?.action_id === 'approval_approve' ? 'approved' : 'rejected';
    const pending = await fromStore(
      ctx,
      target,
      { log: 'approval click: the approval book could not be read', decided: 'this approval' },
      () => ctx.approvals.get(action?.value ?? ''),
    );
    if (pending === UNREACHABLE) return;
    if (!pending) {
      ctx.logger.warn({ user: p.user.id, value: action?.value }, 'approval click refused: unknown request');
      await replyPrivately(
        target,
        errorMessage('This approval request is unknown to the bot; ask for the operation again.'),
        ctx.logger,
      );
      return;
    }
    // Listed AND holding a role that allows the operation; the pipeline checks the same again before running.
    const operation = ctx.pipeline.catalogueOf(pending.request.pbx).get(pending.request.key);
    const may = operation
      ? await ctx.pipeline.mayApprove(
          p.user.id,
          pending.approvers,
          operation,
          pending.request.pbx,
          pending.request.requester.userId,
        )
      : ({ ok: false, reason: 'not_listed' } as const);
    if (!may.ok && may.reason === 'no_role') {
      ctx.logger.warn(
        { user: p.user.id, requestId: pending.request.id, missing: may.missing },
        'approval click refused: listed approver without a role that allows the operation',
      );
      await replyPrivately(target, errorMessage(approverRefusal(may, p.user.id)), ctx.logger);
      return;
    }
    const decided = await fromStore(
      ctx,
      target,
      { log: 'approval click: the approval book could not be read', decided: 'this approval' },
      () => ctx.approvals.decide(pending.request.id, p.user.id, verdict, may.ok),
    );
    if (decided === UNREACHABLE) return;
    const opKey =
      ctx.pipeline.catalogueOf(pending.request.pbx).get(pending.request.key)?.key ?? pending.request.key;
    // The card keeps the request's words whatever the verdict: its object by name, each change current → new, read
    // again now (before the run, when approved), so a decided card still says what was asked.
    const said =
      operation && (decided.kind === 'expired' || decided.kind === 'decided')
        ? { operation, words: await requestWords(ctx, operation, pending.request) }
        : {};
    switch (decided.kind) {
      case 'unknown':
        return;
      case 'already': {
        const d = decided.approval.decision;
        if (d)
          await replyPrivately(
            target,
            decisionNotice({ by: d.by, verdict: d.verdict, at: d.at }),
            ctx.logger,
          );
        return;
      }
      case 'expired':
        await update(
          target,
          messageTs,
          approvalDecidedMessage({
            request: pending.request,
            operationKey: opKey,
            ...said,
            verdict: 'expired',
            at: pending.expiresAt,
          }),
          ctx,
        );
        await replyPrivately(
          target,
          errorMessage(
            `This request expired at ${new Date(pending.expiresAt).toISOString()}; nothing was run.`,
          ),
          ctx.logger,
        );
        return;
      case 'not_approver': {
        ctx.logger.warn(
          { user: p.user.id, requestId: pending.request.id, reason: decided.reason },
          'approval click refused: not an approver of this request',
        );
        const why =
          decided.reason === 'self'
            ? 'You asked for this operation, so a different approver must decide.'
            : `Only ${pending.approvers
                .filter((id) => id !== pending.request.requester.userId)
                .map(mention)
                .join(', ')} may decide this request.`;
        await replyPrivately(target, errorMessage(why), ctx.logger);
        return;
      }
      case 'decided': {
        const at = decided.approval.decision?.at ?? Date.now();
        const decidedCard = (result?: SlackMessage) =>
          approvalDecidedMessage({
            request: pending.request,
            operationKey: opKey,
            ...said,
            verdict,
            by: p.user.id,
            at,
            ...(result ? { result } : {}),
          });
        if (verdict === 'rejected') return update(target, messageTs, decidedCard(), ctx);
        // A scheduled run's approval is recorded now and used when it is due (src/commands/schedule.ts).
        if (pending.request.source === 'schedule')
          return update(target, messageTs, decidedCard(scheduledApprovalNote()), ctx);
        const outcome = await ctx.pipeline.run(pending.request, {
          approval: { kind: 'book', requestId: pending.request.id },
        });
        const result =
          outcome.kind === 'done' || outcome.kind === 'failed'
            ? confirmationMessage(outcome, said.words?.lines)
            : outcome.kind === 'invalid' || outcome.kind === 'denied'
              ? failureMessage(outcome)
              : undefined;
        await update(target, messageTs, decidedCard(result), ctx);
        // Decided in the approvals channel (or a direct message): the channel where it was asked hears the outcome
        // too, as it would have for a write without an approval rule.
        if (result && pending.request.channel !== target.channel)
          await replyInChannel(
            {
              client: target.client,
              userId: pending.request.requester.userId,
              channel: pending.request.channel,
            },
            result,
            ctx.logger,
          );
      }
    }
  });
}

/** Replaces the buttons with the outcome; when Slack refuses, the clicker still learns it privately. */
async function update(
  target: ReplyTarget,
  ts: string | undefined,
  message: SlackMessage,
  ctx: BotContext,
): Promise<void> {
  if (ts) {
    try {
      await target.client.chat.update({
        channel: target.channel,
        ts,
        text: message.text,
        blocks: message.blocks,
      });
      return;
    } catch (err) {
      ctx.logger.warn({ err: slackError(err) }, 'could not update the approval message; telling the clicker');
    }
  }
  await replyPrivately(target, message, ctx.logger);
}
