import type { App } from '@slack/bolt';
import type { ValidationIssue } from '../../api/validation';
import { decodeMetadata, readSubmission } from '../../views/modal';
import { errorMessage, failureMessage } from '../../views/replies';
import { confirmFirst } from '../confirm';
import { type BotContext, onNamedPbx, type ReplyTarget } from '../context';
import { deliverOutcome } from '../deliver';
import { answerPrefilled } from '../form-preview';
import { makeRequest } from '../intent-handler';
import { claimOnce, STORE_UNAVAILABLE, viewKey } from '../once';
import { viewSubmissionPayload } from '../payloads';
import { replyPrivately } from '../reply';

/**
 * A submitted operation form. Field errors go back under the field (`response_action: errors`) before the modal
 * closes, when the check can tell at once; the permission check runs again for the submitter; the 3CX call runs
 * after the ack.
 */
export function registerModalSubmission(app: App, bot: BotContext): void {
  app.view('op_modal', async ({ ack, body, client }) => {
    const parsed = viewSubmissionPayload.safeParse(body);
    const meta = parsed.success ? decodeMetadata(parsed.data.view.private_metadata) : undefined;
    // The form names its PBX (sealed with the rest): the submission goes to that PBX, whichever it is.
    const ctx = onNamedPbx(bot, meta?.pbx);
    const op = meta && ctx ? ctx.catalogue.get(meta.op) : undefined;
    if (!parsed.success || !meta || !op || !ctx) {
      bot.logger.warn('modal submission refused: payload or metadata not ours');
      await ack({
        response_action: 'errors',
        errors: { advanced_json: 'This form is no longer valid; run the command again.' },
      });
      return;
    }
    const userId = parsed.data.user.id;
    if (!ctx.forms.verify(meta)) {
      ctx.logger.warn(
        { user: userId, op: meta.op, channel: meta.channel, viewId: parsed.data.view.id },
        'modal submission refused: the form was not issued by the bot, or was altered',
      );
      await ack({
        response_action: 'errors',
        errors: { advanced_json: 'This form is no longer valid; run the command again.' },
      });
      return;
    }
    const values = parsed.data.view.state.values;
    const requester = { userId, ...(parsed.data.user.team_id ? { teamId: parsed.data.user.team_id } : {}) };
    // A form filled with today's values sends only what changed, and shows it before it runs.
    if (meta.prefill !== undefined) {
      const who = { requester, channel: meta.channel };
      const answer = answerPrefilled(ctx, op, { ...meta, prefill: meta.prefill }, values, who);
      if (answer.kind === 'errors') {
        await ack({ response_action: 'errors', errors: onThisPage(answer.errors, values) });
        return;
      }
      await ack({ response_action: 'push', view: answer.view });
      await answer.after?.(client);
      return;
    }
    const read = readSubmission(ctx.catalogue, op, values, undefined, meta);
    if ('errors' in read) {
      await ack({ response_action: 'errors', errors: onThisPage(read.errors, values) });
      return;
    }
    const request = makeRequest(
      ctx,
      { requester, channel: meta.channel },
      op.key,
      read.args,
      read.body,
      'modal',
    );
    // Field errors go under the fields only when the check answers at once; one that has to wait (on anything
    // remote) must not hold the ack, so the person then hears the outcome privately after the form closes.
    const checking = ctx.pipeline.check(request);
    const quick = await settledWithin(checking, QUICK_CHECK_MS);
    if (quick !== LATE && !quick.ok && quick.outcome.kind === 'invalid') {
      await ack({
        response_action: 'errors',
        errors: onThisPage(issuesToErrors(quick.outcome.issues, values), values),
      });
      return;
    }
    // The "More fields" page closes the whole form: the first page was sent with it.
    await ack(meta.carried ? { response_action: 'clear' } : undefined);
    const target: ReplyTarget = { client, userId, channel: meta.channel };
    const checked = quick === LATE ? await checking : quick;
    if (!checked.ok) {
      const { outcome } = checked;
      if (outcome.kind === 'denied' || outcome.kind === 'invalid')
        await replyPrivately(target, failureMessage(outcome), ctx.logger);
      return;
    }
    const claimed = await claimOnce(ctx, viewKey(parsed.data));
    if (claimed === 'duplicate') return;
    if (claimed === 'unavailable') {
      await replyPrivately(target, errorMessage(STORE_UNAVAILABLE), ctx.logger);
      return;
    }
    // Dangerous (built in or by BOT_CONFIG's confirm:): the asker confirms first, as from a command; nothing ran yet.
    if (await confirmFirst(ctx, target, op, request)) return;
    await deliverOutcome(ctx, target, await ctx.pipeline.run(request));
  });
}

/**
 * Slack refuses errors for blocks the submitted view does not have: on the "More fields" page a problem with a
 * field of the first page is told under this page's first input, naming the field.
 */
function onThisPage(errors: Record<string, string>, values: Record<string, unknown>): Record<string, string> {
  const here = Object.keys(values);
  const first = here[0];
  const out: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const [block, message] of Object.entries(errors)) {
    if (here.includes(block) || !first) out[block] = message;
    else elsewhere.push(message);
  }
  if (first && elsewhere.length > 0) {
    const text = `On the first page (press Back): ${elsewhere.join('; ')}`;
    out[first] = out[first] ? `${out[first]}; ${text}` : text;
  }
  return out;
}

/** How long a submission's check may take before the ack stops waiting for it (Slack allows 3 s in all). */
export const QUICK_CHECK_MS = 1_000;
const LATE = Symbol('late');

async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Maps validation fields (`licenseParams.Email`, `Name`) to the form's block ids, or the JSON box as a last resort. */
function issuesToErrors(issues: ValidationIssue[], values: Record<string, unknown>): Record<string, string> {
  const blocks = Object.keys(values);
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const block =
      blocks.find((b) => b === `body:${issue.field}` || b === `param:${issue.field}`) ??
      blocks.find(
        (b) => b.endsWith(`:${issue.field}`) || issue.field.startsWith(b.replace(/^(body|param):/, '')),
      ) ??
      (blocks.includes('advanced_json') ? 'advanced_json' : blocks[0]);
    if (block && !errors[block]) errors[block] = issue.message;
  }
  return errors;
}
