import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { parse as parseYaml } from 'yaml';
import { type Catalogue, catalogueFromOpenApi, OperationCatalogue } from '../api/catalogue';
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

/** Parsed documents by the hash of their text: one parse per version of 3CX in the fleet. */
const parsedByHash = new Map<string, { catalogue: OperationCatalogue; version: string }>();

export async function readPbxCatalogue(
  pbx: string,
  client: XapiClient,
  builtIn: OperationCatalogue,
  cache: CatalogueCache | undefined,
  logger: Logger,
): Promise<PbxCatalogueRead> {
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
      return { reached: true };
    }
    const reason = err instanceof XapiError ? userMessage(err) : (err as Error).message;
    const cached = await fromCache(pbx, builtIn, cache, logger);
    return { reached: false, reason, ...cached };
  }
  // Keyed without the version line: branches on 20.0.8.447 and 20.0.8.502 offer the same operations, and a parse
  // of the document costs seconds and tens of megabytes.
  const version = /^\s*version:\s*['"]?([^'"\s]+)/m.exec(text)?.[1];
  const hash = createHash('sha256')
    .update(text.replace(/^\s*version:.*$/m, ''))
    .digest('hex');
  let read = parsedByHash.get(hash);
  if (!read) {
    try {
      const parsed = catalogueFromOpenApi(parseYaml(text, { maxAliasCount: -1 }), 'swagger.yaml');
      const catalogue = sameOperations(parsed, builtIn) ? builtIn : new OperationCatalogue(parsed);
      read = { catalogue, version: parsed.source.version };
    } catch (err) {
      logger.warn(
        { pbx, err: (err as Error).message },
        "the PBX's OpenAPI document could not be read; using the built-in catalogue",
      );
      return { reached: true };
    }
    parsedByHash.set(hash, read);
  }
  const { catalogue } = read;
  const ownVersion = version ?? read.version;
  if (catalogue !== builtIn) {
    await cache?.cataloguePut(pbx, ownVersion, JSON.stringify(catalogue.data)).catch((err: unknown) => {
      logger.warn({ pbx, err: (err as Error).message }, "the PBX's catalogue could not be cached");
    });
  }
  logger.info({ pbx, version: ownVersion, operations: catalogue.size }, "PBX's own catalogue read");
  return { reached: true, catalogue, version: ownVersion };
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
