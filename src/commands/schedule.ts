import { randomBytes } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { operationClass } from '../api/catalogue';
import type { JobQueue } from '../jobs';
import { wallClockText } from '../jobs/zoned-time';
import type { PermissionPolicy } from '../permissions';
import { maskSecrets, type OperationRequest, type Outcome, type Pipeline, type Requester } from '../pipeline';
import type { ScheduleRecord, Store } from '../store';
import {
  approvalRequestMessage,
  confirmationMessage,
  errorMessage,
  failureMessage,
  resultMessage,
  type ScheduleView,
  type SlackMessage,
  scheduleCancelledMessage,
  scheduledMessage,
  scheduledRunMessage,
  scheduleListMessage,
  scheduleMissedMessage,
} from '../views/replies';
import type { ReplyTarget } from './context';
import type { Intent } from './grammar/intent';
import type { ScheduleIntent } from './grammar/schedule';
import { firstDue, nextDue, WhenError, type WhenRule } from './grammar/when';
import { replyInChannel, replyPrivately } from './reply';

export const SCHEDULE_JOB = 'schedule-run';
/** A run that cannot start within this long of its time (the bot was down) is reported instead of run late. */
export const SCHEDULE_GRACE_MS = 10 * 60_000;

export interface SchedulerDeps {
  store: Store;
  jobs: JobQueue;
  pipeline: Pipeline;
  policy: PermissionPolicy;
  groups: { groupsOf(userId: string): Promise<{ groups: readonly string[] }> };
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
 * `/3cx schedule …`: checks a command as if it ran now (permission, validation, approval rules), keeps it in the
 * store and queues one job at its time; the job runs it through the same pipeline, as the person who set it.
 */
export class Scheduler {
  private readonly now: () => number;
  private readonly graceMs: number;

  constructor(private readonly deps: SchedulerDeps) {
    this.now = deps.now ?? Date.now;
    this.graceMs = deps.graceMs ?? SCHEDULE_GRACE_MS;
  }

  /** Registers the job handler; call before the queue starts. */
  async listen(): Promise<void> {
    await this.deps.jobs.work<RunJob>(SCHEDULE_JOB, (job) => this.run(job.data));
  }

  async handle(
    intent: ScheduleIntent,
    pbx: string,
    requester: Requester,
    target: ReplyTarget,
  ): Promise<void> {
    const log = this.deps.logger;
    switch (intent.kind) {
      case 'schedule-list': {
        const list = await this.deps.store.schedules.listActive(target.channel, pbx);
        return replyPrivately(
          target,
          scheduleListMessage(
            pbx,
            list.map((s) => this.view(s)),
          ),
          log,
        );
      }
      case 'schedule-cancel':
        return this.cancel(intent.id, pbx, requester, target);
      case 'schedule':
        return this.create(intent, pbx, requester, target);
    }
  }

  private async create(
    intent: Extract<ScheduleIntent, { kind: 'schedule' }>,
    pbx: string,
    requester: Requester,
    target: ReplyTarget,
  ): Promise<void> {
    const log = this.deps.logger;
    const request = this.request(intent.run, pbx, requester, target.channel);
    // Permission and validation now, while the person is here; permission again when it runs.
    const checked = await this.deps.pipeline.check(request);
    if (!checked.ok) {
      return replyPrivately(
        target,
        withNote(failureMessage(failure(checked.outcome)), 'Nothing was scheduled.'),
        log,
      );
    }
    if (this.deps.policy.approvalFor(checked.operation)) {
      return replyPrivately(
        target,
        errorMessage(
          `${checked.operation.key} needs a second person's approval, and a scheduled run cannot wait for one. ` +
            'Nothing was scheduled: run it when it is due, so an approver can decide then.',
        ),
        log,
      );
    }
    let due: number;
    try {
      due = firstDue(intent.rule, this.now(), this.deps.tz);
    } catch (err) {
      if (err instanceof WhenError) return replyPrivately(target, errorMessage(err.message), log);
      throw err;
    }
    const rec: ScheduleRecord = {
      id: newScheduleId(),
      pbx,
      channel: target.channel,
      userId: requester.userId,
      command: intent.command,
      whenText: intent.whenText,
      nextDue: due,
      state: 'active',
      createdAt: this.now(),
      ...(requester.teamId ? { teamId: requester.teamId } : {}),
      ...(intent.rule.kind === 'every' ? { repeat: intent.rule } : {}),
    };
    try {
      await this.deps.store.schedules.add(rec);
      const jobId = await this.deps.jobs.send(SCHEDULE_JOB, { id: rec.id, due }, { startAfter: due });
      await this.deps.store.schedules.setNext(rec.id, due, jobId);
    } catch (err) {
      log.error({ err }, 'schedule could not be stored');
      await this.deps.store.schedules.cancel(rec.id, 'bot').catch(() => {});
      return replyPrivately(
        target,
        errorMessage(
          'The schedule could not be stored (is the database reachable?). Nothing was scheduled; try again.',
        ),
        log,
      );
    }
    log.info(
      { schedule: rec.id, op: checked.operation.key, due, user: requester.userId },
      'command scheduled',
    );
    await replyInChannel(target, scheduledMessage(this.view(rec)), log);
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
    if (!(await store.schedules.claimOccurrence(rec.id, job.due))) return;
    const now = this.now();
    const rule = rec.repeat as WhenRule | undefined;
    // The next occurrence is queued before this one runs, so a slow or failing run cannot end the series.
    const next = rule ? nextDue(rule, Math.max(job.due, now), this.deps.tz) : undefined;
    if (next !== undefined) {
      const jobId = await this.deps.jobs.send(SCHEDULE_JOB, { id: rec.id, due: next }, { startAfter: next });
      await store.schedules.setNext(rec.id, next, jobId);
      rec.nextDue = next;
    } else {
      await store.schedules.finish(rec.id);
    }
    const target: ReplyTarget = { client: this.deps.slack, userId: rec.userId, channel: rec.channel };
    const view = this.view(rec);
    const dueText = this.timeText(job.due);
    if (now - job.due > this.graceMs) {
      log.warn(
        { schedule: rec.id, due: job.due, lateMs: now - job.due },
        'scheduled run missed; not run late',
      );
      await replyInChannel(
        target,
        scheduleMissedMessage(view, dueText, `${Math.round(this.graceMs / 60_000)} min`),
        log,
      );
      return;
    }
    const intent = this.deps.parse(rec.command);
    if (intent.kind !== 'run') {
      await replyInChannel(
        target,
        scheduledRunMessage(
          view,
          dueText,
          errorMessage(`\`${rec.command}\` no longer reads as a command, so it was not run.`),
        ),
        log,
      );
      return;
    }
    const requester: Requester = { userId: rec.userId, ...(rec.teamId ? { teamId: rec.teamId } : {}) };
    const request = this.request(intent, rec.pbx, requester, rec.channel);
    const outcome = await this.deps.pipeline.run(request);
    log.info({ schedule: rec.id, requestId: request.id, outcome: outcome.kind }, 'scheduled run finished');
    await replyInChannel(target, scheduledRunMessage(view, dueText, outcomeMessage(outcome)), log);
  }

  private request(
    run: { key: string; args: Record<string, unknown>; body?: unknown },
    pbx: string,
    requester: Requester,
    channel: string,
  ): OperationRequest {
    const request: OperationRequest = {
      id: this.deps.newRequestId(),
      pbx,
      key: run.key,
      args: run.args,
      requester,
      channel,
      source: 'schedule',
    };
    if (run.body !== undefined) request.body = run.body;
    return request;
  }

  private async mayRun(rec: ScheduleRecord, requester: Requester): Promise<boolean> {
    const intent = this.deps.parse(rec.command);
    const op = intent.kind === 'run' ? this.deps.pipeline.catalogue.get(intent.key) : undefined;
    if (!op) return false;
    const { groups } = await this.deps.groups.groupsOf(requester.userId);
    return this.deps.policy.checkOperation({ userId: requester.userId, groups }, op).allowed;
  }

  private view(rec: ScheduleRecord): ScheduleView {
    return {
      id: rec.id,
      pbx: rec.pbx,
      userId: rec.userId,
      command: rec.command,
      whenText: rec.whenText,
      repeating: rec.repeat !== undefined,
      ...(rec.nextDue !== undefined ? { nextText: this.timeText(rec.nextDue) } : {}),
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

/** A run's outcome for the channel: everything a scheduled run did is public, where it was scheduled. */
function outcomeMessage(outcome: Outcome): SlackMessage {
  switch (outcome.kind) {
    case 'done': {
      if (operationClass(outcome.operation) === 'write') return confirmationMessage(outcome);
      const masked = { ...outcome, result: { ...outcome.result, data: maskSecrets(outcome.result.data) } };
      const reply = resultMessage(masked, { json: false, page: 0 });
      return 'file' in reply
        ? errorMessage(`${outcome.operation.key} answered more than fits in a message.`)
        : reply;
    }
    case 'needs_approval':
      return approvalRequestMessage(outcome);
    default:
      return failureMessage(outcome);
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
