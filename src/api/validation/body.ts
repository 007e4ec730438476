import type { Operation, OperationCatalogue } from '../catalogue';
import { ValidationError, type ValidationIssue } from './errors';
import { describeValue } from './humanize';
import { describeIssues } from './issues';
import { parseJsonField } from './json';
import { exampleValue } from './sample';
import { schemaForType } from './schema';

export interface CheckedBody {
  /** Present when there is a body to send. */
  body?: unknown;
  issues: ValidationIssue[];
}

const BODY_ROOT = { label: 'Request body', field: 'body', parent: 'the request body' };

const isAbsent = (body: unknown): boolean =>
  body === undefined || (typeof body === 'string' && body.trim() === '');

export function checkBody(catalogue: OperationCatalogue, op: Operation, given: unknown): CheckedBody {
  if (!op.body) {
    if (isAbsent(given)) return { issues: [] };
    return {
      issues: [{ field: 'body', message: `${op.key} takes no request body (got ${describeValue(given)})` }],
    };
  }
  if (isAbsent(given)) {
    if (!op.body.required) return { issues: [] };
    const example = JSON.stringify(exampleValue(catalogue, op.body.type));
    return { issues: [{ field: 'body', message: `${op.key} needs a request body (JSON), e.g. ${example}` }] };
  }

  let body = given;
  if (typeof given === 'string') {
    try {
      body = parseJsonField(BODY_ROOT.label, given, BODY_ROOT.field);
    } catch (err) {
      if (err instanceof ValidationError) return { issues: err.issues };
      throw err;
    }
  }
  const result = schemaForType(catalogue, op.body.type).safeParse(body);
  if (result.success) return { body: result.data, issues: [] };
  return { issues: describeIssues(result.error, BODY_ROOT) };
}
