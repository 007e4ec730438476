import type { ApprovalBook, DecideResult, PendingApproval } from '../pipeline/approvals';
import type { OperationRequest } from '../pipeline/types';
import { type Db, num, type Row, str } from './db';

/**
 * The ApprovalBook of src/pipeline/approvals.ts, durable. The checks run in the same order as the memory book;
 * the decision itself is one compare-and-set UPDATE, so of many simultaneous clicks (in any number of
 * processes) exactly one decides and the rest learn who did.
 */
export class SqlApprovalBook implements ApprovalBook {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** Opening an id that is already open keeps the stored one, so a retried open cannot erase a decision. */
  async open(approval: PendingApproval): Promise<void> {
    await this.db.run(
      `INSERT INTO approvals (request_id, request, requester, approvers, expires_at, decided_by, verdict, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (request_id) DO NOTHING`,
      [
        approval.request.id,
        JSON.stringify(approval.request),
        approval.request.requester.userId,
        JSON.stringify(approval.approvers),
        approval.expiresAt,
        approval.decision?.by,
        approval.decision?.verdict,
        approval.decision?.at,
      ],
    );
  }

  async get(requestId: string): Promise<PendingApproval | undefined> {
    const rows = await this.db.all('SELECT * FROM approvals WHERE request_id = ?', [requestId]);
    return rows[0] ? toApproval(rows[0]) : undefined;
  }

  async decide(
    requestId: string,
    by: string,
    verdict: 'approved' | 'rejected',
    isApprover: boolean,
  ): Promise<DecideResult> {
    const approval = await this.get(requestId);
    if (!approval) return { kind: 'unknown' };
    if (approval.decision) return { kind: 'already', approval };
    const at = this.now();
    if (approval.expiresAt <= at) return { kind: 'expired', approval };
    if (by === approval.request.requester.userId) return { kind: 'not_approver', approval, reason: 'self' };
    if (!isApprover) return { kind: 'not_approver', approval, reason: 'not_listed' };
    const won = await this.db.run(
      `UPDATE approvals SET decided_by = ?, verdict = ?, decided_at = ?
       WHERE request_id = ? AND decided_at IS NULL AND expires_at > ?`,
      [by, verdict, at, requestId, at],
    );
    if (won === 1) return { kind: 'decided', approval: { ...approval, decision: { by, verdict, at } } };
    // Someone else decided between our read and our write (or it expired meanwhile): report what is stored now.
    const current = await this.get(requestId);
    if (!current) return { kind: 'unknown' };
    if (current.decision) return { kind: 'already', approval: current };
    return { kind: 'expired', approval: current };
  }
}

function toApproval(row: Row): PendingApproval {
  const approval: PendingApproval = {
    request: JSON.parse(String(row.request)) as OperationRequest,
    approvers: JSON.parse(String(row.approvers)) as string[],
    expiresAt: num(row.expires_at) ?? 0,
  };
  const by = str(row.decided_by);
  const at = num(row.decided_at);
  const verdict = str(row.verdict);
  if (by !== undefined && at !== undefined && (verdict === 'approved' || verdict === 'rejected')) {
    approval.decision = { by, verdict, at };
  }
  return approval;
}
