import { z } from 'zod';
import { type Danger, dangerByRule, type Operation } from '../api/catalogue';
import { matchesKey } from '../permissions';
import { maskSecrets, type OperationRequest, type Outcome } from '../pipeline';
import { errorMessage, failureMessage, LIMITS } from '../views/replies';
import { actionPhrase, givenLines } from '../views/replies/approval';
import { confirmQuestion } from '../views/replies/confirm';
import type { WriteWords } from '../views/replies/entity-write';
import type { BotContext, ReplyTarget } from './context';
import { replyPrivately } from './reply';
import { requestWords } from './request-words';

/**
 * DESIGN §4's dangerous writes first say what will happen, by name, with Confirm/Cancel. Only the person who
 * asked may confirm, once (a durable claim), within five minutes; the request travels in the buttons, sealed like
 * the forms, so any replica can run it and nothing else. Confirmation comes before any approval rule: the
 * pipeline runs the confirmed request as if just asked.
 */

export const CONFIRM_WINDOW_MS = 5 * 60_000;

type Classed = Pick<Operation, 'key' | 'method' | 'operationId' | 'danger'>;

/**
 * How an operation must be confirmed here: the catalogue's mark (`dangerByRule`, set on every catalogue), else
 * `confirm` when BOT_CONFIG's `confirm:` names it. The configuration can only add: nothing lowers a built-in mark.
 */
export function dangerOf(op: Classed, ctx?: Pick<BotContext, 'policy'>): Danger | undefined {
  // An operation that did not come through a catalogue (a hand-made one in a test) is classed by the same rule.
  const builtIn = op.danger ?? dangerByRule(op);
  if (builtIn) return builtIn;
  return ctx?.policy.config.confirm.some((pattern) => matchesKey(pattern, op.key)) ? 'confirm' : undefined;
}

/** Whether a person must confirm before it runs; without `ctx`, the built-in operations only. */
export function isDangerous(op: Classed, ctx?: Pick<BotContext, 'policy'>): boolean {
  return dangerOf(op, ctx) !== undefined;
}

const QUESTION_LINES = 8;

/**
 * The question in people's words: what it does and to what by name, its PBX, then the operation and its other
 * parameters for those who need them, and what it would change (`lines`, current → new where read), masked.
 */
export function dangerQuestion(op: Operation, request: OperationRequest, lines?: string[]): string {
  const params = Object.entries(maskSecrets(request.args) as Record<string, unknown>).map(
    ([k, v]) => `${k}=${String(v)}`,
  );
  const args = params.length > 0 ? ` ${params.join(' ')}` : '';
  const what = actionPhrase(op, request.subject);
  const said = `${what.charAt(0).toUpperCase()}${what.slice(1)} (${op.key}${args}) on ${request.pbx}`;
  const changes = lines ?? givenLines(maskSecrets(bodyOf(request.body)));
  if (changes.length === 0) return said;
  const shown = changes.slice(0, QUESTION_LINES);
  const more = changes.length > shown.length ? `; and ${changes.length - shown.length} more` : '';
  return `${said}: ${shown.join('; ')}${more}`;
}

/** A body typed as JSON text is said as the object it is. */
function bodyOf(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/**
 * The one decision every path makes before a write runs (a command, a submitted form, a member change): a dangerous
 * one is asked about instead, by name, and true comes back (nothing ran); false means run it now. Asked before any
 * approval rule, which applies when the confirmed request runs.
 */
export async function confirmFirst(
  ctx: BotContext,
  target: ReplyTarget,
  op: Operation,
  request: OperationRequest,
  words?: WriteWords,
): Promise<boolean> {
  if (!isDangerous(op, ctx)) return false;
  const said = await requestWords(ctx, op, request);
  if (said.subject && !request.subject) request.subject = said.subject;
  const question = dangerQuestion(op, request, said.lines);
  await askToConfirm(ctx, target, { request, question, ...(words ? { words } : {}) });
  return true;
}

/** What the buttons carry: the request and the words of its confirmation, sealed. */
const carried = z.object({
  op: z.string(),
  channel: z.string(),
  requestId: z.string(),
  pbx: z.string(),
  args: z.object({
    params: z.string(),
    body: z.string(),
    user: z.string(),
    team: z.string(),
    expires: z.string(),
    subject: z.string(),
    words: z.string(),
    source: z.enum(['command', 'modal', 'button', 'poller', 'schedule']),
    /** A command to schedule rather than run: what the scheduler needs to keep it (its own JSON, sealed here). */
    schedule: z.string().optional(),
    /** The worst operations: the PBX's FQDN as it answered when asked, which the asker must type to confirm. */
    fqdn: z.string().optional(),
  }),
  seal: z.string(),
});
type Carried = z.infer<typeof carried>;

export interface Confirmable {
  request: OperationRequest;
  /** The sentence that says what will happen: `Delete user Nina Novak (125) on default`. */
  question: string;
  /** For the channel confirmation once it ran; without it the generic confirmation is posted. */
  words?: WriteWords;
  /** Confirming schedules the request instead of running it (src/commands/schedule.ts reads this). */
  schedule?: string;
}

/**
 * Asks before running. The request is checked first (validated, authorized), so a person is never asked to
 * confirm something they may not do or that cannot be sent.
 */
export async function askToConfirm(ctx: BotContext, target: ReplyTarget, item: Confirmable): Promise<void> {
  const checked = await ctx.pipeline.check(item.request);
  if (!checked.ok) {
    const o = checked.outcome;
    if (o.kind === 'invalid' || o.kind === 'denied' || o.kind === 'failed')
      await replyPrivately(target, failureMessage(o), ctx.logger);
    return;
  }
  const { request } = item;
  // Read when asked, so what the person types is checked against the PBX the question is about.
  const fqdn = dangerOf(checked.operation, ctx) === 'fqdn' ? await fqdnOf(ctx, request) : undefined;
  if (fqdn === '') {
    const text =
      `${item.question}: this needs PBX ${request.pbx}'s FQDN typed to confirm, and the PBX did not say it ` +
      '(SystemStatus). Nothing was sent to 3CX; try again in a minute.';
    await replyPrivately(target, errorMessage(text), ctx.logger);
    return;
  }
  const now = (ctx.now ?? Date.now)();
  const expiresAt = now + CONFIRM_WINDOW_MS;
  const unsealed = {
    op: request.key,
    channel: request.channel,
    requestId: request.id,
    pbx: request.pbx,
    args: {
      params: JSON.stringify(request.args),
      body: request.body === undefined ? '' : JSON.stringify(request.body),
      user: request.requester.userId,
      team: request.requester.teamId ?? '',
      expires: String(expiresAt),
      subject: request.subject ?? '',
      words: item.words ? JSON.stringify(item.words) : '',
      source: request.source,
      ...(item.schedule !== undefined ? { schedule: item.schedule } : {}),
      ...(fqdn !== undefined ? { fqdn } : {}),
    },
  };
  const value = JSON.stringify({ ...unsealed, seal: ctx.forms.seal(unsealed) });
  if (value.length > LIMITS.buttonValue) {
    const text =
      `${item.question}: the request is too large to carry in a Confirm button (${value.length} characters, Slack ` +
      `keeps ${LIMITS.buttonValue}). Nothing was sent to 3CX; send fewer or shorter values.`;
    await replyPrivately(target, errorMessage(text), ctx.logger);
    return;
  }
  await replyPrivately(target, confirmQuestion(item.question, value, expiresAt, fqdn), ctx.logger);
}

/**
 * The PBX's FQDN from its SystemStatus, read by the bot itself (the asker may hold no read permission for it, and
 * only the bot compares it); '' when the PBX did not answer with one.
 */
async function fqdnOf(ctx: BotContext, request: OperationRequest): Promise<string> {
  const outcome = await ctx.pipeline.readAsBot({
    id: ctx.newRequestId(),
    pbx: request.pbx,
    key: 'SystemStatus.GetSystemStatus',
    args: {},
    requester: request.requester,
    channel: request.channel,
    source: request.source,
  });
  const data = outcome.kind === 'done' ? (outcome.result.data as { FQDN?: unknown } | undefined) : undefined;
  return typeof data?.FQDN === 'string' ? data.FQDN.trim() : '';
}

export type Opened =
  | {
      ok: true;
      request: OperationRequest;
      words?: WriteWords;
      schedule?: string;
      /** Set for the worst operations: Confirm opens a form where it must be typed (listeners/confirm-fqdn.ts). */
      fqdn?: string;
      expiresAt: number;
    }
  | { ok: false; why: 'forged' | 'expired' | 'not_asker' };

/** Reads a Confirm/Cancel button's value back; anything the bot did not seal is refused. */
export function openConfirmation(ctx: BotContext, value: string, clicker: string): Opened {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return { ok: false, why: 'forged' };
  }
  const parsed = carried.safeParse(raw);
  if (!parsed.success || !ctx.forms.verify(parsed.data)) return { ok: false, why: 'forged' };
  const c: Carried = parsed.data;
  const expiresAt = Number(c.args.expires);
  if (c.args.user !== clicker) return { ok: false, why: 'not_asker' };
  if (!(expiresAt > (ctx.now ?? Date.now)())) return { ok: false, why: 'expired' };
  const request: OperationRequest = {
    id: c.requestId,
    pbx: c.pbx,
    key: c.op,
    args: JSON.parse(c.args.params) as Record<string, unknown>,
    requester: { userId: c.args.user, ...(c.args.team ? { teamId: c.args.team } : {}) },
    channel: c.channel,
    // The audit row says how it was asked for; the click only confirmed it.
    source: c.args.source,
  };
  if (c.args.body !== '') request.body = JSON.parse(c.args.body) as unknown;
  if (c.args.subject !== '') request.subject = c.args.subject;
  const opened: Opened = { ok: true, request, expiresAt };
  if (c.args.words !== '') opened.words = JSON.parse(c.args.words) as WriteWords;
  if (c.args.schedule !== undefined) opened.schedule = c.args.schedule;
  if (c.args.fqdn !== undefined) opened.fqdn = c.args.fqdn;
  return opened;
}

export type { Outcome };
