import type { OperationRequest } from './types';

/**
 * Requests waiting for a second person. A decision is taken once: the first approver to decide wins, and later
 * clicks learn who decided and when.
 */

export interface PendingApproval {
  request: OperationRequest;
  approvers: string[];
  expiresAt: number;
  decision?: { by: string; verdict: 'approved' | 'rejected'; at: number };
}

export type DecideResult =
  | { kind: 'decided'; approval: PendingApproval }
  | { kind: 'already'; approval: PendingApproval }
  | { kind: 'expired'; approval: PendingApproval }
  | { kind: 'unknown' }
  | { kind: 'not_approver'; approval: PendingApproval; reason: 'self' | 'not_listed' };

/**
 * What a caller says was decided, by reference only: the pipeline re-reads the record and checks the approver
 * against the rule and the roles itself before anything runs, so no caller can approve by passing a name.
 * `book`: a two-person request decided in the approval book. `claim`: a request the PBX made (an MCU request),
 * decided by the requester, who holds the decision claim under that key.
 */
export type DecidedApproval = { kind: 'book'; requestId: string } | { kind: 'claim'; claimKey: string };

/** Who holds a decision claim right now (the MCU desk's claims in the store). */
export interface DecisionClaims {
  holderOf(claimKey: string): Promise<string | undefined>;
}

/** Whether someone may be the second person for an operation; the reason when not. */
export type ApproverCheck =
  | { ok: true }
  | { ok: false; reason: 'self' | 'not_listed' }
  | { ok: false; reason: 'no_role'; missing: string };

export interface ApprovalBook {
  open(approval: PendingApproval): Promise<void>;
  get(requestId: string): Promise<PendingApproval | undefined>;
  /** `isApprover` decides group membership; the book only stores. */
  decide(
    requestId: string,
    by: string,
    verdict: 'approved' | 'rejected',
    isApprover: boolean,
  ): Promise<DecideResult>;
}

export class MemoryApprovalBook implements ApprovalBook {
  private readonly pending = new Map<string, PendingApproval>();

  constructor(private readonly now: () => number = Date.now) {}

  async open(approval: PendingApproval): Promise<void> {
    this.pending.set(approval.request.id, approval);
  }

  async get(requestId: string): Promise<PendingApproval | undefined> {
    return this.pending.get(requestId);
  }

  async decide(
    requestId: string,
    by: string,
    verdict: 'approved' | 'rejected',
    isApprover: boolean,
  ): Promise<DecideResult> {
    const approval = this.pending.get(requestId);
    if (!approval) return { kind: 'unknown' };
    if (approval.decision) return { kind: 'already', approval };
    if (approval.expiresAt <= this.now()) return { kind: 'expired', approval };
    if (by === approval.request.requester.userId) return { kind: 'not_approver', approval, reason: 'self' };
    if (!isApprover) return { kind: 'not_approver', approval, reason: 'not_listed' };
    approval.decision = { by, verdict, at: this.now() };
    return { kind: 'decided', approval };
  }
}
