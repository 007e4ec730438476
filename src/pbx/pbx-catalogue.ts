import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { type Catalogue, catalogueFromText, OperationCatalogue } from '../api/catalogue';
import type { XapiClient } from '../api/client';
import { userMessage, XapiError } from '../api/errors';

/**
 * Each PBX's own catalogue: its OpenAPI document (`/xapi/v1/swagger.yaml`), read at start, so a PBX on 20.0.8
 * hides what it lacks and a newer one offers what it adds. Read once per distinct document: fifty PBXs of one
 * version share one parsed catalogue (and the built-in one, when theirs is the same).
 */

export interface CatalogueCache {
  catalogueGet(pbx: string): Promise<{ version: string; catalogue: string } | undefined>;
  cataloguePut(pbx: string, version: string, catalogue: string): Promise<void>;
}

export interface PbxCatalogueRead {
  /** The PBX answered (even if it serves no document). */
  reached: boolean;
  /** Its own catalogue (read now, or cached from the last time); undefined: keep the built-in one. */
  catalogue?: OperationCatalogue;
  version?: string;
  /** Why it was not reached, in a sentence. */
  reason?: string;
}

/** Parsed documents by the hash of their text (version line aside): one parse per set of operations. */
const parsedByHash = new Map<string, OperationCatalogue>();
/**
 * Catalogues by the 3CX release that served them (`20.0.8` of `20.0.8.447`: 3CX publishes one XAPI document per
 * release, as its file name says, and a build is a fix of it): a PBX on a release met before downloads nothing.
 */
const byRelease = new Map<string, OperationCatalogue>();

function releaseOf(version: string): string {
  return /^(\d+\.\d+\.\d+)/.exec(version)?.[1] ?? version;
}

export async function readPbxCatalogue(
  pbx: string,
  client: XapiClient,
  builtIn: OperationCatalogue,
  cache: CatalogueCache | undefined,
  logger: Logger,
): Promise<PbxCatalogueRead> {
  // The version first (one small read): a version met before needs no download. The document is most of a
  // megabyte, and fifty PBXs downloading theirs at start would cost the bot tens of megabytes it never gives back.
  let version: string | undefined;
  try {
    const status = await client.call('SystemStatus.GetSystemStatus', { params: { $select: 'Version' } });
    const said = (status.data as { Version?: unknown } | undefined)?.Version;
    if (typeof said === 'string' && said.trim() !== '') version = said.trim();
  } catch (err) {
    if (!(err instanceof XapiError) || unreached(err) || err.kind === 'auth' || err.kind === 'forbidden') {
      const reason = err instanceof XapiError ? userMessage(err) : (err as Error).message;
      return { reached: false, reason, ...(await fromCache(pbx, builtIn, cache, logger)) };
    }
  }
  // The built-in catalogue is 3CX's own document of one version (its file says which: xapi-v1-20.0.10.yaml): a PBX on
  // that version offers exactly it.
  const builtInVersion = /(\d+\.\d+\.\d+)/.exec(builtIn.data.source.file)?.[1];
  if (version !== undefined && builtInVersion !== undefined && releaseOf(version) === builtInVersion)
    return { reached: true, catalogue: builtIn, version };
  const known = version === undefined ? undefined : await knownVersion(pbx, version, builtIn, cache, logger);
  if (known) return { reached: true, catalogue: known, ...(version ? { version } : {}) };
  let text: string;
  try {
    text = await client.readDocument();
  } catch (err) {
    const answered = err instanceof XapiError && !unreached(err);
    if (answered && err.kind !== 'auth' && err.kind !== 'forbidden') {
      // It answered, but serves no document (an older 3CX, a proxy that hides it): the built-in catalogue.
      logger.info(
        { pbx, status: err.status },
        'PBX serves no OpenAPI document; using the built-in catalogue',
      );
      return { reached: true, ...(version ? { version } : {}) };
    }
    const reason = err instanceof XapiError ? userMessage(err) : (err as Error).message;
    return { reached: false, reason, ...(await fromCache(pbx, builtIn, cache, logger)) };
  }
  // Keyed without the version line: branches on 20.0.8.447 and 20.0.8.502 offer the same operations, and a parse
  // of the document costs a second and megabytes.
  const hash = createHash('sha256')
    .update(text.replace(/^\s*version:.*$/m, ''))
    .digest('hex');
  let catalogue = parsedByHash.get(hash);
  if (!catalogue) {
    try {
      const parsed = catalogueFromText(text, 'swagger.yaml');
      catalogue = sameOperations(parsed, builtIn) ? builtIn : new OperationCatalogue(parsed);
      version ??= parsed.source.version;
    } catch (err) {
      logger.warn(
        { pbx, err: (err as Error).message },
        "the PBX's OpenAPI document could not be read; using the built-in catalogue",
      );
      return { reached: true, ...(version ? { version } : {}) };
    }
    parsedByHash.set(hash, catalogue);
  }
  const ownVersion = version ?? /^\s*version:\s*['"]?([^'"\s]+)/m.exec(text)?.[1] ?? 'unknown';
  byRelease.set(releaseOf(ownVersion), catalogue);
  await cache?.cataloguePut(pbx, ownVersion, JSON.stringify(catalogue.data)).catch((err: unknown) => {
    logger.warn({ pbx, err: (err as Error).message }, "the PBX's catalogue could not be cached");
  });
  logger.info({ pbx, version: ownVersion, operations: catalogue.size }, "PBX's own catalogue read");
  return { reached: true, catalogue, version: ownVersion };
}

/** A catalogue already read for this version: by another PBX in this process, or by this one last time. */
async function knownVersion(
  pbx: string,
  version: string,
  builtIn: OperationCatalogue,
  cache: CatalogueCache | undefined,
  logger: Logger,
): Promise<OperationCatalogue | undefined> {
  const kept = await cache?.catalogueGet(pbx).catch(() => undefined);
  const seen = byRelease.get(releaseOf(version));
  if (seen) {
    // Read for another PBX of the same version: kept for this one too, for a start when it cannot be reached.
    if (seen !== builtIn && kept?.version !== version)
      await cache?.cataloguePut(pbx, version, JSON.stringify(seen.data)).catch((err: unknown) => {
        logger.warn({ pbx, err: (err as Error).message }, "the PBX's catalogue could not be cached");
      });
    return seen;
  }
  if (kept?.version !== version) return undefined;
  const restored = await fromCache(pbx, builtIn, cache, logger);
  if (restored.catalogue) byRelease.set(releaseOf(version), restored.catalogue);
  return restored.catalogue;
}

function unreached(err: XapiError): boolean {
  return err.kind === 'network' || err.kind === 'timeout' || err.kind === 'tls' || err.kind === 'unavailable';
}

async function fromCache(
  pbx: string,
  builtIn: OperationCatalogue,
  cache: CatalogueCache | undefined,
  logger: Logger,
): Promise<{ catalogue?: OperationCatalogue; version?: string }> {
  const kept = await cache?.catalogueGet(pbx).catch(() => undefined);
  if (!kept) return {};
  try {
    // Written by cataloguePut above from a parsed catalogue.
    const data = JSON.parse(kept.catalogue) as Catalogue;
    const catalogue = sameOperations(data, builtIn) ? builtIn : new OperationCatalogue(data);
    logger.info({ pbx, version: kept.version }, "using the PBX's catalogue from its last contact");
    return { catalogue, version: kept.version };
  } catch {
    return {};
  }
}

/** Same operation keys and paths: nothing to gain from a second copy of the built-in catalogue. */
function sameOperations(data: Catalogue, builtIn: OperationCatalogue): boolean {
  if (data.operations.length !== builtIn.size) return false;
  return data.operations.every((op) => {
    const known = builtIn.get(op.key);
    return known !== undefined && known.path === op.path && known.method === op.method;
  });
}
