import { closest } from '../text/did-you-mean';
import { errorMessage } from '../views/replies';
import { pbxChoiceMessage } from '../views/replies/pbx-choice';
import { type BotContext, onPbx, type ReplyTarget } from './context';
import { runFleet } from './fleet';
import type { Intent } from './grammar/intent';
import { parseCommand } from './grammar/parse';
import { extractPbxFlag } from './grammar/pbx-flag';
import { handleIntent, type Invocation } from './intent-handler';
import { replyPrivately } from './reply';

/**
 * Which PBX a command runs on, decided before anything else happens: `--pbx <name>` anywhere in the text, else the
 * channel's binding (`channels.pbx`), else the only PBX; in an unbound channel of a bot with several, the person
 * picks one with a button and nothing is sent to any PBX before.
 */
export async function runCommandText(bot: BotContext, text: string, inv: Invocation): Promise<void> {
  const target: ReplyTarget = { client: inv.client, userId: inv.requester.userId, channel: inv.channel };
  if (inv.responseUrl) target.responseUrl = inv.responseUrl;
  const flag = extractPbxFlag(text);
  if (flag.error) return replyPrivately(target, errorMessage(flag.error), bot.logger);
  const intent = parseCommand(flag.text);
  if (intent.kind === 'fleet') {
    if (flag.pbx !== undefined) {
      const message = `\`fleet\` reads every PBX you may read, so \`--pbx\` has no place in it: leave out \`--pbx ${flag.pbx}\` for the whole fleet, or leave out \`fleet\` to read ${flag.pbx} alone.`;
      return replyPrivately(target, errorMessage(message), bot.logger);
    }
    return runFleet(bot, intent, inv, target);
  }
  const names = bot.pbxs.names();
  let pbx: string | undefined;
  if (flag.pbx !== undefined) {
    pbx = bot.pbxs.find(flag.pbx);
    if (pbx === undefined) {
      const guess = closest(
        flag.pbx.toLowerCase(),
        names.map((n) => n.toLowerCase()),
      );
      const named = guess ? names.find((n) => n.toLowerCase() === guess) : undefined;
      const message =
        `There is no PBX named "${flag.pbx}".${named ? ` Did you mean \`--pbx ${named}\`?` : ''} ` +
        `The PBXs of this bot: ${names.join(', ')}. Nothing was sent.`;
      return replyPrivately(target, errorMessage(message), bot.logger);
    }
  } else {
    pbx = bot.pbxs.boundTo(inv.channel) ?? (names.length === 1 ? names[0] : undefined);
  }
  if (pbx === undefined) {
    // Help, mistakes and the bot's own audit trail are the same on every PBX: no need to ask.
    if (needsNoPbx(intent)) return handleIntent(bot, intent, inv);
    const options = names.map((name) => {
      const labels = Object.entries(bot.pbxs.describe(name)?.labels ?? {})
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ');
      return { name, ...(labels ? { note: labels } : {}), command: `${flag.text} --pbx ${name}` };
    });
    return replyPrivately(target, pbxChoiceMessage(flag.text, options), bot.logger);
  }
  return handleIntent(onPbx(bot, pbx), intent, inv);
}

function needsNoPbx(intent: Intent): boolean {
  return intent.kind === 'help' || intent.kind === 'error' || intent.kind === 'audit';
}
