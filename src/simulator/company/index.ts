import { pinSampleTimes } from '../sample-values';
import { activeCalls, auditLog, backups, callHistory } from './activity';
import { firmwares, fxs, fxsTemplates, phoneTemplates, sbcs, sipDevices, trunkTemplates } from './devices';
import { fill, peerOf, type Row } from './fill';
import { holidays } from './holidays';
import { callFlowApps, callFlowScripts, oauth, servicePrincipals } from './integrations';
import { customPrompts, emailTemplates, phoneLogos, playlists, promptSets } from './media';
import { buildPeople } from './people';
import { Prng } from './prng';
import { type PbxProfile, profileOf } from './profiles';
import { eventLogs, recordings } from './records';
import type { Routing } from './routing';
import { buildRouting } from './routing';
import {
  blackListNumbers,
  blocklist,
  callCostSettings,
  emergencyGeoLocations,
  networkInterfaces,
  parameters,
  scheduledReports,
  websiteLinks,
} from './settings';
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

interface Seeded {
  users: Row[];
  routing: Routing;
  history: Row[];
  nightly: Row[];
  serviceRows: Row[];
}

/**
 * The sets around the core of the company — settings, devices, integrations, records — each a few rows derived
 * from it. They draw from a stream of their own, so adding one never changes the users, calls or routing.
 */
function surroundings(profile: PbxProfile, seeded: Seeded, rng: Prng, now: number): Record<string, Row[]> {
  const { users, routing, history } = seeded;
  const tokens = oauth(profile, users, rng, now);
  const ipList = blocklist(rng, now);
  const templates = fxsTemplates(profile);
  const downTrunk = routing.trunks.find((t) => t.IsOnline !== true);
  return {
    BlackListNumbers: blackListNumbers(profile, rng),
    Blocklist: ipList,
    CallCostSettings: callCostSettings(profile),
    CallFlowApps: callFlowApps(rng, now),
    CallFlowScripts: callFlowScripts(),
    CustomPrompts: customPrompts(profile, routing.queues),
    EmailTemplate: emailTemplates(profile),
    EmergencyGeoLocations: emergencyGeoLocations(profile),
    EventLogs: eventLogs(
      {
        ...(downTrunk
          ? {
              downTrunk: {
                name: String((downTrunk.Gateway as Row).Name),
                issue: String(downTrunk.ConfigurationIssue),
              },
            }
          : {}),
        stopped: seeded.serviceRows.filter((s) => s.Status !== 'Running').map((s) => String(s.Name)),
        backups: seeded.nightly.map((b) => String(b.CreationTime)),
        blocked: ipList.find((b) => b.AddedBy === 'AutoBlacklist')?.IPAddrMask as string | undefined,
      },
      rng,
      now,
    ),
    Firmwares: firmwares(),
    Fxs: fxs(profile, users, templates[0], rng),
    FxsTemplates: templates,
    Holidays: holidays(profile, now),
    MyTokens: tokens.mine,
    NetworkInterfaces: networkInterfaces(),
    OAuthClients: tokens.clients,
    Parameters: parameters(profile),
    PhoneLogos: phoneLogos(profile),
    PhoneTemplates: phoneTemplates(profile),
    Playlists: playlists(),
    PromptSets: promptSets(profile, rng),
    Recordings: recordings(profile, history, routing.inboundRules),
    Sbcs: sbcs(profile, rng),
    ScheduledReports: scheduledReports(profile, users[0], routing.queues),
    SecurityTokens: tokens.tokens,
    ServicePrincipals: servicePrincipals(routing.queues, rng, now),
    SipDevices: sipDevices(users, rng),
    TrunkTemplates: trunkTemplates(profile, routing.trunks),
    WebsiteLinks: websiteLinks(profile, routing.queues),
  };
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
  const history = callHistory(users, routing.queues, profile, rng, now);
  const audit = auditLog(users, routing.queues, routing.trunks, rng, now);
  const around = new Prng((seed ^ Math.imul(pbxIndex + 1, 0x85ebca6b) ^ 0x5bd1e995) >>> 0);
  Object.assign(sets, surroundings(profile, { users, routing, history, nightly, serviceRows }, around, now));
  // Last: what the catalogue's defaults left undated gets dates relative to `now`, like everything else.
  return pinSampleTimes(
    {
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
        'ReportCallLogData.GetCallLogData': history,
        'ReportAuditLog.GetAuditLogData': audit,
      },
      mcuRequests: [mcu],
    },
    now,
  );
}
