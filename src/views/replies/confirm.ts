import type { ModalView } from '@slack/types';
import { actions, button, context, message, type SlackMessage, section, slackDate } from './blocks';
import { escapeMrkdwn, fitEscaped, truncate } from './limits';

/**
 * "This will …": the question before a dangerous write, with Confirm/Cancel for the asker alone. `fqdn` (the worst
 * operations) says that Confirm will ask for the PBX's FQDN to be typed.
 */
export function confirmQuestion(
  question: string,
  value: string,
  expiresAt: number,
  fqdn?: string,
): SlackMessage {
  const text = `⚠️ ${question}. Confirm?`;
  const how = fqdn
    ? `Only you can confirm, by typing the PBX's FQDN after Confirm, once, until ${slackDate(expiresAt)} (5 minutes).`
    : `Only you can confirm, once, until ${slackDate(expiresAt)} (5 minutes).`;
  return message(text, [
    section(`⚠️ *${fitEscaped(question, 2000)}.* Nothing has been sent to 3CX yet.`),
    actions('confirm', [
      button('Confirm', 'confirm_run', value, 'danger'),
      button('Cancel', 'confirm_cancel', value),
    ]),
    context(how),
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

export const FQDN_CALLBACK = 'confirm_fqdn';
/** The input's block and action ids, as the submission reads them back. */
export const FQDN_BLOCK = 'fqdn';
export const FQDN_ACTION = 'typed';

/**
 * The last step before the worst operations (RestartOperatingSystem, Restore, Purge*): the PBX's FQDN typed by hand,
 * as GitHub asks for a repository's name before deleting it, so a click on the wrong message or PBX runs nothing.
 * The FQDN is shown: the point is to read which PBX this is, not to guess it.
 */
export function fqdnModal(question: string, pbx: string, fqdn: string, privateMetadata: string): ModalView {
  return {
    type: 'modal',
    callback_id: FQDN_CALLBACK,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: 'Confirm' },
    submit: { type: 'plain_text', text: 'Run it' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(`⚠️ *${fitEscaped(question, 2000)}.* This cannot be undone from Slack.`),
      {
        type: 'input',
        block_id: FQDN_BLOCK,
        label: { type: 'plain_text', text: truncate(`Type the FQDN of PBX ${pbx} to confirm`, 2000) },
        hint: { type: 'plain_text', text: truncate(`It is ${fqdn}. Nothing runs unless it matches.`, 2000) },
        element: { type: 'plain_text_input', action_id: FQDN_ACTION, max_length: 255 },
      },
      context(`Only you can confirm, once. PBX *${escapeMrkdwn(pbx)}*.`),
    ],
  };
}
