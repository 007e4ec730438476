import type { App } from '@slack/bolt';
import { z } from 'zod';
import { decodeMetadata, layoutForm, PICKER_HINT } from '../../views/modal';
import { type BotContext, onNamedPbx } from '../context';
import { suggest } from '../suggest';

/**
 * Options for a form's pickers, asked of the PBX as the person types. Slack waits 3 s and shows nothing at all for
 * a late answer, so the suggestions have a deadline, and when there are none the one option says why.
 */

const suggestionPayload = z.object({
  type: z.literal('block_suggestion'),
  block_id: z.string().min(1).max(255),
  action_id: z.string().max(255),
  value: z.string().max(2000).default(''),
  user: z.object({ id: z.string().min(1).max(64), team_id: z.string().max(64).optional() }),
  view: z.object({ private_metadata: z.string().max(3000) }),
});

function hint(text: string) {
  const shown = text.length > 75 ? `${text.slice(0, 74)}…` : text;
  return { options: [{ text: { type: 'plain_text' as const, text: shown }, value: PICKER_HINT }] };
}

export function registerBlockSuggestion(app: App, bot: BotContext): void {
  app.options<'block_suggestion'>({ type: 'block_suggestion' }, async ({ ack, body }) => {
    const parsed = suggestionPayload.safeParse(body);
    const meta = parsed.success ? decodeMetadata(parsed.data.view.private_metadata) : undefined;
    const ctx = onNamedPbx(bot, meta?.pbx);
    const op = meta && ctx ? ctx.catalogue.get(meta.op) : undefined;
    if (!parsed.success || !meta || !op || !ctx?.forms.verify(meta)) {
      bot.logger.warn('suggestions refused: the payload or the form is not ours');
      await ack(hint('This form is no longer valid; run the command again.'));
      return;
    }
    const field = layoutForm(ctx.catalogue, op).byBlock.get(parsed.data.block_id);
    if (!field?.reference) {
      await ack(hint('Nothing to pick here: type the value instead.'));
      return;
    }
    const { user } = parsed.data;
    const requester = { userId: user.id, ...(user.team_id ? { teamId: user.team_id } : {}) };
    const found = await suggest(
      ctx,
      { requester, channel: meta.channel },
      field.reference,
      parsed.data.value,
    );
    if (found.kind === 'none') {
      await ack(hint(`No choices: ${found.why}.`));
      return;
    }
    await ack({
      options: found.options.map((o) => ({
        text: { type: 'plain_text' as const, text: o.text },
        value: o.value,
      })),
    });
  });
}
