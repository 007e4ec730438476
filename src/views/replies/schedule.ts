import type { KnownBlock } from '@slack/types';
import { context, mention, message, type SlackMessage, section } from './blocks';
import { escapeMrkdwn, inlineCode } from './limits';

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
}

const cmd = (text: string) => inlineCode(`/3cx ${text}`, 300);

export function scheduledMessage(s: ScheduleView): SlackMessage {
  const when = s.repeating ? `${escapeMrkdwn(s.whenText)}, next ${s.nextText ?? ''}` : (s.nextText ?? '');
  const line = `⏰ ${mention(s.userId)} scheduled ${cmd(s.command)} on *${escapeMrkdwn(s.pbx)}* for ${when}.`;
  return message(`Scheduled ${s.command} (${s.id})`, [
    section(line),
    context(`Schedule ${s.id} · cancel with ${cmd(`schedule cancel ${s.id}`)}`),
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
      `• *${s.id}* ${cmd(s.command)} — ${s.repeating ? `${escapeMrkdwn(s.whenText)}, next ` : ''}${s.nextText ?? ''} · by ${mention(s.userId)}`,
  );
  return message(`${list.length} schedules`, [
    section(`*Scheduled on ${escapeMrkdwn(pbx)}, in this channel:*\n${lines.join('\n')}`),
    context(`Cancel one with ${cmd('schedule cancel <id>')}`),
  ]);
}

export function scheduleCancelledMessage(s: ScheduleView, by: string): SlackMessage {
  return message(`Schedule ${s.id} cancelled`, [
    section(
      `🗑️ ${mention(by)} cancelled schedule *${s.id}* (${cmd(s.command)} on *${escapeMrkdwn(s.pbx)}*, ${escapeMrkdwn(s.whenText)}). It will not run.`,
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
