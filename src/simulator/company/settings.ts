import { fill, type Row } from './fill';
import type { Prng } from './prng';
import type { PbxProfile } from './profiles';

/**
 * What an admin set up once and rarely looks at again: blocked callers and addresses, call rates, emergency
 * locations, custom parameters, scheduled reports and the website chat link.
 */

const DAY = 86_400_000;

/** An outside number of the company's country that is not one of its own. */
function outsideNumber(profile: PbxProfile, rng: Prng): string {
  return `${profile.numberPrefix.slice(0, -3)}${rng.int(300_000, 899_999)}`;
}

export function blackListNumbers(profile: PbxProfile, rng: Prng): Row[] {
  const reasons = ['Repeated sales calls', 'Reported as a scam by reception', 'Silent calls at night'];
  return reasons.map((Description, i) =>
    fill('BlackListNumber', { Id: String(i + 1), CallerId: outsideNumber(profile, rng), Description }),
  );
}

/** The PBX's IP list: the office network allowed, the MCU allowed, and addresses the anti-hacking blocked. */
export function blocklist(rng: Prng, now: number): Row[] {
  const attacker = () => `${rng.pick(['185.243.5', '45.134.26', '193.106.191'])}.${rng.int(2, 254)}/32`;
  const rows: Array<[string, string, string, string, number]> = [
    ['192.168.10.0/24', 'Allow', 'Manual', 'Office network', 365],
    ['198.51.100.40/32', 'Allow', 'Mcu', 'Web meeting server', 365],
    [attacker(), 'Block', 'AutoBlacklist', 'Too many failed SIP registrations', 7],
    [attacker(), 'Block', 'AutoBlacklist', 'Too many failed web client logins', 3],
  ];
  return rows.map(([IPAddrMask, BlockType, AddedBy, Description, days], i) =>
    fill('BlocklistAddr', {
      Id: i + 1,
      IPAddrMask,
      BlockType,
      AddedBy,
      Description,
      ExpiresAt: new Date(Math.floor(now / 60_000) * 60_000 + days * DAY).toISOString(),
    }),
  );
}

/** [country, international prefix, rate per minute] of the places the company calls most. */
const RATES: Record<string, ReadonlyArray<[string, string, number]>> = {
  GB: [
    ['United Kingdom', '44', 0.01],
    ['Ireland', '353', 0.03],
    ['Germany', '49', 0.04],
    ['France', '33', 0.04],
    ['United States', '1', 0.02],
  ],
  DE: [
    ['Germany', '49', 0.01],
    ['Austria', '43', 0.03],
    ['Switzerland', '41', 0.06],
    ['Italy', '39', 0.04],
    ['United Kingdom', '44', 0.04],
  ],
  US: [
    ['United States', '1', 0.01],
    ['Canada', '1', 0.01],
    ['Mexico', '52', 0.05],
    ['United Kingdom', '44', 0.03],
  ],
  ES: [
    ['Spain', '34', 0.01],
    ['Portugal', '351', 0.03],
    ['France', '33', 0.04],
    ['United Kingdom', '44', 0.04],
    ['Germany', '49', 0.04],
  ],
};

export function callCostSettings(profile: PbxProfile): Row[] {
  const rates = RATES[profile.countryCode] ?? RATES.GB ?? [];
  return rates.map(([CountryName, Prefix, Rate], i) =>
    fill('CallCostSettings', { Id: i + 1, CountryName, Prefix, Rate, Invalid: false, ReadOnly: false }),
  );
}

/** Where the company's offices are, for the emergency location sent with a 999/911/112 call. */
const SITES: Record<string, readonly string[]> = {
  GB: ['Head office, 12 Wharf Road, London N1 7GR', 'Warehouse, Unit 4 Thames Gateway, Dagenham RM9 6PU'],
  DE: ['Hauptsitz, Landsberger Straße 110, 80339 München', 'Werk 2, Robert-Bosch-Straße 7, 85748 Garching'],
  US: [
    'Main clinic, 233 S Wacker Dr, Chicago, IL 60606',
    'Oak Park clinic, 1010 Lake St, Oak Park, IL 60301',
  ],
  ES: ['Oficina central, Calle de Alcalá 48, 28014 Madrid', 'Oficina Málaga, Calle Larios 5, 29005 Málaga'],
};

export function emergencyGeoLocations(profile: PbxProfile): Row[] {
  const sites = SITES[profile.countryCode] ?? SITES.GB ?? [];
  // The document types this Id as text but addresses the set by a whole number; the number is what works.
  return sites.map((FriendlyName, i) => fill('EmergencyGeoLocation', { Id: i + 1, FriendlyName }));
}

/** The PBX's network cards; the type holds nothing but the Id. */
export function networkInterfaces(): Row[] {
  return [1, 2].map((Id) => fill('NetworkInterface', { Id }));
}

/** Custom parameters an admin added under Advanced › Parameters. */
export function parameters(profile: PbxProfile): Row[] {
  const rows: ReadonlyArray<[string, string, string]> = [
    ['PARK_TIMEOUT', '180', 'Seconds a parked call waits before it rings back'],
    ['MAX_HOLD_TIME', '600', 'Seconds a caller may stay on hold'],
    ['RECORDING_FORMAT', 'wav', 'File format of call recordings'],
    ['MISSED_CALL_EMAIL_DELAY', '60', 'Seconds before a missed-call email is sent'],
    ['SMTP_SENDER', `pbx@${profile.domain}`, 'Sender of the emails the PBX sends'],
  ];
  return rows.map(([Name, Value, Description], i) =>
    fill('Parameter', { Id: i + 1, Name, Value, Description }),
  );
}

export function scheduledReports(profile: PbxProfile, owner: Row | undefined, queues: Row[]): Row[] {
  const to = String(owner?.EmailAddress ?? `it@${profile.domain}`);
  const [sales, support] = queues;
  const rows: ReadonlyArray<[string, string, string, string, string]> = [
    ['Daily call log', 'CallLogs', 'Daily', '', 'All calls of the previous day'],
    [
      'Weekly queue performance',
      'QueuePerformanceOverview',
      'Weekly',
      String(sales?.Number ?? ''),
      `Queue ${String(sales?.Number ?? '')} ${String(sales?.Name ?? '')}, last week`,
    ],
    [
      'Weekly SLA breaches',
      'SlaBreaches',
      'Weekly',
      String(support?.Number ?? ''),
      `Queue ${String(support?.Number ?? '')} ${String(support?.Name ?? '')}, last week`,
    ],
    ['Monthly call costs', 'CallCostByExtensionDept', 'Monthly', '', 'All departments, last month'],
  ];
  return rows.map(([Name, ReportType, ScheduleType, DN, FilterDescription], i) =>
    fill('ScheduledReport', {
      Id: i + 1,
      Name,
      ReportType,
      ScheduleType,
      DN,
      EmailAddresses: to,
      FilterDescription,
      ReportLink: `https://${profile.fqdn}/#/office/reports/scheduled/${i + 1}`,
      ReportParams: JSON.stringify({
        period: ScheduleType === 'Daily' ? 'Yesterday' : `Last${ScheduleType}`,
      }),
    }),
  );
}

/** The "talk to us" link on the company website, answered by the support queue. */
export function websiteLinks(profile: PbxProfile, queues: Row[]): Row[] {
  const support = queues[1] ?? queues[0];
  const host = profile.fqdn.split('.')[0] as string;
  const peer = support
    ? fill('Peer', {
        Id: support.Id,
        Number: support.Number,
        Name: support.Name,
        Type: 'Queue',
        MemberOf: [],
      })
    : null;
  const link = fill('Weblink', {
    Id: 1,
    Link: `${host}-support`,
    Name: 'Website support chat',
    Website: [`https://www.${profile.domain}`],
    Group: 'DEFAULT',
    ChatEnabled: true,
    CallsEnabled: true,
    MeetingEnabled: false,
    Hidden: false,
    DefaultRecord: true,
    EnableReCaptcha: true,
    DN: peer,
  });
  const box = link.ChatBox as Row;
  box.OperatorName = `${profile.companyName} support`;
  box.ButtonIconUrl = `https://www.${profile.domain}/assets/chat.png`;
  (link.Advanced as Row).CallTitle = `Call ${profile.companyName}`;
  (link.Translations as Row).WindowTitle = `${profile.companyName} support`;
  return [link];
}
