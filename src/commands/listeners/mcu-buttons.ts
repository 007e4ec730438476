import type { App } from '@slack/bolt';
import { errorMessage } from '../../views/replies';
import type { BotContext } from '../context';
import { actionKey, claimOnce, STORE_UNAVAILABLE } from '../once';
import { blockActionPayload } from '../payloads';
import { replyPrivately } from '../reply';

/** Approve/Reject on an MCU request: the desk holds the request; the button names only the announcement. */
export function registerMcuButtons(app: App, ctx: BotContext): void {
  app.action(/^mcu_(approve|reject)$/, async ({ ack, body, client }) => {
    await ack();
    const parsed = blockActionPayload.safeParse(body);
    if (!parsed.success) return;
    const p = parsed.data;
    const action = p.actions[0];
    const channel = p.channel?.id ?? p.container?.channel_id ?? '';
    const target = {
      client,
      userId: p.user.id,
      channel,
      ...(p.response_url ? { responseUrl: p.response_url } : {}),
    };
    const claimed = await claimOnce(ctx, actionKey(p));
    if (claimed === 'duplicate') return;
    if (claimed === 'unavailable') {
      await replyPrivately(target, errorMessage(STORE_UNAVAILABLE), ctx.logger);
      return;
    }
    await ctx.mcu.decide({
      announcementId: action?.value ?? '',
      verdict: action?.action_id === 'mcu_approve' ? 'approved' : 'rejected',
      clicker: { userId: p.user.id, ...(p.user.name ? { name: p.user.name } : {}) },
      target,
      messageTs: p.message?.ts ?? p.container?.message_ts,
    });
  });
}
