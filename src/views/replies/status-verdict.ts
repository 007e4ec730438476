import { daysUntil, formatDate, formatWhen, relativeTime, type TimeWords, toInstant } from '../../words/time';
import { context, fieldsSection, message, type SlackMessage, section } from './blocks';
import { humanBytes } from './everyday-lists';
import { fitEscaped } from './limits';

/**
 * `status` in people's words: a verdict of what is wrong first (trunks down, services stopped, licence expiring
 * within 30 days, phones not registered), then the figures an admin checks, none of them as `Id: 1`.
 */

type Obj = Record<string, unknown>;

export interface StatusFacts {
  status: Obj;
  pbx: string;
  words: TimeWords;
  durationMs: number;
  /** 3CX's HTTP status for the read, as every read reply shows it. */
  httpStatus: number;
  /** Names of the trunks not registered, when the status said some are down and they could be read. */
  trunksDown?: string[];
  servicesStopped?: string[];
}

/** A licence or maintenance plan ending within this many days is worth saying first. */
export const EXPIRY_WARNING_DAYS = 30;
const DISK_WARNING_PERCENT = 90;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
const named = (names: string[] | undefined, max = 5) =>
  names && names.length > 0
    ? ` (${names.slice(0, max).join(', ')}${names.length > max ? ` and ${names.length - max} more` : ''})`
    : '';

/** What is wrong, worst first; empty when all is well. */
export function problems(f: StatusFacts): string[] {
  const s = f.status;
  const out: string[] = [];
  const trunksTotal = num(s.TrunksTotal);
  const trunksUp = num(s.TrunksRegistered);
  if (trunksTotal !== undefined && trunksUp !== undefined && trunksUp < trunksTotal) {
    const down = trunksTotal - trunksUp;
    out.push(`🔴 ${down} of ${trunksTotal} trunk${trunksTotal === 1 ? '' : 's'} down${named(f.trunksDown)}`);
  }
  if (s.HasNotRunningServices === true) {
    const n = f.servicesStopped?.length;
    out.push(
      n
        ? `🔴 ${n} service${n === 1 ? '' : 's'} not running${named(f.servicesStopped)}`
        : '🔴 some services are not running',
    );
  }
  if (s.LicenseActive === false) out.push('🔴 the licence is not active');
  else out.push(...expiry('licence', s.ExpirationDate, f.words));
  out.push(...expiry('maintenance', s.MaintenanceExpiresAt, f.words));
  const total = num(s.ExtensionsTotal);
  const up = num(s.ExtensionsRegistered);
  if (total !== undefined && up !== undefined && up < total)
    out.push(`⚠️ ${total - up} of ${total} phones not registered`);
  const disk = num(s.DiskUsage);
  if (disk !== undefined && disk >= DISK_WARNING_PERCENT) out.push(`⚠️ disk ${disk}% full`);
  if (s.RecordingQuotaReached === true) out.push('⚠️ the recording quota is reached');
  return out;
}

function expiry(what: string, value: unknown, words: TimeWords): string[] {
  const at = toInstant(str(value));
  if (!at) return [];
  const days = daysUntil(at, words);
  if (days === undefined || days > EXPIRY_WARNING_DAYS) return [];
  if (days < 0) return [`🔴 the ${what} expired on ${formatDate(at, words)}`];
  return [`⚠️ the ${what} expires ${relativeTime(at, words)} (${formatDate(at, words)})`];
}

function verdict(f: StatusFacts, wrong: string[]): string {
  const pbx = fitEscaped(f.pbx, 100);
  if (wrong.length === 0) {
    const until = toInstant(str(f.status.ExpirationDate));
    const licence = until ? `licence valid until ${formatDate(until, f.words)}` : 'licence active';
    return `✅ All well on ${pbx}: trunks registered, services running, ${licence}, all phones registered.`;
  }
  const head = wrong.length === 1 ? '1 thing needs attention' : `${wrong.length} things need attention`;
  return `*${head} on ${pbx}:* ${wrong.join(' · ')}`;
}

const of = (a: unknown, b: unknown, what: string) =>
  num(a) !== undefined && num(b) !== undefined ? `${num(a)} of ${num(b)} ${what}` : '—';

function details(f: StatusFacts): string[] {
  const s = f.status;
  const w = f.words;
  const fields: string[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value) fields.push(`*${label}*\n${fitEscaped(value, 300)}`);
  };
  add('PBX', [str(s.FQDN), str(s.Version) && `version ${str(s.Version)}`].filter(Boolean).join(' · '));
  const until = toInstant(str(s.ExpirationDate));
  add(
    'Licence',
    [
      str(s.ProductCode),
      s.LicenseActive === false ? 'not active' : 'active',
      until ? `until ${formatDate(until, w)} (${relativeTime(until, w)})` : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  add('Calls now', of(s.CallsActive, s.MaxSimCalls, 'simultaneous calls'));
  add('Phones', of(s.ExtensionsRegistered, s.ExtensionsTotal, 'registered'));
  add('Trunks', of(s.TrunksRegistered, s.TrunksTotal, 'registered'));
  add(
    'Services',
    s.HasNotRunningServices === true ? `${f.servicesStopped?.length ?? 'some'} not running` : 'all running',
  );
  const backup = toInstant(str(s.LastBackupDateTime));
  add(
    'Last backup',
    `${backup ? formatWhen(backup, w) : 'none yet'}${s.BackupScheduled === true ? ' · scheduled' : ' · no schedule'}`,
  );
  const free = num(s.FreeDiskSpace);
  const totalDisk = num(s.TotalDiskSpace);
  if (free !== undefined && totalDisk !== undefined && totalDisk > 0)
    add('Disk', `${humanBytes(free)} free of ${humanBytes(totalDisk)}`);
  const checked = toInstant(str(s.LastCheckForUpdates));
  add(
    'Updates',
    [
      `auto-update ${s.AutoUpdateEnabled === true ? 'on' : 'off'}`,
      checked ? `checked ${relativeTime(checked, w)}` : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  add('Address', str(s.IpV4) ?? str(s.Ip) ?? str(s.CurrentLocalIp));
  return fields;
}

export function statusMessage(f: StatusFacts): SlackMessage {
  const wrong = problems(f);
  const head = verdict(f, wrong);
  return message(head.replace(/\*/g, ''), [
    section(head),
    fieldsSection(details(f)),
    context(
      `\`SystemStatus.GetSystemStatus\` on ${fitEscaped(f.pbx, 100)} · HTTP ${f.httpStatus} · ${f.durationMs} ms · times in ${f.words.timeZone} · \`/3cx status --json\` shows every field`,
    ),
  ]);
}
