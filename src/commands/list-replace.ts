import type { Operation } from '../api/catalogue';
import type { OperationRequest } from '../pipeline';
import { fieldLabel } from '../views/modal';
import { listDelta, namesOf } from '../words/lists';
import { askToConfirm } from './confirm';
import type { BotContext, ReplyTarget } from './context';
import { prefillPlan, readCurrent, subjectPhrase } from './prefill';
import { bodyObject } from './request-words';

/**
 * A PATCH whose body holds a whole list (`api Queues.UpdateQueue Id=1 {"Agents":[]}`) replaces the list 3CX keeps:
 * every member left out goes. So the command names who would be removed and asks, with Confirm/Cancel, before
 * anything is sent (DESIGN §4: "a PATCH that replaces a whole list"). A list that only grows runs at once.
 */

/** True when the person was asked (nothing ran); false when the request may run now. */
export async function confirmListReplacement(
  ctx: BotContext,
  target: ReplyTarget,
  op: Operation,
  request: OperationRequest,
): Promise<boolean> {
  const body = bodyObject(request.body);
  const lists = body ? Object.keys(body).filter((k) => Array.isArray(body[k])) : [];
  if (!body || lists.length === 0) return false;
  const args = Object.fromEntries(Object.entries(request.args).map(([k, v]) => [k, String(v)]));
  const plan = prefillPlan(ctx.catalogue, op, args);
  if (!plan) return false;
  const who = { requester: request.requester, channel: request.channel };
  const current = await readCurrent(ctx, who, plan, args);
  const subject = current.ok ? subjectPhrase(plan, current.object) : undefined;
  const lines: string[] = [];
  const losing: string[] = [];
  for (const key of lists) {
    const label = fieldLabel(key);
    if (!current.ok) {
      // Who would go cannot be said: asked all the same, since the whole list is replaced.
      losing.push(`${label}: the current list could not be read`);
      continue;
    }
    const delta = listDelta(current.object[key], body[key]);
    if (!delta || delta.removed.length === 0) continue;
    losing.push(`${label}: removes ${namesOf(delta.removed)}; keeps ${namesOf(delta.kept)}`);
    const added = delta.added.length > 0 ? `; added ${namesOf(delta.added)}` : '';
    lines.push(`${label}: removed ${namesOf(delta.removed)}${added}`);
  }
  if (losing.length === 0) return false;
  if (subject && !request.subject) request.subject = subject;
  const what = subject ?? op.key;
  await askToConfirm(ctx, target, {
    request,
    question: `Replace a whole list of ${what} on ${request.pbx}. ${losing.join('. ')}`,
    words: { done: `Updated ${what}`, tried: `update ${what}`, lines },
  });
  return true;
}
