import { pendingMcuRequest } from './mcu-request';
import type { Entity } from './types';

/**
 * The small company the simulator starts with. Deterministic: the same user count gives the same data, except
 * for times, which are relative to now (the MCU request expires an hour after seeding).
 */

const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Chloé',
  'Daniel',
  'Emma',
  'Felix',
  'Grace',
  'Hugo',
  'Isla',
  'Jonas',
  'Katarzyna',
  'Liam',
  'Mia',
  'Noah',
  'Olivia',
  'Pavel',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'William',
  'Xenia',
  'Zoë',
];
const LAST_NAMES = [
  'Andersen',
  'Brown',
  'Costa',
  'Dubois',
  'Evans',
  'Fischer',
  'García',
  'Hansen',
  'Ivanova',
  'Jones',
  'Kowalski',
  'Lee',
  'Müller',
  'Nakamura',
  "O'Brien",
  'Patel',
  'Quintero',
  'Rossi',
  'Schmidt',
  'Taylor',
  'Usman',
  'Virtanen',
  'Weber',
  'Xu',
  'Young',
];

const GROUPS = [
  { Id: 1, Name: 'DEFAULT', Number: 'GRP0000', IsDefault: true },
  { Id: 2, Name: 'Sales', Number: 'GRP0001', IsDefault: false },
  { Id: 3, Name: 'Support', Number: 'GRP0002', IsDefault: false },
];

const SERVICES: ReadonlyArray<[string, string, boolean]> = [
  // [Name, DisplayName, StartStopEnabled]: the core services may be restarted but not stopped.
  ['3CXPhoneSystem01', '3CX PhoneSystem', false],
  ['3CXCfgServ01', '3CX Configuration Service', false],
  ['3CXMediaServer', '3CX Media Server', true],
  ['3CXQueueManager01', '3CX Queue Manager', true],
  ['3CXIVR01', '3CX IVR', true],
  ['3CXCallFlow01', '3CX Call Flow Server', true],
  ['3CXAudioProvider01', '3CX Audio Provider', true],
  ['3CXSystemService01', '3CX System Service', true],
  ['3CXTunnel01', '3CX Tunnel', true],
  ['nginx', 'Nginx Web Server', true],
];

const TENANT_PROPERTIES: ReadonlyArray<[string, string, string | null]> = [
  ['DEFAULT_LANGUAGE', 'en', 'Language of prompts and system emails'],
  ['TIMEZONE', 'Europe/London', 'Time zone of office hours'],
  ['MAX_CALL_DURATION_MINUTES', '120', 'Calls longer than this are cut'],
  ['RECORDING_RETENTION_DAYS', '90', 'Recordings older than this are deleted'],
  ['WELCOME_EMAIL_ENABLED', '1', null],
  ["Support's level", 'Gold', 'Support contract of this tenant'],
  ['Größe', 'M', 'Company size class'],
];

/** Folds accents and drops what an email address cannot hold: `Müller` → `muller`, `O'Brien` → `obrien`. */
function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function seedUsers(count: number): Entity[] {
  const users: Entity[] = [];
  const names = FIRST_NAMES.length * LAST_NAMES.length;
  for (let i = 0; i < count; i++) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length] as string;
    // Shifting the surname once per round of first names keeps every pair unique for the first 625 users.
    const last = LAST_NAMES[(i + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length] as string;
    const number = String(100 + i);
    const group = GROUPS[i % GROUPS.length] as (typeof GROUPS)[number];
    const suffix = i >= names ? String(i) : '';
    users.push({
      Id: i + 1,
      Number: number,
      FirstName: first,
      LastName: last,
      DisplayName: `${first} ${last}`,
      EmailAddress: `${emailPart(first)}.${emailPart(last)}${suffix}@example.com`,
      Mobile: `+44770090${String(i).padStart(4, '0')}`,
      Enabled: i % 10 !== 9,
      IsRegistered: i % 3 !== 2,
      QueueStatus: i % 4 === 0 ? 'LoggedIn' : 'LoggedOut',
      CurrentProfileName: 'Available',
      Language: 'EN',
      PrimaryGroupId: group.Id,
      Groups: [
        {
          GroupId: group.Id,
          Name: group.Name,
          Number: group.Number,
          Rights: { RoleName: i === 0 ? 'system_owners' : 'users' },
        },
      ],
      OutboundCallerID: '',
      AuthID: `auth${number}`,
      Require2FA: false,
      Internal: false,
      HideInPhonebook: false,
      VMEnabled: true,
      SendEmailMissedCalls: true,
      WebMeetingFriendlyName: `${emailPart(first)}${emailPart(last)}${suffix}`,
      Tags: [],
    });
  }
  return users;
}

function member(user: Entity | undefined): Entity[] {
  return user ? [{ Id: user.Id, Name: user.DisplayName, Number: user.Number, Tags: [] }] : [];
}

function seedQueues(users: Entity[]): Entity[] {
  const agents = (from: number) =>
    users
      .slice(from, from + 4)
      .map((u) => ({ Id: u.Id, Name: u.DisplayName, Number: u.Number, SkillGroup: null, Tags: [] }));
  const base = {
    PriorityQueue: false,
    IsRegistered: true,
    MasterTimeout: 600,
    MaxCallersInQueue: 20,
    Managers: [],
  };
  return [
    {
      Id: 1,
      Number: '800',
      Name: 'Sales Queue',
      PollingStrategy: 'LongestWaiting',
      RingTimeout: 20,
      Agents: agents(0),
      ...base,
    },
    {
      Id: 2,
      Number: '801',
      Name: 'Support Queue',
      PollingStrategy: 'RingAll',
      RingTimeout: 30,
      Agents: agents(4),
      ...base,
    },
  ];
}

function seedRingGroups(users: Entity[]): Entity[] {
  return [
    {
      Id: 1,
      Number: '700',
      Name: 'Reception',
      RingStrategy: 'RingAll',
      RingTime: 20,
      Members: [...member(users[0]), ...member(users[1])],
    },
    {
      Id: 2,
      Number: '701',
      Name: 'Warehouse',
      RingStrategy: 'Hunt',
      RingTime: 15,
      Members: member(users[2]),
    },
    { Id: 3, Number: '702', Name: 'Paging', RingStrategy: 'Paging', RingTime: 10, Members: [] },
  ];
}

function seedTrunks(): Entity[] {
  const trunk = (id: number, number: string, host: string, name: string, did: string): Entity => ({
    Id: id,
    Number: number,
    AuthID: `acct${number}`,
    Direction: 'Both',
    EnableInboundCalls: true,
    EnableOutboundCalls: true,
    ExternalNumber: did,
    DidNumbers: [did],
    IsOnline: true,
    SimultaneousCalls: 10,
    OutboundCallerID: did,
    Gateway: { Id: id, Name: name, Host: host, Port: 5060, Type: 'Provider' },
  });
  return [
    trunk(1, '10000', 'sip.example-carrier.net', 'Example Carrier', '+442071234567'),
    trunk(2, '10001', 'sip.backup-voice.example', 'Backup Voice', '+442071234568'),
  ];
}

function seedServices(now: string): Entity[] {
  return SERVICES.map(([name, display, startStop], i) => ({
    Name: name,
    DisplayName: display,
    Status: 'Running',
    RestartEnabled: true,
    StartStopEnabled: startStop,
    SampleTime: now,
    MemoryUsed: 40_000_000 + i * 7_500_000,
    ThreadCount: 12 + i * 3,
    HandleCount: 150 + i * 20,
    TotalProcessorTime: 360_000 + i * 45_000,
  }));
}

function seedLicense(nowMs: number): Entity {
  const inDays = (days: number) => new Date(nowMs + days * 86_400_000).toISOString();
  return {
    Activated: true,
    ActiveModules: ['Enterprise'],
    AdminEMail: 'admin@example.com',
    CompanyName: 'Example Ltd',
    ContactName: 'Alex Admin',
    CountryCode: 'GB',
    CountryName: 'United Kingdom',
    EMail: 'it@example.com',
    ExpirationDate: inDays(365),
    LicenseActive: true,
    LicenseKey: 'SIMU-LATE-D3CX-0001',
    MaintenanceExpiresAt: inDays(365),
    MaxSimCalls: 16,
    ProductCode: '3CXPSENT16',
    ResellerName: 'Example Reseller',
    SimMeetingParticipants: 25,
    Support: true,
    Telephone: '+44 20 7946 0000',
    Version: '20.0.10.523',
  };
}

export interface CompanyOptions {
  seed: number;
  users: number;
  now: number;
  pbxIndex: number;
}

/** The contract of a seeded company: rows per entity set, singleton answers, report rows, MCU requests. */
export interface Company {
  fqdn: string;
  version: string;
  companyName: string;
  sets: Record<string, Record<string, unknown>[]>;
  singletons: Record<string, Record<string, unknown>>;
  reports: Record<string, Record<string, unknown>[]>;
  mcuRequests: Record<string, unknown>[];
}

function seedActiveCalls(users: Entity[], nowMs: number): Entity[] {
  const at = (minutesAgo: number) => new Date(nowMs - minutesAgo * 60_000).toISOString();
  const pairs: [number, string][] = [
    [0, '+442079460123'],
    [3, '+441632960555'],
  ];
  return pairs.flatMap(([i, outside], n) => {
    const user = users[i];
    if (!user) return [];
    return [
      {
        Id: n + 1,
        Caller: `${user.Number} ${user.DisplayName}`,
        Callee: outside,
        Status: 'Talking',
        EstablishedAt: at(4 + n * 3),
        LastChangeStatus: at(4 + n * 3),
        ServerNow: at(0),
      },
    ];
  });
}

function seedBackups(nowMs: number): Entity[] {
  return [3, 2, 1].map((daysAgo) => {
    const at = new Date(nowMs - daysAgo * 86_400_000);
    const fileName = `backup-${at.toISOString().slice(0, 10)}.zip`;
    return {
      FileName: fileName,
      CreationTime: at.toISOString(),
      Size: 48_000_000 + daysAgo * 1_250_000,
      DownloadLink: `/xapi/v1/Backups/${fileName}`,
    };
  });
}

export function buildCompany(options: CompanyOptions): Company {
  const nowMs = options.now;
  const now = new Date(nowMs).toISOString();
  const users = seedUsers(options.users);
  const host = options.pbxIndex === 0 ? 'pbx' : `pbx${options.pbxIndex + 1}`;
  return {
    fqdn: `${host}.example.com`,
    version: ['20.0.10.523', '20.0.9.497', '20.0.8.447'][options.pbxIndex % 3] as string,
    companyName: options.pbxIndex === 0 ? 'Example Ltd' : `Example Branch ${options.pbxIndex + 1}`,
    sets: {
      Users: users,
      Groups: GROUPS.map((g) => ({ ...g, Props: null, Members: [], Rights: [] })),
      Queues: seedQueues(users),
      RingGroups: seedRingGroups(users),
      Trunks: seedTrunks(),
      TenantProperties: TENANT_PROPERTIES.map(([Name, Value, Description]) => ({ Name, Value, Description })),
      Services: seedServices(now),
      ActiveCalls: seedActiveCalls(users, nowMs),
      Backups: seedBackups(nowMs),
    },
    singletons: { 'LicenseStatus.GetLicenseStatus': seedLicense(nowMs) },
    reports: { 'ReportAuditLog.GetAuditLogData': [] },
    mcuRequests: [{ ...pendingMcuRequest(nowMs) }],
  };
}
