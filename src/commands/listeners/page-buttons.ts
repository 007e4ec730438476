import type { App } from '@slack/bolt';
import { errorMessage, resultMessage } from '../../views/replies';
import type { BotContext } from '../context';
import { blockActionPayload } from '../payloads';
import { replyPrivately } from '../reply';

/** Next/Previous on a private list: rows come from ResultPages, never from the button. */
export function registerPageButtons(app: App, ctx: BotContext): void {
  for (const actionId of ['page_next', 'page_prev']) {
    app.action(actionId, async ({ ack, body, client }) => {
      await ack();
      const parsed = blockActionPayload.safeParse(body);
      if (!parsed.success) return;
      const p = parsed.data;
      const [resultId, pageText] = (p.actions[0]?.value ?? '').split(':');
      const page = Number(pageText);
      const channel = p.channel?.id ?? p.container?.channel_id ?? '';
      const target = {
        client,
        userId: p.user.id,
        channel,
        ...(p.response_url ? { responseUrl: p.response_url } : {}),
      };
      const kept =
        resultId && Number.isInteger(page) && page >= 0 ? ctx.pages.get(resultId, p.user.id) : 'expired';
      if (kept === 'expired' || kept === 'not_owner') {
        const why =
          kept === 'expired'
            ? 'This list has expired; run the command again.'
            : 'Only the person who asked can page this list.';
        await replyPrivately(target, errorMessage(why), ctx.logger);
        return;
      }
      const reply = resultMessage(kept.outcome, { json: kept.json, page, resultId: resultId as string });
      if ('file' in reply) return;
      await replyPrivately(target, reply, ctx.logger, true);
    });
  }
}
