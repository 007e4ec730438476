import { stringify } from 'yaml';
import type { Operation, OperationCatalogue, Param, ResponseShape, TypeNode } from '../api/catalogue';

/**
 * The OpenAPI 3 document a simulated PBX serves at `/xapi/v1/swagger.yaml`, built back from its catalogue. It says
 * exactly what `catalogueFromOpenApi` reads (tags, operationId, `x-ms-docs-operation-type`, parameters, bodies,
 * response shapes, `$ref`s under components/schemas), so reading it gives the catalogue it came from. Facts only.
 */

type Json = Record<string, unknown>;

const SCHEMA_PREFIX = '#/components/schemas/';
const VERBS: Record<Operation['method'], string> = {
  GET: 'get',
  POST: 'post',
  PATCH: 'patch',
  PUT: 'put',
  DELETE: 'delete',
};

/** 3CX names its schemas `Pbx.User`; the reader strips the prefix again. */
const schemaName = (typeName: string): string => `Pbx.${typeName}`;

const withNullable = (schema: Json, node: { nullable?: true }): Json =>
  node.nullable ? { ...schema, nullable: true } : schema;

/** A catalogue type as an OpenAPI schema. */
export function schemaOf(node: TypeNode): Json {
  switch (node.kind) {
    case 'any':
      return {};
    case 'ref': {
      const ref = { $ref: `${SCHEMA_PREFIX}${schemaName(node.name)}` };
      // Siblings of a `$ref` are ignored, so a nullable reference is a one-member allOf, as 3CX writes it.
      return node.nullable ? { allOf: [ref], nullable: true } : ref;
    }
    case 'string': {
      const schema: Json = { type: 'string' };
      if (node.format !== undefined) schema.format = node.format;
      if (node.maxLength !== undefined) schema.maxLength = node.maxLength;
      if (node.default !== undefined) schema.default = node.default;
      if (node.enum) schema.enum = [...node.enum];
      if (node.flags) schema['x-ms-enum-flags'] = { isFlags: true };
      return withNullable(schema, node);
    }
    case 'integer': {
      const schema: Json = { type: 'integer' };
      if (node.format !== undefined) schema.format = node.format;
      if (node.minimum !== undefined) schema.minimum = node.minimum;
      if (node.maximum !== undefined) schema.maximum = node.maximum;
      if (node.default !== undefined) schema.default = node.default;
      return withNullable(schema, node);
    }
    case 'number': {
      const schema: Json = { type: 'number' };
      if (node.format !== undefined) schema.format = node.format;
      if (node.default !== undefined) schema.default = node.default;
      return withNullable(schema, node);
    }
    case 'boolean': {
      const schema: Json = { type: 'boolean' };
      if (node.default !== undefined) schema.default = node.default;
      return withNullable(schema, node);
    }
    case 'array':
      return withNullable({ type: 'array', items: schemaOf(node.items) }, node);
    case 'object': {
      const navigation = new Set(node.navigation ?? []);
      const properties: Json = {};
      for (const [name, prop] of Object.entries(node.properties)) {
        const schema = schemaOf(prop);
        properties[name] = navigation.has(name) ? { ...schema, 'x-ms-navigationProperty': true } : schema;
      }
      const schema: Json = { type: 'object', properties };
      if (node.required && node.required.length > 0) schema.required = [...node.required];
      if (node.additional) schema.additionalProperties = true;
      return withNullable(schema, node);
    }
  }
}

function parameterOf(param: Param): Json {
  return { name: param.name, in: param.in, required: param.required, schema: schemaOf(param.type) };
}

const jsonContent = (schema: Json): Json => ({ 'application/json': { schema } });

/** The one 2xx answer: a collection is `{value: [item]}`, a value `{value: type}`, as OData writes them. */
function responsesOf(response: ResponseShape): Json {
  const answer: Json = { description: 'Success' };
  const type = response.type ?? { kind: 'any' };
  switch (response.kind) {
    case 'none':
      break;
    case 'entity':
      answer.content = jsonContent(schemaOf(type));
      break;
    case 'collection':
      answer.content = jsonContent({
        type: 'object',
        properties: {
          '@odata.count': { type: 'integer', format: 'int64', nullable: true },
          value: { type: 'array', items: schemaOf(type) },
        },
      });
      break;
    case 'value':
      answer.content = jsonContent({ type: 'object', properties: { value: schemaOf(type) } });
      break;
  }
  return { [String(response.status)]: answer };
}

function operationOf(op: Operation): Json {
  const out: Json = { tags: [op.resource], operationId: op.operationId };
  if (op.params.length > 0) out.parameters = op.params.map(parameterOf);
  if (op.body) out.requestBody = { required: op.body.required, content: jsonContent(schemaOf(op.body.type)) };
  out.responses = responsesOf(op.response);
  out['x-ms-docs-operation-type'] = op.odata;
  return out;
}

/** The OpenAPI 3.0 document of `catalogue`, declaring `version` as its `info.version`. */
export function openApiDocument(catalogue: OperationCatalogue, version: string): object {
  const paths: Record<string, Json> = {};
  for (const op of catalogue.operations) {
    const item = paths[op.path] ?? {};
    paths[op.path] = item;
    const verb = VERBS[op.method];
    if (item[verb] !== undefined) {
      throw new Error(
        `${op.key} and another operation both use ${op.method} ${op.path}; a document holds one.`,
      );
    }
    item[verb] = operationOf(op);
  }
  const schemas: Json = {};
  for (const [name, node] of Object.entries(catalogue.data.types)) schemas[schemaName(name)] = schemaOf(node);
  return {
    openapi: '3.0.4',
    info: { title: 'XAPI', version },
    servers: [{ url: '/xapi/v1' }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        Application: {
          type: 'oauth2',
          flows: { clientCredentials: { tokenUrl: '/connect/token', scopes: {} } },
        },
      },
    },
    security: [{ Application: [] }],
  };
}

/** The same document as YAML text, without anchors: every reader can take it. */
export function openApiYaml(catalogue: OperationCatalogue, version: string): string {
  return stringify(openApiDocument(catalogue, version), { aliasDuplicateObjects: false, lineWidth: 0 });
}
