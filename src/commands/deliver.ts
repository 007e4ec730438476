import { operationClass } from '../api/catalogue';
import { maskSecrets, type Outcome } from '../pipeline';
import {
  approvalRequestMessage,
  confirmationMessage,
  csvFile,
  failureMessage,
  infoMessage,
  resultMessage,
} from '../views/replies';
import type { BotContext, ReplyTarget } from './context';
import type { OutputFlags } from './grammar/intent';
import { replyInChannel, replyPrivately, uploadFile } from './reply';

/**
 * Outcome → Slack, the same for every listener: writes are confirmed in the channel, reads and failures go to the
 * invoker only, and an operation waiting for a second person is announced in the channel.
 */
export async function deliverOutcome(
  ctx: BotContext,
  target: ReplyTarget,
  outcome: Outcome,
  flags: OutputFlags = { json: false, file: false },
): Promise<void> {
  const log = ctx.logger;
  switch (outcome.kind) {
    case 'done': {
      if (operationClass(outcome.operation) === 'write') {
        const ts = await replyInChannel(target, confirmationMessage(outcome), log);
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
      else await replyPrivately(target, reply, log);
      return;
    }
    case 'needs_approval':
      await replyInChannel(target, approvalRequestMessage(outcome), log);
      await replyPrivately(
        target,
        infoMessage(
          `${outcome.operation.key} needs a second person: the request is waiting in the channel for an approver.`,
        ),
        log,
      );
      return;
    case 'failed':
    case 'invalid':
    case 'denied':
      await replyPrivately(target, failureMessage(outcome), log);
      return;
  }
}
