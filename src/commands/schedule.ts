import { randomBytes } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import { operationClass } from '../api/catalogue';
import type { JobQueue } from '../jobs';
import { wallClockText } from '../jobs/zoned-time';
import type { PermissionPolicy } from '../permissions';
import type { ApprovalBook, Checked, OperationRequest, Outcome, Pipeline, Requester } from '../pipeline';
import type { ScheduleRecord, Store } from '../store';
import {
  errorMessage,
  failureMessage,
  type ScheduleView,
  type SlackMessage,
  scheduleCancelledMessage,
  scheduledMessage,
  scheduledRunMessage,
  scheduleListMessage,
  scheduleMissedMessage,
} from '../views/replies';
import {
  type ScheduleApproval,
  scheduleConfirmedMessage,
  scheduledOutcomeMessage,
  scheduleNotApprovedMessage,
} from '../views/replies/schedule';
import { askToConfirm, dangerQuestion, isDangerous } from './confirm';
import { type BotContext, onPbx, type ReplyTarget } from './context';
import { deliverOutcome } from './deliver';
import { subjectOf } from './entity/subject';
import type { Intent } from './grammar/intent';
import type { ScheduleIntent } from './grammar/schedule';
import { firstDue, nextDue, WhenError, type WhenRule } from './grammar/when';
import { replyInChannel, replyPrivately } from './reply';
import {
  approvalForRun,
  approvalIdOf,
  type PlannedRun,
  planAt,
  planEntity,
  plannedRun,
  planOf,
} from './schedule-plan';

export const SCHEDULE_JOB = 'schedule-run';
/** A run that cannot start within this long of its time (the bot was down) is reported instead of run late. */
export const SCHEDULE_GRACE_MS = 10 * 60_000;

export interface SchedulerDeps {
  store: Store;
  jobs: JobQueue;
  pipeline: Pipeline;
  policy: PermissionPolicy;
  groups: { groupsOf(userId: string): Promise<{ groups: readonly string[] }> };
  /** Where approvals of scheduled runs are kept: the pipeline's own book. Default the store's. */
  approvals?: ApprovalBook;
  slack: WebClient;
  logger: Logger;
  tz: string;
  graceMs?: number;
  newRequestId: () => string;
  /** Parses the stored command again when it runs. */
  parse: (text: string) => Intent;
  now?: () => number;
}

interface RunJob {
  id: string;
  due: number;
}

/**
 * A schedule on its way to the store, held in the Confirm button while the person decides (sealed there with
 * the request). `keep`: the request's operation was resolved now and is stored as it is.
 */
const clock = { hour: z.number().int(), minute: z.number().int() };
const whenRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('in'), ms: z.number() }),
  z.object({ kind: z.literal('at'), ...clock }),
  z.object({ kind: z.literal('date'), year: z.number(), month: z.number(), day: z.number(), ...clock }),
  z.object({ kind: z.literal('every'), weekday: z.number().int().optional(), ...clock }),
]);
const draftShape = z.object({
  command: z.string(),
  whenText: z.string(),
  rule: whenRule,
  due: z.number(),
  keep: z.boolean(),
});
type Draft = z.infer<typeof draftShape>;

/**
 * `/3cx schedule …`: checks a command as if it ran now (permission, validation, confirmation of a dangerous write,
 * approval rules), keeps it in the store and queues one job at its time; the job runs it through the same
 * pipeline, as the person who set it, only with the approval the rule asks for.
 */
export class Scheduler {
  private readonly now: () => number;
  private readonly graceMs: number;
  private readonly approvals: ApprovalBook;

  constructor(private readonly deps: SchedulerDeps) {
    this.now = deps.now ?? Date.now;
    this.graceMs = deps.graceMs ?? SCHEDULE_GRACE_MS;
    this.approvals = deps.approvals ?? deps.store.approvals;
  }

  /** Registers the job handler; call before the queue starts. */
  async listen(): Promise<void> {
    await this.deps.jobs.work<RunJob>(SCHEDULE_JOB, (job) => this.run(job.data));
  }

  async handle(
    ctx: BotContext,
    intent: ScheduleIntent,
    requester: Requester,
    target: ReplyTarget,
  ): Promise<void> {
    switch (intent.kind) {
      case 'schedule-list': {
        const list = await this.deps.store.schedules.listActive(target.channel, ctx.pbx);
        const views = await Promise.all(list.map(async (s) => this.view(s, await this.approvalOf(s))));
        return replyPrivately(target, scheduleListMessage(ctx.pbx, views), this.deps.logger);
      }
      case 'schedule-cancel':
        return this.cancel(intent.id, ctx.pbx, requester, target);
      case 'schedule':
        return this.create(ctx, intent, requester, target);
    }
  }

  /** Plans the command now; a dangerous write is first put to the person with Confirm/Cancel. */
  private async create(
    ctx: BotContext,
    intent: Extract<ScheduleIntent, { kind: 'schedule' }>,
    requester: Requester,
    target: ReplyTarget,
  ): Promise<void> {
    const log = this.deps.logger;
    let due: number;
    try {
      due = firstDue(intent.rule, this.now(), this.deps.tz);
    } catch (err) {
      if (err instanceof WhenError) return replyPrivately(target, errorMessage(err.message), log);
      throw err;
    }
    const { inner } = intent;
    const again = (command: string) => `schedule ${intent.whenText} ${command}`;
    const plan =
      inner.kind === 'entity'
        ? await planEntity({ ctx, requester, target, again }, inner)
        : planOf(inner, due);
    if (!plan) return;
    const request = this.request(plan, ctx.pbx, requester, target.channel, ctx.newRequestId());
    const op = ctx.catalogue.get(plan.key);
    // The object a write names, by name (`api Users.DeleteUser Id=26` → user Nina Novak (125)): for the question,
    // the schedule list and the audit row. Read-only operations name nothing.
    if (op && !request.subject && operationClass(op) === 'write') {
      const subject = await subjectOf(ctx, op, request);
      if (subject) request.subject = subject;
    }
    const draft: Draft = {
      command: intent.command,
      whenText: intent.whenText,
      rule: intent.rule,
      due,
      // Resolved objects are kept as resolved; `backup now` is planned again at each run (each its own name).
      keep: inner.kind === 'entity' || (inner.kind === 'run' && request.subject !== undefined),
    };
    // Permission and validation now, while the person is here; again once confirmed, and when it runs.
    const checked = await ctx.pipeline.check(request);
    if (!checked.ok) return this.refuse(target, failureMessage(failure(checked.outcome)), false);
    if (op && isDangerous(op, ctx)) {
      const question = `Schedule for ${this.timeText(due)}${intent.rule.kind === 'every' ? ` (${intent.whenText})` : ''}: ${dangerQuestion(op, request)}`;
      return askToConfirm(ctx, target, { request, question, schedule: JSON.stringify(draft) });
    }
    await this.keep(ctx, target, request, draft, false, checked);
  }

  /** The Confirm button of a dangerous write to schedule: it is kept now, and nothing is sent to 3CX. */
  async confirmed(
    ctx: BotContext,
    target: ReplyTarget,
    request: OperationRequest,
    carried: string,
  ): Promise<void> {
    const parsed = draftShape.safeParse(parseJson(carried));
    if (!parsed.success) {
      // Sealed by the bot itself, so only a bot of another version could have written it this way.
      this.deps.logger.error({ issues: parsed.error.issues }, 'a confirmed schedule did not read back');
      return replyPrivately(
        target,
        errorMessage('This schedule could not be read back; nothing was scheduled. Ask again.'),
        this.deps.logger,
      );
    }
    await this.keep(onPbx(ctx, request.pbx), target, request, parsed.data, true);
  }

  /**
   * Checks again, asks for the approval a rule wants (to be decided before it is due), stores the schedule and
   * queues its first run. `confirmed`: the private answer replaces the Confirm question.
   */
  private async keep(
    ctx: BotContext,
    target: ReplyTarget,
    request: OperationRequest,
    draft: Draft,
    confirmed: boolean,
    /** The check just made, when nobody was asked in between. */
    already?: Checked,
  ): Promise<void> {
    const log = this.deps.logger;
    const nothing = (msg: SlackMessage) => this.refuse(target, msg, confirmed);
    const checked = already ?? (await ctx.pipeline.check(request));
    if (!checked.ok) return nothing(failureMessage(failure(checked.outcome)));
    const id = newScheduleId();
    let approval: Extract<Outcome, { kind: 'needs_approval' }> | undefined;
    if (ctx.pipeline.approvalRuleFor(checked.operation, request.pbx)) {
      // The request is posted to approvers as for an immediate run, but decided by the time it is due at the latest.
      const asked = await ctx.pipeline.run({ ...request, id: approvalIdOf(id) }, { decideBy: draft.due });
      if (asked.kind !== 'needs_approval') {
        if (asked.kind === 'done')
          log.error({ schedule: id }, 'an approval-gated request ran when scheduled');
        return nothing(scheduledOutcomeMessage(asked));
      }
      approval = asked;
    }
    const rec: ScheduleRecord = {
      id,
      pbx: request.pbx,
      channel: request.channel,
      userId: request.requester.userId,
      command: draft.command,
      whenText: draft.whenText,
      nextDue: draft.due,
      state: 'active',
      createdAt: this.now(),
      ...(request.requester.teamId ? { teamId: request.requester.teamId } : {}),
      ...(draft.rule.kind === 'every' ? { repeat: draft.rule } : {}),
      ...(draft.keep ? { operation: planFrom(request) } : {}),
    };
    try {
      await this.deps.store.schedules.add(rec);
      const jobId = await this.deps.jobs.send(
        SCHEDULE_JOB,
        { id: rec.id, due: draft.due },
        { startAfter: draft.due },
      );
      await this.deps.store.schedules.setNext(rec.id, draft.due, jobId);
    } catch (err) {
      log.error({ err }, 'schedule could not be stored');
      await this.deps.store.schedules.cancel(rec.id, 'bot').catch(() => {});
      return nothing(
        errorMessage('The schedule could not be stored (is the database reachable?). Try again.'),
      );
    }
    log.info(
      {
        schedule: rec.id,
        op: checked.operation.key,
        due: draft.due,
        user: rec.userId,
        approval: approval !== undefined,
      },
      'command scheduled',
    );
    const view = this.view(rec, approval ? { state: 'waiting' } : undefined);
    await replyInChannel(target, scheduledMessage(view), log);
    if (approval) await deliverOutcome(ctx, target, approval, undefined, confirmed);
    else if (confirmed) await replyPrivately(target, scheduleConfirmedMessage(view), log, true);
  }

  /** Why nothing was scheduled, to the person. */
  private refuse(target: ReplyTarget, msg: SlackMessage, replaceQuestion: boolean): Promise<void> {
    return replyPrivately(target, withNote(msg, 'Nothing was scheduled.'), this.deps.logger, replaceQuestion);
  }

  private async cancel(id: string, pbx: string, requester: Requester, target: ReplyTarget): Promise<void> {
    const log = this.deps.logger;
    const rec = await this.deps.store.schedules.get(id);
    if (!rec || rec.channel !== target.channel || rec.pbx !== pbx || rec.state !== 'active') {
      const why =
        rec && rec.state !== 'active'
          ? `has already ${rec.state === 'done' ? 'run' : 'been cancelled'}`
          : 'is not scheduled in this channel';
      return replyPrivately(
        target,
        errorMessage(`Schedule ${id} ${why}. \`/3cx schedule list\` shows what is.`),
        log,
      );
    }
    if (rec.userId !== requester.userId && !(await this.mayRun(rec, requester))) {
      return replyPrivately(
        target,
        errorMessage(
          `Only <@${rec.userId}>, who set schedule ${id}, or someone allowed to run its command may cancel it.`,
        ),
        log,
      );
    }
    if (!(await this.deps.store.schedules.cancel(id, requester.userId))) {
      return replyPrivately(target, errorMessage(`Schedule ${id} has just run or been cancelled.`), log);
    }
    if (rec.jobId) await this.deps.jobs.cancel(SCHEDULE_JOB, rec.jobId).catch(() => {});
    await replyInChannel(target, scheduleCancelledMessage(this.view(rec), requester.userId), log);
  }

  /** One occurrence: claimed once in the store, whatever the queue delivered. */
  async run(job: RunJob): Promise<void> {
    const { store, logger: log } = this.deps;
    const rec = await store.schedules.get(job.id);
    if (rec?.state !== 'active') return;
    const previousDue = rec.lastDue;
    if (!(await store.schedules.claimOccurrence(rec.id, job.due))) return;
    const now = this.now();
    const rule = rec.repeat as WhenRule | undefined;
    // The next occurrence is queued before this one runs, so a slow or failing run cannot end the series.
    const next = rule ? nextDue(rule, Math.max(job.due, now), this.deps.tz) : undefined;
    let nextJob: string | undefined;
    if (next !== undefined) {
      nextJob = await this.deps.jobs.send(SCHEDULE_JOB, { id: rec.id, due: next }, { startAfter: next });
      await store.schedules.setNext(rec.id, next, nextJob);
      rec.nextDue = next;
    } else {
      await store.schedules.finish(rec.id);
    }
    const target: ReplyTarget = { client: this.deps.slack, userId: rec.userId, channel: rec.channel };
    const view = this.view(rec);
    const dueText = this.timeText(job.due);
    const post = async (msg: SlackMessage): Promise<void> => {
      await replyInChannel(target, msg, log);
    };
    if (now - job.due > this.graceMs) {
      log.warn(
        { schedule: rec.id, due: job.due, lateMs: now - job.due },
        'scheduled run missed; not run late',
      );
      return post(scheduleMissedMessage(view, dueText, `${Math.round(this.graceMs / 60_000)} min`));
    }
    const plan = this.planAt(rec, job.due);
    if (!plan) {
      const why = `\`${rec.command}\` no longer reads as a command, so it was not run.`;
      return post(scheduledRunMessage(view, dueText, errorMessage(why)));
    }
    const requester: Requester = { userId: rec.userId, ...(rec.teamId ? { teamId: rec.teamId } : {}) };
    const request = this.request(plan, rec.pbx, requester, rec.channel, this.deps.newRequestId());
    const op = this.deps.pipeline.catalogueOf(rec.pbx).get(plan.key);
    let options: Parameters<Pipeline['run']>[1] = {};
    if (op && this.deps.pipeline.approvalRuleFor(op, rec.pbx)) {
      const approved = await approvalForRun(this.approvals, rec.id, job.due, previousDue);
      if (!approved.ok) {
        // Without its approval the schedule cannot run again either: it ends, and the channel is told.
        await store.schedules.cancel(rec.id, 'bot');
        if (nextJob) await this.deps.jobs.cancel(SCHEDULE_JOB, nextJob).catch(() => {});
        log.warn(
          { schedule: rec.id, due: job.due, why: approved.why.kind },
          'scheduled run not approved; not run',
        );
        return post(scheduleNotApprovedMessage(view, dueText, approved.why, true));
      }
      request.id = approved.requestId;
      options = { approval: { kind: 'book', requestId: approved.requestId } };
    }
    const outcome = await this.deps.pipeline.run(request, options);
    log.info({ schedule: rec.id, requestId: request.id, outcome: outcome.kind }, 'scheduled run finished');
    await post(scheduledRunMessage(view, dueText, scheduledOutcomeMessage(outcome)));
  }

  private planAt(rec: ScheduleRecord, due: number): PlannedRun | undefined {
    return planAt(rec, due, this.deps.parse);
  }

  private async approvalOf(rec: ScheduleRecord): Promise<ScheduleApproval | undefined> {
    const asked = await this.approvals.get(approvalIdOf(rec.id)).catch(() => undefined);
    if (!asked) return undefined;
    const d = asked.decision;
    if (d) return { state: d.verdict, by: d.by };
    return asked.expiresAt <= this.now() ? { state: 'expired' } : { state: 'waiting' };
  }

  private request(
    plan: PlannedRun,
    pbx: string,
    requester: Requester,
    channel: string,
    id: string,
  ): OperationRequest {
    const request: OperationRequest = {
      id,
      pbx,
      key: plan.key,
      args: plan.args,
      requester,
      channel,
      source: 'schedule',
    };
    if (plan.body !== undefined) request.body = plan.body;
    if (plan.subject !== undefined) request.subject = plan.subject;
    return request;
  }

  private async mayRun(rec: ScheduleRecord, requester: Requester): Promise<boolean> {
    const plan = this.planAt(rec, rec.nextDue ?? this.now());
    const op = plan ? this.deps.pipeline.catalogueOf(rec.pbx).get(plan.key) : undefined;
    if (!op) return false;
    const { groups } = await this.deps.groups.groupsOf(requester.userId);
    return this.deps.policy.checkOperation({ userId: requester.userId, groups }, op, rec.pbx).allowed;
  }

  private view(rec: ScheduleRecord, approval?: ScheduleApproval): ScheduleView {
    const kept = rec.operation === undefined ? undefined : plannedRun.safeParse(rec.operation);
    const subject = kept?.success ? kept.data.subject : undefined;
    return {
      id: rec.id,
      pbx: rec.pbx,
      userId: rec.userId,
      command: rec.command,
      whenText: rec.whenText,
      repeating: rec.repeat !== undefined,
      ...(rec.nextDue !== undefined ? { nextText: this.timeText(rec.nextDue) } : {}),
      ...(subject !== undefined ? { subject } : {}),
      ...(approval ? { approval } : {}),
    };
  }

  private timeText(at: number): string {
    return `${wallClockText(at, this.deps.tz)} ${this.deps.tz}`;
  }
}

type Failure = Parameters<typeof failureMessage>[0];

function failure(outcome: Outcome): Failure {
  return outcome as Failure;
}

/** The request's operation, to keep with the schedule. */
function planFrom(request: OperationRequest): PlannedRun {
  return {
    key: request.key,
    args: request.args,
    ...(request.body !== undefined ? { body: request.body } : {}),
    ...(request.subject !== undefined ? { subject: request.subject } : {}),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function withNote(msg: SlackMessage, note: string): SlackMessage {
  return {
    text: `${msg.text} ${note}`,
    blocks: [...msg.blocks, { type: 'context', elements: [{ type: 'mrkdwn', text: note }] }],
  };
}

/** `s` and six letters or digits: short enough to type in `schedule cancel`. */
function newScheduleId(): string {
  return `s${randomBytes(4).readUInt32BE(0).toString(36).padStart(6, '0').slice(-6)}`;
}
