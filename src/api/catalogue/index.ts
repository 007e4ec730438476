import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { z } from 'zod';
import { distance } from '../../text/did-you-mean';
import { catalogueFromOpenApi, SpecError } from './from-openapi';
import { OperationSearch } from './search';
import { type Catalogue, dangerByRule, type Operation, type TypeNode } from './types';

export { catalogueFromOpenApi, SpecError } from './from-openapi';
export * from './types';

export const COMMITTED_CATALOGUE = path.join(__dirname, 'xapi-catalogue.json');

/** Lookup and search over the operations of one XAPI version. */
export class OperationCatalogue {
  readonly data: Catalogue;
  private readonly byKey = new Map<string, Operation>();
  private readonly finder: OperationSearch;

  constructor(data: Catalogue) {
    // Every catalogue, the committed one or a PBX's own (read from its OpenAPI document or the store's cache),
    // is marked here by the one rule: a mark carried in from outside is replaced, so it can never be lowered.
    this.data = { ...data, operations: data.operations.map(marked) };
    for (const op of this.data.operations) this.byKey.set(op.key.toLowerCase(), op);
    this.finder = new OperationSearch(this.data.operations);
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

function marked(op: Operation): Operation {
  const { danger: _carried, ...facts } = op;
  const danger = dangerByRule(op);
  return danger ? { ...facts, danger } : facts;
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
  return catalogueFromText(text, path.basename(file));
}

/**
 * An OpenAPI document's text (YAML or JSON) → the catalogue. js-yaml, not the `yaml` package BOT_CONFIG is read
 * with: a 3CX document is most of a megabyte, and js-yaml reads it four times faster in a seventh of the memory
 * (what a bot with fifty PBXs pays at start), into the same catalogue.
 */
export function catalogueFromText(text: string, file: string): Catalogue {
  let raw: unknown;
  try {
    raw = loadYaml(text);
  } catch (err) {
    throw new SpecError(`${file} is not valid YAML or JSON: ${(err as Error).message}`);
  }
  return catalogueFromOpenApi(raw, file);
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
