import { activeCalls, auditLog, backups, callHistory } from './activity';
import { fill, type Row } from './fill';
import { buildPeople } from './people';
import { Prng } from './prng';
import { profileOf } from './profiles';
import { buildRouting } from './routing';
import { license, licenseKey, mcuRequest, services, systemStatus } from './system';

/**
 * A realistic company behind one simulated PBX, built from a seed: the same (seed, users, now, pbxIndex) gives
 * the same data byte for byte; times are relative to `now`.
 */

export interface CompanyOptions {
  seed: number;
  users: number;
  now: number;
  pbxIndex: number;
}

export interface Company {
  fqdn: string;
  version: string;
  companyName: string;
  /** Rows per entity set, keyed by the set's name as in the XAPI path ('Users', 'Queues', 'ActiveCalls', 'Backups',
   *  'Services', …); every row a full object of the set's schema type with its key assigned; navigation properties
   *  hold their rows as 3CX answers them under $expand (e.g. Queue.Agents = QueueAgent rows with Number, Name). */
  sets: Record<string, Record<string, unknown>[]>;
  /** Objects answered by non-collection GETs, keyed by catalogue operation key ('SystemStatus.GetSystemStatus'…);
   *  counts in them are overwritten by the engine from `sets`. */
  singletons: Record<string, Record<string, unknown>>;
  /** Rows answered by report functions, keyed by operation key ('ReportCallLogData.GetCallLogData',
   *  'ReportAuditLog.GetAuditLogData', …). */
  reports: Record<string, Record<string, unknown>[]>;
  mcuRequests: Record<string, unknown>[];
}

/** Tenant properties as an admin leaves them; the apostrophe and the ß test key quoting. */
const TENANT_PROPERTIES: ReadonlyArray<[string, string, string]> = [
  ['DEFAULT_LANGUAGE', 'en', 'Language of prompts and system emails'],
  ['MAX_CALL_DURATION_MINUTES', '120', 'Calls longer than this are cut'],
  ['RECORDING_RETENTION_DAYS', '90', 'Recordings older than this are deleted'],
  ['WELCOME_EMAIL_ENABLED', '1', 'New users get the welcome email'],
  ["Support's level", 'Gold', 'Support contract of this tenant'],
  ['Größe', 'M', 'Company size class'],
];

function peerOf(row: Row, type: string, name: unknown): Row {
  return fill('Peer', {
    Id: row.Id,
    Number: row.Number,
    Name: name,
    Type: type,
    Hidden: false,
    MemberOf: [],
    Tags: [],
  });
}

export function buildCompany(options: CompanyOptions): Company {
  const { seed, now, pbxIndex } = options;
  const userCount = Math.max(1, Math.floor(options.users));
  // One stream per PBX, so adding a PBX never changes the others.
  const rng = new Prng((seed ^ Math.imul(pbxIndex + 1, 0x9e3779b1)) >>> 0);
  const profile = profileOf(pbxIndex);
  const people = buildPeople(userCount, profile, rng, now);
  const { users, groups } = people;
  const routing = buildRouting(users, people.departmentOf, profile, rng);
  const live = activeCalls(users, profile, rng, now);
  const nightly = backups(profile, rng, now);
  const serviceRows = services(rng, now);
  const key = licenseKey(profile, rng);
  const owner = users[0];
  const peers = [
    ...users.map((u) => peerOf(u, 'Extension', u.DisplayName)),
    ...routing.queues.map((q) => peerOf(q, 'Queue', q.Name)),
    ...routing.ringGroups.map((g) => peerOf(g, 'RingGroup', g.Name)),
    ...routing.receptionists.map((r) => peerOf(r, 'IVR', r.Name)),
    ...routing.fax.map((f) => peerOf(f, 'Fax', 'Fax')),
    ...routing.parkings.map((p) => peerOf(p, 'Parking', `Parking ${p.Number}`)),
    ...routing.trunks.map((t) => peerOf(t, 'ExternalLine', (t.Gateway as Row).Name)),
  ].map((p, i) => ({ ...p, Id: i + 1 }));
  const sets: Record<string, Row[]> = {
    Users: users,
    Groups: groups,
    Queues: routing.queues,
    RingGroups: routing.ringGroups,
    Receptionists: routing.receptionists,
    Trunks: routing.trunks,
    DidNumbers: routing.didNumbers,
    InboundRules: routing.inboundRules,
    OutboundRules: routing.outboundRules,
    Parkings: routing.parkings,
    Fax: routing.fax,
    Contacts: routing.contacts,
    Peers: peers,
    DeviceInfos: people.devices,
    ActiveCalls: live,
    Backups: nightly,
    Services: serviceRows,
    TenantProperties: TENANT_PROPERTIES.map(([Name, Value, Description]) =>
      fill('Property', { Name, Value, Description }),
    ),
  };
  const status = systemStatus(
    profile,
    key,
    {
      users: users.length,
      registered: users.filter((u) => u.IsRegistered === true).length,
      callsActive: live.length,
      trunks: routing.trunks.length,
      trunksRegistered: routing.trunks.filter((t) => t.IsOnline === true).length,
      outboundRules: routing.outboundRules.length,
      lastBackup: nightly.at(-1)?.CreationTime as string | undefined,
      servicesDown: serviceRows.some((s) => s.Status !== 'Running'),
    },
    now,
  );
  const mcu = mcuRequest(rng, now);
  return {
    fqdn: profile.fqdn,
    version: profile.version,
    companyName: profile.companyName,
    sets,
    singletons: {
      'SystemStatus.GetSystemStatus': status,
      'LicenseStatus.GetLicenseStatus': license(profile, key, owner, now),
      'ConferenceSettings.GetMCURequestStatus': mcu,
      ...(owner ? { 'MyUser.GetMyUser': owner } : {}),
      ...(groups[0] ? { 'MyGroup.GetMyGroup': groups[0] } : {}),
    },
    reports: {
      'ReportCallLogData.GetCallLogData': callHistory(users, routing.queues, profile, rng, now),
      'ReportAuditLog.GetAuditLogData': auditLog(users, routing.queues, routing.trunks, rng, now),
    },
    mcuRequests: [mcu],
  };
}
