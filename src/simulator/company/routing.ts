import { fill, type Row } from './fill';
import { RESERVED_NUMBERS, secretText } from './people';
import type { Prng } from './prng';
import { JOB_TITLES, PARTNER_COMPANIES, type PbxProfile } from './profiles';

/** How calls reach people: queues, ring groups, the IVR, trunks, DIDs and rules, parkings, fax, phonebook. */

function ref(user: Row): { Id: unknown; Name: unknown; Number: unknown; Tags: unknown[] } {
  return { Id: user.Id, Name: user.DisplayName, Number: user.Number, Tags: [] };
}

function destination(type: string, to: string, number: string, name: string, external = ''): Row {
  return fill('Destination', {
    Type: type,
    To: to,
    Number: number,
    Name: name,
    External: external,
    Tags: [],
  });
}

export interface Routing {
  queues: Row[];
  ringGroups: Row[];
  receptionists: Row[];
  trunks: Row[];
  didNumbers: Row[];
  inboundRules: Row[];
  outboundRules: Row[];
  parkings: Row[];
  fax: Row[];
  contacts: Row[];
}

/** Users of one department (by id), or the first users when it has too few. */
function staffOf(users: Row[], departmentOf: number[], dept: number, count: number): Row[] {
  const inDept = users.filter((_, i) => departmentOf[i] === dept);
  const pool = inDept.length >= Math.min(2, count) ? inDept : users;
  return pool.slice(0, count);
}

export function buildRouting(users: Row[], departmentOf: number[], profile: PbxProfile, rng: Prng): Routing {
  const queueDefs: ReadonlyArray<[string, number, string]> = [
    ['Sales', 2, 'LongestWaiting'],
    ['Support', 3, 'RingAll'],
    ['Accounts', 4, 'Hunt'],
  ];
  const queues = queueDefs.map(([name, dept, strategy], i) =>
    fill('Queue', {
      Id: i + 1,
      Number: RESERVED_NUMBERS.queues[i],
      Name: `${name} Queue`,
      PollingStrategy: strategy,
      RingTimeout: 20 + i * 5,
      MasterTimeout: 600,
      MaxCallersInQueue: 20,
      SLATime: 60,
      WrapUpTime: 15,
      PriorityQueue: i === 1,
      IsRegistered: true,
      Agents: staffOf(users, departmentOf, dept, 6).map((u) =>
        fill('QueueAgent', { ...ref(u), SkillGroup: '' }),
      ),
      Managers: staffOf(users, departmentOf, dept, 1).map((u) => fill('QueueManager', ref(u))),
      Groups: [],
      GreetingFile: `${name.toLowerCase()}-welcome.wav`,
      IntroFile: '',
      OnHoldFile: 'onhold.wav',
      CallbackPrefix: '',
      CallbackOfferPrompt: '',
      DestinationNoAnswerPrompt: '',
      PromptSet: '',
      VMEmailList: '',
      ComfortPrompts: [],
      MaxWaitTimeSkillGroupValues: [],
      ForwardNoAnswer: destination('Extension', 'VoiceMail', users[0]?.Number as string, 'Voicemail'),
    }),
  );
  const ringGroups = [
    fill('RingGroup', {
      Id: 1,
      Number: RESERVED_NUMBERS.ringGroups[0],
      Name: 'Reception',
      RingStrategy: 'RingAll',
      RingTime: 20,
      IsRegistered: true,
      Members: staffOf(users, departmentOf, 1, 3).map((u) => fill('RingGroupMember', ref(u))),
      Groups: [],
      GreetingFile: '',
      MulticastAddress: '',
      MulticastCodec: '',
      VMEmailList: '',
    }),
    fill('RingGroup', {
      Id: 2,
      Number: RESERVED_NUMBERS.ringGroups[1],
      Name: 'Warehouse',
      RingStrategy: 'Hunt',
      RingTime: 15,
      IsRegistered: true,
      Members: staffOf(users, departmentOf, 5, 4).map((u) => fill('RingGroupMember', ref(u))),
      Groups: [],
      GreetingFile: '',
      MulticastAddress: '',
      MulticastCodec: '',
      VMEmailList: '',
    }),
  ];
  const menu: ReadonlyArray<[string, string, string, string]> = [
    ['1', 'Queue', 'Queue', RESERVED_NUMBERS.queues[0]],
    ['2', 'Queue', 'Queue', RESERVED_NUMBERS.queues[1]],
    ['3', 'Queue', 'Queue', RESERVED_NUMBERS.queues[2]],
    ['0', 'RingGroup', 'RingGroup', RESERVED_NUMBERS.ringGroups[0]],
  ];
  const receptionists = [
    fill('Receptionist', {
      Id: 1,
      Number: RESERVED_NUMBERS.ivr,
      Name: 'Main Menu',
      IVRType: 'Default',
      IsRegistered: true,
      PromptFilename: 'main-menu.wav',
      PromptSet: '',
      Timeout: 10,
      TimeoutForwardDN: RESERVED_NUMBERS.ringGroups[0],
      TimeoutForwardPeerType: 'RingGroup',
      TimeoutForwardType: 'RingGroup',
      InvalidKeyForwardDN: RESERVED_NUMBERS.ringGroups[0],
      ForwardSmsTo: '',
      Forwards: menu.map(([input, type, peer, dn], i) =>
        fill('ReceptionistForward', {
          Id: i + 1,
          Input: input,
          ForwardType: type,
          PeerType: peer,
          ForwardDN: dn,
          CustomData: '',
        }),
      ),
      Groups: [],
    }),
  ];
  const did = (k: number) => `${profile.numberPrefix}${String(1000 + k).slice(-4)}`;
  const trunks = profile.carriers.map((carrier, i) =>
    fill('Trunk', {
      Id: i + 1,
      Number: RESERVED_NUMBERS.trunks[i],
      AuthID: `${profile.domain.split('.')[0]}${i === 0 ? '' : '-backup'}`,
      AuthPassword: fill('ConcealedPassword', {}),
      Direction: 'Both',
      EnableInboundCalls: true,
      EnableOutboundCalls: true,
      ExternalNumber: did(i * 10),
      DidNumbers: i === 0 ? [did(0), did(1), did(2), did(3)] : [did(10)],
      IsOnline: i === 0,
      ConfigurationIssue: i === 0 ? '' : 'Registration failed: 403 Forbidden',
      SimultaneousCalls: i === 0 ? 16 : 8,
      OutboundCallerID: did(i * 10),
      E164CountryCode: profile.numberPrefix.replace(/^\+/, '').slice(0, profile.countryCode === 'US' ? 1 : 2),
      Certificate: '',
      CertificateExpirationDate: '',
      CertificateName: '',
      PublicIPinSIP: '',
      RemoteMyPhoneUriHost: '',
      RemotePBXPreffix: '',
      ScriptName: '',
      SecondaryRegistrar: '',
      SeparateAuthId: '',
      TunnelRemoteAddr: '',
      PublicInfoGroups: [],
      Gateway: fill('Gateway', {
        Id: i + 1,
        Name: carrier.name,
        Host: carrier.host,
        Port: 5060,
        ProxyHost: carrier.host,
        ProxyPort: 5060,
        Type: 'Provider',
        Lines: i === 0 ? 16 : 8,
        Codecs: ['G711A', 'G711U', 'G729'],
        OutboundCallerID: did(i * 10),
        TemplateFilename: `${carrier.name.split(' ')[0]?.toLowerCase()}.pv.xml`,
        SpecifiedIPForRegistrationContact: '',
        TimeBetweenReg: 300,
      }),
      Groups: [],
      Tags: [],
    }),
  );
  const trunkPeer = (i: number) =>
    fill('Peer', {
      Id: i + 1,
      Number: RESERVED_NUMBERS.trunks[i],
      Name: profile.carriers[i]?.name,
      Type: 'ExternalLine',
      Hidden: false,
      MemberOf: [],
      Tags: [],
    });
  const targets: ReadonlyArray<[string, string, string, string]> = [
    ['Main number', 'IVR', RESERVED_NUMBERS.ivr, 'Main Menu'],
    ['Sales line', 'Queue', RESERVED_NUMBERS.queues[0], 'Sales Queue'],
    ['Support line', 'Queue', RESERVED_NUMBERS.queues[1], 'Support Queue'],
    ['Accounts line', 'Queue', RESERVED_NUMBERS.queues[2], 'Accounts Queue'],
    ['Backup line', 'IVR', RESERVED_NUMBERS.ivr, 'Main Menu'],
  ];
  const numbersOfRules = [did(0), did(1), did(2), did(3), did(10)];
  const inboundRules = targets.map(([name, type, number, target], i) => {
    const office = destination(type, type, number, target);
    return fill('InboundRule', {
      Id: i + 1,
      RuleName: name,
      CallType: 'AllCalls',
      Condition: 'BasedOnDID',
      Data: numbersOfRules[i],
      CustomData: '',
      AlterDestinationDuringHolidays: true,
      AlterDestinationDuringOutOfOfficeHours: true,
      OfficeHoursDestination: office,
      OutOfOfficeHoursDestination: destination(
        'Extension',
        'VoiceMail',
        users[0]?.Number as string,
        'Voicemail',
      ),
      HolidaysDestination: destination('Extension', 'VoiceMail', users[0]?.Number as string, 'Voicemail'),
      TrunkDN: trunkPeer(i === 4 ? 1 : 0),
    });
  });
  const didNumbers = numbersOfRules.map((number, i) =>
    fill('DidNumber', {
      Number: number,
      TrunkId: i === 4 ? 2 : 1,
      TemplateFileName: `${profile.carriers[i === 4 ? 1 : 0].name.split(' ')[0]?.toLowerCase()}.pv.xml`,
      RoutingRule: inboundRules[i],
    }),
  );
  const routes = (first: number) =>
    [first, 1 - first].map((t) =>
      fill('OutboundRoute', {
        TrunkId: t + 1,
        TrunkName: profile.carriers[t]?.name,
        Prepend: '',
        Append: '',
        StripDigits: 0,
        CallerID: did(t * 10),
      }),
    );
  const outboundRules = [
    ['Emergency', profile.emergency, true],
    ['National', profile.nationalPrefix || '9', false],
    ['International', profile.internationalPrefix, false],
  ].map(([name, prefix, emergency], i) =>
    fill('OutboundRule', {
      Id: i + 1,
      Name: name,
      Prefix: prefix,
      Priority: i + 1,
      EmergencyRule: emergency,
      NumberLengthRanges: emergency ? String(String(prefix).length) : '',
      DNRanges: [fill('DNRange', { From: users[0]?.Number, To: users.at(-1)?.Number })],
      GroupIds: [1],
      GroupNames: ['DEFAULT'],
      Routes: routes(0),
    }),
  );
  const parkings = [0, 1, 2].map((k) => fill('Parking', { Id: k + 1, Number: `SP${k}`, Groups: [] }));
  const fax = [
    fill('Fax', {
      Id: 1,
      Number: RESERVED_NUMBERS.fax,
      AuthID: secretText(rng, 10),
      AuthPassword: secretText(rng, 12),
      FaxServer: true,
      OutboundCallerId: did(9),
      Groups: [],
    }),
  ];
  const contacts = PARTNER_COMPANIES.flatMap((company, k) =>
    [0, 1].map((j) => {
      const first = [
        'Hannah',
        'Marcus',
        'Ines',
        'Oliver',
        'Sofia',
        'Tobias',
        'Aisha',
        'Robert',
        'Elena',
        'Callum',
      ][(k * 2 + j) % 10] as string;
      const last = [
        'Wright',
        'Kelly',
        'Berger',
        'Shaw',
        'Romano',
        'Keller',
        'Begum',
        'Hughes',
        'Marino',
        'Ross',
      ][(k * 3 + j) % 10] as string;
      const domain = `${company.toLowerCase().replace(/[^a-z]+/g, '')}.com`;
      return fill('Contact', {
        Id: k * 2 + j + 1,
        FirstName: first,
        LastName: last,
        CompanyName: company,
        Title: JOB_TITLES[(k + j) % JOB_TITLES.length],
        Department: j === 0 ? 'Sales' : 'Accounts',
        Email: `${first.toLowerCase()}.${last.toLowerCase()}@${domain}`,
        Business: `${profile.numberPrefix.slice(0, -3)}${String(550_000 + k * 37 + j).padStart(6, '0')}`,
        Business2: '',
        BusinessFax:
          j === 0 ? '' : `${profile.numberPrefix.slice(0, -3)}${String(560_000 + k).padStart(6, '0')}`,
        Mobile2: j === 1 ? '' : `${profile.mobilePrefix}${String(3_100_000 + k * 10 + j).slice(-7)}`,
        Home: '',
        Other: '',
        Pager: '',
        PhoneNumber: `${profile.numberPrefix.slice(0, -3)}${String(550_000 + k * 37 + j).padStart(6, '0')}`,
        Tag: '',
        ContactType: '3CX',
      });
    }),
  );
  return {
    queues,
    ringGroups,
    receptionists,
    trunks,
    didNumbers,
    inboundRules,
    outboundRules,
    parkings,
    fax,
    contacts,
  };
}
