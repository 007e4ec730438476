import type { App } from '@slack/bolt';
import type { OperationRequest } from '../../pipeline';
import { decodeMetadata } from '../../views/modal';
import { guardOf } from '../../views/modal/prefill';
import { messageModal, PREVIEW_CALLBACK_ID, REPLACE_LIST, REPLACE_VALUE } from '../../views/modal/preview';
import { readElement } from '../../views/modal/state';
import { errorMessage } from '../../views/replies';
import { entityWriteMessage } from '../../views/replies/entity-write';
import { confirmFirst } from '../confirm';
import { type BotContext, onNamedPbx, type ReplyTarget } from '../context';
import { deliverOutcome } from '../deliver';
import { type Carried, carriedChanges, carriedShape, changeLines } from '../form-preview';
import { claimOnce, STORE_UNAVAILABLE } from '../once';
import { viewSubmissionPayload } from '../payloads';
import { prefillPlan, readCurrent, readFailureMessage } from '../prefill';
import { replyInChannel, replyPrivately } from '../reply';

/**
 * Confirm under the changes of a prefilled form: only now does the write run, once, with what the preview showed.
 * A list that loses members needs its "Replace the whole list" ticked; the object is read once more and nothing is
 * sent when someone changed those fields since the preview.
 */

const NO_LONGER = messageModal(
  'Changes',
  'This preview is no longer valid; nothing was sent to 3CX. Run the command again.',
);

export function registerFormPreview(app: App, bot: BotContext): void {
  app.view(PREVIEW_CALLBACK_ID, async ({ ack, body, client }) => {
    const parsed = viewSubmissionPayload.safeParse(body);
    const meta = parsed.success ? decodeMetadata(parsed.data.view.private_metadata) : undefined;
    const ctx = onNamedPbx(bot, meta?.pbx);
    const carried = meta ? carriedShape.safeParse(meta.args) : undefined;
    const op = meta && ctx ? ctx.catalogue.get(meta.op) : undefined;
    const userId = parsed.success ? parsed.data.user.id : '';
    if (!parsed.success || !meta || !ctx || !op || !carried?.success || !ctx.forms.verify(meta)) {
      bot.logger.warn('preview confirmation refused: the payload or its metadata is not ours');
      await ack({ response_action: 'update', view: NO_LONGER });
      return;
    }
    // The preview was made for the person who submitted the form: their name is sealed in it.
    if (carried.data.user !== userId) {
      ctx.logger.warn({ user: userId }, 'preview confirmation refused: not the person it was made for');
      await ack({ response_action: 'update', view: NO_LONGER });
      return;
    }
    const ticked = readElement(parsed.data.view.state.values[REPLACE_LIST]?.value);
    if (carried.data.replace === '1' && !(ticked.kind === 'list' && ticked.values.includes(REPLACE_VALUE))) {
      await ack({
        response_action: 'errors',
        errors: {
          [REPLACE_LIST]:
            'Tick “Replace the whole list” to remove those members, or press Back to change the list. Nothing was sent.',
        },
      });
      return;
    }
    await ack({ response_action: 'clear' });
    const target: ReplyTarget = { client, userId, channel: meta.channel };
    const team = parsed.data.user.team_id;
    const request: OperationRequest = {
      id: meta.requestId,
      pbx: meta.pbx,
      key: op.key,
      args: JSON.parse(carried.data.params) as Record<string, unknown>,
      body: JSON.parse(carried.data.body) as unknown,
      requester: { userId, ...(team ? { teamId: team } : {}) },
      channel: meta.channel,
      source: 'modal',
      subject: carried.data.subject,
    };
    await runConfirmed(ctx, target, request, carried.data);
  });
}

async function runConfirmed(
  ctx: BotContext,
  target: ReplyTarget,
  request: OperationRequest,
  carried: Carried,
): Promise<void> {
  const claimed = await claimOnce(ctx, `preview:${request.id}`);
  if (claimed === 'duplicate') return;
  if (claimed === 'unavailable') return replyPrivately(target, errorMessage(STORE_UNAVAILABLE), ctx.logger);
  const op = ctx.catalogue.get(request.key);
  const changes = carriedChanges(carried);
  const plan = op ? prefillPlan(ctx.catalogue, op, request.args as Record<string, string>) : undefined;
  if (!op || !plan || !changes)
    return replyPrivately(
      target,
      errorMessage('This preview can no longer be run; nothing was sent.'),
      ctx.logger,
    );
  const who = { requester: request.requester, channel: request.channel };
  const current = await readCurrent(ctx, who, plan, request.args);
  if (!current.ok) return replyPrivately(target, readFailureMessage(current.outcome), ctx.logger);
  if (guardOf(changes, current.object) !== carried.guard) {
    const text =
      `${carried.subject} changed on the PBX since the preview, in the fields you were changing: nothing was sent. ` +
      'Open the form again to see today’s values.';
    return replyPrivately(target, errorMessage(text), ctx.logger);
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  const lines = changeLines(changes, current.object, body);
  const words = { done: `Updated ${carried.subject}`, tried: `update ${carried.subject}`, lines };
  // A `confirm:` pattern of BOT_CONFIG covers a previewed form too: the preview showed the change, the question asks.
  if (await confirmFirst(ctx, target, op, request, words)) return;
  const outcome = await ctx.pipeline.run(request);
  if (outcome.kind !== 'done') return deliverOutcome(ctx, target, outcome);
  await replyInChannel(target, entityWriteMessage(outcome, words), ctx.logger);
}
