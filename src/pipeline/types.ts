import type { Operation } from '../api/catalogue';
import type { XapiError, XapiResult } from '../api/client';
import type { ValidationIssue } from '../api/validation';

/** Who asked, from where. Slack ids only: the pipeline knows nothing of Block Kit or payload shapes. */
export interface Requester {
  userId: string;
  teamId?: string;
  /** Display name where Slack gave one; only for messages, never for decisions. */
  name?: string;
}

export type RequestSource = 'command' | 'modal' | 'button' | 'poller' | 'schedule';

/** One operation to run: built by a listener from a slash command, a modal or a click. */
export interface OperationRequest {
  /** Unique per request; ties the audit row, the approval and the replies together. */
  id: string;
  pbx: string;
  /** `<Resource>.<OperationId>` as typed; the catalogue decides whether it exists. */
  key: string;
  /** Path, function and query parameters, usually as typed (strings). */
  args: Record<string, unknown>;
  /** The request body: an object, or JSON text as typed. */
  body?: unknown;
  requester: Requester;
  channel: string;
  source: RequestSource;
  /** The object it is about, in people's words (`user Nina Novak (125)`): for confirmations and the audit row. */
  subject?: string;
}

export type Outcome =
  | {
      kind: 'done';
      request: OperationRequest;
      operation: Operation;
      result: XapiResult;
      maskedArgs: MaskedArgs;
    }
  | {
      kind: 'failed';
      request: OperationRequest;
      operation: Operation;
      error: XapiError;
      durationMs: number;
      maskedArgs: MaskedArgs;
      /** A write whose call may have reached 3CX all the same (no answer came): see fate.ts. */
      fateUnknown?: boolean;
    }
  | {
      kind: 'invalid';
      request: OperationRequest;
      operation?: Operation;
      issues: ValidationIssue[];
      suggestions?: string[];
    }
  | { kind: 'denied'; request: OperationRequest; operation: Operation; missing: string; note?: string }
  | {
      kind: 'needs_approval';
      request: OperationRequest;
      operation: Operation;
      approvers: string[];
      expiresAt: number;
      maskedArgs: MaskedArgs;
    };

/** Parameters and body as they may be shown to people and stored: secrets replaced by `••••`. */
export interface MaskedArgs {
  params: Record<string, unknown>;
  body?: unknown;
}
