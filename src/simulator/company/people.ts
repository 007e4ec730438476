import { fill, type Row } from './fill';
import type { Prng } from './prng';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, type PbxProfile } from './profiles';

/** The people of the company: users (extensions from 100 up) in departments (3CX groups). */

/** Numbers the company gives to its IVR, ring groups, queues, fax and trunks; users skip them. */
export const RESERVED_NUMBERS = {
  ivr: '600',
  ringGroups: ['700', '701'],
  queues: ['800', '801', '802'],
  fax: '888',
  callFlowApps: ['610', '611'],
  servicePrincipals: ['900', '901'],
  trunks: ['10000', '10001'],
} as const;

const RESERVED = new Set<string>([
  RESERVED_NUMBERS.ivr,
  ...RESERVED_NUMBERS.ringGroups,
  ...RESERVED_NUMBERS.queues,
  RESERVED_NUMBERS.fax,
  ...RESERVED_NUMBERS.callFlowApps,
  ...RESERVED_NUMBERS.servicePrincipals,
  ...RESERVED_NUMBERS.trunks,
]);

/** Extension numbers from 100 up: three digits while they last, then four, five… never a reserved one. */
export function extensionNumbers(count: number): string[] {
  const out: string[] = [];
  for (let n = 100; out.length < count; n++) if (!RESERVED.has(String(n))) out.push(String(n));
  return out;
}

/** Folds accents and drops what an email address cannot hold: `Müller` → `muller`, `O'Brien` → `obrien`. */
export function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

const ROLE_RIGHTS: Record<string, boolean> = {
  AllowIVR: false,
  AllowParking: true,
  AllowToChangePresence: false,
  AllowToManageCompanyBook: false,
  AssignClearOperations: false,
  CanBargeIn: false,
  CanIntercom: true,
  CanSeeGroupCalls: false,
  CanSeeGroupMembers: true,
  CanSeeGroupRecordings: false,
  Invalid: false,
  PerformOperations: false,
  ShowMyCalls: true,
  ShowMyPresence: true,
  ShowMyPresenceOutside: false,
};

export function rights(role: string): Row {
  const powerful = role !== 'users';
  const values: Row = { ...ROLE_RIGHTS, RoleName: role };
  if (powerful)
    for (const name of [
      'AllowIVR',
      'AllowToChangePresence',
      'AllowToManageCompanyBook',
      'AssignClearOperations',
      'CanBargeIn',
      'CanSeeGroupCalls',
      'CanSeeGroupRecordings',
      'PerformOperations',
    ])
      values[name] = true;
  return fill('Rights', values);
}

export interface Department {
  id: number;
  name: string;
  number: string;
}

export function departments(): Department[] {
  return ['DEFAULT', ...DEPARTMENTS].map((name, i) => ({
    id: i + 1,
    name,
    number: `GRP${String(i).padStart(4, '0')}`,
  }));
}

const PROFILES_NOW = ['Available', 'Available', 'Available', 'Away', 'Out of office', 'Available'];
/** [model, provisioning template] of the desk phones the company bought. */
export const PHONE_MODELS: ReadonlyArray<[string, string]> = [
  ['Yealink T54W', 'yealinkT5x.ph.xml'],
  ['Yealink T46U', 'yealinkT4x.ph.xml'],
  ['Fanvil X6U', 'fanvilX.ph.xml'],
  ['Snom D785', 'snomD7xx.ph.xml'],
];

/** The firmware the phones of a model run, as their user agents report it. */
export function firmwareOf(model: string): string {
  return model.startsWith('Yealink') ? '108.86.0.75' : '2.12.1.20';
}

function mac(rng: Prng): string {
  const bytes = ['80', '5e', 'c0'];
  for (let i = 0; i < 3; i++) bytes.push(rng.int(0, 255).toString(16).padStart(2, '0'));
  return bytes.join(':');
}

export function secretText(rng: Prng, length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet.charAt(rng.int(0, alphabet.length - 1));
  return out;
}

export interface People {
  users: Row[];
  groups: Row[];
  /** Each user's department id, by user index. */
  departmentOf: number[];
  /** Phones seen on the network: one per registered user, and a few not yet assigned. */
  devices: Row[];
}

/** Who is who: the first three are the same in every company, so searches have known names to look for. */
function names(count: number, rng: Prng): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['Zoë', 'Müller'],
    ['Seán', "O'Brien"],
    ['Priya', 'Patel'],
  ];
  const used = new Set(out.map(([f, l]) => `${f} ${l}`));
  while (out.length < count) {
    let pair: [string, string] = [rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)];
    for (let tries = 0; used.has(pair.join(' ')) && tries < 8; tries++)
      pair = [rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)];
    used.add(pair.join(' '));
    out.push(pair);
  }
  return out.slice(0, count);
}

export function buildPeople(count: number, profile: PbxProfile, rng: Prng, now: number): People {
  const groupsOf = departments();
  const numbers = extensionNumbers(count);
  const emails = new Map<string, number>();
  const users: Row[] = [];
  const departmentOf: number[] = [];
  const devices: Row[] = [];
  const members = new Map<number, Row[]>();
  names(count, rng).forEach(([first, last], i) => {
    const number = numbers[i] as string;
    const id = i + 1;
    // The owner sits in DEFAULT; the rest spread over the departments, Sales and Support the largest.
    const dept = i === 0 ? 1 : (rng.pick([2, 2, 2, 3, 3, 3, 4, 5, 5, 6, 1]) as number);
    departmentOf.push(dept);
    const group = groupsOf[dept - 1] as Department;
    const role = i === 0 ? 'system_owners' : i < 3 ? 'system_admins' : i % 9 === 4 ? 'group_owners' : 'users';
    const local = `${emailPart(first)}.${emailPart(last)}`;
    const seen = emails.get(local) ?? 0;
    emails.set(local, seen + 1);
    const email = `${seen === 0 ? local : `${local}${seen + 1}`}@${profile.domain}`;
    const display = `${first} ${last}`;
    const enabled = i < 3 || rng.chance(0.95);
    const registered = enabled && (i < 3 || rng.chance(0.8));
    const phones: Row[] = [];
    if (registered) {
      const [model, template] = rng.pick(PHONE_MODELS);
      const address = mac(rng);
      const key = secretText(rng, 12);
      phones.push(
        fill('Phone', {
          Id: id,
          Interface: 'eth0',
          MacAddress: address,
          Name: model,
          ProvisioningLinkExt: `https://${profile.fqdn}/provisioning/${key}/${address.replace(/:/g, '')}.cfg`,
          ProvisioningLinkLocal: `http://192.168.10.5:5000/provisioning/${key}/${address.replace(/:/g, '')}.cfg`,
          TemplateName: template,
        }),
      );
      devices.push(
        fill('DeviceInfo', {
          Id: devices.length + 1,
          Assigned: true,
          AssignedUser: `${number} ${display}`,
          DetectedAt: new Date(now - rng.int(2, 300) * 86_400_000).toISOString(),
          FirmwareVersion: firmwareOf(model),
          InterfaceLink: `http://192.168.10.${20 + (i % 200)}/`,
          MAC: address,
          Model: model,
          NetworkAddress: `192.168.10.${20 + (i % 200)}`,
          NetworkPath: 'LAN',
          Parameters: '',
          SbcName: '',
          TemplateName: template,
          UserAgent: `${model} ${firmwareOf(model)}`,
          Vendor: model.split(' ')[0],
          ViaSBC: false,
        }),
      );
    }
    const membership = {
      Id: id,
      GroupId: group.id,
      Rights: rights(role),
      GroupRights: rights(role),
      CanDelete: i !== 0,
      Type: 'Extension',
      Tags: [],
    };
    const list = members.get(group.id) ?? [];
    list.push(fill('UserGroup', { ...membership, Name: display, MemberName: display, Number: number }));
    members.set(group.id, list);
    users.push(
      fill('User', {
        Id: id,
        Number: number,
        FirstName: first,
        LastName: last,
        DisplayName: display,
        EmailAddress: email,
        Mobile: rng.chance(0.15) ? '' : `${profile.mobilePrefix}${String(9_000_000 + i).slice(-7)}`,
        Enabled: enabled,
        IsRegistered: registered,
        QueueStatus: dept === 2 || dept === 3 ? (rng.chance(0.7) ? 'LoggedIn' : 'LoggedOut') : 'LoggedOut',
        CurrentProfileName: rng.pick(PROFILES_NOW),
        Language: profile.countryCode === 'DE' ? 'DE' : profile.countryCode === 'ES' ? 'ES' : 'EN',
        PrimaryGroupId: group.id,
        Groups: [
          fill('UserGroup', { ...membership, Name: group.name, MemberName: display, Number: group.number }),
        ],
        OutboundCallerID: '',
        AuthID: secretText(rng, 10),
        AuthPassword: secretText(rng, 12),
        SIPID: '',
        AccessPassword: secretText(rng, 12),
        DeskphonePassword: secretText(rng, 8),
        ClickToCallId: emailPart(`${first}${last}`) + (seen === 0 ? '' : String(seen + 1)),
        WebMeetingFriendlyName: emailPart(`${first}${last}`) + (seen === 0 ? '' : String(seen + 1)),
        VMPIN: String(rng.int(1000, 9999)),
        VMEnabled: true,
        Require2FA: role !== 'users',
        Enable2FA: role !== 'users',
        Internal: false,
        HideInPhonebook: false,
        SendEmailMissedCalls: true,
        ContactImage: '',
        EmergencyAdditionalInfo: '',
        EmergencyLocationId: '',
        HotdeskingAssignment: '',
        Blfs: '',
        PromptSet: '',
        Phones: phones,
        Tags: [],
      }),
    );
  });
  for (let k = 0; k < Math.min(3, Math.ceil(count / 20)); k++) {
    const [model, template] = PHONE_MODELS[k % PHONE_MODELS.length] as [string, string];
    devices.push(
      fill('DeviceInfo', {
        Id: devices.length + 1,
        Assigned: false,
        AssignedUser: '',
        DetectedAt: new Date(now - (k + 1) * 3_600_000).toISOString(),
        FirmwareVersion: firmwareOf(model),
        InterfaceLink: `http://192.168.10.${230 + k}/`,
        MAC: mac(rng),
        Model: model,
        NetworkAddress: `192.168.10.${230 + k}`,
        NetworkPath: 'LAN',
        Parameters: '',
        SbcName: '',
        TemplateName: template,
        UserAgent: `${model} ${firmwareOf(model)}`,
        Vendor: model.split(' ')[0],
        ViaSBC: false,
      }),
    );
  }
  const groups = groupsOf.map((g) => {
    const list = members.get(g.id) ?? [];
    return fill('Group', {
      Id: g.id,
      Number: g.number,
      Name: g.name,
      IsDefault: g.id === 1,
      HasMembers: list.length > 0,
      Members: list,
      Rights: [],
      Groups: [],
      Language: profile.countryCode === 'DE' ? 'DE' : 'EN',
      TimeZoneId: profile.timeZone,
      CustomPrompt: '',
      MusicOnHold: '',
      PromptSet: '',
      LastLoginTime: new Date(now - 86_400_000).toISOString(),
      OverrideExpiresAt: new Date(now + 86_400_000).toISOString(),
    });
  });
  return { users, groups, departmentOf, devices };
}
