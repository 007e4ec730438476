import type { OperationCatalogue, TypeNode } from '../api/catalogue';
import { badRequest } from './odata-error';

/**
 * Checks a request body against the operation's body type the way the OData deserializer of 3CX does: unknown
 * property names and values of the wrong kind are a 400 naming the property. Nulls pass (3CX accepts them for
 * nearly every property) and annotations such as `@odata.type` are ignored.
 */

const MAX_PROBLEMS = 5;

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

function check(
  catalogue: OperationCatalogue,
  value: unknown,
  node: TypeNode,
  where: string,
  problems: string[],
): void {
  if (problems.length >= MAX_PROBLEMS || value === null || value === undefined) return;
  const type = catalogue.resolve(node);
  const fail = (expected: string) =>
    problems.push(`${where || 'the body'} must be ${expected}, not ${kindOf(value)}`);
  switch (type.kind) {
    case 'any':
      return;
    case 'string': {
      if (typeof value !== 'string') return void fail('text');
      if (type.maxLength !== undefined && value.length > type.maxLength) {
        problems.push(`${where} is longer than ${type.maxLength} characters`);
      }
      if (type.enum) {
        const members = type.flags ? value.split(',').map((s) => s.trim()) : [value];
        const bad = members.filter((m) => !type.enum?.includes(m));
        if (bad.length > 0)
          problems.push(`${where} must be one of ${type.enum.join(', ')}, not ${bad.join(', ')}`);
      }
      if (type.format === 'date-time' && Number.isNaN(Date.parse(value))) {
        problems.push(`${where} must be a date-time such as 2025-01-15T09:30:00Z`);
      }
      return;
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail('a whole number');
      return;
    case 'number':
      // Edm.Decimal travels as a string in some OData serializers, so both forms are taken.
      if (typeof value !== 'number' && !(typeof value === 'string' && Number.isFinite(Number(value))))
        fail('a number');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('true or false');
      return;
    case 'array':
      if (!Array.isArray(value)) return void fail('a list');
      value.forEach((item, i) => {
        check(catalogue, item, type.items, `${where}[${i}]`, problems);
      });
      return;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return void fail('an object');
      for (const [name, item] of Object.entries(value)) {
        if (name.includes('@')) continue;
        const prop = type.properties[name];
        const path = where ? `${where}.${name}` : name;
        if (!prop) {
          if (!type.additional) problems.push(`${path} is not a known property`);
          continue;
        }
        check(catalogue, item, prop, path, problems);
      }
      return;
    }
    default:
      return;
  }
}

/** Throws a 400 listing what is wrong with `body` for `node`. */
export function checkBody(catalogue: OperationCatalogue, body: unknown, node: TypeNode): void {
  const problems: string[] = [];
  check(catalogue, body, node, '', problems);
  if (problems.length > 0) throw badRequest(`The request body is invalid: ${problems.join('; ')}.`);
}
