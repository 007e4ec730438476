import { z } from 'zod';
import type { Catalogue, HttpMethod, ObjectType, Operation, Param, ResponseShape, TypeNode } from './types';

/**
 * Turns an XAPI OpenAPI 3 document into the compact catalogue. Only facts survive: names, methods, paths,
 * parameter and body structure, enums. Descriptions, summaries and examples are dropped.
 */

type Json = Record<string, unknown>;

const documentShape = z.object({
  openapi: z.string().regex(/^3\./, 'only OpenAPI 3 documents are supported'),
  info: z.object({ version: z.string() }).loose(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z
    .object({
      schemas: z.record(z.string(), z.unknown()).default({}),
      parameters: z.record(z.string(), z.unknown()).default({}),
      requestBodies: z.record(z.string(), z.unknown()).default({}),
      responses: z.record(z.string(), z.unknown()).default({}),
    })
    .loose(),
});

const METHODS: Record<string, HttpMethod> = {
  get: 'GET',
  post: 'POST',
  patch: 'PATCH',
  put: 'PUT',
  delete: 'DELETE',
};

const INT32 = { min: -2147483648, max: 2147483647 };

export class SpecError extends Error {
  override readonly name = 'SpecError';
}

export function typeName(ref: string): string {
  const name = ref.replace(/^#\/components\/schemas\//, '');
  return name.startsWith('Pbx.') ? name.slice(4) : name;
}

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function catalogueFromOpenApi(raw: unknown, file: string): Catalogue {
  const parsed = documentShape.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SpecError(
      `${file} is not an XAPI OpenAPI document: ${issue?.path.join('.') || '(top)'} ${issue?.message ?? ''}`.trim(),
    );
  }
  const doc = parsed.data;
  const schemas = doc.components.schemas as Record<string, unknown>;
  const types: Record<string, TypeNode> = {};
  const pending = new Set<string>();

  const resolveRef = (ref: string, section: 'parameters' | 'requestBodies' | 'responses'): Json => {
    const prefix = `#/components/${section}/`;
    const target = ref.startsWith(prefix) ? doc.components[section][ref.slice(prefix.length)] : undefined;
    if (!isObj(target)) throw new SpecError(`${file}: unresolved reference ${ref}`);
    return target;
  };

  const schemaByRef = (ref: string): Json => {
    const target = schemas[ref.replace(/^#\/components\/schemas\//, '')];
    if (!isObj(target)) throw new SpecError(`${file}: unresolved reference ${ref}`);
    return target;
  };

  const register = (ref: string): string => {
    const name = typeName(ref);
    if (!(name in types) && !pending.has(name)) {
      pending.add(name);
      types[name] = convert(schemaByRef(ref));
      pending.delete(name);
    }
    return name;
  };

  const withNullable = <T extends TypeNode>(node: T, s: Json): T =>
    s.nullable === true && node.kind !== 'any' ? { ...node, nullable: true } : node;

  /** Flattens `allOf` inheritance (User extends ClickToCall extends DN) into one object. */
  const mergeAllOf = (parts: unknown[], s: Json): TypeNode => {
    const refs = parts.filter((p) => isObj(p) && typeof p.$ref === 'string') as Json[];
    if (parts.length === 1 && refs.length === 1) {
      const name = register(refs[0]?.$ref as string);
      return withNullable({ kind: 'ref', name }, s);
    }
    const merged: ObjectType = { kind: 'object', properties: {} };
    for (const part of parts) {
      if (!isObj(part)) continue;
      let node = convert(part);
      if (node.kind === 'ref') {
        register(part.$ref as string);
        node = types[node.name] ?? { kind: 'any' };
      }
      if (node.kind !== 'object') continue;
      Object.assign(merged.properties, node.properties);
      if (node.required) merged.required = [...(merged.required ?? []), ...node.required];
      if (node.navigation)
        merged.navigation = [...new Set([...(merged.navigation ?? []), ...node.navigation])].sort();
    }
    return withNullable(merged, s);
  };

  function convert(s: unknown): TypeNode {
    if (!isObj(s)) return { kind: 'any' };
    if (typeof s.$ref === 'string') return { kind: 'ref', name: register(s.$ref) };
    if (Array.isArray(s.allOf)) return mergeAllOf(s.allOf, s);
    if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) {
      // OData writes decimals as number | string | INF/NaN; the number member is what people send.
      const members = ((s.oneOf ?? s.anyOf) as unknown[]).filter(isObj);
      const numeric = members.find((m) => m.type === 'number' || m.type === 'integer');
      return numeric ? withNullable(convert(numeric), s) : { kind: 'any' };
    }
    if (Array.isArray(s.enum)) {
      const node: TypeNode = { kind: 'string', enum: s.enum.map(String) };
      if (s.isFlags === true || s['x-ms-enum-flags'] !== undefined) node.flags = true;
      return withNullable(node, s);
    }
    switch (s.type) {
      case 'string': {
        const node: TypeNode = { kind: 'string' };
        if (typeof s.format === 'string') node.format = s.format;
        if (typeof s.maxLength === 'number') node.maxLength = s.maxLength;
        if (typeof s.default === 'string') node.default = s.default;
        return withNullable(node, s);
      }
      case 'integer': {
        const node: TypeNode = { kind: 'integer' };
        if (typeof s.format === 'string') node.format = s.format;
        const implied = s.format === 'int32';
        if (typeof s.minimum === 'number' && !(implied && s.minimum === INT32.min)) node.minimum = s.minimum;
        if (typeof s.maximum === 'number' && !(implied && s.maximum === INT32.max)) node.maximum = s.maximum;
        if (typeof s.default === 'number') node.default = s.default;
        return withNullable(node, s);
      }
      case 'number': {
        const node: TypeNode = { kind: 'number' };
        if (typeof s.format === 'string') node.format = s.format;
        if (typeof s.default === 'number') node.default = s.default;
        return withNullable(node, s);
      }
      case 'boolean': {
        const node: TypeNode = { kind: 'boolean' };
        if (typeof s.default === 'boolean') node.default = s.default;
        return withNullable(node, s);
      }
      case 'array':
        return withNullable({ kind: 'array', items: convert(s.items) }, s);
      case 'object':
      case undefined: {
        if (!isObj(s.properties) && s.additionalProperties === undefined && s.type === undefined) {
          return { kind: 'any' };
        }
        const node: ObjectType = { kind: 'object', properties: {} };
        const navigation: string[] = [];
        for (const [name, prop] of Object.entries(isObj(s.properties) ? s.properties : {})) {
          node.properties[name] = convert(prop);
          if (isObj(prop) && prop['x-ms-navigationProperty'] === true) navigation.push(name);
        }
        if (navigation.length > 0) node.navigation = navigation.sort();
        if (Array.isArray(s.required) && s.required.length > 0) node.required = s.required.map(String);
        if (s.additionalProperties !== undefined && s.additionalProperties !== false) node.additional = true;
        return withNullable(node, s);
      }
      default:
        return { kind: 'any' };
    }
  }

  const convertParam = (p: unknown): Param | undefined => {
    if (!isObj(p)) return undefined;
    const param = typeof p.$ref === 'string' ? resolveRef(p.$ref, 'parameters') : p;
    const location = param.in;
    if (location !== 'path' && location !== 'query' && location !== 'header') return undefined;
    return {
      name: String(param.name),
      in: location,
      required: param.required === true || location === 'path',
      type: convert(param.schema),
    };
  };

  const deref = (t: TypeNode): TypeNode => (t.kind === 'ref' ? (types[t.name] ?? t) : t);

  const convertResponse = (responses: unknown): ResponseShape => {
    const entries = Object.entries(isObj(responses) ? responses : {}).filter(([code]) =>
      /^2\d\d$/.test(code),
    );
    const [code, first] = entries[0] ?? ['204', {}];
    const status = Number(code);
    const response =
      isObj(first) && typeof first.$ref === 'string' ? resolveRef(first.$ref, 'responses') : first;
    const content =
      isObj(response) && isObj(response.content) ? response.content['application/json'] : undefined;
    if (!isObj(content) || content.schema === undefined) return { kind: 'none', status };
    const type = convert(content.schema);
    const shape = deref(type);
    if (shape.kind === 'object') {
      const value = shape.properties.value;
      const others = Object.keys(shape.properties).filter((k) => k !== 'value' && !k.startsWith('@odata'));
      if (value && others.length === 0) {
        if (value.kind === 'array') return { kind: 'collection', status, type: value.items };
        return { kind: 'value', status, type: value };
      }
    }
    return { kind: 'entity', status, type };
  };

  const convertBody = (rb: unknown): Operation['body'] => {
    if (!isObj(rb)) return undefined;
    const body = typeof rb.$ref === 'string' ? resolveRef(rb.$ref, 'requestBodies') : rb;
    const content = isObj(body.content) ? body.content['application/json'] : undefined;
    if (!isObj(content)) return undefined;
    return { required: body.required === true, type: convert(content.schema) };
  };

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [verb, raw] of Object.entries(item)) {
      const method = METHODS[verb];
      if (!method || !isObj(raw)) continue;
      const tags = Array.isArray(raw.tags) ? raw.tags : [];
      const resource = String(tags[0] ?? path.split(/[/(]/)[1] ?? 'Default');
      const operationId = String(raw.operationId ?? `${verb}${resource}`);
      const kind = raw['x-ms-docs-operation-type'];
      const op: Operation = {
        key: `${resource}.${operationId}`,
        resource,
        operationId,
        method,
        path,
        odata: kind === 'action' || kind === 'function' ? kind : 'operation',
        params: (Array.isArray(raw.parameters) ? raw.parameters : [])
          .map(convertParam)
          .filter((p): p is Param => p !== undefined),
        response: convertResponse(raw.responses),
      };
      const body = convertBody(raw.requestBody);
      if (body) op.body = body;
      operations.push(op);
    }
  }
  operations.sort((a, b) => a.key.localeCompare(b.key));
  const seen = new Set<string>();
  for (const op of operations) {
    if (seen.has(op.key.toLowerCase())) throw new SpecError(`${file}: operation ${op.key} appears twice`);
    seen.add(op.key.toLowerCase());
  }
  const sortedTypes: Record<string, TypeNode> = {};
  for (const name of Object.keys(types).sort()) sortedTypes[name] = types[name] as TypeNode;
  return { source: { file, version: doc.info.version }, operations, types: sortedTypes };
}
