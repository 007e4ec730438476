import { userMessage } from '../../api/errors';
import type { Outcome } from '../../pipeline/types';
import {
  argsLines,
  context,
  formatDuration,
  mention,
  message,
  opOnPbx,
  type SlackMessage,
  section,
} from './blocks';
import { escapeMrkdwn, fitEscaped, truncate } from './limits';

type Ran = Extract<Outcome, { kind: 'done' | 'failed' }>;

const MAX_CHANGES = 25;

/**
 * The channel's record of a write: who ran what on which PBX, with which (masked) parameters, and how it ended.
 * Everyone in the channel sees it, so it shows `maskedArgs` only, never the request as typed. `changes` (each field
 * before → after, masked, read before the write) take the place of the raw body when given.
 */
export function confirmationMessage(outcome: Ran, changes: string[] = []): SlackMessage {
  const { request, operation } = outcome;
  const who = mention(request.requester.userId);
  const ms = outcome.kind === 'done' ? outcome.result.durationMs : outcome.durationMs;
  const took = formatDuration(ms);

  const headline =
    outcome.kind === 'done'
      ? `✅ ${who} ran ${opOnPbx(operation.key, request.pbx)}`
      : `❌ ${who} tried ${opOnPbx(operation.key, request.pbx)}`;
  const result =
    outcome.kind === 'done'
      ? `*Result:* Done (HTTP ${outcome.result.status})`
      : `*Result:* Failed: ${escapeMrkdwn(truncate(userMessage(outcome.error), 1500))}`;

  const blocks = [section([headline, result].join('\n'))];
  const said = changes.length > 0 && outcome.kind === 'done';
  const args = argsLines(said ? { params: outcome.maskedArgs.params } : outcome.maskedArgs);
  if (args.length > 0) blocks.push(section(args.join('\n')));
  if (said) {
    const shown = changes.slice(0, MAX_CHANGES).map((l) => `• ${fitEscaped(l, 300)}`);
    if (changes.length > shown.length) shown.push(`• and ${changes.length - shown.length} more`);
    blocks.push(section(truncate(`*Changes:*\n${shown.join('\n')}`, 2900)));
  }
  const footer = [took && `Took ${took}`, `Request ${escapeMrkdwn(request.id)}`].filter(Boolean).join(' · ');
  const what = escapeMrkdwn(`${operation.key} on ${request.pbx}`);
  const summary =
    outcome.kind === 'done'
      ? `${who} ran ${what}: Done (HTTP ${outcome.result.status})`
      : `${who} tried ${what}: Failed: ${escapeMrkdwn(userMessage(outcome.error))}`;
  return message(summary, [...blocks, context(footer)], 0);
}
