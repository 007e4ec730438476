import type { KnownBlock } from '@slack/types';
import { displayName } from '../../words/names';
import {
  elapsedSince,
  formatWhen,
  humanizeDuration,
  relativeTime,
  type TimeWords,
  toInstant,
} from '../../words/time';
import { spaced } from '../../words/values';
import { context, message, packSections, type SlackMessage, section } from './blocks';
import { fitEscaped } from './limits';

/**
 * The everyday views as people read them: one line per call, trunk, phone or backup, what needs attention first,
 * and a context line with how many there are and how to see the raw answer.
 */

type Obj = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
const esc = (v: string) => fitEscaped(v, 300);

function listMessage(head: string, lines: string[], footer: string[], fallback: string): SlackMessage {
  const blocks: KnownBlock[] = [section(head)];
  if (lines.length > 0) blocks.push(...packSections([lines.join('\n')]));
  if (footer.length > 0) blocks.push(context(...footer));
  return message(fallback, blocks);
}

const more = (shown: number, total: number, what: string) =>
  total > shown ? [`${total - shown} more ${what} not shown.`] : [];

const RAW = (command: string) => `\`/3cx api ${command} --json\` shows 3CX's own answer.`;

/** 3CX names a party `100 Anna Andersen`; people write `Anna Andersen (100)`. */
export function partyName(text: string): string {
  const m = /^(\d{2,7}) (.+)$/.exec(text.trim());
  return m ? `${m[2]} (${m[1]})` : text;
}

export function callsMessage(calls: Obj[], total: number, pbx: string, words: TimeWords): SlackMessage {
  if (calls.length === 0) {
    const text = `No calls right now on ${pbx}.`;
    return message(text, [section(`📞 ${esc(text)}`)]);
  }
  const lines = calls.map((c) => {
    const from = partyName(str(c.Caller) ?? 'unknown caller');
    const to = partyName(str(c.Callee) ?? 'unknown');
    const since = toInstant(c.EstablishedAt as string);
    const serverNow = toInstant(c.ServerNow as string)?.getTime();
    const length = since ? elapsedSince(since, { now: serverNow ?? words.now ?? Date.now() }) : undefined;
    const state = str(c.Status);
    return [
      `• *${esc(from)}* → *${esc(to)}*`,
      since ? `since ${formatWhen(since, words).split(' · ')[0]}` : undefined,
      length,
      state ? spaced(state) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
  });
  const head = `📞 ${total} call${total === 1 ? '' : 's'} right now on ${esc(pbx)}`;
  return listMessage(
    head,
    lines,
    [...more(calls.length, total, 'calls'), RAW('ActiveCalls.ListActiveCall')],
    head,
  );
}

const PERIOD_WORDS = { today: 'today', '24h': 'in the last 24 hours', '7d': 'in the last 7 days' } as const;

function party(name: unknown, callerId: unknown, dn: unknown): string {
  const n = str(name);
  const number = str(callerId) ?? str(dn);
  if (n && number && n !== number) return `${n} (${number})`;
  return n ?? number ?? 'unknown';
}

export function historyMessage(
  calls: Obj[],
  total: number,
  opts: { pbx: string; period: keyof typeof PERIOD_WORDS; words: TimeWords; who?: string },
): SlackMessage {
  const whose = opts.who ? ` for ${opts.who}` : '';
  if (calls.length === 0) {
    const text = `No calls${whose} ${PERIOD_WORDS[opts.period]} on ${opts.pbx}.`;
    return message(text, [section(`🕘 ${esc(text)}`)]);
  }
  let missed = 0;
  const lines = calls.map((c) => {
    const answered = c.Answered === true;
    if (!answered) missed++;
    const start = toInstant(c.StartTime as string);
    const talk = str(c.TalkingDuration);
    return [
      `• ${start ? formatWhen(start, opts.words).split(' · ')[0] : '—'}`,
      `${esc(party(c.SourceDisplayName, c.SourceCallerId, c.SourceDn))} → ${esc(party(c.DestinationDisplayName, c.DestinationCallerId, c.DestinationDn))}`,
      answered ? (talk ? humanizeDuration(talk) : 'answered') : undefined,
      answered ? '✅ answered' : '❌ missed',
    ]
      .filter(Boolean)
      .join(' · ');
  });
  const head = `🕘 ${total} call${total === 1 ? '' : 's'}${esc(whose)} ${PERIOD_WORDS[opts.period]} on ${esc(opts.pbx)} · ${calls.length === total ? `${missed} missed` : `${missed} of the ${calls.length} shown missed`}`;
  return listMessage(
    head,
    lines,
    [...more(calls.length, total, 'calls'), `Times in ${opts.words.timeZone}.`],
    head,
  );
}

/** The provider's host (the name says which provider). */
export function trunkHost(t: Obj): string | undefined {
  const gateway = (t.Gateway ?? {}) as Obj;
  return str(gateway.Host) ?? str(gateway.ProxyHost);
}

export function trunkName(t: Obj): string {
  const gateway = (t.Gateway ?? {}) as Obj;
  const name = str(gateway.Name) ?? str(t.Name) ?? `trunk ${str(t.Number) ?? str(t.Id) ?? ''}`;
  const number = str(t.Number);
  return number ? `${name} (${number})` : name;
}

export function trunksMessage(trunks: Obj[], total: number, pbx: string): SlackMessage {
  if (trunks.length === 0) {
    const text = `${pbx} has no SIP trunks.`;
    return message(text, [section(`☎️ ${esc(text)}`)]);
  }
  // Down first: that is what someone typing `trunks` is looking for.
  const sorted = [...trunks].sort((a, b) => Number(a.IsOnline === true) - Number(b.IsOnline === true));
  const down = sorted.filter((t) => t.IsOnline !== true).length;
  const lines = sorted.map((t) => {
    const host = trunkHost(t);
    const did = str(t.ExternalNumber);
    const issue = str(t.ConfigurationIssue);
    return [
      `${t.IsOnline === true ? '🟢' : '🔴'} *${esc(trunkName(t))}*`,
      host ? esc(host) : undefined,
      did ? `DID ${esc(did)}` : undefined,
      t.IsOnline === true ? 'registered' : '*not registered*',
      issue ? `_${esc(issue)}_` : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
  });
  const head =
    down === 0
      ? `☎️ ${total} trunk${total === 1 ? '' : 's'} on ${esc(pbx)}, all registered`
      : `☎️ ${down} of ${total} trunk${total === 1 ? '' : 's'} on ${esc(pbx)} not registered`;
  return listMessage(head, lines, [...more(trunks.length, total, 'trunks'), RAW('Trunks.ListTrunk')], head);
}

function phoneLine(u: Obj, registered: boolean): string {
  const phones = Array.isArray(u.Phones) ? (u.Phones as Obj[]) : [];
  const models = phones
    .map((p) => str(p.Name) ?? str(p.TemplateName))
    .filter((m): m is string => m !== undefined);
  return [
    `${registered ? '🟢' : '🔴'} ${esc(displayName(u))}`,
    u.Enabled === false ? 'disabled' : undefined,
    models.length ? esc(models.join(', ')) : undefined,
    registered ? 'registered' : '*not registered*',
  ]
    .filter(Boolean)
    .join(' · ');
}

export function phonesMessage(
  down: { rows: Obj[]; total: number },
  up: { rows: Obj[]; total: number },
  pbx: string,
): SlackMessage {
  const total = down.total + up.total;
  if (total === 0) {
    const text = `${pbx} has no extensions.`;
    return message(text, [section(`📱 ${esc(text)}`)]);
  }
  const lines = [...down.rows.map((u) => phoneLine(u, false)), ...up.rows.map((u) => phoneLine(u, true))];
  const head =
    down.total === 0
      ? `📱 All ${total} extensions on ${esc(pbx)} have a registered phone`
      : `📱 ${down.total} of ${total} extensions on ${esc(pbx)} have no registered phone`;
  const footer = [
    ...more(down.rows.length, down.total, 'unregistered extensions'),
    ...more(up.rows.length, up.total, 'registered extensions'),
    '`/3cx user <number>` shows one.',
  ];
  return listMessage(head, lines, footer, head);
}

export function humanBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return String(bytes);
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}

export function backupsMessage(backups: Obj[], total: number, pbx: string, words: TimeWords): SlackMessage {
  if (backups.length === 0) {
    const text = `${pbx} has no backups. \`/3cx backup now\` starts one.`;
    return message(text, [section(`💾 ${esc(text)}`)]);
  }
  const sorted = [...backups].sort(
    (a, b) =>
      (toInstant(b.CreationTime as string)?.getTime() ?? 0) -
      (toInstant(a.CreationTime as string)?.getTime() ?? 0),
  );
  const lines = sorted.map((b) => {
    const at = toInstant(b.CreationTime as string);
    return [
      `• *${esc(str(b.FileName) ?? 'unnamed')}*`,
      typeof b.Size === 'number' ? humanBytes(b.Size) : undefined,
      at ? formatWhen(at, words) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
  });
  const newest = toInstant(sorted[0]?.CreationTime as string);
  const head = `💾 ${total} backup${total === 1 ? '' : 's'} on ${esc(pbx)}${newest ? `, the newest ${relativeTime(newest, words)}` : ''}`;
  return listMessage(
    head,
    lines,
    [...more(backups.length, total, 'backups'), '`/3cx backup now` starts one.'],
    head,
  );
}
