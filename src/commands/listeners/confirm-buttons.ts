import type { App } from '@slack/bolt';
import { operationClass } from '../../api/catalogue';
import { errorMessage, infoMessage } from '../../views/replies';
import { confirmAnswered } from '../../views/replies/confirm';
import { entityWriteMessage } from '../../views/replies/entity-write';
import { openConfirmation } from '../confirm';
import type { BotContext } from '../context';
import { deliverOutcome } from '../deliver';
import { claimOnce, STORE_UNAVAILABLE } from '../once';
import { replyInChannel, replyPrivately } from '../reply';
import { claimClick, readClick } from './click';

/**
 * Confirm/Cancel under a dangerous write. The button carries the sealed request; only its asker may answer, once:
 * the first answer takes a durable claim on the request id, so a second click, on any replica, runs nothing.
 */
export function registerConfirmButtons(app: App, ctx: BotContext): void {
  app.action(/^confirm_(run|cancel)$/, async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body, client, ctx);
    if (!click || !(await claimClick(ctx, click))) return;
    const { target } = click;
    const opened = openConfirmation(ctx, click.value, target.userId);
    if (!opened.ok) {
      ctx.logger.warn({ user: target.userId, why: opened.why }, 'confirmation click refused');
      const why = {
        forged: 'This button was not made by the bot, or was altered; nothing was run.',
        expired: 'This confirmation has expired (they last 5 minutes); nothing was run. Ask again.',
        not_asker: 'Only the person who asked can confirm or cancel this.',
      }[opened.why];
      await replyPrivately(target, errorMessage(why), ctx.logger);
      return;
    }
    const { request } = opened;
    const claimed = await claimOnce(ctx, `confirm:${request.id}`);
    if (claimed === 'unavailable') {
      await replyPrivately(target, errorMessage(STORE_UNAVAILABLE), ctx.logger);
      return;
    }
    const question = request.subject ? `${request.key} on ${request.subject}` : request.key;
    if (claimed === 'duplicate') {
      await replyPrivately(
        target,
        infoMessage('This was already answered; nothing more was run.'),
        ctx.logger,
      );
      return;
    }
    const cancel = click.action?.action_id === 'confirm_cancel';
    if (cancel) {
      await replyPrivately(target, confirmAnswered(question, 'cancelled'), ctx.logger, true);
      return;
    }
    // The question turns into its answer: the channel gets the confirmation of the write, the asker's private
    // message the failure, or a note that it ran.
    const outcome = await ctx.pipeline.run(request);
    const answer = { ...target, channel: request.channel };
    if (outcome.kind === 'done' && opened.words) {
      await replyInChannel(answer, entityWriteMessage(outcome, opened.words), ctx.logger);
      await replyPrivately(answer, confirmAnswered(question, 'confirmed'), ctx.logger, true);
      return;
    }
    const wrote = outcome.kind === 'done' && operationClass(outcome.operation) === 'write';
    await deliverOutcome(ctx, answer, outcome, undefined, !wrote);
    if (wrote) await replyPrivately(answer, confirmAnswered(question, 'confirmed'), ctx.logger, true);
  });
}
