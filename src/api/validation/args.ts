import type { Operation, OperationCatalogue, Param } from '../catalogue';
import type { ValidationIssue } from './errors';
import { describeIssues } from './issues';
import { sampleArgText } from './sample';
import { textSchemaForType } from './schema';

export interface CheckedArgs {
  params: Record<string, unknown>;
  issues: ValidationIssue[];
}

/** People type `id` for `Id` and `top` for `$top`; both are unambiguous, so both are accepted. */
function findParam(op: Operation, given: string): Param | undefined {
  const lower = given.toLowerCase();
  return (
    op.params.find((p) => p.name.toLowerCase() === lower) ??
    op.params.find((p) => p.name.startsWith('$') && p.name.slice(1).toLowerCase() === lower)
  );
}

const isBlank = (value: unknown): boolean =>
  value === undefined || (typeof value === 'string' && value.trim() === '');

export function checkArgs(
  catalogue: OperationCatalogue,
  op: Operation,
  args: Record<string, unknown>,
): CheckedArgs {
  const params: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  const givenAs = new Map<string, string>();
  const present = new Set<string>();
  const accepted = op.params.map((p) => p.name);

  for (const [given, value] of Object.entries(args)) {
    if (value === undefined) continue;
    const param = findParam(op, given);
    if (!param) {
      const takes = accepted.length > 0 ? `it takes ${accepted.join(', ')}` : 'it takes no parameters';
      issues.push({ field: given, message: `${given} is not a parameter of ${op.key}; ${takes}` });
      continue;
    }
    const earlier = givenAs.get(param.name);
    if (earlier !== undefined) {
      issues.push({
        field: param.name,
        message: `${param.name} is given twice (as ${earlier} and ${given})`,
      });
      continue;
    }
    givenAs.set(param.name, given);
    // An empty path segment would address a different resource, so it counts as missing.
    if (param.in === 'path' && isBlank(value)) continue;
    // `$expand=` reaches 3CX as an empty option it may reject or read as "all": say so instead.
    if (param.in === 'query' && isBlank(value)) {
      issues.push({ field: param.name, message: `${given} is empty; give it a value or leave it out` });
      continue;
    }
    present.add(param.name);
    const result = textSchemaForType(catalogue, param.type).safeParse(value);
    if (result.success) params[param.name] = result.data;
    else {
      const root = { label: param.name, field: param.name, parent: op.key, prefix: [param.name] };
      issues.push(...describeIssues(result.error, root));
    }
  }

  for (const param of op.params) {
    // If-Match is optional whatever the document says: without it 3CX simply does not check the version.
    const required = param.in === 'path' || (param.required && param.in !== 'header');
    if (!required || present.has(param.name)) continue;
    const example = `${param.name}=${sampleArgText(catalogue, param.type)}`;
    issues.push({
      field: param.name,
      message: `${param.name} is required: ${op.key} needs ${param.name} (e.g. ${example})`,
    });
  }
  return { params, issues };
}
