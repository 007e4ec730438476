import type { Operation } from '../api/catalogue';
import { type GroupLookup, isListedApprover, type PermissionPolicy } from '../permissions';
import type { ApprovalBook, ApproverCheck, DecidedApproval, DecisionClaims } from './approvals';
import type { OperationRequest } from './types';

/**
 * The one check of a second person's decision: the approval-button listener asks it before recording a decision,
 * and the pipeline asks it again, from the record, before running. A listed approver counts only with a role
 * that allows the operation: being named under `approvals:` is not itself a permission.
 */

export interface ApprovalCheckDeps {
  policy: PermissionPolicy;
  groups: { groupsOf(userId: string): Promise<GroupLookup> };
  approvals: ApprovalBook;
  claims?: DecisionClaims;
}

export async function checkApprover(
  deps: ApprovalCheckDeps,
  approverId: string,
  approvers: readonly string[],
  operation: Pick<Operation, 'key' | 'method'>,
  pbx: string,
  requesterId?: string,
): Promise<ApproverCheck> {
  if (requesterId !== undefined && approverId === requesterId) return { ok: false, reason: 'self' };
  const { groups } = await deps.groups.groupsOf(approverId);
  const who = { userId: approverId, groups };
  if (!isListedApprover([...approvers], who)) return { ok: false, reason: 'not_listed' };
  const decision = deps.policy.checkOperation(who, operation, pbx);
  return decision.allowed ? { ok: true } : { ok: false, reason: 'no_role', missing: decision.missing };
}

/** The sentence for a refused approver, for the clicker or for a run refused on verification. */
export function approverRefusal(check: Exclude<ApproverCheck, { ok: true }>, approverId: string): string {
  switch (check.reason) {
    case 'self':
      return 'You asked for this operation, so a different approver must decide.';
    case 'not_listed':
      return `<@${approverId}> is not among the approvers of this operation in BOT_CONFIG.`;
    case 'no_role':
      return (
        `<@${approverId}> is a listed approver but holds no role that allows ${check.missing}, so their decision ` +
        'does not count. Nothing was sent to 3CX. Ask an admin to give them a role that allows it in BOT_CONFIG.'
      );
  }
}

/** The approver, when the decision on record holds up; otherwise why not, in a sentence. */
export async function verifyApproval(
  deps: ApprovalCheckDeps,
  request: OperationRequest,
  operation: Operation,
  ruleApprovers: readonly string[],
  approval: DecidedApproval,
): Promise<{ ok: true; by: string } | { ok: false; message: string }> {
  const refused = (message: string) => ({
    ok: false as const,
    message: `${message} Nothing was sent to 3CX.`,
  });
  if (approval.kind === 'claim') {
    const holder = await deps.claims?.holderOf(approval.claimKey);
    if (holder === undefined || holder !== request.requester.userId)
      return refused('This decision is not the one the bot has on record for the request.');
    const check = await checkApprover(deps, holder, ruleApprovers, operation, request.pbx);
    return check.ok ? { ok: true, by: holder } : refused(approverRefusal(check, holder));
  }
  if (approval.requestId !== request.id) return refused('The approval on record is for another request.');
  const stored = await deps.approvals.get(approval.requestId);
  const decision = stored?.decision;
  if (!stored || !decision || decision.verdict !== 'approved')
    return refused('No approval of this request is on record.');
  // A book that keeps the stored request must hold this very one; one that dropped it keeps the id alone.
  const kept = stored.request as Partial<OperationRequest> | undefined;
  if (kept?.key !== undefined && (kept.key !== request.key || kept.pbx !== request.pbx))
    return refused('The approval on record is for another operation.');
  const check = await checkApprover(
    deps,
    decision.by,
    stored.approvers,
    operation,
    request.pbx,
    kept?.requester?.userId ?? request.requester.userId,
  );
  return check.ok ? { ok: true, by: decision.by } : refused(approverRefusal(check, decision.by));
}
