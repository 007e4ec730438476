import { actions, button, context, mention, message, type SlackMessage, section, slackDate } from './blocks';
import { escapeMrkdwn, inlineCode } from './limits';

/** Alerts a watch posts, their recovery, and the watch commands' replies. */

export interface AlertView {
  watchId: string;
  subject: string;
  pbx: string;
  /** `Example Carrier (10000)`. */
  label: string;
  detail: string;
  since: number;
  ackedBy?: string;
  mutedUntil?: number;
  recovered?: { at: number; detail: string };
}

export const ALERT_ACK = 'watch_ack';
export const ALERT_MUTE = 'watch_mute';

export const alertButtonValue = (watchId: string, subject: string) => `${watchId}|${subject}`;

export function alertMessage(a: AlertView): SlackMessage {
  const what = `*${escapeMrkdwn(a.label)}* on *${escapeMrkdwn(a.pbx)}*`;
  if (a.recovered) {
    return message(`Recovered: ${a.label} on ${a.pbx}`, [
      section(`✅ ~${escapeMrkdwn(a.detail)}~ ${what} recovered: ${escapeMrkdwn(a.recovered.detail)}.`),
      context(
        `Was down from ${slackDate(a.since)} to ${slackDate(a.recovered.at)} · watch ${a.watchId}${a.ackedBy ? ` · acknowledged by ${mention(a.ackedBy)}` : ''}`,
      ),
    ]);
  }
  const notes = [`Since ${slackDate(a.since)}`, `watch ${a.watchId}`];
  if (a.ackedBy) notes.push(`acknowledged by ${mention(a.ackedBy)}`);
  if (a.mutedUntil) notes.push(`muted until ${slackDate(a.mutedUntil)}`);
  const value = alertButtonValue(a.watchId, a.subject);
  const blocks = [section(`🚨 ${what}: ${escapeMrkdwn(a.detail)}.`), context(notes.join(' · '))];
  const buttons = [];
  if (!a.ackedBy) buttons.push(button('Acknowledge', ALERT_ACK, value, 'primary'));
  if (!a.mutedUntil) buttons.push(button('Mute 1 h', ALERT_MUTE, value));
  return message(
    `Alert: ${a.label} on ${a.pbx}: ${a.detail}`,
    buttons.length > 0 ? [...blocks, actions(`alert:${value}`, buttons)] : blocks,
  );
}

export function recoveryReply(a: AlertView): SlackMessage {
  return message(`Recovered: ${a.label}`, [
    section(
      `✅ *${escapeMrkdwn(a.label)}* on *${escapeMrkdwn(a.pbx)}* recovered: ${escapeMrkdwn(a.recovered?.detail ?? 'ok')}.`,
    ),
  ]);
}

export interface WatchLine {
  id: string;
  what: string;
  pbx: string;
  createdBy: string;
}

export function watchSetMessage(w: WatchLine): SlackMessage {
  return message(`Watching ${w.what} on ${w.pbx}`, [
    section(
      `👀 ${mention(w.createdBy)} set a watch here: ${escapeMrkdwn(w.what)} on *${escapeMrkdwn(w.pbx)}*. Changes are posted to this channel.`,
    ),
    context(`Watch ${w.id} · stop with ${inlineCode(`/3cx unwatch ${w.id}`, 100)}`),
  ]);
}

export function watchListMessage(pbx: string, list: WatchLine[]): SlackMessage {
  if (list.length === 0) {
    return message('No watches', [
      section(
        `Nothing is watched in this channel on *${escapeMrkdwn(pbx)}*. Start with ${inlineCode('/3cx watch trunks', 100)}.`,
      ),
    ]);
  }
  const lines = list.map((w) => `• *${w.id}* ${escapeMrkdwn(w.what)} · set by ${mention(w.createdBy)}`);
  return message(`${list.length} watches`, [
    section(`*Watched on ${escapeMrkdwn(pbx)}, in this channel:*\n${lines.join('\n')}`),
    context(`Stop one with ${inlineCode('/3cx unwatch <id>', 100)}`),
  ]);
}

export function unwatchedMessage(w: WatchLine, by: string): SlackMessage {
  return message(`Stopped watching ${w.what}`, [
    section(`${mention(by)} stopped watch *${w.id}* (${escapeMrkdwn(w.what)} on *${escapeMrkdwn(w.pbx)}*).`),
  ]);
}
