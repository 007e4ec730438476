import { readFileSync } from 'node:fs';
import { ConfigError } from '../config';

/**
 * Trust settings for PBXs with their own certificates. Most 3CX installs on a LAN use a self-signed or
 * private-CA certificate, so this is an everyday setup problem: it fails at start with the fix in the message.
 */

export interface TlsSettings {
  ca?: Buffer;
  rejectUnauthorized: boolean;
}

export function readTlsSettings(options: { caFile?: string; insecureTls?: boolean }): TlsSettings {
  if (options.insecureTls) return { rejectUnauthorized: false };
  if (!options.caFile) return { rejectUnauthorized: true };
  let ca: Buffer;
  try {
    ca = readFileSync(options.caFile);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError(
      `THREECX_CA_FILE: cannot read ${options.caFile} (${reason}); give the path of the PBX's CA certificate in PEM format`,
    );
  }
  if (!ca.toString('latin1').includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(
      `THREECX_CA_FILE: ${options.caFile} holds no PEM certificate (no "-----BEGIN CERTIFICATE-----" line); export the PBX's CA certificate as PEM`,
    );
  }
  return { ca, rejectUnauthorized: true };
}

/** Node's codes for a certificate we do not trust, or for TLS spoken to something that is not TLS. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

export function isTlsErrorCode(code: string | undefined): boolean {
  return (
    code !== undefined && (TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
  );
}
