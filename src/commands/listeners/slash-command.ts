import type { App } from '@slack/bolt';
import { errorMessage } from '../../views/replies';
import type { BotContext } from '../context';
import { parseCommand } from '../grammar/parse';
import { handleIntent } from '../intent-handler';
import { claimOnce, commandKey, STORE_UNAVAILABLE } from '../once';
import { slashCommandPayload } from '../payloads';
import { replyPrivately } from '../reply';

/** `/3cx …`: ack at once, then parse and carry out. */
export function registerSlashCommand(app: App, ctx: BotContext): void {
  app.command('/3cx', async ({ ack, body, client }) => {
    await ack();
    const parsed = slashCommandPayload.safeParse(body);
    if (!parsed.success) {
      ctx.logger.warn(
        { issues: parsed.error.issues.map((i) => i.path.join('.')) },
        'slash command payload refused',
      );
      return;
    }
    const p = parsed.data;
    const requester = {
      userId: p.user_id,
      ...(p.team_id ? { teamId: p.team_id } : {}),
      ...(p.user_name ? { name: p.user_name } : {}),
    };
    const invocation = {
      requester,
      channel: p.channel_id,
      triggerId: p.trigger_id,
      client,
      ...(p.response_url ? { responseUrl: p.response_url } : {}),
    };
    const claimed = await claimOnce(ctx, commandKey(p));
    if (claimed === 'duplicate') return;
    if (claimed === 'unavailable') {
      const target = {
        client,
        userId: p.user_id,
        channel: p.channel_id,
        ...(p.response_url ? { responseUrl: p.response_url } : {}),
      };
      await replyPrivately(target, errorMessage(STORE_UNAVAILABLE), ctx.logger);
      return;
    }
    await handleIntent(ctx, parseCommand(p.text), invocation);
  });
}
