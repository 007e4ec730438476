import { OperationCatalogue } from '../api/catalogue';

/**
 * Which operations a simulated PBX of an older version lacks. The committed catalogue is XAPI 20.0.10; a PBX below
 * a release leaves out what that release added, so the bot can be tested against a PBX that is behind. The lists
 * are fixed and small, and name none of the operations the everyday commands use.
 */

/** The version the committed catalogue describes. */
export const CATALOGUE_VERSION = '20.0.10';

/** Added in 20.0.10: the MCP server registration of the AI features. */
export const ADDED_IN_20_0_10: readonly string[] = [
  'McpServers.Exchange',
  'McpServers.GetServerMetadata',
  'McpServers.Register',
];

/** Added in 20.0.9. */
export const ADDED_IN_20_0_9: readonly string[] = [
  'OAuthClients.RefreshClientMetadata',
  'VoicemailSettings.GetTranscribeLanguages',
];

/** Newest release first: a PBX below a release lacks its operations and those of every later one. */
export const ADDED_OPERATIONS: readonly { version: string; keys: readonly string[] }[] = [
  { version: '20.0.10', keys: ADDED_IN_20_0_10 },
  { version: '20.0.9', keys: ADDED_IN_20_0_9 },
];

function parts(version: string): number[] {
  if (!/^\d+(\.\d+)*$/.test(version.trim())) {
    throw new RangeError(`${JSON.stringify(version)} is not a version such as 20.0.8.447`);
  }
  return version.trim().split('.').map(Number);
}

/** Negative when a is older than b, 0 when equal, positive when newer; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The keys a PBX on `version` lacks, sorted. */
export function missingOperations(version: string): string[] {
  return ADDED_OPERATIONS.filter((added) => compareVersions(version, added.version) < 0)
    .flatMap((added) => added.keys)
    .sort();
}

/** `base` without the operations added after `version`; `base` itself for 20.0.10 and later. */
export function catalogueForVersion(base: OperationCatalogue, version: string): OperationCatalogue {
  const missing = new Set(missingOperations(version).map((key) => key.toLowerCase()));
  if (missing.size === 0) return base;
  const operations = base.operations.filter((op) => !missing.has(op.key.toLowerCase()));
  if (operations.length === base.size) return base;
  return new OperationCatalogue({ ...base.data, operations });
}
