import { z } from 'zod';
import type { Operation } from '../api/catalogue';
import { maskSecrets, type OperationRequest, type Outcome } from '../pipeline';
import { errorMessage, failureMessage, LIMITS } from '../views/replies';
import { confirmQuestion } from '../views/replies/confirm';
import type { WriteWords } from '../views/replies/entity-write';
import type { BotContext, ReplyTarget } from './context';
import { replyPrivately } from './reply';

/**
 * DESIGN §4's dangerous writes first say what will happen, by name, with Confirm/Cancel. Only the person who
 * asked may confirm, once (a durable claim), within five minutes; the request travels in the buttons, sealed like
 * the forms, so any replica can run it and nothing else. Confirmation comes before any approval rule: the
 * pipeline runs the confirmed request as if just asked.
 */

export const CONFIRM_WINDOW_MS = 5 * 60_000;

const NAMED = new Set(['Restore', 'RestartOperatingSystem', 'SetMultiCompanyMode', 'DropCall']);

/** By rule from the catalogue: every DELETE, Restart*, Purge*, Reset*, and the named few. */
export function isDangerous(op: Pick<Operation, 'method' | 'operationId'>): boolean {
  if (op.method === 'DELETE') return true;
  return /^(Restart|Purge|Reset)/.test(op.operationId) || NAMED.has(op.operationId);
}

/** The generic question: the operation, its PBX and what it is given, masked. */
export function dangerQuestion(op: Operation, request: OperationRequest): string {
  const params = Object.entries(maskSecrets(request.args) as Record<string, unknown>).map(
    ([k, v]) => `${k}=${String(v)}`,
  );
  const body =
    request.body === undefined
      ? ''
      : ` with ${typeof request.body === 'string' ? request.body : JSON.stringify(maskSecrets(request.body))}`;
  const args = params.length > 0 ? ` ${params.join(' ')}` : '';
  if (request.subject && op.method === 'DELETE')
    return `Delete ${request.subject} (${op.key}${args}) on ${request.pbx}`;
  const subject = request.subject ? ` on ${request.subject}` : '';
  return `Run ${op.key}${args}${subject}${body} on ${request.pbx}`;
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
    source: z.enum(['command', 'modal', 'button', 'poller']),
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
  const now = (ctx.now ?? Date.now)();
  const expiresAt = now + CONFIRM_WINDOW_MS;
  const { request } = item;
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
  await replyPrivately(target, confirmQuestion(item.question, value, expiresAt), ctx.logger);
}

export type Opened =
  | { ok: true; request: OperationRequest; words?: WriteWords; expiresAt: number }
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
  return opened;
}

export type { Outcome };
