import type { App } from '@slack/bolt';
import type { BotContext } from '../context';
import { commandKey } from '../once';
import { slashCommandPayload } from '../payloads';
import { runCommandText } from '../pbx-choice';

/** `/3cx …`: ack at once, then parse and carry out (a delivery seen before runs nothing: see once.ts). */
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
      onceKey: commandKey(p),
    };
    await runCommandText(ctx, unescapeSlack(p.text), invocation);
  });
}

/**
 * Slack escapes `&`, `<` and `>` in the text of a slash command (`R&D` arrives as `R&amp;D`), as in all its
 * text; what 3CX receives is what the person typed.
 */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
