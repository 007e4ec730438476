import { userMessage } from '../../api/errors';
import type { Outcome } from '../../pipeline/types';
import { context, formatDuration, mention, message, type SlackMessage, section } from './blocks';
import { escapeMrkdwn, fitEscaped, inlineCode, truncate } from './limits';

type Ran = Extract<Outcome, { kind: 'done' | 'failed' }>;

export interface WriteWords {
  /** `Updated user Pavel Patel (115)`, `Created user Nina Novak (125), Id 26`. */
  done: string;
  /** `update user Pavel Patel (115)`, after "tried to". */
  tried: string;
  /** Before → after lines, members added or removed. */
  lines: string[];
}

/**
 * The channel's record of an everyday write, in people's words: who changed which object on which PBX, each
 * field before → after, and at the foot the raw operation for those who need it. Values come masked.
 */
export function entityWriteMessage(outcome: Ran, words: WriteWords): SlackMessage {
  const { request, operation } = outcome;
  const who = mention(request.requester.userId);
  const pbx = `*${fitEscaped(request.pbx, 100)}*`;
  const headline =
    outcome.kind === 'done'
      ? `✅ ${who}: ${escapeMrkdwn(words.done)} on ${pbx}`
      : `❌ ${who} tried to ${escapeMrkdwn(words.tried)} on ${pbx}: ${escapeMrkdwn(truncate(userMessage(outcome.error), 1500))}`;
  const blocks = [section(headline)];
  if (words.lines.length > 0 && outcome.kind === 'done')
    blocks.push(section(words.lines.map((l) => `• ${fitEscaped(l, 400)}`).join('\n')));
  const ms = outcome.kind === 'done' ? outcome.result.durationMs : outcome.durationMs;
  const footer = [
    inlineCode(operation.key, 200),
    outcome.kind === 'done' ? `HTTP ${outcome.result.status}` : '',
    formatDuration(ms) && `took ${formatDuration(ms)}`,
    `request ${escapeMrkdwn(request.id)}`,
  ].filter(Boolean);
  const summary =
    outcome.kind === 'done'
      ? `${words.done}: ${words.lines.join('; ')}`
      : `${who} tried to ${words.tried}: ${userMessage(outcome.error)}`;
  return message(escapeMrkdwn(summary), [...blocks, context(footer.join(' · '))], 0);
}
