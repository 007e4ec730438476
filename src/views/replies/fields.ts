import { safeJson } from './blocks';

/**
 * Which of an entity's many properties a person wants to see first. XAPI entities carry dozens (a User has 80);
 * identity and state come before configuration switches.
 */
const USEFUL = [
  'Id',
  'Number',
  'Name',
  'FirstName',
  'LastName',
  'DisplayName',
  'Status',
  'State',
  'EmailAddress',
  'Email',
  'Value',
  'Description',
  'Enabled',
  'IsRegistered',
  'IsOnline',
  'CurrentProfileName',
  'Type',
  'FQDN',
  'Version',
  'Activated',
  'LicenseActive',
  'ProductCode',
  'ExpirationDate',
  'CallsActive',
  'MaxSimCalls',
  'ExtensionsRegistered',
  'ExtensionsTotal',
  'TrunksRegistered',
  'TrunksTotal',
  'HasNotRunningServices',
];
const RANK = new Map(USEFUL.map((k, i) => [k.toLowerCase(), i]));

export type Row = Record<string, unknown>;

export function isRecord(value: unknown): value is Row {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Nothing worth a line: null, '', [] and {}. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}

export function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** OData bookkeeping (`@odata.etag`, `Users@odata.count`) is not data a person asked for. */
export function isAnnotation(key: string): boolean {
  return key.includes('@');
}

/** One cell or field: scalars as they are, nested values summarised so one row stays one line. */
export function summarise(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (isScalar(value)) return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isScalar) && value.length <= 5) return value.map(String).join(', ');
    return `[${value.length} items]`;
  }
  if (isRecord(value)) return '{…}';
  return safeJson(value);
}

/**
 * Keys ordered for display: known useful ones first (in their order), then other scalars, then nested values,
 * each group keeping the order 3CX sent.
 */
export function rankKeys(keys: string[], sample: (key: string) => unknown): string[] {
  const group = (k: string) => {
    if (RANK.has(k.toLowerCase())) return 0;
    return isScalar(sample(k)) ? 1 : 2;
  };
  return keys
    .map((k, i) => ({ k, i, g: group(k), r: RANK.get(k.toLowerCase()) ?? 0 }))
    .sort((a, b) => a.g - b.g || a.r - b.r || a.i - b.i)
    .map((e) => e.k);
}
