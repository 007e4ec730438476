import type { App } from '@slack/bolt';
import type { ValidationIssue } from '../../api/validation';
import { decodeMetadata, readSubmission } from '../../views/modal';
import { errorMessage, failureMessage } from '../../views/replies';
import type { BotContext, ReplyTarget } from '../context';
import { deliverOutcome } from '../deliver';
import { makeRequest } from '../intent-handler';
import { claimOnce, STORE_UNAVAILABLE, viewKey } from '../once';
import { viewSubmissionPayload } from '../payloads';
import { replyPrivately } from '../reply';

/**
 * A submitted operation form. Field errors go back under the field (`response_action: errors`) before the modal
 * closes; the permission check runs again for the submitter; the 3CX call runs after the ack.
 */
export function registerModalSubmission(app: App, ctx: BotContext): void {
  app.view('op_modal', async ({ ack, body, client }) => {
    const parsed = viewSubmissionPayload.safeParse(body);
    const meta = parsed.success ? decodeMetadata(parsed.data.view.private_metadata) : undefined;
    const op = meta ? ctx.catalogue.get(meta.op) : undefined;
    if (!parsed.success || !meta || !op || meta.pbx !== ctx.pbx) {
      ctx.logger.warn('modal submission refused: payload or metadata not ours');
      await ack({
        response_action: 'errors',
        errors: { advanced_json: 'This form is no longer valid; run the command again.' },
      });
      return;
    }
    const userId = parsed.data.user.id;
    if (!ctx.forms.verify(meta)) {
      ctx.logger.warn(
        { user: userId, op: meta.op, channel: meta.channel, viewId: parsed.data.view.id },
        'modal submission refused: the form was not issued by the bot, or was altered',
      );
      await ack({
        response_action: 'errors',
        errors: { advanced_json: 'This form is no longer valid; run the command again.' },
      });
      return;
    }
    const read = readSubmission(ctx.catalogue, op, parsed.data.view.state.values, undefined, meta);
    if ('errors' in read) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    const requester = { userId, ...(parsed.data.user.team_id ? { teamId: parsed.data.user.team_id } : {}) };
    const request = makeRequest(
      ctx,
      { requester, channel: meta.channel },
      op.key,
      read.args,
      read.body,
      'modal',
    );
    const checked = await ctx.pipeline.check(request);
    if (!checked.ok && checked.outcome.kind === 'invalid') {
      await ack({
        response_action: 'errors',
        errors: issuesToErrors(checked.outcome.issues, parsed.data.view.state.values),
      });
      return;
    }
    await ack();
    const target: ReplyTarget = { client, userId, channel: meta.channel };
    if (!checked.ok) {
      if (checked.outcome.kind === 'denied')
        await replyPrivately(target, failureMessage(checked.outcome), ctx.logger);
      return;
    }
    const claimed = await claimOnce(ctx, viewKey(parsed.data));
    if (claimed === 'duplicate') return;
    if (claimed === 'unavailable') {
      await replyPrivately(target, errorMessage(STORE_UNAVAILABLE), ctx.logger);
      return;
    }
    await deliverOutcome(ctx, target, await ctx.pipeline.run(request));
  });
}

/** Maps validation fields (`licenseParams.Email`, `Name`) to the form's block ids, or the JSON box as a last resort. */
function issuesToErrors(issues: ValidationIssue[], values: Record<string, unknown>): Record<string, string> {
  const blocks = Object.keys(values);
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const block =
      blocks.find((b) => b === `body:${issue.field}` || b === `param:${issue.field}`) ??
      blocks.find(
        (b) => b.endsWith(`:${issue.field}`) || issue.field.startsWith(b.replace(/^(body|param):/, '')),
      ) ??
      (blocks.includes('advanced_json') ? 'advanced_json' : blocks[0]);
    if (block && !errors[block]) errors[block] = issue.message;
  }
  return errors;
}
