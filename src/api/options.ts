import { ConfigError } from '../config';
import type { XapiClientOptions } from './client';

/** Every option of XapiClient checked at construction: a bad setup fails at start, naming the option. */

const KNOWN_OPTIONS = new Set([
  'pbx',
  'baseUrl',
  'clientId',
  'clientSecret',
  'catalogue',
  'timeoutMs',
  'maxConcurrency',
  'retry',
  'caFile',
  'insecureTls',
  'logger',
  'tokens',
  'now',
]);

/** Returns the PBX base URL without a trailing slash or /xapi/v1. */
export function checkOptions(options: XapiClientOptions): string {
  const problems: string[] = [];
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) problems.push(`unknown option ${key}`);
  }
  let base = '';
  try {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    // People paste the API's own address; /xapi/v1 is ours to add.
    base = `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/xapi\/v1$/i, '');
  } catch {
    problems.push(
      `baseUrl ${JSON.stringify(options.baseUrl)} is not an http(s) URL; use e.g. https://pbx.example.com`,
    );
  }
  if (!options.pbx) problems.push('pbx (a name for logs and audit) is required');
  if (!options.clientId || !options.clientSecret) problems.push('clientId and clientSecret are required');
  if (!options.catalogue) problems.push('catalogue is required');
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) problems.push('timeoutMs must be above 0');
  const max = options.maxConcurrency;
  if (max !== undefined && !(Number.isInteger(max) && max >= 1))
    problems.push('maxConcurrency must be a whole number ≥ 1');
  if (problems.length > 0) throw new ConfigError(`XapiClient for ${options.pbx}: ${problems.join('; ')}`);
  return base;
}
