import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { distance } from '../../text/did-you-mean';
import { catalogueFromOpenApi, SpecError } from './from-openapi';
import { OperationSearch } from './search';
import type { Catalogue, Operation, TypeNode } from './types';

export { catalogueFromOpenApi, SpecError } from './from-openapi';
export * from './types';

export const COMMITTED_CATALOGUE = path.join(__dirname, 'xapi-catalogue.json');

/** Lookup and search over the operations of one XAPI version. */
export class OperationCatalogue {
  private readonly byKey = new Map<string, Operation>();
  private readonly finder: OperationSearch;

  constructor(readonly data: Catalogue) {
    for (const op of data.operations) this.byKey.set(op.key.toLowerCase(), op);
    this.finder = new OperationSearch(data.operations);
  }

  get operations(): readonly Operation[] {
    return this.data.operations;
  }

  get size(): number {
    return this.data.operations.length;
  }

  /** Case-insensitive: `services.restart` finds `Services.Restart`. */
  get(key: string): Operation | undefined {
    return this.byKey.get(key.trim().toLowerCase());
  }

  search(query: string, limit?: number): Operation[] {
    return this.finder.search(query, limit);
  }

  /** Likely meant keys for a mistyped one: close spellings first, then a word search. */
  suggest(key: string, limit = 3): string[] {
    const k = key.toLowerCase();
    const close = this.data.operations
      .map((op) => ({ key: op.key, d: distance(k, op.key.toLowerCase()) }))
      .filter((c) => c.d <= Math.max(2, Math.floor(k.length / 6)))
      .sort((a, b) => a.d - b.d)
      .map((c) => c.key);
    const found = this.finder.search(key, limit).map((op) => op.key);
    return [...new Set([...close, ...found])].slice(0, limit);
  }

  /** Follows named types until a structural one; unknown names become `any`. */
  resolve(node: TypeNode): TypeNode {
    let current = node;
    for (let hops = 0; current.kind === 'ref' && hops < 16; hops++) {
      const target: TypeNode | undefined = this.data.types[current.name];
      if (!target) return { kind: 'any' };
      current = current.nullable && target.kind !== 'any' ? { ...target, nullable: true } : target;
    }
    return current;
  }
}

// The committed file is ours, but a hand edit or a bad merge should fail loudly at start, not deep in a call.
const committedShape = z.object({
  source: z.object({ file: z.string(), version: z.string() }),
  operations: z.array(z.object({ key: z.string(), method: z.string(), path: z.string() }).loose()).min(1),
  types: z.record(z.string(), z.unknown()),
});

export function readOpenApiDocument(file: string): Catalogue {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SpecError(`Cannot read the OpenAPI document ${file}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: -1 });
  } catch (err) {
    throw new SpecError(`${file} is not valid YAML or JSON: ${(err as Error).message}`);
  }
  return catalogueFromOpenApi(raw, path.basename(file));
}

/** The committed catalogue, or the one built from `specPath` (THREECX_SPEC) when given. */
export function loadCatalogue(specPath?: string): OperationCatalogue {
  if (specPath) return new OperationCatalogue(readOpenApiDocument(specPath));
  const parsed = committedShape.safeParse(JSON.parse(readFileSync(COMMITTED_CATALOGUE, 'utf8')));
  if (!parsed.success) {
    throw new SpecError(`${COMMITTED_CATALOGUE} is damaged; run \`npm run catalogue\` to regenerate it.`);
  }
  // The shape above checks the frame; the file itself is written only by our generator.
  return new OperationCatalogue(parsed.data as unknown as Catalogue);
}

let shared: OperationCatalogue | undefined;

/** The committed catalogue, parsed once per process. */
export function defaultCatalogue(): OperationCatalogue {
  shared ??= loadCatalogue();
  return shared;
}
