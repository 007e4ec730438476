import type { WebClient } from '@slack/web-api';
import { entityUsage } from '../entities/help';
import { entitiesOf } from '../entities/rows';
import type { OperationRequest, Requester } from '../pipeline';
import { buildOperationModal, type ModalOverrides, noticeModal } from '../views/modal';
import {
  errorMessage,
  failureMessage,
  type HelpEntry,
  helpMessage,
  type SlackMessage,
  searchMessage,
} from '../views/replies';
import { entityHelpMessage } from '../views/replies/entity-help';
import { showAudit } from './audit';
import { showChanges } from './changes';
import { confirmFirst } from './confirm';
import type { BotContext, ReplyTarget } from './context';
import { CURATED } from './curated';
import { runAndDeliver } from './deliver';
import { entityForm, handleEntity } from './entity';
import { handleView } from './everyday';
import { AUDIT_HELP } from './grammar/audit';
import type { CuratedCommand, Intent } from './grammar/intent';
import { parseCommand } from './grammar/parse';
import { SCHEDULE_HELP } from './grammar/schedule';
import { everydayFor } from './grammar/teach';
import { CHANGES_HELP, WATCH_HELP } from './grammar/watch';
import { confirmListReplacement } from './list-replace';
import { showMcu } from './mcu-decision';
import { claimOnce, STORE_UNAVAILABLE } from './once';
import { fillForm, loadingForm, prefillPlan } from './prefill';
import { replyPrivately, slackError } from './reply';
import { unknownNames } from './suggest';
import { handleWatch } from './watch';

const FLEET_HELP: HelpEntry = {
  name: 'fleet',
  usage: ['fleet status', 'fleet <read command>', 'fleet <read command> --file'],
  example: 'fleet status',
  summary: 'the same read on every PBX you may read, as one table (slow or unreachable PBXs are named)',
};

function pbxHelp(ctx: BotContext): HelpEntry {
  const bound = ctx.pbxs.names().length;
  return {
    name: '--pbx',
    usage: ['<any command> --pbx <name>'],
    example: `status --pbx ${ctx.pbxs.names()[bound - 1] ?? ctx.pbx}`,
    summary: `run a command on another PBX than this channel's (PBXs: ${ctx.pbxs.names().join(', ')}; this reply is about ${ctx.pbx})`,
  };
}

export interface Invocation {
  requester: Requester;
  channel: string;
  triggerId: string;
  responseUrl?: string;
  client: WebClient;
  /**
   * The exactly-once key of this delivery, claimed just before anything reaches 3CX. Opening a form claims
   * nothing: views.open must come first (the trigger_id lives 3 s), and Slack refuses a trigger_id used twice.
   */
  onceKey?: string;
}

/** Carries out what a `/3cx` text asked for. Runs after the ack. */
export async function handleIntent(ctx: BotContext, intent: Intent, inv: Invocation): Promise<void> {
  const target: ReplyTarget = { client: inv.client, userId: inv.requester.userId, channel: inv.channel };
  if (inv.responseUrl) target.responseUrl = inv.responseUrl;
  switch (intent.kind) {
    case 'error':
      return replyPrivately(target, errorMessage(intent.message), ctx.logger);
    case 'help':
      return replyPrivately(target, await helpFor(ctx, inv.requester.userId, intent.topic), ctx.logger);
    case 'search': {
      const found = ctx.catalogue.search(intent.query, 10);
      const everyday = everydayFor(intent.query, entitiesOf(ctx.catalogue));
      return replyPrivately(target, searchMessage(intent.query, found, undefined, everyday), ctx.logger);
    }
    case 'mcu':
      if (!(await firstDelivery(ctx, inv, target))) return;
      return showMcu(ctx, target, inv.requester);
    case 'audit':
      if (!(await firstDelivery(ctx, inv, target))) return;
      return showAudit(ctx, intent, target, inv.requester);
    case 'schedule':
    case 'schedule-list':
    case 'schedule-cancel':
      if (!(await firstDelivery(ctx, inv, target))) return;
      return ctx.scheduler.handle(ctx, intent, inv.requester, target);
    case 'changes':
      if (!(await firstDelivery(ctx, inv, target))) return;
      return showChanges(ctx, intent, inv.requester, target);
    case 'watch':
    case 'watch-list':
    case 'unwatch':
      if (!(await firstDelivery(ctx, inv, target))) return;
      return handleWatch(ctx, intent, inv.requester, target);
    case 'modal':
      return openModal(ctx, inv, target, intent.key, intent.args, intent.overrides, intent.fill);
    case 'entity': {
      const form = entityForm(ctx, intent);
      if (form) return openModal(ctx, inv, target, form.key, {}, undefined, undefined, form.ref);
      if (!(await firstDelivery(ctx, inv, target))) return;
      return handleEntity(ctx, intent, inv, target);
    }
    case 'view':
      if (!(await firstDelivery(ctx, inv, target))) return;
      return handleView(ctx, intent, inv, target);
    case 'run': {
      const op = ctx.catalogue.get(intent.key);
      if (op?.body?.required && intent.body === undefined) {
        const args: Record<string, string> = {};
        for (const [k, v] of Object.entries(intent.args)) args[k] = String(v);
        return openModal(ctx, inv, target, op.key, args);
      }
      if (!(await firstDelivery(ctx, inv, target))) return;
      const request = makeRequest(ctx, inv, intent.key, intent.args, intent.body, 'command');
      // A name the PBX does not know is refused before anyone is asked to confirm or approve it.
      const unknown = op?.method !== 'GET' ? await unknownNames(ctx, inv, intent.body) : undefined;
      if (unknown) return replyPrivately(target, errorMessage(unknown), ctx.logger);
      // A PATCH that replaces a whole list names who would go and asks first (src/commands/list-replace.ts).
      if (op && (await confirmListReplacement(ctx, target, op, request))) return;
      // Dangerous (built in or by BOT_CONFIG's confirm:): asked first, by name (src/commands/confirm.ts).
      if (op && (await confirmFirst(ctx, target, op, request))) return;
      return runAndDeliver(ctx, target, request, intent.flags);
    }
  }
}

/** False for a repeated delivery (nothing to do) or when the store cannot tell (the person is told). */
export async function firstDelivery(ctx: BotContext, inv: Invocation, target: ReplyTarget): Promise<boolean> {
  if (!inv.onceKey) return true;
  const claimed = await claimOnce(ctx, inv.onceKey);
  if (claimed === 'unavailable') await replyPrivately(target, errorMessage(STORE_UNAVAILABLE), ctx.logger);
  return claimed === 'first';
}

export function makeRequest(
  ctx: BotContext,
  inv: { requester: Requester; channel: string },
  key: string,
  args: Record<string, unknown>,
  body: unknown,
  source: OperationRequest['source'],
): OperationRequest {
  const request: OperationRequest = {
    id: ctx.newRequestId(),
    pbx: ctx.pbx,
    key,
    args,
    requester: inv.requester,
    channel: inv.channel,
    source,
  };
  if (body !== undefined) request.body = body;
  return request;
}

async function openModal(
  ctx: BotContext,
  inv: Invocation,
  target: ReplyTarget,
  key: string,
  args: Record<string, string>,
  overrides?: ModalOverrides,
  fill?: 'services',
  /** The object an entity's `set` names, resolved once the form is open. */
  ref?: string,
): Promise<void> {
  const request = makeRequest(ctx, inv, key, args, undefined, 'modal');
  // Only local work before views.open: the trigger_id lives 3 s, and the permission check may have to explain
  // user groups that Slack has not answered for yet. A denial replaces the opened form.
  const resolved = ctx.pipeline.resolve(request);
  if (!resolved.ok) return replyPrivately(target, failureMessage(resolved.outcome), ctx.logger);
  const unsealed = {
    op: resolved.operation.key,
    channel: inv.channel,
    requestId: request.id,
    pbx: ctx.pbx,
    args,
  };
  const meta = { ...unsealed, seal: ctx.forms.seal(unsealed) };
  // An update whose object is known opens with a wait, and fills in with today's values once they are read.
  const prefill = prefillPlan(ctx.catalogue, resolved.operation, args, ref);
  let viewId: string | undefined;
  try {
    const opened = await inv.client.views.open({
      trigger_id: inv.triggerId,
      view: prefill
        ? loadingForm(resolved.operation, ctx.pbx)
        : buildOperationModal(ctx.catalogue, resolved.operation, meta, overrides),
    });
    viewId = opened.view?.id;
  } catch (err) {
    const code = slackError(err);
    const why =
      code === 'expired_trigger_id'
        ? 'Slack allowed too little time; please run the command again'
        : `Slack said ${code}`;
    return replyPrivately(target, errorMessage(`The form could not be opened: ${why}.`), ctx.logger);
  }
  const denied = await ctx.pipeline.authorize(request, resolved.operation);
  if (denied) return showDenial(ctx, inv, target, viewId, failureMessage(denied));
  if (prefill && viewId)
    return fillForm({ ctx, client: inv.client, who: inv, viewId }, prefill, unsealed, overrides);
  if (fill === 'services' && viewId) await fillServiceChoices(ctx, inv, meta, viewId, overrides);
}

/** The opened form gives way to the reason; when Slack will not update it, the person hears it privately. */
async function showDenial(
  ctx: BotContext,
  inv: Invocation,
  target: ReplyTarget,
  viewId: string | undefined,
  reason: SlackMessage,
): Promise<void> {
  if (viewId) {
    try {
      await inv.client.views.update({ view_id: viewId, view: noticeModal('Not allowed', reason) });
      return;
    } catch (err) {
      ctx.logger.warn({ err: slackError(err) }, 'could not show the denial in the form; telling privately');
    }
  }
  await replyPrivately(target, reason, ctx.logger);
}

/** The restart form first opens with free text; once the PBX names its services they become a multi-select. */
async function fillServiceChoices(
  ctx: BotContext,
  inv: Invocation,
  meta: Parameters<typeof buildOperationModal>[2],
  viewId: string,
  overrides?: ModalOverrides,
): Promise<void> {
  const list = await ctx.pipeline.run(
    makeRequest(ctx, inv, 'Services.ListServiceInfo', {}, undefined, 'modal'),
  );
  if (list.kind !== 'done') return;
  const rows = (list.result.data as { value?: { Name?: unknown }[] } | undefined)?.value ?? [];
  const names = rows.map((r) => r.Name).filter((n): n is string => typeof n === 'string' && n.length > 0);
  if (names.length === 0) return;
  const op = ctx.catalogue.get(meta.op);
  if (!op) return;
  const view = buildOperationModal(ctx.catalogue, op, meta, {
    ...overrides,
    options: { 'options.ServiceNames': names },
  });
  await inv.client.views.update({ view_id: viewId, view }).catch((err: unknown) => {
    ctx.logger.warn({ err: slackError(err) }, 'could not add the service list to the form');
  });
}

async function helpFor(ctx: BotContext, userId: string, topic?: string) {
  const lookup = await ctx.groups.groupsOf(userId);
  const who = { userId, groups: lookup.groups };
  const may = (key: string) => {
    const op = ctx.catalogue.get(key);
    return op !== undefined && ctx.policy.checkOperation(who, op, ctx.pbx).allowed;
  };
  // A usage line or example is shown only when the person may run what it would run (a viewer sees
  // `tenant-property get`, not `tenant-property set`); a line that names no one operation needs any of the command's.
  const mayRunLine = (command: CuratedCommand, line: string) => {
    const intent = parseCommand(line);
    return intent.kind === 'run' || intent.kind === 'modal' ? may(intent.key) : command.operations.some(may);
  };
  const allowed = CURATED.filter((c) => c.operations.some(may));
  // Anyone with a role may look operations up; running each one is still checked on its own.
  const canUseApi = ctx.policy.rolesOf(who).length > 0;
  const entries: HelpEntry[] = allowed.map((c) => {
    const usage = c.usage.filter((line) => mayRunLine(c, line));
    // When the command's own example is out of reach, the first usage line that can be typed as it is (no
    // placeholders) is one the person may run.
    const example = mayRunLine(c, c.example) ? c.example : usage.find((line) => !/[<>|[…]/.test(line));
    return { name: c.name, usage, summary: c.summary, ...(example ? { example } : {}) };
  });
  if (ctx.policy.checkWord(who, 'audit').allowed) entries.push(AUDIT_HELP);
  if (ctx.policy.checkWord(who, 'watch', ctx.pbx).allowed) entries.push(WATCH_HELP);
  if (may('ReportAuditLog.GetAuditLogData')) entries.push(CHANGES_HELP);
  if (ctx.policy.rolesOf(who).length > 0) entries.push(SCHEDULE_HELP);
  // Several PBXs: which one a command runs on, and the same read on all of them.
  if (ctx.pbxs.names().length > 1 && ctx.policy.rolesOf(who).length > 0)
    entries.push(FLEET_HELP, pbxHelp(ctx));
  const note = lookup.unavailable ? { note: lookup.unavailable } : {};
  if (!topic) return helpMessage(entries, { canUseApi, ...note });
  const entity = entitiesOf(ctx.catalogue).find(topic.trim().split(/\s+/)[0] ?? '');
  if (entity) return entityHelpMessage(entity, entityUsage(entity), may);
  const t = topic.toLowerCase();
  const matching = entries.filter((e) => e.name === t || e.name.startsWith(t));
  if (t === 'api') return helpMessage([], { topic: 'api', canUseApi, ...note });
  return helpMessage(matching.length > 0 ? matching : entries, {
    topic,
    canUseApi,
    ...note,
    unknownTopic: matching.length === 0,
  });
}
