import type { Operation, OperationCatalogue, TypeNode } from '../catalogue';
import type { RequestInput } from './request';
import { EXAMPLE_DATE_TIME, EXAMPLE_DURATION, EXAMPLE_TIME, EXAMPLE_UUID, integerRange } from './scalars';

/**
 * Plausible values for catalogue types: the examples in messages ("e.g. Id=12") and sample requests for tests and
 * demos. Every sample passes validation.
 */

export interface SampleOptions {
  /** Arguments as a person would type them in Slack ("12", "true") instead of typed values. */
  asText?: boolean;
  /** What plain text fields hold; messages use "…" to mean "put yours here". */
  text?: string;
}

const TYPE_DEPTH = 3;

function sampleScalar(node: TypeNode, text: string): unknown {
  switch (node.kind) {
    case 'integer': {
      const [low, high] = integerRange(node);
      return Math.min(Math.max(12, low), high);
    }
    case 'number':
      return 1.5;
    case 'boolean':
      return node.default ?? true;
    case 'string': {
      if (node.enum && node.enum.length > 0) return node.enum[0];
      switch (node.format) {
        case 'date-time':
          return EXAMPLE_DATE_TIME;
        case 'duration':
          return EXAMPLE_DURATION;
        case 'uuid':
          return EXAMPLE_UUID;
        case 'time':
          return EXAMPLE_TIME;
        default:
          return node.maxLength !== undefined ? text.slice(0, node.maxLength) : text;
      }
    }
    default:
      return text;
  }
}

/** A value of type `node`. Objects get every field, lists one item; a type met again on its own path is left out. */
export function sampleValue(
  catalogue: OperationCatalogue,
  node: TypeNode,
  options: SampleOptions = {},
  seen: readonly string[] = [],
): unknown {
  const text = options.text ?? 'example';
  if (node.kind === 'ref' && (seen.includes(node.name) || seen.length >= TYPE_DEPTH)) return undefined;
  const path = node.kind === 'ref' ? [...seen, node.name] : seen;
  const resolved = catalogue.resolve(node);
  switch (resolved.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(resolved.properties)) {
        const value = sampleValue(catalogue, property, options, path);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    case 'array': {
      const item = sampleValue(catalogue, resolved.items, options, path);
      return item === undefined ? [] : [item];
    }
    case 'any':
      return text;
    default:
      return sampleScalar(resolved, text);
  }
}

/** The shortest body that shows the shape: the first field at each level, down to a value. */
export function exampleValue(
  catalogue: OperationCatalogue,
  node: TypeNode,
  seen: readonly string[] = [],
): unknown {
  if (node.kind === 'ref' && seen.includes(node.name)) return {};
  const path = node.kind === 'ref' ? [...seen, node.name] : seen;
  const resolved = catalogue.resolve(node);
  switch (resolved.kind) {
    case 'object': {
      const first = Object.entries(resolved.properties)[0];
      return first ? { [first[0]]: exampleValue(catalogue, first[1], path) } : {};
    }
    case 'array':
      return [exampleValue(catalogue, resolved.items, path)];
    default:
      return sampleScalar(resolved, '…');
  }
}

/** How a person would type a sample value after `name=`. */
export function sampleArgText(catalogue: OperationCatalogue, node: TypeNode): string {
  const value = sampleValue(catalogue, node);
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** A request that fills every path parameter and sends a complete body, if the operation takes one. */
export function sampleRequest(
  catalogue: OperationCatalogue,
  op: Operation,
  options: SampleOptions = {},
): RequestInput {
  const args: Record<string, unknown> = {};
  for (const param of op.params) {
    if (param.in !== 'path' && !param.required) continue;
    args[param.name] = options.asText
      ? sampleArgText(catalogue, param.type)
      : sampleValue(catalogue, param.type);
  }
  const input: RequestInput = { args };
  if (op.body) input.body = sampleValue(catalogue, op.body.type, options);
  return input;
}
