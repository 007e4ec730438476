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

/** `AuthPassword`, `client_secret`, `LicenseKey`, `VMPin` are secret; `Mapping` or `Keyboard` are not. */
export function isSecretName(name: string): boolean {
  return words(name).some((w) => SECRET_WORDS.has(w));
}

export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 32) return MASK;
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretName(k) && v !== null && v !== '' ? MASK : maskSecrets(v, depth + 1);
    }
    return out;
  }
  return value;
}
