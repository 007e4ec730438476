import { ValidationError, type ValidationIssue } from '../../../src/api/validation';

/** The issues a call throws; fails the test when it throws nothing or something else. */
export function issuesOf(fn: () => unknown): ValidationIssue[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.issues;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

export function messagesOf(fn: () => unknown): string[] {
  return issuesOf(fn).map((issue) => issue.message);
}
