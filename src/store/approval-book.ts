import type { ApprovalBook, DecideResult, PendingApproval } from '../pipeline/approvals';
import type { OperationRequest } from '../pipeline/types';
import { type Db, num, type Row, str } from './db';
import { Sealer } from './sealer';

/**
 * The ApprovalBook of src/pipeline/approvals.ts, durable. The checks run in the same order as the memory book;
 * the decision itself is one compare-and-set UPDATE, so of many simultaneous clicks (in any number of
 * processes) exactly one decides and the rest learn who did.
 *
 * The stored request is the one that will run, unmasked (a password in a body is really sent), so it is sealed
 * (see sealer.ts), and once the approval is decided or has expired only its outline is kept: who asked for what,
 * where, without parameters or body.
 */
export class SqlApprovalBook implements ApprovalBook {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly sealer: Sealer,
  ) {}

  /** Opening an id that is already open keeps the stored one, so a retried open cannot erase a decision. */
  async open(approval: PendingApproval): Promise<void> {
    const decided = approval.decision !== undefined;
    await this.db.run(
      `INSERT INTO approvals
         (request_id, request, requester, approvers, expires_at, decided_by, verdict, decided_at, body_dropped_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (request_id) DO NOTHING`,
      [
        approval.request.id,
        this.sealer.seal(JSON.stringify(decided ? outline(approval.request) : approval.request)),
        approval.request.requester.userId,
        JSON.stringify(approval.approvers),
        approval.expiresAt,
        approval.decision?.by,
        approval.decision?.verdict,
        approval.decision?.at,
        decided ? this.now() : undefined,
      ],
    );
  }

  /** Undefined also for a row sealed with another key (BOT_STATE_KEY or the client secret changed). */
  async get(requestId: string): Promise<PendingApproval | undefined> {
    const rows = await this.db.all('SELECT * FROM approvals WHERE request_id = ?', [requestId]);
    return rows[0] ? this.toApproval(rows[0]) : undefined;
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
    // The decider runs the request it holds (answered below); the database keeps only its outline from now on.
    const won = await this.db.run(
      `UPDATE approvals SET decided_by = ?, verdict = ?, decided_at = ?, request = ?, body_dropped_at = ?
       WHERE request_id = ? AND decided_at IS NULL AND expires_at > ?`,
      [by, verdict, at, this.sealer.seal(JSON.stringify(outline(approval.request))), at, requestId, at],
    );
    if (won === 1) return { kind: 'decided', approval: { ...approval, decision: { by, verdict, at } } };
    // Someone else decided between our read and our write (or it expired meanwhile): report what is stored now.
    const current = await this.get(requestId);
    if (!current) return { kind: 'unknown' };
    if (current.decision) return { kind: 'already', approval: current };
    return { kind: 'expired', approval: current };
  }

  /**
   * Drops the body of every approval that expired undecided, seals rows written in clear before sealing existed,
   * and deletes approvals that expired before `forgetBefore`. Answers how many rows it deleted.
   */
  async prune(now: number, forgetBefore: number): Promise<number> {
    const deleted = await this.db.run('DELETE FROM approvals WHERE expires_at < ?', [forgetBefore]);
    const rows = await this.db.all(
      `SELECT request_id, request, expires_at, decided_at FROM approvals
       WHERE body_dropped_at IS NULL AND (expires_at <= ? OR decided_at IS NOT NULL OR request NOT LIKE 'v1:%')`,
      [now],
    );
    for (const row of rows) {
      const request = this.readRequest(row);
      const done = num(row.decided_at) !== undefined || (num(row.expires_at) ?? 0) <= now;
      const id = str(row.request_id) ?? '';
      if (!request) {
        // Sealed with a key no longer in use: nobody can read it, and a finished one has nothing left to show.
        if (done)
          await this.db.run('DELETE FROM approvals WHERE request_id = ? AND request = ?', [
            id,
            row.request as string,
          ]);
        continue;
      }
      // Compare-and-set on the text read: a decision taken meanwhile has already dropped the body itself.
      await this.db.run(
        'UPDATE approvals SET request = ?, body_dropped_at = ? WHERE request_id = ? AND request = ?',
        [
          this.sealer.seal(JSON.stringify(done ? outline(request) : request)),
          done ? now : undefined,
          id,
          String(row.request),
        ],
      );
    }
    return deleted;
  }

  private readRequest(row: Row): OperationRequest | undefined {
    const text = String(row.request);
    const plain = Sealer.isSealed(text) ? this.sealer.open(text) : text;
    if (plain === undefined) return undefined;
    try {
      return JSON.parse(plain) as OperationRequest;
    } catch {
      return undefined;
    }
  }

  private toApproval(row: Row): PendingApproval | undefined {
    const request = this.readRequest(row);
    if (!request) return undefined;
    const approval: PendingApproval = {
      request,
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
}

/** What a decided or expired approval still shows: who asked for which operation, where; no arguments or body. */
function outline(request: OperationRequest): OperationRequest {
  const { args: _args, body: _body, ...rest } = request;
  return { ...rest, args: {} };
}
