import type { OperationCatalogue, TypeNode } from '../api/catalogue';

/**
 * Deterministic sample values for catalogue types, for the operations the simulator has no state behind: text
 * 'sample', the first enum member, a fixed date-time, 1, false, lists of one item. Named types nest at most
 * REF_DEPTH deep and never inside themselves, so recursive types stay finite.
 */

export const SAMPLE_DATE_TIME = '2025-01-15T09:30:00Z';
export const SAMPLE_UUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const REF_DEPTH = 3;

function sampleString(node: Extract<TypeNode, { kind: 'string' }>): string {
  if (node.enum && node.enum.length > 0) return node.enum[0] as string;
  switch (node.format) {
    case 'date-time':
      return SAMPLE_DATE_TIME;
    case 'uuid':
      return SAMPLE_UUID;
    case 'duration':
      return 'PT1H';
    case 'time':
      return '09:30:00';
    default:
      return node.maxLength !== undefined && node.maxLength < 6
        ? 'sample'.slice(0, node.maxLength)
        : 'sample';
  }
}

export function sampleValue(
  catalogue: OperationCatalogue,
  node: TypeNode,
  refs: readonly string[] = [],
): unknown {
  if (node.kind === 'ref') {
    if (refs.includes(node.name) || refs.length >= REF_DEPTH)
      return node.nullable ? null : emptyOf(catalogue, node);
    return sampleValue(catalogue, catalogue.resolve(node), [...refs, node.name]);
  }
  switch (node.kind) {
    case 'string':
      return sampleString(node);
    case 'integer': {
      const low = node.minimum ?? Number.NEGATIVE_INFINITY;
      const high = node.maximum ?? Number.POSITIVE_INFINITY;
      return Math.min(Math.max(1, low), high);
    }
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array': {
      const { items } = node;
      if (items.kind === 'ref' && (refs.includes(items.name) || refs.length >= REF_DEPTH)) return [];
      const item = sampleValue(catalogue, items, refs);
      return item === null || item === undefined ? [] : [item];
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(node.properties))
        out[name] = sampleValue(catalogue, prop, refs);
      return out;
    }
    case 'any':
      return null;
  }
}

/** What stands in for a named type too deep to expand: the empty value of its shape. */
function emptyOf(catalogue: OperationCatalogue, node: TypeNode): unknown {
  const resolved = catalogue.resolve(node);
  switch (resolved.kind) {
    case 'object':
      return {};
    case 'array':
      return [];
    default:
      return sampleValue(catalogue, resolved);
  }
}

/** A second sample, distinguishable from the first where the type has an integer Id or a text Name. */
export function secondSample(first: unknown): unknown {
  if (first === null || typeof first !== 'object' || Array.isArray(first)) return first;
  const copy: Record<string, unknown> = { ...(first as Record<string, unknown>) };
  if (typeof copy.Id === 'number') copy.Id = copy.Id + 1;
  if (typeof copy.Name === 'string') copy.Name = `${copy.Name} 2`;
  return copy;
}

const byName = new WeakMap<OperationCatalogue, Map<string, unknown>>();

/** The sample of a named type, built once per catalogue. Callers copy before changing it. */
export function sampleOf(catalogue: OperationCatalogue, name: string): unknown {
  let cache = byName.get(catalogue);
  if (!cache) {
    cache = new Map();
    byName.set(catalogue, cache);
  }
  if (!cache.has(name)) cache.set(name, sampleValue(catalogue, { kind: 'ref', name }));
  return cache.get(name);
}
