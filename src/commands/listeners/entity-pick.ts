import type { App } from '@slack/bolt';
import type { BotContext } from '../context';
import { actionKey } from '../once';
import { runCommandText } from '../pbx-choice';
import { claimClick, readClick } from './click';

/**
 * A pick among several matches: the button holds the same command with the chosen object's Id, run for the
 * clicker exactly as if they had typed it (their own permissions, the same pipeline).
 */
export function registerEntityPick(app: App, ctx: BotContext): void {
  // A pick of a PBX (pbx-choice.ts) works the same way: its button holds the command with `--pbx <name>`.
  app.action(/^(entity|pbx)_pick_\d+$/, async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body, client, ctx);
    if (!click || !(await claimClick(ctx, click))) return;
    const { payload, target } = click;
    const requester = {
      userId: payload.user.id,
      ...(payload.user.team_id ? { teamId: payload.user.team_id } : {}),
      ...(payload.user.name ? { name: payload.user.name } : {}),
    };
    await runCommandText(ctx, click.value, {
      requester,
      channel: target.channel,
      triggerId: payload.trigger_id ?? actionKey(payload),
      client,
      ...(target.responseUrl ? { responseUrl: target.responseUrl } : {}),
    });
  });
}
