import type { Logger } from 'pino';
import type { MaskedArgs, OperationRequest, Outcome } from './types';

/**
 * Every attempt is written before the 3CX call and completed after it, so a crash in between leaves a visibly
 * unfinished row rather than none. The durable store implements this same interface.
 */
export interface AuditSink {
  /** `approvedBy`: who approved the request under a two-person rule, when one did. */
  begin(
    request: OperationRequest,
    operationKey: string,
    masked: MaskedArgs,
    approvedBy?: string,
  ): Promise<void>;
  finish(request: OperationRequest, outcome: Outcome): Promise<void>;
  /** Closes the row of a call still in flight at shutdown; a later `finish` changes nothing. */
  interrupt?(request: OperationRequest): Promise<void>;
}

/** Audit to the log only: the default until a database is configured. */
export class LogAuditSink implements AuditSink {
  constructor(private readonly logger: Logger) {}

  async begin(
    request: OperationRequest,
    operationKey: string,
    masked: MaskedArgs,
    approvedBy?: string,
  ): Promise<void> {
    this.logger.info(
      {
        audit: 'begin',
        requestId: request.id,
        user: request.requester.userId,
        channel: request.channel,
        pbx: request.pbx,
        op: operationKey,
        params: masked.params,
        approvedBy,
      },
      'operation started',
    );
  }

  async finish(request: OperationRequest, outcome: Outcome): Promise<void> {
    const detail =
      outcome.kind === 'done'
        ? { status: outcome.result.status, ms: outcome.result.durationMs }
        : outcome.kind === 'failed'
          ? {
              kind: outcome.error.kind,
              status: outcome.error.status,
              code: outcome.error.code,
              ms: outcome.durationMs,
            }
          : {};
    this.logger.info(
      { audit: 'finish', requestId: request.id, outcome: outcome.kind, ...detail },
      'operation finished',
    );
  }
}
