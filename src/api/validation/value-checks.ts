/**
 * Values checked the way the 3CX console checks them before it saves: emails, phone numbers, extension numbers,
 * country codes and time zones, chosen by the property's name (and, for `Number`, by the type that holds it: a
 * department's number is `GRP0001`, a user's is digits). Each check names the field by the label it was given and
 * says what would be accepted. One table, so a new rule is one row.
 */

export interface ValueCheckSettings {
  /** How long the PBX's extension numbers are; 3CX's default numbering plan uses 3 or 4 digits. */
  extensionDigits: { min: number; max: number };
}

const settings: ValueCheckSettings = { extensionDigits: { min: 3, max: 4 } };

/** For a PBX whose numbering plan differs from 3CX's default. */
export function configureValueChecks(next: Partial<ValueCheckSettings>): void {
  Object.assign(settings, next);
}

type Check = (value: string, label: string) => string | undefined;

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]{2,}$/;
const PHONE = /^\+?[0-9][0-9 -]*$/;

const email: Check = (v, label) =>
  EMAIL.test(v.trim()) ? undefined : `${label} must be an email address like ann@example.com (got "${v}")`;

const phone: Check = (v, label) => {
  const digits = v.replace(/\D/g, '').length;
  if (PHONE.test(v.trim()) && digits >= 3 && digits <= 15) return undefined;
  return `${label} must be a phone number of 3 to 15 digits, with an optional leading + and spaces or dashes, like +44 20 7946 0958 (got "${v}")`;
};

const extension: Check = (v, label) => {
  const { min, max } = settings.extensionDigits;
  const span = min === max ? `${min}` : `${min} to ${max}`;
  if (/^\d+$/.test(v) && v.length >= min && v.length <= max) return undefined;
  return `${label} must be an extension number of ${span} digits, like ${'1'.padEnd(min, '0')} (got "${v}")`;
};

let countries: Set<string> | undefined;
/** ISO 3166 codes and their English names, lower-cased: 3CX's forms take either. */
function countryWords(): Set<string> {
  if (!countries) {
    countries = new Set();
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (let a = 65; a <= 90; a++)
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = names.of(code);
        // An unknown code comes back as itself; a known one as the country's name.
        if (name && name !== code) {
          countries.add(code.toLowerCase());
          countries.add(name.toLowerCase());
        }
      }
  }
  return countries;
}

const country: Check = (v, label) =>
  countryWords().has(v.trim().toLowerCase())
    ? undefined
    : `${label} must be a country: a two-letter ISO code like GB, DE or US, or its English name like Germany (got "${v}")`;

let zones: Set<string> | undefined;
const timeZone: Check = (v, label) => {
  zones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (zones.has(v.trim()) || v.trim() === 'UTC') return undefined;
  return `${label} must be an IANA time zone, like Europe/London or America/New_York (got "${v}")`;
};

/** Types whose `Number` is an extension number. */
const EXTENSION_HOLDERS = new Set(['User', 'Queue', 'RingGroup', 'Receptionist', 'Parking', 'Fax']);

interface Rule {
  name: RegExp;
  /** Only inside these types; any type when absent. */
  within?: Set<string>;
  check: Check;
}

export const VALUE_RULES: Rule[] = [
  { name: /^(Email|EmailAddress|\w+Email)$/, check: email },
  { name: /^(Mobile|Phone|PhoneNumber|MobileNumber|\w+PhoneNumber)$/, check: phone },
  { name: /^Number$/, within: EXTENSION_HOLDERS, check: extension },
  { name: /^(Extension|ExtensionNumber)$/, check: extension },
  { name: /^(Country|CountryCode)$/, check: country },
  { name: /^(TimeZone|TimeZoneId|Timezone)$/, check: timeZone },
];

/**
 * The problem with a value, worded with `label`, or undefined when it passes (or no rule covers it). Only text is
 * checked: an empty value means "leave as it is" and null "none", which are 3CX's to judge.
 */
export function checkValue(
  property: string,
  value: unknown,
  label: string,
  within?: string,
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  for (const rule of VALUE_RULES) {
    if (!rule.name.test(property)) continue;
    if (rule.within && (within === undefined || !rule.within.has(within))) continue;
    return rule.check(value, label);
  }
  return undefined;
}

/** A value each rule accepts, for examples and sample requests. */
export function acceptedSample(property: string, within?: string): string | undefined {
  const samples = [
    'ann@example.com',
    '+44 20 7946 0958',
    '1'.padEnd(settings.extensionDigits.min, '0'),
    'GB',
  ];
  for (const sample of [...samples, 'Europe/London']) {
    if (checkValue(property, 'x', 'x', within) === undefined) return undefined;
    if (checkValue(property, sample, 'x', within) === undefined) return sample;
  }
  return undefined;
}
