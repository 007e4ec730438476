import type { KnownBlock } from '@slack/types';
import type { Operation } from '../../api/catalogue';
import type { OperationRequest, Outcome } from '../../pipeline/types';
import { changeLine, changesOf } from '../../words/changes';
import { spaced } from '../../words/values';
import {
  actions,
  button,
  context,
  header,
  mention,
  message,
  type SlackMessage,
  safeJson,
  section,
  slackDate,
} from './blocks';
import { escapeMrkdwn, fitEscaped, inlineCode, truncate } from './limits';

type NeedsApproval = Extract<Outcome, { kind: 'needs_approval' }>;

const MAX_APPROVERS = 20;

function approverList(approvers: string[]): string {
  const shown = approvers.slice(0, MAX_APPROVERS).map(mention);
  const more = approvers.length - shown.length;
  return more > 0
    ? `${shown.join(', ')} and ${more} more`
    : shown.join(', ') || 'nobody (check BOT_CONFIG approvals)';
}

/**
 * A request in people's words (DESIGN §4): what it is about by name, and what it would change, each field current →
 * new where the PBX could be read first (src/commands/request-words.ts), masked.
 */
export interface ChangeWords {
  /** `queue Sales (800)`. */
  subject?: string;
  /** `Name: Sales → Sales EU`. */
  lines: string[];
}

/**
 * What an operation does, as the object of a sentence: `delete user Nina Novak (125)`, `change queue Sales (800)`,
 * `restart operating system`, `reset queue statistics for queue Sales (800)`.
 */
export function actionPhrase(op: Said, subject?: string): string {
  if (subject && (op.method === 'DELETE' || /^Delete[A-Z]/.test(op.operationId))) return `delete ${subject}`;
  if (subject && (op.method === 'PATCH' || /^Update[A-Z]/.test(op.operationId))) return `change ${subject}`;
  // A verb alone (`Restart`, `Purge`) says what it acts on through its resource: `restart services`.
  const verbOnly = !/[a-z0-9][A-Z]/.test(op.operationId);
  const words = verbOnly ? `${spaced(op.operationId)} ${spaced(op.resource)}` : spaced(op.operationId);
  return subject ? `${words} for ${subject}` : words;
}

/** What an operation is said by. */
type Said = Pick<Operation, 'key' | 'method' | 'operationId' | 'resource'>;

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const named = (v: Record<string, unknown>) => 'Name' in v || 'Number' in v || 'DisplayName' in v;

/** Nested settings as `options.ServiceNames`, down to objects known by a name (those read as their name). */
function flatten(obj: Record<string, unknown>, prefix = '', depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (isObj(v) && !named(v) && depth < 3) Object.assign(out, flatten(v, `${prefix}${k}.`, depth + 1));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

/**
 * A masked body as the values it sets, `CompanyName → Acme`, when nothing could be read to compare with. The outer
 * key 3CX wraps an action's parameters in (`licenseParams`, `options`, `request`) is not repeated.
 */
export function givenLines(maskedBody: unknown): string[] {
  if (!isObj(maskedBody)) return maskedBody === undefined ? [] : [truncate(safeJson(maskedBody), 300)];
  const keys = Object.keys(maskedBody);
  const inner = keys.length === 1 ? maskedBody[keys[0] as string] : undefined;
  const fields = isObj(inner) && !named(inner) ? flatten(inner) : flatten(maskedBody);
  // Values come masked already; a field is never secret by its name alone here.
  return changesOf(undefined, fields).map((c) => changeLine(c, () => false));
}

const MAX_LINES = 25;

function wordsSection(words: ChangeWords): KnownBlock[] {
  if (words.lines.length === 0) return [];
  const shown = words.lines.slice(0, MAX_LINES).map((l) => `• ${fitEscaped(l, 300)}`);
  const more = words.lines.length - shown.length;
  if (more > 0) shown.push(`• and ${more} more`);
  return [section(truncate(shown.join('\n'), 2900))];
}

/** Parameters other than the object's key, which the subject already names (`FileName=…` of a restore). */
function paramsSection(
  outcome: { maskedArgs: NeedsApproval['maskedArgs'] },
  words: ChangeWords,
): KnownBlock[] {
  const pairs = Object.entries(outcome.maskedArgs.params);
  if (pairs.length === 0 || words.subject) return [];
  const text = pairs.map(([k, v]) => `${k}=${typeof v === 'string' ? v : safeJson(v)}`).join(' ');
  return [section(`*Parameters:* ${inlineCode(text, 1000)}`)];
}

function asks(request: OperationRequest, operation: Said, subject?: string): string {
  const what = escapeMrkdwn(actionPhrase(operation, subject));
  return `*Requested by* ${mention(request.requester.userId)}: ${what} on *${fitEscaped(request.pbx, 100)}* (${inlineCode(operation.key, 200)}).`;
}

function title(prefix: string, operation: Said, subject?: string): string {
  const what = actionPhrase(operation, subject);
  return `${prefix}: ${what.charAt(0).toUpperCase()}${what.slice(1)}`;
}

/**
 * Two-person rule: posted in the channel instead of running. The buttons carry only the request id; what runs is
 * what was stored when the request was made. Says what it would do by name and each change current → new (masked),
 * never the request's own body. Without `words` the masked body is said field by field.
 */
export function approvalRequestMessage(outcome: NeedsApproval, words?: ChangeWords): SlackMessage {
  const { request, operation } = outcome;
  const said: ChangeWords = words ?? {
    ...(request.subject ? { subject: request.subject } : {}),
    lines: givenLines(outcome.maskedArgs.body),
  };
  // The requester may be a listed approver of the rule, but never of their own request.
  const deciders = outcome.approvers.filter((id) => id !== request.requester.userId);
  const blocks: KnownBlock[] = [
    header(title('Approval needed', operation, said.subject)),
    section(asks(request, operation, said.subject)),
    ...wordsSection(said),
    ...paramsSection(outcome, said),
  ];
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
  const text = `${mention(request.requester.userId)} asks to ${escapeMrkdwn(`${actionPhrase(operation, said.subject)} on ${request.pbx}`)}; waiting for ${approverList(deciders)}`;
  return message(text, blocks);
}

export interface ApprovalDecision {
  request: OperationRequest;
  operationKey: string;
  /** The operation itself, to say what it does in words; without it the key stands for it. */
  operation?: Said;
  /** What the request was about and would change, as the card said it (masked): kept after any verdict. */
  words?: ChangeWords;
  verdict: 'approved' | 'rejected' | 'expired';
  by?: string;
  at: number;
  /** The confirmation of the run, when approved. */
  result?: SlackMessage;
}

/**
 * The request message once decided: the buttons give way to who decided and when. The request's words (its object
 * by name, the changes it asked for, masked) stay, whatever the verdict; the stored request itself is not masked,
 * so its raw arguments are never repeated. An approved run's confirmation (masked) follows.
 */
export function approvalDecidedMessage(input: ApprovalDecision): SlackMessage {
  const { request, operationKey, verdict, at } = input;
  const words = input.words ?? { ...(request.subject ? { subject: request.subject } : {}), lines: [] };
  const by = input.by ? mention(input.by) : 'someone';
  const line =
    verdict === 'approved'
      ? `✅ Approved by ${by} at ${slackDate(at)}.`
      : verdict === 'rejected'
        ? `🚫 Rejected by ${by} at ${slackDate(at)}. Nothing was run.`
        : `⌛ Expired at ${slackDate(at)} without a decision. Nothing was run.`;
  const verdictTitle = verdict === 'approved' ? 'Approved' : verdict === 'rejected' ? 'Rejected' : 'Expired';
  const operation = input.operation ?? keyAsOperation(operationKey);
  const blocks: KnownBlock[] = [
    header(title(verdictTitle, operation, words.subject)),
    section(asks(request, operation, words.subject)),
    ...wordsSection(words),
    section(line),
    context(`Request ${escapeMrkdwn(request.id)}`),
  ];
  if (input.result) blocks.push(...input.result.blocks);
  const what = escapeMrkdwn(`${actionPhrase(operation, words.subject)} on ${request.pbx}`);
  const text = input.result ? `${verdictTitle}: ${what}. ${input.result.text}` : `${verdictTitle}: ${what}`;
  return message(text, blocks, input.result?.blocks.length ?? 1);
}

/** An operation known only by its key (`Services.Restart`): said from its id, as a write. */
function keyAsOperation(key: string): Said {
  const [resource = key, operationId = key] = key.split('.');
  return { key, method: 'POST', operationId, resource };
}

/** To someone who clicks after the decision: who was first, and when. */
export function decisionNotice(input: { by: string; verdict: string; at: number }): SlackMessage {
  const text = `Already ${escapeMrkdwn(input.verdict)} by ${mention(input.by)} at ${slackDate(input.at)}.`;
  return message(text, [section(text)]);
}
