import type { Operation, OperationCatalogue, TypeNode } from '../api/catalogue';
import { badRequest, ODataError } from './odata-error';

/**
 * Finds the catalogue operation a request means. Every path template is compiled once into a regex; requests look
 * only at the templates of their method that start with the same resource segment.
 */

export interface RouteMatch {
  op: Operation;
  /** Path parameters, typed: integers as numbers, strings unquoted, date-times as sent. */
  args: Record<string, unknown>;
}

interface CompiledRoute {
  op: Operation;
  regex: RegExp;
  /** Placeholder names in template order, with their resolved types. */
  params: { name: string; type: TypeNode }[];
  /** Literal characters in the template: more means more specific, so it is tried first. */
  weight: number;
}

// A quoted string ('' escapes a quote), a prefixed literal such as duration'PT1H', or a bare token (numbers,
// booleans, date-times, GUIDs, null). Bare tokens stop at the characters that separate keys and segments.
const LITERAL = `('(?:[^']|'')*'|[A-Za-z]+'(?:[^']|'')*'|[^,()'=/]+)`;

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `Users` for `/Users(12)/Pbx.X`: requests only scan the templates under their own resource. */
export function firstSegment(path: string): string {
  const m = /^\/([^(/]*)/.exec(path);
  return m?.[1] ?? '';
}

export class RouteTable {
  private readonly byMethod = new Map<string, Map<string, CompiledRoute[]>>();

  constructor(operations: readonly Operation[], catalogue: OperationCatalogue) {
    for (const op of operations) {
      const route = compile(op, catalogue);
      let buckets = this.byMethod.get(op.method);
      if (!buckets) {
        buckets = new Map();
        this.byMethod.set(op.method, buckets);
      }
      const segment = firstSegment(op.path);
      const list = buckets.get(segment) ?? [];
      list.push(route);
      buckets.set(segment, list);
    }
    for (const buckets of this.byMethod.values()) {
      for (const list of buckets.values()) list.sort((a, b) => b.weight - a.weight);
    }
  }

  /**
   * The operation for `method` and `path` (below /xapi/v1, percent-decoded). Throws 400 when the path fits a
   * template but a key has the wrong type, 405 when only another method has it, 404 when nothing does.
   */
  match(method: string, path: string): RouteMatch {
    const segment = firstSegment(path);
    let typeError: ODataError | undefined;
    for (const route of this.byMethod.get(method)?.get(segment) ?? []) {
      const m = route.regex.exec(path);
      if (!m) continue;
      try {
        return { op: route.op, args: decodeArgs(route, m) };
      } catch (err) {
        if (!(err instanceof ODataError)) throw err;
        typeError ??= err;
      }
    }
    if (typeError) throw typeError;
    const allowed = [...this.byMethod.entries()]
      .filter(([other, buckets]) => other !== method && buckets.get(segment)?.some((r) => r.regex.test(path)))
      .map(([other]) => other);
    if (allowed.length > 0) {
      throw new ODataError(
        405,
        `${method} is not allowed on ${path}; use ${allowed.join(' or ')}.`,
        undefined,
        {
          allow: allowed.join(', '),
        },
      );
    }
    throw new ODataError(404, `No resource or operation matches the path ${path}.`);
  }
}

function compile(op: Operation, catalogue: OperationCatalogue): CompiledRoute {
  const params: CompiledRoute['params'] = [];
  let source = '^';
  let weight = 0;
  let last = 0;
  for (const m of op.path.matchAll(/\{([^}]+)\}/g)) {
    const literal = op.path.slice(last, m.index);
    source += escapeRegex(literal) + LITERAL;
    weight += literal.length;
    const name = m[1] ?? '';
    const param = op.params.find((p) => p.in === 'path' && p.name === name);
    params.push({ name, type: param ? catalogue.resolve(param.type) : { kind: 'string' } });
    last = m.index + m[0].length;
  }
  const tail = op.path.slice(last);
  source += `${escapeRegex(tail)}$`;
  weight += tail.length;
  return { op, regex: new RegExp(source), params, weight };
}

function decodeArgs(route: CompiledRoute, m: RegExpExecArray): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  route.params.forEach((param, i) => {
    args[param.name] = decodeLiteral(m[i + 1] ?? '', param.type, param.name);
  });
  return args;
}

const INTEGER = /^[-+]?\d+$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

const unquote = (s: string): string => s.slice(1, -1).replace(/''/g, "'");

/** An OData key or function-parameter literal as the value of `type` (already resolved). */
export function decodeLiteral(raw: string, type: TypeNode, name: string): unknown {
  if (raw === 'null') return null;
  const wrong = (expected: string) =>
    badRequest(`The value ${raw} given for ${name} is not valid: expected ${expected}.`, name);
  switch (type.kind) {
    case 'integer': {
      const n = Number(raw);
      if (!INTEGER.test(raw) || !Number.isSafeInteger(n)) throw wrong('a whole number written bare, e.g. 12');
      return n;
    }
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || raw.startsWith("'") || !Number.isFinite(n))
        throw wrong('a number written bare');
      return n;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw wrong('true or false');
      return raw === 'true';
    case 'string':
      switch (type.format) {
        case 'date-time':
          if (!DATE_TIME.test(raw) || Number.isNaN(Date.parse(raw))) throw wrong('a date-time written bare');
          return raw;
        case 'uuid':
          if (!UUID.test(raw)) throw wrong('a GUID written bare');
          return raw;
        case 'time':
          if (!TIME.test(raw)) throw wrong('a time of day written bare, e.g. 08:30:00');
          return raw;
        case 'duration':
          if (/^duration'.*'$/i.test(raw)) return unquote(raw.slice('duration'.length));
          throw wrong("a duration such as duration'PT1H'");
        default: {
          if (!raw.startsWith("'") || !raw.endsWith("'") || raw.length < 2)
            throw wrong("text in single quotes, e.g. 'abc'");
          const value = unquote(raw);
          if (type.enum && !type.flags && !type.enum.includes(value))
            throw wrong(`one of ${type.enum.join(', ')}`);
          return value;
        }
      }
    default:
      return raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2 ? unquote(raw) : raw;
  }
}
