import type { Operation, OperationCatalogue, Param, TypeNode } from './catalogue';

/**
 * OData v4 spelling of keys, function parameters and query options, and the URL path of one call. Pure: the
 * client turns a ParamError into an XapiError of kind `validation`.
 */

export class ParamError extends Error {
  override readonly name = 'ParamError';
}

/** A string literal: `Support's level` → `'Support''s level'`. */
export function quoteKey(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function integerLiteral(value: unknown): string {
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n))
    throw new ParamError(`${describe(value)} is not a whole number`);
  return String(n);
}

function numberLiteral(value: unknown): string {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new ParamError(`${describe(value)} is not a number`);
  return String(n);
}

function booleanLiteral(value: unknown): string {
  if (value === true || value === 'true') return 'true';
  if (value === false || value === 'false') return 'false';
  throw new ParamError(`${describe(value)} is not true or false`);
}

/** Formats whose literals OData v4 writes without quotes. */
const BARE_STRING_FORMATS = new Set(['date-time', 'date', 'uuid', 'time', 'duration']);

function stringLiteral(type: Extract<TypeNode, { kind: 'string' }>, value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : value;
  if (typeof text !== 'string' && typeof text !== 'number')
    throw new ParamError(`${describe(value)} is not text`);
  const s = String(text);
  if (type.format === 'duration') return `duration${quoteKey(s)}`;
  return type.format && BARE_STRING_FORMATS.has(type.format) ? s : quoteKey(s);
}

/**
 * A key or function parameter as an OData literal: numbers and booleans bare, strings quoted with `'` doubled,
 * date-time and uuid bare. `type` must already be resolved (no `ref`).
 */
export function encodeParam(type: TypeNode, value: unknown): string {
  if (value === null) return 'null';
  switch (type.kind) {
    case 'integer':
      return integerLiteral(value);
    case 'number':
      return numberLiteral(value);
    case 'boolean':
      return booleanLiteral(value);
    case 'string':
      return stringLiteral(type, value);
    default:
      // Untyped (`any`) parameters: spell the value by what it is.
      if (typeof value === 'number') return numberLiteral(value);
      if (typeof value === 'boolean') return booleanLiteral(value);
      if (typeof value === 'string') return quoteKey(value);
      throw new ParamError(`${describe(value)} cannot be written as an OData literal`);
  }
}

/** A query option's value as 3CX reads it: `$filter` and `$search` verbatim, lists comma-joined. */
function queryValue(type: TypeNode, value: unknown): string {
  if (Array.isArray(value))
    return value.map((v) => queryValue(type.kind === 'array' ? type.items : type, v)).join(',');
  if (type.kind === 'integer') return integerLiteral(value);
  if (type.kind === 'boolean') return booleanLiteral(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw new ParamError(`${describe(value)} is not a valid query value`);
}

// encodeURIComponent is strict; these are legal where we put them and keep logs readable. `+`, `&`, `#`, `?`
// and `%` stay encoded, since servers would read them as syntax.
const readablePath = (s: string): string => s.replace(/%(2C|3A|24|40|3D)/gi, (m) => decodeURIComponent(m));
const readableQuery = (s: string): string => s.replace(/%(2C|3A|24|40)/gi, (m) => decodeURIComponent(m));

/** The operation's parameter a given name means: exact spelling first, then any case. */
export function findParam(op: Operation, name: string): Param | undefined {
  const lower = name.toLowerCase();
  return op.params.find((p) => p.name === name) ?? op.params.find((p) => p.name.toLowerCase() === lower);
}

function matchParams(op: Operation, params: Record<string, unknown>): Map<Param, unknown> {
  const matched = new Map<Param, unknown>();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const param = findParam(op, name);
    if (!param) {
      const takes =
        op.params.length > 0 ? `it takes ${op.params.map((p) => p.name).join(', ')}` : 'it takes none';
      throw new ParamError(`${name} is not a parameter of ${op.key}; ${takes}`);
    }
    matched.set(param, value);
  }
  return matched;
}

/**
 * The encoded path below /xapi/v1, query included: `/TenantProperties('Support''s%20level')`,
 * `/Users?$top=5&$filter=FirstName%20eq%20'Ann'`. Header parameters are left to `buildHeaders`.
 */
export function buildPath(
  op: Operation,
  params: Record<string, unknown>,
  catalogue: OperationCatalogue,
): string {
  const matched = matchParams(op, params);
  const path = op.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const param = op.params.find((p) => p.name === name && p.in === 'path');
    const value = param ? matched.get(param) : undefined;
    if (!param || value === undefined || value === '')
      throw new ParamError(`${name} is required for ${op.key}`);
    let literal: string;
    try {
      literal = encodeParam(catalogue.resolve(param.type), value);
    } catch (err) {
      throw new ParamError(`${name}: ${(err as Error).message}`);
    }
    return readablePath(encodeURIComponent(literal));
  });
  const query: string[] = [];
  // In the catalogue's order, not the caller's, so one request always reads the same in logs and audit.
  for (const param of op.params) {
    const value = matched.get(param);
    if (param.in !== 'query' || value === undefined) continue;
    let text: string;
    try {
      text = queryValue(catalogue.resolve(param.type), value);
    } catch (err) {
      throw new ParamError(`${param.name}: ${(err as Error).message}`);
    }
    query.push(`${readableQuery(encodeURIComponent(param.name))}=${readableQuery(encodeURIComponent(text))}`);
  }
  return query.length > 0 ? `${path}?${query.join('&')}` : path;
}

/** Header parameters (If-Match …) as request headers. */
export function buildHeaders(op: Operation, params: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [param, value] of matchParams(op, params)) {
    if (param.in === 'header') headers[param.name] = String(value);
  }
  return headers;
}
