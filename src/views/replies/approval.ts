import type { KnownBlock } from '@slack/types';
import type { OperationRequest, Outcome } from '../../pipeline/types';
import {
  actions,
  argsLines,
  button,
  context,
  header,
  mention,
  message,
  opOnPbx,
  type SlackMessage,
  section,
  slackDate,
} from './blocks';
import { escapeMrkdwn } from './limits';

type NeedsApproval = Extract<Outcome, { kind: 'needs_approval' }>;

const MAX_APPROVERS = 20;

function approverList(approvers: string[]): string {
  const shown = approvers.slice(0, MAX_APPROVERS).map(mention);
  const more = approvers.length - shown.length;
  return more > 0
    ? `${shown.join(', ')} and ${more} more`
    : shown.join(', ') || 'nobody (check BOT_CONFIG approvals)';
}

function asks(request: OperationRequest, operationKey: string): string {
  return `${mention(request.requester.userId)} asks to run ${opOnPbx(operationKey, request.pbx)}.`;
}

/**
 * Two-person rule: posted in the channel instead of running. The buttons carry only the request id; what runs is
 * what was stored when the request was made. Shows the masked arguments, never the request's own body.
 */
export function approvalRequestMessage(outcome: NeedsApproval): SlackMessage {
  const { request, operation } = outcome;
  // The requester may be a listed approver of the rule, but never of their own request.
  const deciders = outcome.approvers.filter((id) => id !== request.requester.userId);
  const blocks: KnownBlock[] = [
    header(`Approval needed: ${operation.key}`),
    section(asks(request, operation.key)),
  ];
  const args = argsLines(outcome.maskedArgs);
  if (args.length > 0) blocks.push(section(args.join('\n')));
  blocks.push(
    section(
      [
        `*Approvers:* ${approverList(deciders)}`,
        `*Expires:* ${slackDate(outcome.expiresAt)} (nothing runs if nobody decides by then)`,
      ].join('\n'),
    ),
    context(`Request ${escapeMrkdwn(request.id)}`),
    actions('approval', [
      button('Approve and run', 'approval_approve', request.id, 'primary'),
      button('Reject', 'approval_reject', request.id, 'danger'),
    ]),
  );
  const text = `${mention(request.requester.userId)} asks to run ${escapeMrkdwn(`${operation.key} on ${request.pbx}`)}; waiting for ${approverList(deciders)}`;
  return message(text, blocks);
}

export interface ApprovalDecision {
  request: OperationRequest;
  operationKey: string;
  verdict: 'approved' | 'rejected' | 'expired';
  by?: string;
  at: number;
  /** The confirmation of the run, when approved. */
  result?: SlackMessage;
}

/**
 * The request message once decided: the buttons give way to who decided and when. The stored request is not
 * masked, so its arguments are not repeated here; an approved run's confirmation (masked) follows instead.
 */
export function approvalDecidedMessage(input: ApprovalDecision): SlackMessage {
  const { request, operationKey, verdict, at } = input;
  const by = input.by ? mention(input.by) : 'someone';
  const line =
    verdict === 'approved'
      ? `✅ Approved by ${by} at ${slackDate(at)}.`
      : verdict === 'rejected'
        ? `🚫 Rejected by ${by} at ${slackDate(at)}. Nothing was run.`
        : `⌛ Expired at ${slackDate(at)} without a decision. Nothing was run.`;
  const title = verdict === 'approved' ? 'Approved' : verdict === 'rejected' ? 'Rejected' : 'Expired';
  const blocks: KnownBlock[] = [
    header(`${title}: ${operationKey}`),
    section(asks(request, operationKey)),
    section(line),
    context(`Request ${escapeMrkdwn(request.id)}`),
  ];
  if (input.result) blocks.push(...input.result.blocks);
  const what = escapeMrkdwn(`${operationKey} on ${request.pbx}`);
  const text = input.result ? `${title}: ${what}. ${input.result.text}` : `${title}: ${what}`;
  return message(text, blocks, input.result?.blocks.length ?? 1);
}

/** To someone who clicks after the decision: who was first, and when. */
export function decisionNotice(input: { by: string; verdict: string; at: number }): SlackMessage {
  const text = `Already ${escapeMrkdwn(input.verdict)} by ${mention(input.by)} at ${slackDate(input.at)}.`;
  return message(text, [section(text)]);
}
