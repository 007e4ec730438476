import { z } from 'zod';
import { typeFields } from '../entities/fields';
import { type Read, resolveRef } from '../entities/resolve';
import { type EntityRow, entitiesOf } from '../entities/rows';
import type { ApprovalBook, Requester } from '../pipeline';
import type { ScheduleRecord } from '../store';
import { errorMessage, failureMessage } from '../views/replies';
import { choiceMessage } from '../views/replies/entity-choice';
import type { NotApproved } from '../views/replies/schedule';
import { displayName, objectPhrase } from '../words/names';
import type { BotContext, ReplyTarget } from './context';
import { commandText } from './entity/text';
import { keyArgs } from './entity/write';
import type { Intent } from './grammar/intent';
import type { SchedulableIntent } from './grammar/schedule';
import { makeRequest } from './intent-handler';
import { replyPrivately, slackError } from './reply';

/**
 * A scheduled command comes down to one operation: its plan. Commands that name no object are planned again from
 * their text at each run (`backup now` names each backup after its own run); a command that names an object
 * (`user 115 set …`) is resolved once, when it is scheduled, so the run changes the object the person saw and
 * the schedule can name it.
 */

export const plannedRun = z.object({
  key: z.string(),
  args: z.record(z.string(), z.unknown()),
  body: z.unknown().optional(),
  /** The object it is about, in people's words (`user Nina Novak (125)`). */
  subject: z.string().optional(),
});
export type PlannedRun = z.infer<typeof plannedRun>;

/** The plan of a command that names no object, as it runs at `at`; undefined for the entity verbs. */
export function planOf(inner: SchedulableIntent, at: number): PlannedRun | undefined {
  switch (inner.kind) {
    case 'run':
      return inner.body === undefined
        ? { key: inner.key, args: inner.args }
        : { key: inner.key, args: inner.args, body: inner.body };
    case 'view': {
      // As `backup now` names a backup, after the minute it is made (`backups` then shows which run made it).
      const name = `slack-${new Date(at).toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;
      return {
        key: 'Backups.Backup',
        args: {},
        body: { description: { Name: name, Contents: null } },
        subject: `backup ${name}`,
      };
    }
    case 'entity':
      return undefined;
  }
}

/** Where the person is told why nothing could be planned. */
export interface Asker {
  ctx: BotContext;
  requester: Requester;
  target: ReplyTarget;
  /** The `schedule …` text that schedules the same with another reference (for the choice buttons). */
  again: (command: string) => string;
}

/**
 * An entity verb's plan: its fields typed, its object resolved on the PBX as the person who asks. Undefined when
 * it cannot be (the person has been told: a bad field, no match, a choice among several).
 */
export async function planEntity(
  asker: Asker,
  inner: Extract<SchedulableIntent, { kind: 'entity' }>,
): Promise<PlannedRun | undefined> {
  const { ctx, target } = asker;
  const say = (text: string) => replyPrivately(target, errorMessage(text), ctx.logger);
  const row = entitiesOf(ctx.catalogue).bySetName(inner.set);
  const op = row && { add: row.ops.create, set: row.ops.update, delete: row.ops.delete }[inner.verb];
  if (!row || !op) {
    await say(
      `A ${row?.label ?? inner.set} cannot be changed that way through this PBX's API. Nothing was scheduled.`,
    );
    return undefined;
  }
  let body: Record<string, unknown> | undefined;
  if (inner.verb !== 'delete') {
    const typed = typeFields(ctx.catalogue, row, inner.pairs);
    if (!typed.ok) {
      await say(`${typed.problems.join('\n')}\nNothing was scheduled.`);
      return undefined;
    }
    body = typed.body;
  }
  if (inner.verb === 'add')
    return {
      key: op,
      args: {},
      body: body ?? {},
      subject: `new ${row.label} ${displayName(body ?? {}, row)}`,
    };
  const found = await resolveOne(asker, row, inner);
  if (!found) return undefined;
  const plan: PlannedRun = { key: op, args: keyArgs(row, found), subject: objectPhrase(found, row) };
  if (body) plan.body = body;
  return plan;
}

async function resolveOne(
  asker: Asker,
  row: EntityRow,
  inner: Extract<SchedulableIntent, { verb: 'set' | 'delete' }>,
): Promise<Record<string, unknown> | undefined> {
  const { ctx, requester, target } = asker;
  let failure: Parameters<typeof failureMessage>[0] | undefined;
  // Reads as the person, through the pipeline (authorized, audited), as the entity verbs read.
  const read: Read = async (key, args) => {
    const outcome = await ctx.pipeline.run(
      makeRequest(ctx, { requester, channel: target.channel }, key, args, undefined, 'command'),
    );
    if (outcome.kind === 'done') return { ok: true, data: outcome.result.data };
    if (outcome.kind !== 'needs_approval') failure = outcome;
    return { ok: false, reason: outcome };
  };
  const slackEmail = async (userId: string): Promise<string | undefined> => {
    try {
      const info = await target.client.users.info({ user: userId });
      const email = (info.user as { profile?: { email?: unknown } } | undefined)?.profile?.email;
      return typeof email === 'string' && email.includes('@') ? email : undefined;
    } catch (err) {
      ctx.logger.warn({ err: slackError(err), user: userId }, 'users.info failed: mention not resolved');
      return undefined;
    }
  };
  const found = await resolveRef({ read, slackEmail }, row, inner.ref);
  const tell = (text: string) => replyPrivately(target, errorMessage(text), ctx.logger);
  switch (found.kind) {
    case 'one':
      return found.object;
    case 'failed':
      await (failure
        ? replyPrivately(target, failureMessage(failure), ctx.logger)
        : tell('3CX did not answer as expected; nothing was scheduled. Try again in a minute.'));
      return undefined;
    case 'none': {
      const guesses = found.suggestions.map((s) => `\`${s}\``).join(', ');
      const message = found.message || `No ${row.label} matches "${inner.ref}".`;
      await tell(
        `${message}${guesses ? ` Did you mean ${guesses}?` : ''} \`/3cx ${row.plural}\` lists them. Nothing was scheduled.`,
      );
      return undefined;
    }
    case 'many': {
      // Each button schedules the same command with that object's Id, for the same time.
      const choices = found.candidates.map((c) => ({
        object: c,
        command: asker.again(commandText(inner, row.singular, 'ref', `id:${String(c[row.key])}`)),
      }));
      await replyPrivately(target, choiceMessage(row, inner.ref, choices, found.more), ctx.logger);
      return undefined;
    }
  }
}

/** What a run sends: as resolved when it was scheduled, or planned again from the command (as it runs now). */
export function planAt(
  rec: Pick<ScheduleRecord, 'operation' | 'command'>,
  due: number,
  parse: (text: string) => Intent,
): PlannedRun | undefined {
  if (rec.operation !== undefined) {
    const kept = plannedRun.safeParse(rec.operation);
    return kept.success ? kept.data : undefined;
  }
  const intent = parse(rec.command);
  const schedulable: SchedulableIntent | undefined =
    intent.kind === 'run' || (intent.kind === 'view' && intent.view === 'backup-now') ? intent : undefined;
  return schedulable && planOf(schedulable, due);
}

/** The approval of a schedule: one per schedule, asked when it is scheduled, covering each of its runs. */
export const approvalIdOf = (scheduleId: string): string => `schedule-${scheduleId}`;
/** Each run has its own request id (its audit row), under which the decision is copied (see approvalForRun). */
const runIdOf = (scheduleId: string, due: number): string => `schedule-${scheduleId}-${due}`;

/**
 * The decision for one run, copied under the run's own request id from the schedule's approval, or from the
 * previous run's copy (an approval record is pruned 30 days after it could last be decided, and a daily schedule
 * outlives that). The pipeline then checks the approver against the rule and their roles again before it runs.
 */
export async function approvalForRun(
  book: ApprovalBook,
  scheduleId: string,
  due: number,
  previousDue: number | undefined,
): Promise<{ ok: true; requestId: string } | { ok: false; why: NotApproved }> {
  const previous = previousDue === undefined ? undefined : await book.get(runIdOf(scheduleId, previousDue));
  const asked = (previous?.decision ? previous : undefined) ?? (await book.get(approvalIdOf(scheduleId)));
  const decision = asked?.decision;
  if (!asked) return { ok: false, why: { kind: 'missing' } };
  if (!decision) return { ok: false, why: { kind: 'undecided' } };
  if (decision.verdict === 'rejected') return { ok: false, why: { kind: 'rejected', by: decision.by } };
  const requestId = runIdOf(scheduleId, due);
  await book.open({
    request: { ...asked.request, id: requestId },
    approvers: asked.approvers,
    expiresAt: due,
    decision,
  });
  return { ok: true, requestId };
}
