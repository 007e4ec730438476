import type { OperationCatalogue, TypeNode } from '../api/catalogue';

/**
 * Deterministic, plausible values for catalogue types: the defaults under every seeded row (company/fill.ts) and
 * the answers of operations the simulator keeps no state behind. Text is chosen by the property's name (an email
 * where it says Email, an address where it says Ip, a version where it says Version…), then by its format; a name
 * nothing fits gets '' — what 3CX answers for a setting nobody filled in — never the property's own name. Enums
 * answer their first member; lists of such text, and lists of enum members, are empty. Named types nest at most
 * REF_DEPTH deep and never inside themselves, so recursive types stay finite.
 *
 * The values hold no clock, so they can be built once per catalogue and are the same on every machine: a date
 * is the SAMPLE_DATE_TIME marker and a year SAMPLE_YEAR until `pinSampleTimes` pins them to a moment.
 */

export const SAMPLE_DATE_TIME = '2025-01-15T09:30:00Z';
export const SAMPLE_UUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const SAMPLE_YEAR = 2025;
const SAMPLE_DATE = SAMPLE_DATE_TIME.slice(0, 10);
const REF_DEPTH = 3;

const DOMAIN = 'example.com';
const FQDN = `pbx.${DOMAIN}`;
const PHONE = '+442079460958';

/** [pattern on the property name, value]; the first match wins, so the narrower patterns come first. */
const BY_NAME: ReadonlyArray<[RegExp, string]> = [
  // Nothing went wrong and nothing was transcribed: empty is what 3CX answers.
  [
    /^(error|errormessage|exceptionmessage|configurationissue|compilationresult|rejectedcode|issuedescription|fixurl|transcription|summary|log)$/i,
    '',
  ],
  [/(scriptcode|installscript|prestartscript|poststartscript|content|contents|body|html|json)$/i, ''],
  [/(invalidemail)$/i, 'Please enter a valid email address.'],
  [/(invalidname)$/i, 'Please enter your name.'],
  [/(maximumcharactersreached)$/i, 'The message is too long.'],
  [/(buttontext)$/i, 'Start chat'],
  [/(greetingmessage|firstresponsemessage|invitemessage)$/i, 'Hello! How can we help you today?'],
  [/(unavailablemessage|greetingofflinemessage|offline\w*message)$/i, 'We are offline. Leave us a message.'],
  [/(endingmessage)$/i, 'Thank you for contacting us.'],
  [/(gdprmessage|authenticationmessage)$/i, 'Please tell us who you are before we start.'],
  [/(message|text|instructions|reasontext)$/i, 'Service started'],
  [/(description|descr|comment|notes?)$/i, 'Configured by the IT team'],
  [/(mailaddress|recipients|replyemail|emaillist|emailaddresses|e-?mail\w*)$/i, `it@${DOMAIN}`],
  [
    /^(ip|ipaddress|availablelocalips|currentlocalip|publicip|publicstaticip|staticip|stunip|myipaddress)$/i,
    '192.168.1.20',
  ],
  [/(byip|participantip|socketipaddress|localipv4|ipv4|ipwhitelist)$/i, '192.168.1.20'],
  [/ipaddrmask$/i, '203.0.113.0/24'],
  [/(multicastaddress)$/i, '224.0.1.75'],
  [/ipv6$/i, 'fe80::215:65ff:fe3a:7c21'],
  [/(fqdn|domain|hostname|host|proxyhost|registrar|mailserver|stunserver|remoteserver|server)$/i, FQDN],
  [/(url|uri|link|endpoint|webhook|website|downloadurl|uris)$/i, `https://${FQDN}/`],
  [/mac(address)?$/i, '00:15:65:3a:7c:21'],
  [/(^|[a-z])(ip|addr|address|addressstr)$/i, '192.168.1.20'],
  [/(firmware|firmwareavailable)$/i, '108.86.0.75'],
  [/(serverosversion)$/i, '12'],
  [/(serveros)$/i, 'Debian'],
  [/version$/i, '20.0.10.523'],
  [/(password|secret|passwd|pwd|apikey|accesskey|codeverifier|codechallenge)$/i, 'Wq7pX2mrT9kL'],
  [/(pin|vmpin|pinnumber)$/i, '4829'],
  [/^firstname$/i, 'Alex'],
  [/^lastname$/i, 'Morgan'],
  [
    /(displayname|membername|contactname|username|fullname|agentname|operatorname|participantname|fromname|partycallername|createdby)$/i,
    'Alex Morgan',
  ],
  [/^dialcode/i, '*7'],
  [/(internationalcode)$/i, '00'],
  [/(nationalcode)$/i, '0'],
  [/(areacode)$/i, '20'],
  [/(countrycodes?|countries)$/i, 'GB'],
  [/(e164countrycode)$/i, '44'],
  [/country(name)?$/i, 'United Kingdom'],
  [/(continent)$/i, 'Europe'],
  [/(cityname)$/i, 'London'],
  [
    /(mobile|phone|telephone|fax|callerid|calleeid|callernumber|externalnumber|did|business|home|pager|phonenumber|external|other)\d?$/i,
    PHONE,
  ],
  [/(culturecode)$/i, 'en-GB'],
  [/(language|lang|languages|languagecode)$/i, 'EN'],
  [/timezones?(id)?$/i, 'Europe/London'],
  [/companyname$/i, 'Example Ltd'],
  [/(resellername)$/i, 'Example Telecom Partners'],
  [/(brand|vendor)$/i, 'Yealink'],
  [/(modelname|model)$/i, 'T54W'],
  [/(useragent)$/i, 'Yealink SIP-T54W 96.86.0.100'],
  [/(codecs?|codeclist)$/i, 'G711A'],
  [/(group|groupname|groupnames)$/i, 'DEFAULT'],
  [/(rolename)$/i, 'users'],
  [/(number|numbers|dn|extension|ext|no|agentno|queueno)$/i, '100'],
  [
    /(filename|file|files|prompt|greeting|moh|musiconhold\d?|sound|ringtone|ringtones|holidayprompt)$/i,
    'welcome.wav',
  ],
  [/(folder|path|directory|dirs)$/i, '/var/lib/3cxpbx/Instance1/Data'],
  [/(authid|sipid|login|account)$/i, '100'],
  [/(licensekey)$/i, 'A1B2-C3D4-E5F6-G7H8'],
  [/(productcode)$/i, '3CXPSENT16'],
  [/(scopes?)$/i, 'xapi'],
  [/(granttypes)$/i, 'client_credentials'],
  [/(responsetypes)$/i, 'code'],
  [/(tokenendpointauthmethod)$/i, 'client_secret_post'],
  [/(token|key|sessionid|sid|ticket)$/i, '7f3c9a1e5b42d08c'],
  [/(cpu)$/i, '7%'],
  [/(memory)$/i, '38%'],
  [/(disk)$/i, '41%'],
  [/(height)$/i, '600px'],
  [/(date|time|timestamp|restarttime|startdate|enddate)$/i, SAMPLE_DATE_TIME],
  [/(guid|uuid)$/i, SAMPLE_UUID],
  [/(id)$/i, '1'],
  [/(port)$/i, '5060'],
  [/(direction)$/i, 'Inbound'],
  [
    /(name|title|friendlyname|rulename|chatname|customname|clientname|windowtitle|calltitle)$/i,
    'Main office',
  ],
];

function byFormat(format: string | undefined): string | undefined {
  switch (format) {
    case 'date-time':
      return SAMPLE_DATE_TIME;
    case 'date':
      return SAMPLE_DATE;
    case 'uuid':
      return SAMPLE_UUID;
    case 'duration':
      return 'PT2M30S';
    case 'time':
      return '09:00:00';
    case 'byte':
      return 'M0NYIFBob25lIFN5c3RlbQ==';
    default:
      return undefined;
  }
}

function clip(text: string, maxLength: number | undefined): string {
  return maxLength === undefined ? text : text.slice(0, maxLength);
}

function plausibleString(node: Extract<TypeNode, { kind: 'string' }>, name: string | undefined): string {
  if (node.enum && node.enum.length > 0) return node.enum[0] as string;
  const formatted = byFormat(node.format);
  if (formatted !== undefined) return formatted;
  if (name)
    for (const [pattern, value] of BY_NAME) if (pattern.test(name)) return clip(value, node.maxLength);
  return '';
}

/** [pattern on the property name, value] for whole numbers, first match wins; 1 when nothing fits. */
const INTEGERS_BY_NAME: ReadonlyArray<[RegExp, number]> = [
  [/^year(end)?$/i, SAMPLE_YEAR],
  [/(sipport|localsipport|proxyport|registrarport|^port)$/i, 5060],
  [/(httpsport)$/i, 443],
  [/(httpport)$/i, 80],
  [/(audioport|rtpportstart|audioportstart)$/i, 9000],
  [/(rtpportend|audioportend)$/i, 10999],
  [/port$/i, 5060],
  [/(percent|perc|usage)$/i, 35],
  [/pagesize$/i, 50],
  [/(size|bytes|space|quota|memory\w*)$/i, 1_048_576],
  [/(timeout|interval|duration|seconds|delay|time)$/i, 20],
  [/(days)$/i, 30],
  [/(latency|rtt)$/i, 24],
];

function plausibleInteger(node: Extract<TypeNode, { kind: 'integer' }>, name: string | undefined): number {
  const low = node.minimum ?? Number.NEGATIVE_INFINITY;
  const high = node.maximum ?? Number.POSITIVE_INFINITY;
  let wanted = 1;
  if (name)
    for (const [pattern, value] of INTEGERS_BY_NAME)
      if (pattern.test(name)) {
        wanted = value;
        break;
      }
  return Math.min(Math.max(wanted, low), high);
}

function plausibleNumber(name: string | undefined): number {
  if (name && /latitude$/i.test(name)) return 51.5072;
  if (name && /longitude$/i.test(name)) return -0.1276;
  if (name && /(rate|cost)$/i.test(name)) return 0.05;
  return 1;
}

export function sampleValue(
  catalogue: OperationCatalogue,
  node: TypeNode,
  refs: readonly string[] = [],
  name?: string,
): unknown {
  if (node.kind === 'ref') {
    if (refs.includes(node.name) || refs.length >= REF_DEPTH)
      return node.nullable ? null : emptyOf(catalogue, node, name);
    return sampleValue(catalogue, catalogue.resolve(node), [...refs, node.name], name);
  }
  switch (node.kind) {
    case 'string':
      return plausibleString(node, name);
    case 'integer':
      return plausibleInteger(node, name);
    case 'number':
      return plausibleNumber(name);
    case 'boolean':
      return false;
    case 'array': {
      const { items } = node;
      if (items.kind === 'ref' && (refs.includes(items.name) || refs.length >= REF_DEPTH)) return [];
      // A list of flags (Tags: MS, Teams…) holds none until someone sets one.
      const itemType = catalogue.resolve(items);
      if (itemType.kind === 'string' && itemType.enum) return [];
      const item = sampleValue(catalogue, items, refs, name);
      // An item nothing plausible fits for makes an empty list, not a list of one blank.
      return item === null || item === undefined || item === '' ? [] : [item];
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [prop, propNode] of Object.entries(node.properties))
        out[prop] = sampleValue(catalogue, propNode, refs, prop);
      return out;
    }
    case 'any':
      return null;
  }
}

/** What stands in for a named type too deep to expand: the empty value of its shape. */
function emptyOf(catalogue: OperationCatalogue, node: TypeNode, name: string | undefined): unknown {
  const resolved = catalogue.resolve(node);
  switch (resolved.kind) {
    case 'object':
      return {};
    case 'array':
      return [];
    default:
      return sampleValue(catalogue, resolved, [], name);
  }
}

/** A second value, distinguishable from the first where the type has an integer Id or a text Name. */
export function secondSample(first: unknown): unknown {
  if (first === null || typeof first !== 'object' || Array.isArray(first)) return first;
  const copy: Record<string, unknown> = { ...(first as Record<string, unknown>) };
  if (typeof copy.Id === 'number') copy.Id = copy.Id + 1;
  if (typeof copy.Name === 'string') copy.Name = `${copy.Name} 2`;
  return copy;
}

const byName = new WeakMap<OperationCatalogue, Map<string, unknown>>();

/** The value of a named type, built once per catalogue. Callers copy before changing it. */
export function sampleOf(catalogue: OperationCatalogue, name: string): unknown {
  let cache = byName.get(catalogue);
  if (!cache) {
    cache = new Map();
    byName.set(catalogue, cache);
  }
  if (!cache.has(name)) cache.set(name, sampleValue(catalogue, { kind: 'ref', name }));
  return cache.get(name);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Small, stable spread by property name, so the dates of one row are not all the same moment. */
function spread(name: string, range: number): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) >>> 0;
  return h % range;
}

/** When a dated property of this name plausibly lies: ahead for expiries and ends, a few days back otherwise. */
function momentFor(name: string, now: number): number {
  const minute = Math.floor(now / 60_000) * 60_000;
  if (/(expir|until|valid|due|next|end|stop)/i.test(name)) return minute + 30 * DAY + spread(name, 48) * HOUR;
  return minute - (1 + spread(name, 96)) * HOUR;
}

/**
 * Pins the clock-free markers in `value` to `now`, in place: sample date-times and dates become moments relative
 * to it (by the property's name), sample years its year. Everything else is kept. Returns `value`.
 */
export function pinSampleTimes<T>(value: T, now: number): T {
  pin(value, now);
  return value;
}

/** The pinned value of a marker, or undefined when `item` is none (objects and lists are pinned in place). */
function pinned(item: unknown, name: string, now: number): unknown {
  if (typeof item === 'string') {
    if (item === SAMPLE_DATE_TIME) return new Date(momentFor(name, now)).toISOString();
    if (item === SAMPLE_DATE) return new Date(momentFor(name, now)).toISOString().slice(0, 10);
  } else if (typeof item === 'number') {
    if (item === SAMPLE_YEAR && /^year(end)?$/i.test(name)) return new Date(now).getUTCFullYear();
  } else if (item !== null && typeof item === 'object') pin(item, now, name);
  return undefined;
}

function pin(value: unknown, now: number, name = ''): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const next = pinned(value[i], name, now);
      if (next !== undefined) value[i] = next;
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const row = value as Record<string, unknown>;
  for (const key in row) {
    const next = pinned(row[key], key, now);
    if (next !== undefined) row[key] = next;
  }
}
