/** One problem with a request, worded for the person who typed it. */
export interface ValidationIssue {
  /** Where the problem is: an argument name, a body path like `options.ServiceNames`, or `body`. */
  field: string;
  message: string;
}

/** Every problem found in one request; thrown only after all of them have been collected. */
export class ValidationError extends Error {
  readonly code = 'validation';

  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((issue) => issue.message).join('; '));
    this.name = 'ValidationError';
  }
}
