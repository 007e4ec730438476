import type { Logger } from 'pino';
import type { Operation, OperationCatalogue } from '../api/catalogue';
import { type XapiClient, XapiError, XapiUnexpectedError } from '../api/client';
import { ValidationError, type ValidRequest, validateRequest } from '../api/validation';
import type { GroupLookup, PermissionPolicy } from '../permissions';
import { checkApprover, verifyApproval } from './approval-check';
import type { ApprovalBook, ApproverCheck, DecidedApproval, DecisionClaims } from './approvals';
import type { AuditSink } from './audit';
import { fateUnknown } from './fate';
import { maskSecrets, scrubText, secretValues } from './mask';
import type { MaskedArgs, OperationRequest, Outcome } from './types';

/**
 * parse (in commands/) → resolve → validate → authorize → [approval] → execute → audit. Each step is a method
 * that can be tested alone; `run` strings them together and always returns an Outcome, never throws for a
 * person's mistake or a PBX failure.
 */

export interface PipelineDeps {
  /** The built-in catalogue: for a PBX without one of its own. */
  catalogue: OperationCatalogue;
  /** Each PBX's own catalogue (read from its OpenAPI document at start); default `catalogue` for all. */
  catalogueOf?: (pbx: string) => OperationCatalogue | undefined;
  /** One client per PBX; a request names its PBX. */
  clients: ReadonlyMap<string, XapiClient>;
  policy: PermissionPolicy;
  groups: { groupsOf(userId: string): Promise<GroupLookup> };
  approvals: ApprovalBook;
  /** Where decision claims of PBX-made requests are held (the MCU desk's, in the store). */
  claims?: DecisionClaims;
  audit: AuditSink;
  logger: Logger;
  now?: () => number;
}

type Invalid = Extract<Outcome, { kind: 'invalid' }>;
type Denied = Extract<Outcome, { kind: 'denied' }>;

export type Checked =
  | { ok: true; operation: Operation; valid: ValidRequest; masked: MaskedArgs }
  | { ok: false; outcome: Outcome };

export class Pipeline {
  private readonly now: () => number;
  /** Calls to 3CX begun and not yet finished, so shutdown can close their audit rows. */
  private readonly running = new Map<string, OperationRequest>();

  constructor(private readonly deps: PipelineDeps) {
    this.now = deps.now ?? Date.now;
  }

  get catalogue(): OperationCatalogue {
    return this.deps.catalogue;
  }

  /** What the PBX itself offers: its own catalogue, else the built-in one. */
  catalogueOf(pbx: string): OperationCatalogue {
    return this.deps.catalogueOf?.(pbx) ?? this.deps.catalogue;
  }

  resolve(request: OperationRequest): { ok: true; operation: Operation } | { ok: false; outcome: Invalid } {
    const catalogue = this.catalogueOf(request.pbx);
    const operation = catalogue.get(request.key);
    if (operation) return { ok: true, operation };
    const suggestions = catalogue.suggest(request.key, 3);
    // An operation the built-in catalogue knows but this PBX's version lacks is told as such.
    const elsewhere = catalogue !== this.deps.catalogue && this.deps.catalogue.get(request.key) !== undefined;
    const message = elsewhere
      ? `${request.key} is not offered by PBX ${request.pbx} (its 3CX version lacks it)`
      : `${request.key} is not an XAPI operation`;
    const issues = [{ field: 'operation', message }];
    return { ok: false, outcome: { kind: 'invalid', request, issues, suggestions } };
  }

  validate(request: OperationRequest, operation: Operation): Checked {
    try {
      const valid = validateRequest(this.catalogueOf(request.pbx), operation, {
        args: request.args,
        body: request.body,
      });
      const masked: MaskedArgs = { params: maskSecrets(valid.params) as Record<string, unknown> };
      if (valid.body !== undefined) masked.body = maskSecrets(valid.body);
      return { ok: true, operation, valid, masked };
    } catch (err) {
      if (err instanceof ValidationError) {
        return { ok: false, outcome: { kind: 'invalid', request, operation, issues: err.issues } };
      }
      throw err;
    }
  }

  /** Deny by default; the denial names the missing permission and explains unreadable user groups. */
  async authorize(request: OperationRequest, operation: Operation): Promise<Denied | undefined> {
    const lookup = await this.deps.groups.groupsOf(request.requester.userId);
    const decision = this.deps.policy.checkOperation(
      { userId: request.requester.userId, groups: lookup.groups },
      operation,
      request.pbx,
    );
    if (decision.allowed) return undefined;
    this.deps.logger.warn(
      {
        user: request.requester.userId,
        op: operation.key,
        source: request.source,
        missing: decision.missing,
        pbx: request.pbx,
      },
      'refused: missing permission',
    );
    const outcome: Denied = { kind: 'denied', request, operation, missing: decision.missing };
    if (lookup.unavailable) outcome.note = lookup.unavailable;
    return outcome;
  }

  /** Everything short of running: used before a modal opens and before an approval request is posted. */
  async check(request: OperationRequest): Promise<Checked> {
    const resolved = this.resolve(request);
    if (!resolved.ok) return resolved;
    const denied = await this.authorize(request, resolved.operation);
    if (denied) return { ok: false, outcome: denied };
    return this.validate(request, resolved.operation);
  }

  /**
   * A read the bot makes by itself (the MCU poller): no person's permission applies, so only GET operations are
   * allowed; it is validated, executed and audited like any other.
   */
  async readAsBot(request: OperationRequest): Promise<Outcome> {
    const resolved = this.resolve(request);
    if (!resolved.ok) return resolved.outcome;
    if (resolved.operation.method !== 'GET') {
      const message = `${resolved.operation.key} is not a read; the bot runs writes only for a person.`;
      return {
        kind: 'invalid',
        request,
        operation: resolved.operation,
        issues: [{ field: 'operation', message }],
      };
    }
    const checked = this.validate(request, resolved.operation);
    if (!checked.ok) return checked.outcome;
    return this.execute(request, checked.operation, checked.valid, checked.masked);
  }

  /** Whether someone may decide a request for `operation` as the second person (listed AND holding a role). */
  mayApprove(
    approverId: string,
    approvers: readonly string[],
    operation: Pick<Operation, 'key' | 'method'>,
    pbx: string,
    requesterId?: string,
  ): Promise<ApproverCheck> {
    return checkApprover(this.deps, approverId, approvers, operation, pbx, requesterId);
  }

  /** The two-person rule that covers an operation on a PBX, if any. */
  approvalRuleFor(operation: Pick<Operation, 'key' | 'method'>, pbx: string) {
    return this.deps.policy.approvalFor(operation, pbx);
  }

  /**
   * Runs a request. An operation under an approval rule becomes a pending approval, unless `approval` refers to
   * a decision on record, which the pipeline re-reads and checks (approver listed, holding a role that allows the
   * operation, not the requester) before it runs. Never throws: a bug on the way is an outcome too.
   */
  async run(
    request: OperationRequest,
    /** `decideBy`: an approval asked for now must be decided by then at the latest (a scheduled run's time). */
    options: { approval?: DecidedApproval; decideBy?: number } = {},
  ): Promise<Outcome> {
    try {
      return await this.runChecked(request, options.approval, options.decideBy);
    } catch (err) {
      this.deps.logger.error({ err, requestId: request.id }, 'unexpected error before the 3CX call');
      const message =
        'The bot failed unexpectedly before anything was sent to 3CX. Try again; if it keeps happening, tell ' +
        'the bot admin (the error is in the bot log under this request id).';
      return { kind: 'invalid', request, issues: [{ field: 'internal', message }] };
    }
  }

  private async runChecked(
    request: OperationRequest,
    approval?: DecidedApproval,
    decideBy?: number,
  ): Promise<Outcome> {
    const checked = await this.check(request);
    if (!checked.ok) return checked.outcome;
    const { operation, valid, masked } = checked;
    const rule = this.deps.policy.approvalFor(operation, request.pbx);
    if (!rule) return this.execute(request, operation, valid, masked);
    if (approval) {
      const verified = await verifyApproval(this.deps, request, operation, rule.approvers, approval);
      if (!verified.ok) {
        this.deps.logger.warn(
          { requestId: request.id, op: operation.key, approval: approval.kind },
          'refused: the approval did not hold up',
        );
        return {
          kind: 'invalid',
          request,
          operation,
          issues: [{ field: 'approval', message: verified.message }],
        };
      }
      return this.execute(request, operation, valid, masked, verified.by);
    }
    // Nobody approves their own request: when the requester is the only approver named (no one else, no user
    // group), the request could never be decided. Say so now rather than post buttons nobody may press.
    const others = rule.approvers.filter((id) => id !== request.requester.userId);
    if (others.length === 0) {
      const message =
        `${operation.key} needs a second person, but the only approver named for it in BOT_CONFIG is you, and ` +
        'nobody approves their own request. Nothing was sent to 3CX. Ask an admin to add another approver ' +
        '(a user id or a user group) to that approvals rule.';
      return { kind: 'invalid', request, operation, issues: [{ field: 'approvers', message }] };
    }
    const expiresAt = Math.min(
      this.now() + rule.expires_minutes * 60_000,
      decideBy ?? Number.POSITIVE_INFINITY,
    );
    try {
      await this.deps.approvals.open({ request, approvers: rule.approvers, expiresAt });
    } catch (err) {
      // Unrecorded, the request could never be approved: say so instead of letting the error end in silence.
      this.deps.logger.error({ err, requestId: request.id }, 'approval request could not be stored');
      const message =
        'The approval request could not be recorded (is the database reachable?), so nobody was asked and ' +
        'nothing was sent to 3CX. Try again in a minute; if it persists, ask an admin to check DATABASE_URL.';
      return { kind: 'invalid', request, operation, issues: [{ field: 'approvals', message }] };
    }
    return {
      kind: 'needs_approval',
      request,
      operation,
      approvers: rule.approvers,
      expiresAt,
      maskedArgs: masked,
    };
  }

  /** `approvedBy`: the approver who decided, written with the audit row before the call, so even an interrupted
   * or unfinished row names them. */
  async execute(
    request: OperationRequest,
    operation: Operation,
    valid: ValidRequest,
    masked: MaskedArgs,
    approvedBy?: string,
  ): Promise<Outcome> {
    const client = this.deps.clients.get(request.pbx);
    if (!client) {
      return {
        kind: 'invalid',
        request,
        operation,
        issues: [{ field: 'pbx', message: `No PBX named ${request.pbx} is configured` }],
      };
    }
    try {
      await this.deps.audit.begin(request, operation.key, masked, approvedBy);
    } catch (err) {
      // No audit row, no 3CX call: an unrecorded change is worse than one that did not happen.
      this.deps.logger.error({ err, requestId: request.id }, 'audit row could not be written; nothing sent');
      const message =
        'The audit trail could not be written (is the database reachable?), so nothing was sent to 3CX. ' +
        'Try again in a minute; if it persists, ask an admin to check DATABASE_URL.';
      return { kind: 'invalid', request, operation, issues: [{ field: 'audit', message }] };
    }
    const started = this.now();
    let outcome: Outcome | undefined;
    this.running.set(request.id, request);
    try {
      const result = await client.call(operation, { params: valid.params, body: valid.body });
      outcome = { kind: 'done', request, operation, result, maskedArgs: masked };
    } catch (caught) {
      const err = caught instanceof XapiError ? caught : this.unexpected(caught, request, operation);
      outcome = {
        kind: 'failed',
        request,
        operation,
        error: withoutSecrets(err, secretValues({ params: valid.params, body: valid.body })),
        durationMs: this.now() - started,
        maskedArgs: masked,
      };
      if (fateUnknown(operation.method, err)) outcome.fateUnknown = true;
    } finally {
      // Whatever came out of the call, the row is finished and nothing is left looking as if it still ran.
      this.running.delete(request.id);
      const row = outcome ?? this.unfinished(request, operation, masked, started);
      await this.deps.audit.finish(request, row).catch((err: unknown) => {
        // The 3CX change happened; a failed audit write must not hide that from the person.
        this.deps.logger.error({ err, requestId: request.id }, 'audit row could not be completed');
      });
    }
    return outcome;
  }

  /** A throw that is not an XapiError is a bug in the bot: logged in full, told to the person as "may have applied". */
  private unexpected(err: unknown, request: OperationRequest, operation: Operation): XapiError {
    this.deps.logger.error(
      { err, requestId: request.id, op: operation.key },
      'unexpected error in the 3CX call',
    );
    return new XapiUnexpectedError({
      kind: 'protocol',
      message: 'unexpected error in the bot while calling 3CX',
      method: operation.method,
      url: operation.path,
      pbx: request.pbx,
    });
  }

  /** Only reached when the finally runs without an outcome, which the catch above rules out; kept for safety. */
  private unfinished(
    request: OperationRequest,
    operation: Operation,
    masked: MaskedArgs,
    started: number,
  ): Outcome {
    return {
      kind: 'failed',
      request,
      operation,
      error: this.unexpected(new Error('no outcome'), request, operation),
      durationMs: this.now() - started,
      maskedArgs: masked,
      fateUnknown: operation.method !== 'GET',
    };
  }

  /**
   * At shutdown, once the grace period is over: the audit rows of calls still waiting for 3CX are closed as
   * `interrupted` (3CX may or may not have applied them), rather than left looking like a crash.
   */
  /** At shutdown: marks the calls still in flight as interrupted, and answers them so their people can be told. */
  async interruptRunning(): Promise<OperationRequest[]> {
    const left = [...this.running.values()];
    this.running.clear();
    for (const request of left) {
      this.deps.logger.warn(
        { requestId: request.id, op: request.key },
        'shutting down with a 3CX call in flight',
      );
      await this.deps.audit.interrupt?.(request).catch((err: unknown) => {
        this.deps.logger.error({ err, requestId: request.id }, 'audit row could not be marked interrupted');
      });
    }
    return left;
  }
}

/** The same error, with any secret the request carried masked out of 3CX's message (it may quote the body). */
function withoutSecrets(err: XapiError, secrets: Set<string>): XapiError {
  const leaks = (t: string | undefined) => t !== undefined && [...secrets].some((v) => t.includes(v));
  if (!leaks(err.message) && !leaks(err.pbxMessage)) return err;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(err) as object) as XapiError, err);
  Object.assign(copy, {
    message: scrubText(err.message, secrets),
    stack: scrubText(err.stack ?? '', secrets),
    ...(err.pbxMessage !== undefined ? { pbxMessage: scrubText(err.pbxMessage, secrets) } : {}),
  });
  return copy;
}
