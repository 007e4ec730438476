import type { OperationCatalogue, TypeNode } from '../api/catalogue';
import { badRequest } from './odata-error';
import { type FieldResolver, type FieldType, type FilterNode, matches, parseFilter } from './odata-filter';

/**
 * The system query options of a read ($filter $orderby $top $skip $count $select $search) checked against the
 * answer's entity type and applied to a list. Property names match in any case and come out canonical.
 */

export interface OrderKey {
  path: string[];
  desc: boolean;
}

export interface QueryOptions {
  filter?: FilterNode;
  orderby: OrderKey[];
  top?: number;
  skip?: number;
  count: boolean;
  /** Canonical property names; undefined means all. */
  select?: string[];
  search?: string;
}

const KNOWN = new Set([
  '$top',
  '$skip',
  '$count',
  '$filter',
  '$orderby',
  '$select',
  '$expand',
  '$search',
  '$format',
]);

interface PropertyIndex {
  /** Lower-cased name → canonical name and type. */
  byLower: Map<string, { name: string; node: TypeNode }>;
}

/** Property lookups per entity type, built on first use and kept: the types table is never scanned per request. */
export class FieldIndex {
  private readonly cache = new WeakMap<object, PropertyIndex | null>();

  constructor(private readonly catalogue: OperationCatalogue) {}

  private properties(node: TypeNode): PropertyIndex | null {
    const resolved = this.catalogue.resolve(node);
    const cached = this.cache.get(resolved);
    if (cached !== undefined) return cached;
    let index: PropertyIndex | null = null;
    if (resolved.kind === 'object') {
      index = { byLower: new Map() };
      for (const [name, prop] of Object.entries(resolved.properties)) {
        index.byLower.set(name.toLowerCase(), { name, node: prop });
      }
    }
    this.cache.set(resolved, index);
    return index;
  }

  private fieldType(node: TypeNode): FieldType {
    const resolved = this.catalogue.resolve(node);
    switch (resolved.kind) {
      case 'string':
        return resolved.format === 'date-time' ? 'datetime' : 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'any':
        return 'unknown';
      default:
        return 'complex';
    }
  }

  /** Resolves property paths on items of `itemType`; without a type every name is accepted as written. */
  resolver(itemType: TypeNode | undefined, setName: string): FieldResolver {
    return (path) => {
      if (!itemType) return { path, type: 'unknown' };
      if (path.length === 1 && path[0] === '$it') return { path: [], type: this.fieldType(itemType) };
      const canonical: string[] = [];
      let node: TypeNode = itemType;
      for (const name of path) {
        const props = this.properties(node);
        const prop = props?.byLower.get(name.toLowerCase());
        if (!prop) {
          const where = canonical.length > 0 ? `${setName}/${canonical.join('/')}` : setName;
          return `${name} is not a property of ${where}`;
        }
        canonical.push(prop.name);
        node = prop.node;
      }
      return { path: canonical, type: this.fieldType(node) };
    };
  }
}

function wholeNumber(name: string, value: string): number {
  if (!/^\d+$/.test(value.trim()))
    throw badRequest(`${name} must be a whole number of 0 or more, not "${value}".`, name);
  return Number(value.trim());
}

export function parseQueryOptions(query: Record<string, string>, resolve: FieldResolver): QueryOptions {
  const options: QueryOptions = { orderby: [], count: false };
  for (const [rawName, value] of Object.entries(query)) {
    if (!rawName.startsWith('$')) continue;
    const name = rawName.toLowerCase();
    if (!KNOWN.has(name)) throw badRequest(`The query option ${rawName} is not supported.`, rawName);
    switch (name) {
      case '$top':
        options.top = wholeNumber('$top', value);
        break;
      case '$skip':
        options.skip = wholeNumber('$skip', value);
        break;
      case '$count':
        if (value !== 'true' && value !== 'false')
          throw badRequest(`$count must be true or false, not "${value}".`, '$count');
        options.count = value === 'true';
        break;
      case '$filter':
        options.filter = parseFilter(value, resolve);
        break;
      case '$orderby':
        options.orderby = parseOrderBy(value, resolve);
        break;
      case '$select':
        options.select = parseSelect(value, resolve);
        break;
      case '$search':
        options.search = value;
        break;
      default:
        // $expand and $format are accepted and ignored: the simulator's answers are already complete JSON.
        break;
    }
  }
  return options;
}

function parseOrderBy(text: string, resolve: FieldResolver): OrderKey[] {
  return text.split(',').map((part) => {
    const words = part.trim().split(/\s+/);
    const [field, direction, extra] = words;
    if (!field || extra !== undefined || (direction && !/^(asc|desc)$/i.test(direction))) {
      throw badRequest(`Invalid $orderby "${text}": write Property [asc|desc], comma separated.`, '$orderby');
    }
    const resolved = resolve(field.split('/'));
    if (typeof resolved === 'string')
      throw badRequest(`Invalid $orderby "${text}": ${resolved}.`, '$orderby');
    if (resolved.type === 'complex') {
      throw badRequest(
        `Invalid $orderby "${text}": ${field} is structured and cannot be sorted on.`,
        '$orderby',
      );
    }
    return { path: resolved.path, desc: direction?.toLowerCase() === 'desc' };
  });
}

function parseSelect(text: string, resolve: FieldResolver): string[] | undefined {
  const names = text.split(',').map((s) => s.trim());
  if (names.includes('*')) return undefined;
  return names.map((name) => {
    if (!name) throw badRequest(`Invalid $select "${text}": an empty name.`, '$select');
    const resolved = resolve([name]);
    if (typeof resolved === 'string') throw badRequest(`Invalid $select "${text}": ${resolved}.`, '$select');
    return resolved.path[0] ?? name;
  });
}

function sortValue(item: unknown, path: readonly string[]): unknown {
  let current = item;
  for (const name of path) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<string, unknown>)[name];
  }
  return current ?? null;
}

function compareValues(a: unknown, b: unknown): number {
  // OData sorts null lowest.
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function searchMatches(item: unknown, needle: string): boolean {
  if (item === null || typeof item !== 'object') return String(item).toLowerCase().includes(needle);
  return Object.values(item).some(
    (v) => (typeof v === 'string' || typeof v === 'number') && String(v).toLowerCase().includes(needle),
  );
}

export function selectFields(item: unknown, select: readonly string[] | undefined): unknown {
  if (!select || item === null || typeof item !== 'object' || Array.isArray(item)) return item;
  const source = item as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of select) if (name in source) out[name] = source[name];
  return out;
}

/** Filter, search, sort, count, page and select: the order OData applies them in. */
export function applyQuery(
  items: readonly unknown[],
  options: QueryOptions,
): { value: unknown[]; count: number } {
  let list: unknown[] = [...items];
  const { filter } = options;
  if (filter) list = list.filter((item) => matches(filter, item));
  if (options.search) {
    const needle = options.search.replace(/^"|"$/g, '').toLowerCase();
    list = list.filter((item) => searchMatches(item, needle));
  }
  if (options.orderby.length > 0) {
    const keys = options.orderby;
    list.sort((a, b) => {
      for (const key of keys) {
        const c = compareValues(sortValue(a, key.path), sortValue(b, key.path));
        if (c !== 0) return key.desc ? -c : c;
      }
      return 0;
    });
  }
  const count = list.length;
  const start = options.skip ?? 0;
  const end = options.top === undefined ? undefined : start + options.top;
  const page = list.slice(start, end).map((item) => selectFields(item, options.select));
  return { value: page, count };
}
