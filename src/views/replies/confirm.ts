import { actions, button, context, message, type SlackMessage, section, slackDate } from './blocks';
import { fitEscaped } from './limits';

/** "This will …": the question before a dangerous write, with Confirm/Cancel for the asker alone. */
export function confirmQuestion(question: string, value: string, expiresAt: number): SlackMessage {
  const text = `⚠️ ${question}. Confirm?`;
  return message(text, [
    section(`⚠️ *${fitEscaped(question, 2000)}.* Nothing has been sent to 3CX yet.`),
    actions('confirm', [
      button('Confirm', 'confirm_run', value, 'danger'),
      button('Cancel', 'confirm_cancel', value),
    ]),
    context(`Only you can confirm, once, until ${slackDate(expiresAt)} (5 minutes).`),
  ]);
}

/** What replaces the question once it is answered. */
export function confirmAnswered(question: string, verdict: 'confirmed' | 'cancelled'): SlackMessage {
  const text =
    verdict === 'confirmed'
      ? 'Confirmed and sent to 3CX; the outcome is posted in the channel.'
      : `Cancelled: ${question}. Nothing was sent to 3CX.`;
  return message(text, [
    section(verdict === 'confirmed' ? `☑️ ${fitEscaped(text, 2000)}` : `✖️ ${fitEscaped(text, 2000)}`),
  ]);
}
