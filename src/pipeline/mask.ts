import { words } from '../api/catalogue/search';

/** Name words whose values never leave the bot: shown as •••• in confirmations, audit rows and logs. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pass',
  'secret',
  'token',
  'pin',
  'key',
  'apikey',
  'credential',
  'credentials',
]);

export const MASK = '••••';

/**
 * `AuthPassword`, `client_secret`, `LicenseKey`, `VMPin` and `VMPIN` are secret; `Mapping` or `Keyboard` are not.
 * A word that ends in a secret word counts too: 3CX spells some names in capitals (`VMPIN`), which do not split.
 */
export function isSecretName(name: string): boolean {
  return words(name).some((w) => SECRET_WORDS.has(w) || ENDINGS.some((end) => w.endsWith(end)));
}

const ENDINGS = ['password', 'passwd', 'secret', 'token', 'pin', 'apikey'];

/**
 * A name/value pair whose name is secret (`{"Name":"SMTP_PASSWORD","Value":"…"}`, as tenant properties and PBX
 * parameters are): its `Value` is as secret as a field of that name would be.
 */
function namesASecret(value: object): boolean {
  const name = (value as { Name?: unknown }).Name;
  return typeof name === 'string' && 'Value' in value && isSecretName(name);
}

/** The values (4 characters or more) held under secret names anywhere in a request's parameters or body. */
export function secretValues(value: unknown, depth = 0, found: Set<string> = new Set()): Set<string> {
  if (depth > 32 || value === null || typeof value !== 'object') return found;
  const named = namesASecret(value);
  for (const [k, v] of Object.entries(value)) {
    const secret = isSecretName(k) || (named && k === 'Value');
    if (secret && (typeof v === 'string' || typeof v === 'number') && String(v).length >= 4)
      found.add(String(v));
    else secretValues(v, depth + 1, found);
  }
  return found;
}

/** `text` with each of `values` replaced by the mask: 3CX's error messages sometimes quote what they were sent. */
export function scrubText(text: string, values: Set<string>): string {
  let out = text;
  for (const v of values) out = out.split(v).join(MASK);
  return out;
}

export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 32) return MASK;
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const named = namesASecret(value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const secret = isSecretName(k) || (named && k === 'Value');
      out[k] = secret && v !== null && v !== '' ? MASK : maskSecrets(v, depth + 1);
    }
    return out;
  }
  return value;
}
