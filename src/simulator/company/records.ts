import { fill, type Row } from './fill';
import type { Prng } from './prng';
import type { PbxProfile } from './profiles';

/**
 * What the PBX wrote down: recordings of real calls of the call history, and an event log that tells the same
 * story as the rest of the company (the backup trunk failing, the stopped tunnel, last night's backup).
 */

const HOUR = 3_600_000;

/** `PT3M41S` → 221. */
function seconds(duration: unknown): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(String(duration));
  if (!m) return 0;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

const CALL_TYPE: Record<string, string> = {
  Inbound: 'InboundExternal',
  Outbound: 'OutboundExternal',
  Internal: 'Local',
};

/**
 * Queue calls and outbound calls are recorded (the queues and the sales team record); the newest `limit` of the
 * answered ones become recordings, and their call-history rows point at them.
 */
export function recordings(profile: PbxProfile, history: Row[], inboundRules: Row[], limit = 20): Row[] {
  const didOf = new Map<unknown, unknown>();
  for (const rule of inboundRules)
    didOf.set((rule.OfficeHoursDestination as Row | undefined)?.Number, rule.Data);
  const recorded = history
    .filter(
      (call) => call.Answered === true && call.Direction !== 'Internal' && seconds(call.TalkingDuration) > 0,
    )
    .slice(0, limit);
  return recorded.map((call, k) => {
    const id = recorded.length - k;
    const start = Date.parse(String(call.StartTime)) + seconds(call.RingingDuration) * 1000;
    const end = start + seconds(call.TalkingDuration) * 1000;
    const inbound = call.Direction === 'Inbound';
    const url = `https://${profile.fqdn}/xapi/v1/Recordings/Pbx.DownloadRecording(recId=${id})`;
    call.RecordingUrl = url;
    call.SrcRecId = id;
    const participant = Number(call.SegmentId) * 2;
    return fill('Recording', {
      Id: id,
      CallType: CALL_TYPE[String(call.Direction)] ?? 'Local',
      StartTime: new Date(start).toISOString(),
      EndTime: new Date(end).toISOString(),
      FromDn: call.SourceDn,
      FromCallerNumber: call.SourceCallerId,
      FromDisplayName: call.SourceDisplayName,
      FromDnType: call.SourceType,
      FromDidNumber: '',
      FromCrmContact: '',
      FromIdParticipant: participant,
      ToDn: inbound ? call.actionDnDn : call.DestinationDn,
      ToCallerNumber: inbound ? call.ActionDnCallerId : call.DestinationCallerId,
      ToDisplayName: inbound ? call.ActionDnDisplayName : call.DestinationDisplayName,
      ToDnType: inbound ? call.ActionDnType : call.DestinationType,
      ToDidNumber: inbound ? (didOf.get(call.DestinationDn) ?? '') : '',
      ToCrmContact: '',
      ToIdParticipant: participant + 1,
      RefParticipantId: participant,
      RecordingUrl: url,
      ArchivedUrl: '',
      IsArchived: false,
      CanBeTranscribed: true,
      IsTranscribed: false,
      Transcription: '',
      TranscriptionResult: 0,
      Summary: '',
      SentimentScore: 0,
    });
  });
}

export interface LogFacts {
  /** The trunk that is down, and why. */
  downTrunk?: { name: string; issue: string };
  /** The services not running. */
  stopped: string[];
  /** Creation times of the nightly backups, oldest first. */
  backups: string[];
  /** An address the anti-hacking blocked. */
  blocked?: string;
}

type Entry = [
  at: number,
  type: 'Error' | 'Warning' | 'Info',
  id: number,
  group: string,
  message: string,
  params: string[],
];

export function eventLogs(facts: LogFacts, rng: Prng, now: number): Row[] {
  const entries: Entry[] = [];
  for (const at of facts.backups)
    entries.push([Date.parse(at) + 90_000, 'Info', 4101, 'Backup', 'Scheduled backup completed', []]);
  if (facts.downTrunk) {
    const { name, issue } = facts.downTrunk;
    for (let k = 0; k < 3; k++)
      entries.push([
        now - (k * 5 + rng.int(1, 4)) * 60_000,
        'Error',
        12290,
        'Trunks',
        `Trunk ${name}: ${issue}`,
        [name, issue],
      ]);
  }
  for (const service of facts.stopped)
    entries.push([
      now - rng.int(20, 40) * HOUR,
      'Warning',
      8200,
      'Services',
      `Service ${service} stopped`,
      [service],
    ]);
  if (facts.blocked)
    entries.push([
      now - rng.int(2, 12) * HOUR,
      'Warning',
      13001,
      'Security',
      `IP ${facts.blocked} blacklisted after too many failed SIP registrations`,
      [facts.blocked],
    ]);
  entries.push([
    now - rng.int(4, 6) * HOUR,
    'Info',
    4300,
    'Updates',
    'Checked for updates: the system is up to date',
    [],
  ]);
  entries.sort((a, b) => a[0] - b[0]);
  return entries.map(([at, Type, EventId, group, Message, Params], i) =>
    fill('EventLog', {
      Id: i + 1,
      EventId,
      Type,
      Group: group,
      GroupName: group,
      Source: group === 'Backup' ? '3CXSystemService01' : '3CXPhoneSystem01',
      Message,
      Params,
      TimeGenerated: new Date(Math.floor(at / 1000) * 1000).toISOString(),
    }),
  );
}
