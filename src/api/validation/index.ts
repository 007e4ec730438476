import type { Operation, OperationCatalogue, TypeNode } from '../catalogue';
import { checkArgs } from './args';
import { checkBody } from './body';
import { ValidationError } from './errors';
import { describeIssues } from './issues';
import type { RequestInput, ValidRequest } from './request';
import { textSchemaForType } from './schema';

export { ValidationError, type ValidationIssue } from './errors';
export { humanize } from './humanize';
export { findJsonError, type JsonProblem, parseJsonField } from './json';
export type { RequestInput, ValidRequest } from './request';
export { exampleValue, type SampleOptions, sampleRequest, sampleValue } from './sample';
export { schemaForType, textSchemaForType } from './schema';

/**
 * Checks and types one request against its catalogue entry. Every problem with the arguments and the body is
 * collected before anything is thrown, so a person fixes them all in one go.
 */
export function validateRequest(
  catalogue: OperationCatalogue,
  op: Operation,
  input: RequestInput,
): ValidRequest {
  const args = checkArgs(catalogue, op, input.args ?? {});
  const body = checkBody(catalogue, op, input.body);
  const issues = [...args.issues, ...body.issues];
  if (issues.length > 0) throw new ValidationError(issues);
  const valid: ValidRequest = { params: args.params };
  if ('body' in body) valid.body = body.body;
  return valid;
}

/**
 * Coerces and checks one value a person typed for `field` (a modal input, say): text becomes the number, flag,
 * list or object the type asks for.
 */
export function fieldValue(
  catalogue: OperationCatalogue,
  node: TypeNode,
  field: string,
  raw: unknown,
): unknown {
  const result = textSchemaForType(catalogue, node).safeParse(raw);
  if (result.success) return result.data;
  const prefix = field.split('.').filter((part) => part !== '');
  throw new ValidationError(describeIssues(result.error, { label: field, field, parent: field, prefix }));
}
