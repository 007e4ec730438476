import { z } from 'zod';
import type { ArrayType, ObjectType, OperationCatalogue, TypeNode } from '../catalogue';
import { ValidationError } from './errors';
import { describeValue } from './humanize';
import { parseJsonField } from './json';
import { coerceScalar, type ScalarType } from './scalars';

/**
 * zod schemas built from catalogue types. Two flavours share one tree:
 *  - `json`: values inside a request body. Text is still coerced ("12" for an integer), and an object or list may
 *    arrive as JSON text, because Slack modal inputs are text.
 *  - `text`: a whole value typed by a person (an argument, one modal field). On top of `json` it reads `null` as
 *    null and `A,B` as a list of text.
 * Messages are templates completed by issues.ts.
 */

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const REQUIRED = '{label} is required';

/** Lets a nested object or list be written as JSON text; a bad text becomes one issue naming the field. */
function readJsonText(value: unknown, ctx: z.RefinementCtx): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return parseJsonField('{Label}', value);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    for (const issue of err.issues) ctx.addIssue({ code: 'custom', message: issue.message, input: value });
    return value;
  }
}

class SchemaBuilder {
  private readonly named = new Map<string, z.ZodType>();
  private readonly json = new WeakMap<TypeNode, z.ZodType>();
  private readonly text = new WeakMap<TypeNode, z.ZodType>();

  constructor(private readonly catalogue: OperationCatalogue) {}

  jsonSchema(node: TypeNode): z.ZodType {
    const hit = this.json.get(node);
    if (hit) return hit;
    let schema: z.ZodType;
    switch (node.kind) {
      case 'ref': {
        const name = node.name;
        // Lazy so that recursive types (OAuthClient, RefreshToken) cost nothing until a value goes that deep.
        schema = z.lazy(() => this.namedSchema(name));
        break;
      }
      case 'object':
        schema = this.objectSchema(node, undefined);
        break;
      case 'array':
        schema = this.arraySchema(node);
        break;
      case 'any':
        schema = z.unknown();
        break;
      default:
        schema = scalarSchema(node);
    }
    if (node.kind !== 'any' && node.nullable) schema = schema.nullable();
    this.json.set(node, schema);
    return schema;
  }

  textSchema(node: TypeNode): z.ZodType {
    const hit = this.text.get(node);
    if (hit) return hit;
    const inner = this.jsonSchema(node);
    const resolved = this.catalogue.resolve(node);
    const nullable = resolved.kind !== 'any' && resolved.nullable === true;
    const textList = resolved.kind === 'array' && this.catalogue.resolve(resolved.items).kind === 'string';
    let schema = inner;
    if (nullable || textList) {
      schema = z.preprocess((value) => {
        if (nullable && typeof value === 'string' && value.trim().toLowerCase() === 'null') return null;
        if (textList && typeof value === 'string' && !/^\s*[[{]/.test(value)) {
          return value
            .split(',')
            .map((part) => part.trim())
            .filter((part) => part !== '');
        }
        return value;
      }, inner);
    }
    this.text.set(node, schema);
    return schema;
  }

  /** Keyed by name: every reference to a type shares one schema, which is what makes recursion finite. */
  private namedSchema(name: string): z.ZodType {
    const hit = this.named.get(name);
    if (hit) return hit;
    const target = this.catalogue.data.types[name];
    let schema: z.ZodType;
    if (!target) schema = z.unknown();
    else if (target.kind === 'object') {
      schema = this.objectSchema(target, name);
      if (target.nullable) schema = schema.nullable();
    } else schema = this.jsonSchema(target);
    this.named.set(name, schema);
    return schema;
  }

  private objectSchema(node: ObjectType, typeName: string | undefined): z.ZodType {
    const names = Object.keys(node.properties);
    const required = new Set(node.required ?? []);
    const shape: Record<string, z.ZodType> = {};
    for (const name of names) {
      const property = node.properties[name];
      if (!property) continue;
      const schema = this.jsonSchema(property);
      shape[name] = required.has(name) ? schema : schema.optional();
    }
    let object: z.ZodType = z
      .object(shape, {
        error: (issue) =>
          issue.input === undefined
            ? REQUIRED
            : `{label} must be a JSON object (got ${describeValue(issue.input)})`,
      })
      .loose();
    if (!node.additional) {
      const known = new Set(names);
      const owner = typeName ?? '{parent}';
      const tail = names.length > 0 ? `known fields: ${names.join(', ')}` : 'it has no fields';
      object = object.superRefine(
        (value, ctx) => {
          if (!isPlainObject(value)) return;
          for (const key of Object.keys(value)) {
            // OData annotations (@odata.etag, @odata.type) ride along with any entity.
            if (known.has(key) || key.startsWith('@odata.')) continue;
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: `{label} is not a field of ${owner}; ${tail}`,
              input: value[key],
            });
          }
        },
        // Unknown keys are reported together with the problems of the known ones.
        { when: (payload) => isPlainObject(payload.value) },
      );
    }
    return z.preprocess(readJsonText, object);
  }

  private arraySchema(node: ArrayType): z.ZodType {
    const phrase = this.listPhrase(node.items);
    const array = z.array(this.jsonSchema(node.items), {
      error: (issue) => (issue.input === undefined ? REQUIRED : `{label} must be ${phrase}`),
    });
    return z.preprocess(readJsonText, array);
  }

  private listPhrase(items: TypeNode): string {
    switch (this.catalogue.resolve(items).kind) {
      case 'string':
        return '{list:string}';
      case 'integer':
        return 'a list of whole numbers';
      case 'number':
        return 'a list of numbers';
      case 'boolean':
        return 'a list of true or false values';
      case 'object':
        return 'a list of JSON objects';
      case 'array':
        return 'a list of lists';
      default:
        return 'a list';
    }
  }
}

function scalarSchema(node: ScalarType): z.ZodType {
  return z.unknown().transform((input, ctx) => {
    const result = coerceScalar(node, input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: input === undefined ? REQUIRED : result.message, input });
    return z.NEVER;
  });
}

const builders = new WeakMap<OperationCatalogue, SchemaBuilder>();

function builderFor(catalogue: OperationCatalogue): SchemaBuilder {
  let builder = builders.get(catalogue);
  if (!builder) {
    builder = new SchemaBuilder(catalogue);
    builders.set(catalogue, builder);
  }
  return builder;
}

/** The schema for a value of `node` inside a request body; built once per catalogue and node. */
export function schemaForType(catalogue: OperationCatalogue, node: TypeNode): z.ZodType {
  return builderFor(catalogue).jsonSchema(node);
}

/** The schema for a value of `node` typed by a person as a whole: an argument or one modal field. */
export function textSchemaForType(catalogue: OperationCatalogue, node: TypeNode): z.ZodType {
  return builderFor(catalogue).textSchema(node);
}
