import type { App } from '@slack/bolt';
import { errorMessage, resultMessage } from '../../views/replies';
import type { BotContext } from '../context';
import { replyPrivately } from '../reply';
import { readClick } from './click';

/** Next/Previous on a private list: rows come from ResultPages, never from the button. */
export function registerPageButtons(app: App, ctx: BotContext): void {
  for (const actionId of ['page_next', 'page_prev']) {
    app.action(actionId, async ({ ack, body, client }) => {
      await ack();
      const click = readClick(body, client, ctx);
      if (!click) return;
      const { target } = click;
      const [resultId, pageText] = click.value.split(':');
      const page = Number(pageText);
      const kept =
        resultId && Number.isInteger(page) && page >= 0 ? ctx.pages.get(resultId, target.userId) : 'expired';
      if (kept === 'expired' || kept === 'not_owner') {
        const why =
          kept === 'expired'
            ? 'This list is no longer kept (lists stay for 30 minutes, in the bot process that showed them); run the command again.'
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
