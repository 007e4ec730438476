import { operationClass } from '../../api/catalogue';
import { confirmAnswered } from '../../views/replies/confirm';
import { entityWriteMessage } from '../../views/replies/entity-write';
import type { Opened } from '../confirm';
import type { BotContext, ReplyTarget } from '../context';
import { deliverOutcome } from '../deliver';
import { replyInChannel, replyPrivately } from '../reply';

/** What a confirmation's answer does once claimed, shared by the buttons and the FQDN form. */

type Confirmed = Extract<Opened, { ok: true }>;

/** Why a click on a confirmation is refused, in the clicker's words. */
export const REFUSED = {
  forged: 'This button was not made by the bot, or was altered; nothing was run.',
  expired: 'This confirmation has expired (they last 5 minutes); nothing was run. Ask again.',
  not_asker: 'Only the person who asked can confirm or cancel this.',
} as const;

export const ALREADY_ANSWERED = 'This was already answered; nothing more was run.';

export function questionOf(opened: Confirmed): string {
  const { request } = opened;
  return request.subject ? `${request.key} on ${request.subject}` : request.key;
}

/**
 * What a confirmation's claimed answer does, from a button or the FQDN form: `target` answers the asker where the
 * question was (a reply to it replaces it).
 */
export async function runConfirmed(ctx: BotContext, target: ReplyTarget, opened: Confirmed): Promise<void> {
  const { request } = opened;
  const question = questionOf(opened);
  // A confirmed `schedule …` is kept for later, not run now.
  if (opened.schedule !== undefined) {
    await ctx.scheduler.confirmed(ctx, { ...target, channel: request.channel }, request, opened.schedule);
    return;
  }
  // The question turns into its answer: the channel gets the confirmation of the write, the asker's private
  // message the failure, or a note that it ran.
  const outcome = await ctx.pipeline.run(request);
  const answer = { ...target, channel: request.channel };
  if (outcome.kind === 'done' && opened.words) {
    await replyInChannel(answer, entityWriteMessage(outcome, opened.words), ctx.logger);
    await replyPrivately(answer, confirmAnswered(question, 'confirmed'), ctx.logger, true);
    return;
  }
  const wrote = outcome.kind === 'done' && operationClass(outcome.operation) === 'write';
  await deliverOutcome(ctx, answer, outcome, undefined, !wrote);
  if (wrote) await replyPrivately(answer, confirmAnswered(question, 'confirmed'), ctx.logger, true);
}
