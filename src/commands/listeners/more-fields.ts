import type { App } from '@slack/bolt';
import { z } from 'zod';
import { buildMoreFieldsModal, carryState, decodeMetadata, MORE_FIELDS } from '../../views/modal';
import { errorMessage } from '../../views/replies';
import { type BotContext, onNamedPbx } from '../context';
import { replyPrivately, slackError } from '../reply';

/**
 * "More fields" in a long form: pushes the second page over the first. What the first page holds at that moment
 * rides in the second page's metadata, so one submission there sends both; the seal travels unchanged because
 * it covers what the bot decided (operation, channel, PBX, arguments), not what the person typed.
 */

const moreFieldsClick = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1).max(64) }),
  trigger_id: z.string().min(1),
  view: z.object({
    id: z.string().min(1),
    private_metadata: z.string().max(3000),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }).optional(),
  }),
});

export function registerMoreFields(app: App, bot: BotContext): void {
  app.action(MORE_FIELDS, async ({ ack, body, client }) => {
    await ack();
    const parsed = moreFieldsClick.safeParse(body);
    const meta = parsed.success ? decodeMetadata(parsed.data.view.private_metadata) : undefined;
    const ctx = onNamedPbx(bot, meta?.pbx);
    const op = meta && ctx ? ctx.catalogue.get(meta.op) : undefined;
    if (!parsed.success || !meta || !op || !ctx || !ctx.forms.verify(meta)) {
      bot.logger.warn('more fields refused: the payload or the form is not ours');
      return;
    }
    const target = { client, userId: parsed.data.user.id, channel: meta.channel };
    const carried = carryState(parsed.data.view.state?.values ?? {});
    let view: ReturnType<typeof buildMoreFieldsModal>;
    try {
      view = buildMoreFieldsModal(ctx.catalogue, op, { ...meta, carried });
    } catch {
      // The first page's text does not fit the 3,000 characters a view may carry.
      await replyPrivately(
        target,
        errorMessage(
          'The first page holds too much text to carry to the next one. Shorten it, or put every field in *Advanced JSON*.',
        ),
        ctx.logger,
      );
      return;
    }
    try {
      await client.views.push({ trigger_id: parsed.data.trigger_id, view });
    } catch (err) {
      await replyPrivately(
        target,
        errorMessage(`The next page of the form could not be opened: Slack said ${slackError(err)}.`),
        ctx.logger,
      );
    }
  });
}
