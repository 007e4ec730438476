import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Operation } from '../../api/catalogue';
import {
  buildMoreFieldsModal,
  carryState,
  decodeMetadata,
  MORE_FIELDS,
  type ModalMetadata,
} from '../../views/modal';
import { messageModal } from '../../views/modal/preview';
import { errorMessage } from '../../views/replies';
import { type BotContext, onNamedPbx } from '../context';
import { fillMoreFields } from '../prefill';
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

/**
 * The second page of a prefilled form shows today's values too; they are read again (the first page's could not
 * ride along: too large), so the page opens with a wait, as the form did.
 */
async function pushPrefilled(
  ctx: BotContext,
  client: WebClient,
  click: z.infer<typeof moreFieldsClick>,
  meta: ModalMetadata & { carried: Record<string, string | string[]> },
  op: Operation,
): Promise<void> {
  const wait = messageModal('More fields', `Reading today's values from *${meta.pbx}*…`, { back: true });
  const target = { client, userId: click.user.id, channel: meta.channel };
  let viewId: string | undefined;
  try {
    viewId = (await client.views.push({ trigger_id: click.trigger_id, view: wait })).view?.id;
  } catch (err) {
    const text = `The next page of the form could not be opened: Slack said ${slackError(err)}.`;
    return replyPrivately(target, errorMessage(text), ctx.logger);
  }
  if (!viewId) return;
  const requester = { userId: click.user.id };
  await fillMoreFields({ ctx, client, who: { requester, channel: meta.channel }, viewId }, op, meta);
}

export function registerMoreFields(app: App, bot: BotContext): void {
  app.action(MORE_FIELDS, async ({ ack, body, client }) => {
    await ack();
    const parsed = moreFieldsClick.safeParse(body);
    const meta = parsed.success ? decodeMetadata(parsed.data.view.private_metadata) : undefined;
    const ctx = onNamedPbx(bot, meta?.pbx);
    const op = meta && ctx ? ctx.catalogue.get(meta.op) : undefined;
    if (!parsed.success || !meta || !op || !ctx?.forms.verify(meta)) {
      bot.logger.warn('more fields refused: the payload or the form is not ours');
      return;
    }
    const target = { client, userId: parsed.data.user.id, channel: meta.channel };
    const carried = carryState(parsed.data.view.state?.values ?? {}, meta.prefill !== undefined);
    if (meta.prefill !== undefined) return pushPrefilled(ctx, client, parsed.data, { ...meta, carried }, op);
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
