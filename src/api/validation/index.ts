import type { Operation, OperationCatalogue, TypeNode } from '../catalogue';
import { checkArgs } from './args';
import { checkBody } from './body';
import { ValidationError } from './errors';
import { describeIssues } from './issues';
import type { RequestInput, ValidRequest } from './request';
import { textSchemaForType } from './schema';
import { checkValue } from './value-checks';

export { ValidationError, type ValidationIssue } from './errors';
export { humanize } from './humanize';
export { findJsonError, type JsonProblem, parseJsonField } from './json';
export type { RequestInput, ValidRequest } from './request';
export { exampleValue, type SampleOptions, sampleRequest, sampleValue } from './sample';
export { schemaForType, textSchemaForType } from './schema';
export { acceptedSample, checkValue, configureValueChecks } from './value-checks';

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
  /** The field's label in a form: problems with the whole value are then worded with it. */
  label?: string,
  /** The type that holds the field (`User`), for checks that depend on it. */
  within?: string,
): unknown {
  const result = textSchemaForType(catalogue, node).safeParse(raw);
  if (result.success) {
    const leaf = field.split('.').pop() ?? field;
    const problem = checkValue(leaf, result.data, label ?? leaf, within);
    if (problem) throw new ValidationError([{ field, message: problem }]);
    return result.data;
  }
  if (label !== undefined)
    throw new ValidationError(describeIssues(result.error, { label, field, parent: label }));
  const prefix = field.split('.').filter((part) => part !== '');
  throw new ValidationError(describeIssues(result.error, { label: field, field, parent: field, prefix }));
}
