import { fill, type Row } from './fill';
import type { Prng } from './prng';
import type { PbxProfile } from './profiles';

/** What has happened and is happening: a week of calls, live calls, nightly backups, admin changes. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Seconds as an ISO 8601 duration: 221 → PT3M41S. */
export function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (seconds === 0) return 'PT0S';
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** An outside caller's number in the company's country. */
function outsideNumber(profile: PbxProfile, rng: Prng): string {
  return `${profile.numberPrefix.slice(0, -3)}${rng.int(200_000, 989_999)}`;
}

/**
 * A moment of the last seven days, as a fixed distance before now. A distance, not a clock time: the same seed then
 * gives the same calls in every window (`24h`, `7d`) whatever the hour the simulator starts at, and the draws do
 * not depend on the hour either, so what is seeded after the history stays the same too.
 */
function pastWeekTime(now: number, rng: Prng): number {
  const minutesBack = rng.int(2, 7 * 24 * 60 - 2);
  return now - minutesBack * 60_000 - rng.int(0, 59) * 1000;
}

export function callHistory(users: Row[], queues: Row[], profile: PbxProfile, rng: Prng, now: number): Row[] {
  const count = Math.min(3000, Math.max(60, users.length * 6));
  const rows: Row[] = [];
  for (let k = 0; k < count; k++) {
    const kind = rng.pick(['Inbound', 'Inbound', 'Outbound', 'Outbound', 'Internal'] as const);
    const from = rng.pick(users);
    const to = rng.pick(users);
    const queue = rng.pick(queues);
    const outside = outsideNumber(profile, rng);
    const answered = rng.chance(kind === 'Inbound' ? 0.78 : 0.88);
    const ring = rng.int(2, answered ? 18 : 35);
    const talk = answered ? rng.int(12, 900) : 0;
    const start = pastWeekTime(now, rng);
    const source =
      kind === 'Inbound'
        ? { dn: outside, name: '', callerId: outside, type: 1 }
        : { dn: from.Number, name: from.DisplayName, callerId: from.Number, type: 0 };
    const target =
      kind === 'Outbound'
        ? { dn: outside, name: '', callerId: outside, type: 1 }
        : kind === 'Inbound'
          ? { dn: queue.Number, name: queue.Name, callerId: queue.Number, type: 4 }
          : { dn: to.Number, name: to.DisplayName, callerId: to.Number, type: 0 };
    const answeredBy = kind === 'Inbound' ? to : undefined;
    rows.push({
      start,
      row: {
        ActionDnCallerId: answeredBy ? answeredBy.Number : target.callerId,
        ActionDnDisplayName: answeredBy ? answeredBy.DisplayName : target.name,
        actionDnDn: answeredBy ? answeredBy.Number : target.dn,
        ActionDnType: answeredBy ? 0 : target.type,
        ActionType: answered ? 1 : 2,
        Answered: answered,
        CallCost: kind === 'Outbound' && answered ? Math.ceil(talk / 60) * 2 : 0,
        DestinationCallerId: target.callerId,
        DestinationDisplayName: target.name,
        DestinationDn: target.dn,
        DestinationType: target.type,
        Direction: kind,
        CallType: kind,
        QualityReport: answered,
        Reason: answered ? 'Replaced' : kind === 'Inbound' ? 'NoAnswer' : 'TargetBusy',
        RingingDuration: isoDuration(ring),
        TalkingDuration: isoDuration(talk),
        SourceCallerId: source.callerId,
        SourceDisplayName: source.name,
        SourceDn: source.dn,
        SourceType: source.type,
        Status: answered ? 'Answered' : 'Unanswered',
        Summary: '',
        Transcription: '',
        RecordingUrl: '',
        SentimentScore: 0,
      },
    });
  }
  rows.sort((a, b) => (b.start as number) - (a.start as number));
  return rows.map(({ start, row }, k) => {
    const callId = 40_000 + (count - k);
    return fill('CallLogData', {
      ...(row as Row),
      StartTime: iso(start as number),
      CallId: callId,
      CallHistoryId: `00000${callId.toString(16)}`.slice(-8),
      MainCallHistoryId: `00000${callId.toString(16)}`.slice(-8),
      CdrId: `cdr-${callId}`,
      SegmentId: callId * 10 + 1,
      SrcRecId: 0,
      DstRecId: 0,
      Indent: 0,
      SubrowDescNumber: 0,
      Recordings: [],
    });
  });
}

export function activeCalls(users: Row[], profile: PbxProfile, rng: Prng, now: number): Row[] {
  const live = users.filter((u) => u.IsRegistered === true);
  const count = Math.min(live.length, Math.min(200, Math.max(2, Math.round(users.length / 15))));
  const picked = rng.shuffle(live).slice(0, count);
  return picked.map((user, k) => {
    const since = now - rng.int(20, 1500) * 1000;
    const inbound = k % 2 === 0;
    const other = outsideNumber(profile, rng);
    const party = `${user.Number} ${user.DisplayName}`;
    return fill('ActiveCall', {
      Id: 1000 + k,
      Caller: inbound ? other : party,
      Callee: inbound ? party : other,
      EstablishedAt: iso(since),
      LastChangeStatus: iso(since + 3000),
      ServerNow: iso(now),
      Status: k === count - 1 && count > 2 ? 'Ringing' : 'Talking',
    });
  });
}

export function backups(profile: PbxProfile, rng: Prng, now: number): Row[] {
  const out: Row[] = [];
  const tonight = Math.floor(now / DAY) * DAY + 2 * HOUR;
  const latest = tonight <= now ? tonight : tonight - DAY;
  const host = profile.fqdn.split('.')[0];
  for (let night = 4; night >= 0; night--) {
    const at = latest - night * DAY + rng.int(0, 240) * 1000;
    const stamp = iso(at).slice(0, 16).replace(/[-:]/g, '').replace('T', '_');
    const name = `${host}_backup_${stamp}.zip`;
    out.push(
      fill('Backups', {
        FileName: name,
        CreationTime: iso(at),
        Size: rng.int(38_000_000, 64_000_000),
        DownloadLink: `https://${profile.fqdn}/webclient/api/Backups/${name}`,
      }),
    );
  }
  return out;
}

/** 3CX's numeric codes of the audit log, as its admin console shows them. */
const OBJECT_TYPE = { User: 0, Queue: 2, RingGroup: 3, Trunk: 5, InboundRule: 7, Backup: 20, Service: 25 };
const ACTION = { Create: 0, Update: 1, Delete: 2 };

export function auditLog(users: Row[], queues: Row[], trunks: Row[], rng: Prng, now: number): Row[] {
  const admins = users.slice(0, 3);
  const user = users[Math.min(5, users.length - 1)] as Row;
  const queue = queues[1] as Row;
  const trunk = trunks[1] as Row;
  const changes: Array<[keyof typeof OBJECT_TYPE, keyof typeof ACTION, string, unknown, unknown]> = [
    [
      'User',
      'Update',
      `${user.Number} ${user.DisplayName}`,
      { Mobile: '' },
      { Mobile: user.Mobile || '+447700900999' },
    ],
    [
      'Queue',
      'Update',
      `${queue.Number} ${queue.Name}`,
      { RingTimeout: 20 },
      { RingTimeout: queue.RingTimeout },
    ],
    [
      'Trunk',
      'Update',
      `${trunk.Number} ${(trunk.Gateway as Row).Name}`,
      { SimultaneousCalls: 4 },
      { SimultaneousCalls: trunk.SimultaneousCalls },
    ],
    [
      'User',
      'Create',
      `${users.at(-1)?.Number} ${users.at(-1)?.DisplayName}`,
      null,
      { Number: users.at(-1)?.Number, EmailAddress: users.at(-1)?.EmailAddress },
    ],
    [
      'InboundRule',
      'Update',
      'Support line',
      { OfficeHoursDestination: 'Reception' },
      { OfficeHoursDestination: 'Support Queue' },
    ],
    ['RingGroup', 'Update', '700 Reception', { RingStrategy: 'Hunt' }, { RingStrategy: 'RingAll' }],
    ['Service', 'Update', '3CXQueueManager01', { Status: 'Running' }, { Status: 'Restarted' }],
    [
      'User',
      'Delete',
      'Robin Hale',
      { DisplayName: 'Robin Hale', EmailAddress: 'robin.hale@former.staff' },
      null,
    ],
    ['Backup', 'Create', 'Manual backup', null, { Contents: 'Settings, recordings' }],
  ];
  const rows = changes.map(([type, action, name, prev, next], k) => ({
    at: now - (k * 9 + rng.int(1, 8)) * HOUR,
    type,
    action,
    name,
    prev,
    next,
    by: rng.pick(admins),
  }));
  return rows.map((r, k) =>
    fill('AuditLog', {
      Id: rows.length - k,
      Action: ACTION[r.action],
      ObjectType: OBJECT_TYPE[r.type],
      ObjectName: r.name,
      PrevData: r.prev === null ? '' : JSON.stringify(r.prev),
      NewData: r.next === null ? '' : JSON.stringify(r.next),
      Ip: `192.168.10.${10 + (Number(r.by.Id) % 40)}`,
      Source: 0,
      Timestamp: iso(r.at),
      UserName: r.by.EmailAddress,
    }),
  );
}
