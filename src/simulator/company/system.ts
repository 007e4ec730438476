import { fill, type Row } from './fill';
import type { Prng } from './prng';
import type { PbxProfile } from './profiles';

/** The PBX itself: its services, licence, status and the MCU request waiting for an answer. */

const DAY = 86_400_000;

/** [Name, DisplayName, StartStopEnabled]: the core services may be restarted but not stopped. */
const SERVICES: ReadonlyArray<[string, string, boolean]> = [
  ['3CXPhoneSystem01', '3CX PhoneSystem', false],
  ['3CXCfgServ01', '3CX Configuration Service', false],
  ['3CXMediaServer', '3CX Media Server', true],
  ['3CXQueueManager01', '3CX Queue Manager', true],
  ['3CXIVR01', '3CX IVR', true],
  ['3CXCallFlow01', '3CX Call Flow Server', true],
  ['3CXAudioProvider01', '3CX Audio Provider', true],
  ['3CXSystemService01', '3CX System Service', true],
  ['3CXTunnel01', '3CX Tunnel', true],
  ['3CXEventNotificationManager', '3CX Event Notification Manager', true],
  ['nginx', 'Nginx Web Server', true],
  ['postgresql', 'PostgreSQL Database Server', false],
];

export function services(rng: Prng, now: number): Row[] {
  return SERVICES.map(([name, display, startStop], i) =>
    fill('ServiceInfo', {
      Name: name,
      DisplayName: display,
      // The tunnel is only needed for remote phones over 3CX's tunnel; this company stopped it.
      Status: name === '3CXTunnel01' ? 'Stopped' : 'Running',
      RestartEnabled: true,
      StartStopEnabled: startStop,
      SampleTime: new Date(now - rng.int(1, 30) * 1000).toISOString(),
      MemoryUsed: name === '3CXTunnel01' ? 0 : 40_000_000 + i * 7_500_000 + rng.int(0, 4_000_000),
      ThreadCount: name === '3CXTunnel01' ? 0 : 12 + i * 3,
      HandleCount: name === '3CXTunnel01' ? 0 : 150 + i * 20,
      TotalProcessorTime: name === '3CXTunnel01' ? 0 : 360_000 + i * 45_000 + rng.int(0, 90_000),
    }),
  );
}

export function licenseKey(profile: PbxProfile, rng: Prng): string {
  const part = () => rng.int(0x1000, 0xffff).toString(16).toUpperCase();
  return `${profile.countryCode}${part().slice(0, 2)}-${part()}-${part()}-${part()}`;
}

export function license(profile: PbxProfile, key: string, owner: Row | undefined, now: number): Row {
  return fill('LicenseStatus', {
    Activated: true,
    ActiveModules: ['Enterprise'],
    AdminEMail: owner?.EmailAddress ?? `admin@${profile.domain}`,
    CompanyName: profile.companyName,
    ContactName: owner?.DisplayName ?? 'IT Department',
    CountryCode: profile.countryCode,
    CountryName: profile.countryName,
    EMail: `it@${profile.domain}`,
    ExpirationDate: new Date(now + 214 * DAY).toISOString(),
    LicenseActive: true,
    LicenseKey: key,
    MaintenanceExpiresAt: new Date(now + 214 * DAY).toISOString(),
    MaxSimCalls: 32,
    ProductCode: '3CXPSENT32',
    ResellerName: profile.reseller,
    SimMeetingParticipants: 50,
    Support: true,
    Telephone: `${profile.numberPrefix}0000`,
    Version: profile.version,
  });
}

export interface StatusCounts {
  users: number;
  registered: number;
  callsActive: number;
  trunks: number;
  trunksRegistered: number;
  outboundRules: number;
  lastBackup: string | undefined;
  servicesDown: boolean;
}

export function systemStatus(profile: PbxProfile, key: string, counts: StatusCounts, now: number): Row {
  return fill('SystemStatus', {
    Id: 1,
    Activated: true,
    AutoUpdateEnabled: true,
    AvailableLocalIps: '192.168.10.5',
    BackupScheduled: true,
    CallsActive: counts.callsActive,
    ChatUsedSpace: 18_432_000,
    CurrentLocalIp: '192.168.10.5',
    DBMaintenanceInProgress: false,
    DiskUsage: 37,
    ExpirationDate: new Date(now + 214 * DAY).toISOString(),
    ExtensionsRegistered: counts.registered,
    ExtensionsTotal: counts.users,
    FQDN: profile.fqdn,
    FreeDiskSpace: 52_613_349_376,
    HasNotRunningServices: counts.servicesDown,
    HasUnregisteredSystemExtensions: false,
    Ip: '203.0.113.24',
    IpV4: '203.0.113.24',
    IpV6: '',
    IsAuditLogEnabled: true,
    IsChatLogEnabled: false,
    IsRecordingArchiveEnabled: false,
    LastBackupDateTime: counts.lastBackup ?? new Date(now - DAY).toISOString(),
    LastCheckForUpdates: new Date(now - 5 * 3_600_000).toISOString(),
    LastSuccessfulUpdate: new Date(now - 23 * DAY).toISOString(),
    LicenseActive: true,
    LicenseKey: key,
    LocalIpValid: true,
    LogUsedSpace: 412_000_000,
    MaintenanceExpiresAt: new Date(now + 214 * DAY).toISOString(),
    MaxSimCalls: 32,
    MaxUserExtensions: Math.max(100, counts.users * 2),
    OutboundRules: counts.outboundRules,
    ProductCode: '3CXPSENT32',
    RecordingQuota: 21_474_836_480,
    RecordingQuotaReached: false,
    RecordingStopped: false,
    RecordingUsedSpace: 3_221_225_472,
    RemoteConfigurationRequired: false,
    RemoteStorageEnabled: false,
    ResellerName: profile.reseller,
    Support: true,
    TotalDiskSpace: 85_899_345_920,
    TrunksRegistered: counts.trunksRegistered,
    TrunksTotal: counts.trunks,
    UserExtensions: counts.users,
    Version: profile.version,
    VoicemailQuotaReached: false,
    VoicemailStopped: false,
  });
}

/** A UUID v4 from the generator, so it is the same on every run. */
export function uuid(rng: Prng): string {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + rng.int(0, 3)).toString(16)}${hex(3)}-${hex(12)}`;
}

/** The shape `ConferenceSettings.GetMCURequestStatus` answers: one pending request, expiring in an hour. */
export function mcuRequest(rng: Prng, now: number): Row {
  return {
    McuId: uuid(rng),
    Operation: 'Create',
    State: 'Pending',
    RequestExpiration: new Date(now + 3_600_000).toISOString(),
    ErrorMessage: null,
  };
}
