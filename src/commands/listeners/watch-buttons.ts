import type { App } from '@slack/bolt';
import { ALERT_ACK, ALERT_MUTE } from '../../views/replies';
import type { BotContext } from '../context';
import { handleAlertButton } from '../watch';
import { claimClick, readClick } from './click';

/** Acknowledge and Mute 1 h on an alert a watch posted. */
export function registerWatchButtons(app: App, ctx: BotContext): void {
  app.action(new RegExp(`^(${ALERT_ACK}|${ALERT_MUTE})$`), async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body, client, ctx);
    if (!click || !(await claimClick(ctx, click))) return;
    const action = click.action?.action_id === ALERT_ACK ? 'ack' : 'mute';
    await handleAlertButton(ctx, action, click.value, click.target, click.messageTs);
  });
}
