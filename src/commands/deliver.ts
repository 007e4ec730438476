import { operationClass } from '../api/catalogue';
import { maskSecrets, type OperationRequest, type Outcome } from '../pipeline';
import {
  approvalRequestMessage,
  confirmationMessage,
  csvFile,
  failureMessage,
  infoMessage,
  resultMessage,
  type SlackMessage,
} from '../views/replies';
import type { ChangeWords } from '../views/replies/approval';
import type { BotContext, ReplyTarget } from './context';
import type { OutputFlags } from './grammar/intent';
import { replyInChannel, replyPrivately, slackError, uploadFile } from './reply';
import { requestWords, updatesOne } from './request-words';

/**
 * Outcome → Slack, the same for every listener: writes are confirmed in the channel, reads and failures go to the
 * invoker only, and an operation waiting for a second person is announced in the channel.
 */
/** Enough direct messages for a user group of approvers; a larger group is better served by channels.approvals. */
const MAX_APPROVER_DMS = 25;

/** Each approver but the requester (members of approver user groups as last read) gets the buttons by DM. */
async function sendToApprovers(
  ctx: BotContext,
  target: ReplyTarget,
  approvers: string[],
  requesterId: string,
  message: SlackMessage,
): Promise<void> {
  const people = new Set<string>();
  for (const id of approvers) {
    for (const person of id.startsWith('S') ? ctx.groups.knownMembers(id) : [id]) people.add(person);
  }
  people.delete(requesterId);
  for (const person of [...people].slice(0, MAX_APPROVER_DMS)) {
    try {
      const dm = await target.client.conversations.open({ users: person });
      const channel = dm.channel?.id;
      if (!channel) continue;
      await target.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
    } catch (err) {
      ctx.logger.warn(
        { err: slackError(err), approver: person },
        'could not send the approval request by DM',
      );
    }
  }
}

export async function deliverOutcome(
  ctx: BotContext,
  target: ReplyTarget,
  outcome: Outcome,
  flags: OutputFlags = { json: false, file: false },
  /** The private answer replaces the message the click came from (a confirmation question). */
  replaceOriginal = false,
  /** What the request changes, read before it ran (runAndDeliver): the confirmation shows it before → after. */
  words?: ChangeWords,
): Promise<void> {
  const log = ctx.logger;
  switch (outcome.kind) {
    case 'done': {
      if (operationClass(outcome.operation) === 'write') {
        const ts = await replyInChannel(target, confirmationMessage(outcome, words?.lines), log);
        // The PBX's own record of the change follows in the confirmation's thread (src/watch/write-echo.ts).
        if (ts && ctx.echo) {
          const { request } = outcome;
          await ctx.echo.afterWrite({
            requestId: request.id,
            pbx: request.pbx,
            channel: target.channel,
            ts,
            at: Date.now(),
          });
        }
        return;
      }
      // Reads show what 3CX answered, less anything named like a secret (AuthPassword, VMPin, LicenseKey …).
      outcome = { ...outcome, result: { ...outcome.result, data: maskSecrets(outcome.result.data) } };
      const data = outcome.result.data as { value?: unknown } | undefined;
      if (flags.file && Array.isArray(data?.value)) {
        await uploadFile(target, csvFile(outcome.operation.key, data.value), log);
        return;
      }
      const resultId =
        outcome.operation.response.kind === 'collection'
          ? ctx.pages.keep(target.userId, outcome, flags.json)
          : undefined;
      const reply = resultMessage(outcome, { json: flags.json, page: 0, ...(resultId ? { resultId } : {}) });
      if ('file' in reply) await uploadFile(target, reply.file, log);
      else await replyPrivately(target, reply, log, replaceOriginal);
      return;
    }
    case 'needs_approval': {
      // The card names the object and each change current → new, read now if not read before the run.
      const said = words ?? (await requestWords(ctx, outcome.operation, outcome.request));
      const request = approvalRequestMessage(outcome, said);
      const channel = ctx.approvalsChannel;
      let where = `in <#${channel}>`;
      if (channel) {
        await replyInChannel({ ...target, channel }, request, log);
      } else {
        // Asked in a DM, or where the bot could not post, no approver may see it: each one gets it by DM. (In a
        // channel where it was posted the approvers can decide there; copies would only go stale.)
        const posted = await replyInChannel(target, request, log);
        const direct = !posted || /^[DG]/.test(target.channel);
        if (direct)
          await sendToApprovers(ctx, target, outcome.approvers, outcome.request.requester.userId, request);
        where = direct ? 'here and in a direct message to each approver' : 'in the channel for an approver';
      }
      await replyPrivately(
        target,
        infoMessage(`${outcome.operation.key} needs a second person: the request is waiting ${where}.`),
        log,
        replaceOriginal,
      );
      return;
    }
    case 'failed':
    case 'invalid':
    case 'denied':
      await replyPrivately(target, failureMessage(outcome), log, replaceOriginal);
      return;
  }
}

/**
 * Runs a request and answers it. A write that changes one object's fields is read first, so its channel
 * confirmation (or its approval card) shows each field before → after (DESIGN §4).
 */
export async function runAndDeliver(
  ctx: BotContext,
  target: ReplyTarget,
  request: OperationRequest,
  flags?: OutputFlags,
): Promise<void> {
  const op = ctx.pipeline.catalogueOf(request.pbx).get(request.key);
  // Read only when the write could run: a denied or malformed request is refused without asking the PBX.
  const words =
    op && updatesOne(ctx, op, request.pbx) && (await ctx.pipeline.check(request)).ok
      ? await requestWords(ctx, op, request)
      : undefined;
  await deliverOutcome(ctx, target, await ctx.pipeline.run(request), flags, false, words);
}
