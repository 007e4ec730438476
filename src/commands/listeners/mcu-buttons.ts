import type { App } from '@slack/bolt';
import type { BotContext } from '../context';
import { decideMcu } from '../mcu-decision';
import { claimClick, readClick } from './click';

/** Approve/Reject on an MCU request: the desk holds the request; the button names only the announcement. */
export function registerMcuButtons(app: App, ctx: BotContext): void {
  app.action(/^mcu_(approve|reject)$/, async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body, client, ctx);
    if (!click || !(await claimClick(ctx, click))) return;
    await decideMcu(ctx, {
      announcementId: click.value,
      verdict: click.action?.action_id === 'mcu_approve' ? 'approved' : 'rejected',
      clicker: {
        userId: click.target.userId,
        ...(click.payload.user.name ? { name: click.payload.user.name } : {}),
      },
      target: click.target,
      messageTs: click.messageTs,
    });
  });
}
