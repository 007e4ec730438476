import type { KnownBlock } from '@slack/types';
import {
  actions,
  button,
  context,
  fieldsSection,
  header,
  mention,
  message,
  type SlackMessage,
  section,
  slackDate,
} from './blocks';
import { escapeMrkdwn, fitEscaped } from './limits';

/** The MCU request as 3CX reported it (`GET /ConferenceSettings/Pbx.GetMCURequestStatus()`). */
export interface McuSnapshot {
  McuId: string | null;
  Operation: string | null;
  State: string | null;
  RequestExpiration: string | null;
  ErrorMessage: string | null;
}

export interface McuDecision {
  by: string;
  verdict: 'approved' | 'rejected';
  at: number;
  /** userMessage of the 3CX call, when it failed. */
  failed?: string;
}

export interface McuMessageInput {
  announcementId: string;
  pbx: string;
  request: McuSnapshot;
  decision?: McuDecision;
  expired?: boolean;
}

/** 3CX's timestamp in each reader's time zone when it parses; as sent otherwise. */
function when(iso: string | null): string {
  if (!iso) return 'an unknown time';
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? slackDate(ms) : fitEscaped(iso, 100);
}

function decisionLine(d: McuDecision): string {
  const verb = d.verdict === 'approved' ? 'approve' : 'reject';
  if (d.failed) {
    return `⚠️ ${mention(d.by)} chose to ${verb} at ${slackDate(d.at)}, but 3CX did not take it: ${fitEscaped(d.failed, 1500)}`;
  }
  return d.verdict === 'approved'
    ? `✅ Approved by ${mention(d.by)} at ${slackDate(d.at)}.`
    : `🚫 Rejected by ${mention(d.by)} at ${slackDate(d.at)}.`;
}

/**
 * The current MCU request: buttons while it waits for a decision, and afterwards who decided and when (or that it
 * expired). The buttons carry only the announcement id; what is sent to 3CX is the request as the PBX reported it.
 */
export function mcuMessage(input: McuMessageInput): SlackMessage {
  const { request, decision, expired } = input;
  const pbx = fitEscaped(input.pbx, 100);
  const waiting = request.State === 'Pending';
  if (!request.McuId || (!waiting && !decision && !expired)) {
    const text = 'No MCU request is waiting.';
    const blocks: KnownBlock[] = [section(text)];
    if (request.McuId && request.State) {
      blocks.push(
        context(
          `The last one (${fitEscaped(request.McuId, 100)}) ended as ${fitEscaped(request.State, 50)} on *${pbx}*.`,
        ),
      );
    } else blocks.push(context(`PBX *${pbx}*`));
    return message(text, blocks);
  }

  const fields = [
    `*MCU*\n${fitEscaped(request.McuId, 300)}`,
    `*Operation*\n${fitEscaped(request.Operation ?? '—', 300)}`,
  ];
  // After a decision the snapshot still says Pending; the decision line below is the current truth.
  if (!decision) fields.push(`*State*\n${fitEscaped(request.State ?? '—', 100)}`);
  fields.push(`*Expires*\n${when(request.RequestExpiration)}`, `*PBX*\n${pbx}`);
  if (request.ErrorMessage) fields.push(`*Message*\n${fitEscaped(request.ErrorMessage, 1000)}`);
  const blocks: KnownBlock[] = [header('MCU request'), fieldsSection(fields)];

  const what = `MCU request ${request.McuId}${request.Operation ? ` (${request.Operation})` : ''} on ${input.pbx}`;
  if (decision) {
    blocks.push(section(decisionLine(decision)));
    const verb = decision.failed ? 'could not be decided' : decision.verdict;
    return message(`${escapeMrkdwn(what)} ${verb} by ${mention(decision.by)}`, blocks);
  }
  if (expired) {
    blocks.push(
      section(
        `⌛ Expired at ${when(request.RequestExpiration)} without a decision. Nothing was sent to 3CX.`,
      ),
    );
    return message(`${escapeMrkdwn(what)} expired`, blocks);
  }
  blocks.push(
    actions('mcu', [
      button('Approve', 'mcu_approve', input.announcementId, 'primary'),
      button('Reject', 'mcu_reject', input.announcementId, 'danger'),
    ]),
  );
  return message(`${escapeMrkdwn(what)} is waiting for approval`, blocks);
}
