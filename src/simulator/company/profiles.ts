/** Who each simulated PBX belongs to: company, domain, country and carriers. Index 0 is the default PBX. */

export interface Carrier {
  name: string;
  host: string;
}

export interface PbxProfile {
  companyName: string;
  /** Where the people's email addresses live. */
  domain: string;
  fqdn: string;
  version: string;
  countryCode: string;
  countryName: string;
  timeZone: string;
  /** E.164 prefix of the company's numbers, e.g. '+44207946'. */
  numberPrefix: string;
  /** The national trunk prefix dialled before area codes: '0' in the UK and Germany, '1' in the US. */
  nationalPrefix: string;
  /** Mobile numbers start so: '+447700'. */
  mobilePrefix: string;
  internationalPrefix: string;
  emergency: string;
  carriers: readonly [Carrier, Carrier];
  reseller: string;
}

const PROFILES: readonly PbxProfile[] = [
  {
    companyName: 'Northwind Logistics Ltd',
    domain: 'northwind-logistics.co.uk',
    fqdn: 'northwind.3cx.co.uk',
    version: '20.0.10.523',
    countryCode: 'GB',
    countryName: 'United Kingdom',
    timeZone: 'Europe/London',
    numberPrefix: '+44207946',
    mobilePrefix: '+447700',
    nationalPrefix: '0',
    internationalPrefix: '00',
    emergency: '999',
    carriers: [
      { name: 'Gamma SIP Trunk', host: 'sip.gamma.co.uk' },
      { name: 'Voxbone Backup', host: 'sip.voxbone.net' },
    ],
    reseller: 'Britannia Telecom Partners',
  },
  {
    companyName: 'Brennerhof Maschinenbau GmbH',
    domain: 'brennerhof.de',
    fqdn: 'brennerhof.my3cx.de',
    version: '20.0.8.447',
    countryCode: 'DE',
    countryName: 'Germany',
    timeZone: 'Europe/Berlin',
    numberPrefix: '+4989217',
    mobilePrefix: '+49151',
    nationalPrefix: '0',
    internationalPrefix: '00',
    emergency: '112',
    carriers: [
      { name: 'Deutsche Telekom SIP-Trunk', host: 'tel.t-online.de' },
      { name: 'sipgate trunking', host: 'sipconnect.sipgate.de' },
    ],
    reseller: 'Alpen IT Systemhaus',
  },
  {
    companyName: 'Cedar Ridge Dental Group',
    domain: 'cedarridgedental.com',
    fqdn: 'cedarridge.3cx.us',
    version: '20.0.9.471',
    countryCode: 'US',
    countryName: 'United States',
    timeZone: 'America/Chicago',
    numberPrefix: '+1312555',
    mobilePrefix: '+1312',
    nationalPrefix: '1',
    internationalPrefix: '011',
    emergency: '911',
    carriers: [
      { name: 'Telnyx Elastic SIP', host: 'sip.telnyx.com' },
      { name: 'Twilio Elastic SIP', host: 'cedarridge.pstn.twilio.com' },
    ],
    reseller: 'Great Lakes Voice',
  },
  {
    companyName: 'Azul Turismo SL',
    domain: 'azulturismo.es',
    fqdn: 'azulturismo.3cx.es',
    version: '20.0.7.402',
    countryCode: 'ES',
    countryName: 'Spain',
    timeZone: 'Europe/Madrid',
    numberPrefix: '+3491555',
    mobilePrefix: '+34612',
    nationalPrefix: '',
    internationalPrefix: '00',
    emergency: '112',
    carriers: [
      { name: 'Orange Empresas SIP', host: 'sip.orange.es' },
      { name: 'Voztelecom Trunk', host: 'trunk.voztele.com' },
    ],
    reseller: 'Iberia Comunicaciones',
  },
];

/** Past the named companies, numbered branches of the first ones keep every PBX distinct. */
export function profileOf(pbxIndex: number): PbxProfile {
  const base = PROFILES[pbxIndex % PROFILES.length] as PbxProfile;
  const round = Math.floor(pbxIndex / PROFILES.length);
  if (round === 0) return base;
  const [host, ...rest] = base.fqdn.split('.');
  return {
    ...base,
    companyName: `${base.companyName} (Branch ${round + 1})`,
    fqdn: [`${host}${round + 1}`, ...rest].join('.'),
    version: `20.0.${Math.max(1, 10 - round)}.${500 + round}`,
  };
}

/** Accents and an apostrophe on purpose: searches must find `Zoë Müller` by `zoe muller`. */
export const FIRST_NAMES = [
  'Zoë',
  'Seán',
  'Priya',
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
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'William',
  'Xenia',
  'Yusuf',
  'Amélie',
  'Björn',
  'Carmen',
  'Dmitri',
  'Elif',
  'Fatima',
  'Giulia',
  'Hiroshi',
  'Ingrid',
  'José',
  'Kwame',
  'Leila',
  'Mateo',
  'Niamh',
  'Oskar',
  'Paulina',
  'Rahul',
  'Siobhán',
  'Thomas',
  'Ugo',
  'Wei',
  'Ayşe',
  'François',
  'Lars',
  'Marta',
  'Nikos',
  'Renée',
  'Samuel',
  'Tomás',
  'Valentina',
  'Yara',
  'Ahmed',
  'Lucía',
];

export const LAST_NAMES = [
  'Müller',
  "O'Brien",
  'Patel',
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
  'Nakamura',
  'Quintero',
  'Rossi',
  'Schmidt',
  'Taylor',
  'Usman',
  'Virtanen',
  'Weber',
  'Xu',
  'Young',
  'Novák',
  'Öztürk',
  'Lefèvre',
  'Kim',
  'Mensah',
  'Nguyen',
  'Silva',
  'Johansson',
  'Kaur',
  'Murphy',
  'Okafor',
  'Popescu',
  'Rahman',
  'Sánchez',
  'Tanaka',
  'Wójcik',
  'Zhang',
  "D'Angelo",
  'Fernández',
  'Horvath',
  'Jensen',
  'Larsen',
  'Moreau',
  'Nielsen',
  'Petrov',
  'Russo',
  'Sato',
  'Bianchi',
  'Chen',
  'Doyle',
  'Eriksson',
  'Gallagher',
  'Kovačević',
  'Lindqvist',
  'MacDonald',
];

export const DEPARTMENTS = ['Sales', 'Support', 'Accounts', 'Operations', 'Management'] as const;

export const JOB_TITLES = [
  'Account Manager',
  'Purchasing Manager',
  'Office Manager',
  'IT Director',
  'Operations Lead',
  'Finance Director',
  'Logistics Coordinator',
  'Procurement Officer',
  'Head of Customer Service',
  'Managing Director',
];

export const PARTNER_COMPANIES = [
  'Harbourside Freight',
  'Kestrel Office Supplies',
  'Blue Fern Catering',
  'Meridian Insurance Brokers',
  'Atlas Packaging',
  'Greenway Fleet Services',
  'Pinnacle Accountants LLP',
  'Riverside Print Co.',
  'Summit IT Services',
  'Oakleaf Property Management',
];
