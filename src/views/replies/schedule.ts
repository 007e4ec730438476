import type { KnownBlock } from '@slack/types';
import { operationClass } from '../../api/catalogue';
import { maskSecrets } from '../../pipeline/mask';
import type { Outcome } from '../../pipeline/types';
import { approvalRequestMessage } from './approval';
import { context, mention, message, type SlackMessage, section } from './blocks';
import { confirmationMessage } from './confirmation';
import { errorMessage, failureMessage } from './failure';
import { escapeMrkdwn, inlineCode } from './limits';
import { resultMessage } from './result';

/** Replies about scheduled commands. Times come already written in TZ (`Mon 2026-12-07 22:00 UTC`). */

export interface ScheduleView {
  id: string;
  pbx: string;
  userId: string;
  command: string;
  whenText: string;
  /** The next run, in words and TZ. */
  nextText?: string;
  repeating: boolean;
  /** The object it changes, resolved when it was scheduled (`user Nina Novak (125)`). */
  subject?: string;
  /** Under an approval rule: where the second person's decision stands. */
  approval?: ScheduleApproval;
}

export interface ScheduleApproval {
  state: 'waiting' | 'approved' | 'rejected' | 'expired';
  by?: string;
}

/** Why a run did not go ahead under its approval rule. */
export type NotApproved =
  | { kind: 'undecided' }
  | { kind: 'rejected'; by: string }
  /** No approval on record: the rule came after it was scheduled, or the record is gone. */
  | { kind: 'missing' };

const cmd = (text: string) => inlineCode(`/3cx ${text}`, 300);

const about = (s: ScheduleView) => (s.subject ? ` (${escapeMrkdwn(s.subject)})` : '');

function approvalText(a: ScheduleApproval): string {
  switch (a.state) {
    case 'waiting':
      return 'waiting for approval';
    case 'approved':
      return `approved by ${a.by ? mention(a.by) : 'an approver'}`;
    case 'rejected':
      return `rejected by ${a.by ? mention(a.by) : 'an approver'}, will not run`;
    case 'expired':
      return 'not approved in time, will not run';
  }
}

export function scheduledMessage(s: ScheduleView): SlackMessage {
  const when = s.repeating ? `${escapeMrkdwn(s.whenText)}, next ${s.nextText ?? ''}` : (s.nextText ?? '');
  const line = `⏰ ${mention(s.userId)} scheduled ${cmd(s.command)}${about(s)} on *${escapeMrkdwn(s.pbx)}* for ${when}.`;
  const blocks: KnownBlock[] = [section(line)];
  if (s.approval?.state === 'waiting')
    blocks.push(
      section(
        `It needs a second person's approval and runs only if approved before it is due${s.repeating ? ' (the approval covers every run)' : ''}; otherwise it is not run, and that is said here.`,
      ),
    );
  blocks.push(context(`Schedule ${s.id} · cancel with ${cmd(`schedule cancel ${s.id}`)}`));
  return message(`Scheduled ${s.command} (${s.id})`, blocks);
}

/** What replaces the Confirm question once confirmed: scheduled, and nothing sent to 3CX yet. */
export function scheduleConfirmedMessage(s: ScheduleView): SlackMessage {
  const text = `Confirmed: scheduled as ${s.id} for ${s.nextText ?? s.whenText}. Nothing has been sent to 3CX yet.`;
  return message(text, [section(`☑️ ${escapeMrkdwn(text)}`)]);
}

/** Under the decided approval card: approving a scheduled run does not run it now. */
export function scheduledApprovalNote(): SlackMessage {
  const text =
    'This is a scheduled run: nothing ran now. It goes ahead when it is due, as the person who scheduled it.';
  return message(text, [context(`⏰ ${text}`)]);
}

/** A run that needed an approval it did not have when due: not run, and said where it was scheduled. */
export function scheduleNotApprovedMessage(
  s: ScheduleView,
  dueText: string,
  why: NotApproved,
  ended: boolean,
): SlackMessage {
  const reason =
    why.kind === 'rejected'
      ? `its approval was rejected by ${mention(why.by)}`
      : why.kind === 'undecided'
        ? 'nobody approved it before it was due'
        : "it needs a second person's approval and none is on record for it";
  const end = ended
    ? ` Schedule *${s.id}* has ended; schedule it again (${cmd(`schedule ${s.whenText} ${s.command}`)}) to ask for a new approval.`
    : '';
  return message(`Scheduled run ${s.id} not run: not approved`, [
    section(
      `🚫 Schedule *${s.id}* (${cmd(s.command)}${about(s)} on *${escapeMrkdwn(s.pbx)}*, set by ${mention(s.userId)}) was due ${dueText}, but ${reason}, so it was *not run*.${end}`,
    ),
  ]);
}

export function scheduleListMessage(pbx: string, list: ScheduleView[]): SlackMessage {
  if (list.length === 0) {
    return message('No schedules', [
      section(
        `Nothing is scheduled in this channel on *${escapeMrkdwn(pbx)}*. Add one with ${cmd('schedule at 22:00 <command>')}.`,
      ),
    ]);
  }
  const lines = list.map(
    (s) =>
      `• *${s.id}* ${cmd(s.command)}${about(s)} — ${s.repeating ? `${escapeMrkdwn(s.whenText)}, next ` : ''}${s.nextText ?? ''} · by ${mention(s.userId)}${s.approval ? ` · ${approvalText(s.approval)}` : ''}`,
  );
  return message(`${list.length} schedules`, [
    section(`*Scheduled on ${escapeMrkdwn(pbx)}, in this channel:*\n${lines.join('\n')}`),
    context(`Cancel one with ${cmd('schedule cancel <id>')}`),
  ]);
}

export function scheduleCancelledMessage(s: ScheduleView, by: string): SlackMessage {
  return message(`Schedule ${s.id} cancelled`, [
    section(
      `🗑️ ${mention(by)} cancelled schedule *${s.id}* (${cmd(s.command)}${about(s)} on *${escapeMrkdwn(s.pbx)}*, ${escapeMrkdwn(s.whenText)}). It will not run.`,
    ),
  ]);
}

/** A run the bot could not start in time (it was down): said, not done late. */
export function scheduleMissedMessage(s: ScheduleView, dueText: string, graceText: string): SlackMessage {
  const next = s.repeating && s.nextText ? ` The next run stays as planned: ${s.nextText}.` : '';
  return message(`Scheduled run ${s.id} missed`, [
    section(
      `⚠️ Schedule *${s.id}* (${cmd(s.command)} on *${escapeMrkdwn(s.pbx)}*, set by ${mention(s.userId)}) was due ${dueText} but the bot could not start it within ${graceText}, so it was *not run late*. Run it by hand if it is still wanted.${next}`,
    ),
  ]);
}

/** A run's outcome, headed by which schedule it came from. */
export function scheduledRunMessage(s: ScheduleView, dueText: string, outcome: SlackMessage): SlackMessage {
  const head: KnownBlock = context(
    `⏰ Scheduled run of *${s.id}* (${escapeMrkdwn(s.whenText)}, due ${dueText}) as ${mention(s.userId)}`,
  );
  return message(`Scheduled run ${s.id}: ${outcome.text}`, [head, ...outcome.blocks]);
}

/** A run's outcome for the channel: everything a scheduled run did is public, where it was scheduled. */
export function scheduledOutcomeMessage(outcome: Outcome): SlackMessage {
  switch (outcome.kind) {
    case 'done': {
      if (operationClass(outcome.operation) === 'write') return confirmationMessage(outcome);
      const masked = { ...outcome, result: { ...outcome.result, data: maskSecrets(outcome.result.data) } };
      const reply = resultMessage(masked, { json: false, page: 0 });
      return 'file' in reply
        ? errorMessage(`${outcome.operation.key} answered more than fits in a message.`)
        : reply;
    }
    case 'needs_approval':
      return approvalRequestMessage(outcome);
    default:
      return failureMessage(outcome);
  }
}
