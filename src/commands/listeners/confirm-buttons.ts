import type { App } from '@slack/bolt';
import { errorMessage, infoMessage } from '../../views/replies';
import { confirmAnswered } from '../../views/replies/confirm';
import { openConfirmation } from '../confirm';
import type { BotContext } from '../context';
import { claimOnce, STORE_UNAVAILABLE } from '../once';
import { replyPrivately } from '../reply';
import { claimClick, readClick } from './click';
import { openFqdnForm } from './confirm-fqdn';
import { ALREADY_ANSWERED, questionOf, REFUSED, runConfirmed } from './confirmed';

/**
 * Confirm/Cancel under a dangerous write. The button carries the sealed request; only its asker may answer, once:
 * the first answer takes a durable claim on the request id, so a second click, on any replica, runs nothing. For
 * the worst operations Confirm only opens the form where the PBX's FQDN is typed (confirm-fqdn.ts); that
 * submission takes the claim and runs.
 */
export function registerConfirmButtons(app: App, ctx: BotContext): void {
  app.action(/^confirm_(run|cancel)$/, async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body, client, ctx);
    if (!click) return;
    const { target } = click;
    const opened = openConfirmation(ctx, click.value, target.userId);
    const cancel = click.action?.action_id === 'confirm_cancel';
    // The trigger_id lives 3 s: the form opens before any database work. It runs nothing by itself.
    if (opened.ok && opened.fqdn !== undefined && !cancel) {
      await openFqdnForm(ctx, click, opened);
      return;
    }
    if (!(await claimClick(ctx, click))) return;
    if (!opened.ok) {
      ctx.logger.warn({ user: target.userId, why: opened.why }, 'confirmation click refused');
      await replyPrivately(target, errorMessage(REFUSED[opened.why]), ctx.logger);
      return;
    }
    const { request } = opened;
    // A question asked without the FQDN for an operation that needs it (one sealed before the operation was so
    // marked) is not enough to run it.
    const op = ctx.pipeline.catalogueOf(request.pbx).get(request.key);
    if (!cancel && op?.danger === 'fqdn') {
      const text = `${request.key} needs the PBX's FQDN typed to confirm; nothing was run. Ask again.`;
      await replyPrivately(target, errorMessage(text), ctx.logger);
      return;
    }
    const claimed = await claimOnce(ctx, `confirm:${request.id}`);
    if (claimed === 'unavailable') {
      await replyPrivately(target, errorMessage(STORE_UNAVAILABLE), ctx.logger);
      return;
    }
    if (claimed === 'duplicate') {
      await replyPrivately(target, infoMessage(ALREADY_ANSWERED), ctx.logger);
      return;
    }
    if (cancel) {
      const question = questionOf(opened);
      const asked = opened.schedule === undefined ? question : `scheduling ${question}`;
      await replyPrivately(target, confirmAnswered(asked, 'cancelled'), ctx.logger, true);
      return;
    }
    await runConfirmed(ctx, target, opened);
  });
}
