import type { AuditSink } from '../pipeline/audit';
import type { MaskedArgs, OperationRequest, Outcome } from '../pipeline/types';
import type { AuditFinish, Store } from './types';

/** The pipeline's AuditSink on top of the durable store. */
export class StoreAuditSink implements AuditSink {
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  async begin(
    request: OperationRequest,
    operationKey: string,
    masked: MaskedArgs,
    approvedBy?: string,
  ): Promise<void> {
    await this.store.auditBegin({
      requestId: request.id,
      at: this.now(),
      userId: request.requester.userId,
      ...(request.requester.teamId !== undefined ? { teamId: request.requester.teamId } : {}),
      channel: request.channel,
      pbx: request.pbx,
      operation: operationKey,
      params: masked.params,
      ...(masked.body !== undefined ? { body: masked.body } : {}),
      source: request.source,
      ...(approvedBy !== undefined ? { approvedBy } : {}),
      ...(request.subject !== undefined ? { subject: request.subject } : {}),
    });
  }

  async interrupt(request: OperationRequest): Promise<void> {
    await this.store.auditFinish(request.id, { at: this.now(), outcome: 'interrupted' });
  }

  async finish(request: OperationRequest, outcome: Outcome): Promise<void> {
    await this.store.auditFinish(request.id, finishFor(outcome, this.now()));
  }
}

export function finishFor(outcome: Outcome, at: number): AuditFinish {
  const fin: AuditFinish = { at, outcome: outcome.kind };
  if (outcome.kind === 'done') {
    fin.httpStatus = outcome.result.status;
    fin.durationMs = outcome.result.durationMs;
  } else if (outcome.kind === 'failed') {
    fin.errorKind = outcome.error.kind;
    if (outcome.error.status !== undefined) fin.httpStatus = outcome.error.status;
    if (outcome.error.code !== undefined) fin.errorCode = outcome.error.code;
    fin.durationMs = outcome.durationMs;
  }
  return fin;
}
