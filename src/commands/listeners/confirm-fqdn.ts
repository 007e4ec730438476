import type { App } from '@slack/bolt';
import { errorMessage } from '../../views/replies';
import { FQDN_ACTION, FQDN_BLOCK, FQDN_CALLBACK, fqdnModal } from '../../views/replies/confirm';
import { dangerQuestion, type Opened, openConfirmation } from '../confirm';
import type { BotContext, ReplyTarget } from '../context';
import { claimOnce, STORE_UNAVAILABLE } from '../once';
import { viewSubmissionPayload } from '../payloads';
import { replyPrivately, slackError } from '../reply';
import type { Click } from './click';
import { ALREADY_ANSWERED, REFUSED, runConfirmed } from './confirmed';

/**
 * The worst operations (RestartOperatingSystem, Restore, Purge*) are confirmed by typing the PBX's FQDN: Confirm
 * opens a form, and only its submission with the FQDN the PBX gave when the question was asked runs the request,
 * for the asker, once, within the question's five minutes. A wrong FQDN is told under the field and runs nothing.
 *
 * The form carries the Confirm button's sealed value unchanged (it is checked again on submission, as on a click)
 * and where to answer the question, sealed with it: `<seal>.<response_url>` on the first line, the value after.
 */

type Confirmed = Extract<Opened, { ok: true }>;

function metaSeal(ctx: BotContext, opened: Confirmed, value: string, responseUrl: string): string {
  const { request } = opened;
  return ctx.forms.seal({
    op: FQDN_CALLBACK,
    channel: request.channel,
    requestId: request.id,
    pbx: request.pbx,
    args: { value, responseUrl },
  });
}

/** Opens the form at once with the click's trigger_id (it lives 3 s); nothing is claimed or run here. */
export async function openFqdnForm(ctx: BotContext, click: Click, opened: Confirmed): Promise<void> {
  const { request } = opened;
  const responseUrl = click.target.responseUrl ?? '';
  const metadata = `${metaSeal(ctx, opened, click.value, responseUrl)}.${responseUrl}\n${click.value}`;
  const op = ctx.pipeline.catalogueOf(request.pbx).get(request.key);
  const question = op ? dangerQuestion(op, request) : request.key;
  const triggerId = click.payload.trigger_id;
  try {
    if (!triggerId) throw new Error('no trigger_id');
    await click.target.client.views.open({
      trigger_id: triggerId,
      view: fqdnModal(question, request.pbx, opened.fqdn ?? '', metadata),
    });
  } catch (err) {
    ctx.logger.warn({ err: slackError(err), requestId: request.id }, 'the FQDN form could not be opened');
    const text = `The form to type the FQDN in could not be opened (Slack said ${slackError(err)}); nothing was run. Press Confirm again.`;
    await replyPrivately(click.target, errorMessage(text), ctx.logger);
  }
}

/** `<seal>.<response_url>\n<value>` → its parts; undefined for anything else. */
function readMetadata(text: string): { seal: string; responseUrl: string; value: string } | undefined {
  const newline = text.indexOf('\n');
  const dot = text.indexOf('.');
  if (newline < 0 || dot < 0 || dot > newline) return undefined;
  return {
    seal: text.slice(0, dot),
    responseUrl: text.slice(dot + 1, newline),
    value: text.slice(newline + 1),
  };
}

/** What the person typed, as Slack gives it back. */
function typedOf(values: Record<string, Record<string, unknown>>): string {
  const input = values[FQDN_BLOCK]?.[FQDN_ACTION] as { value?: unknown } | undefined;
  return typeof input?.value === 'string' ? input.value : '';
}

/** Hostnames compare without case; spaces around what was typed do not count. */
export function sameFqdn(typed: string, fqdn: string): boolean {
  return fqdn !== '' && typed.trim().toLowerCase() === fqdn.trim().toLowerCase();
}

export function registerConfirmFqdn(app: App, ctx: BotContext): void {
  app.view(FQDN_CALLBACK, async ({ ack, body, client }) => {
    const refuse = (message: string) => ack({ response_action: 'errors', errors: { [FQDN_BLOCK]: message } });
    const parsed = viewSubmissionPayload.safeParse(body);
    const meta = parsed.success ? readMetadata(parsed.data.view.private_metadata) : undefined;
    if (!parsed.success || !meta) {
      ctx.logger.warn('FQDN confirmation refused: payload or metadata not ours');
      await refuse(REFUSED.forged);
      return;
    }
    const userId = parsed.data.user.id;
    const opened = openConfirmation(ctx, meta.value, userId);
    if (!opened.ok || opened.fqdn === undefined) {
      const why = opened.ok ? 'forged' : opened.why;
      ctx.logger.warn({ user: userId, why }, 'FQDN confirmation refused');
      await refuse(REFUSED[why]);
      return;
    }
    const { request } = opened;
    const sealed = { op: FQDN_CALLBACK, channel: request.channel, requestId: request.id, pbx: request.pbx };
    if (
      !ctx.forms.verify({
        ...sealed,
        args: { value: meta.value, responseUrl: meta.responseUrl },
        seal: meta.seal,
      })
    ) {
      ctx.logger.warn({ user: userId, requestId: request.id }, 'FQDN confirmation refused: metadata altered');
      await refuse(REFUSED.forged);
      return;
    }
    if (!sameFqdn(typedOf(parsed.data.view.state.values), opened.fqdn)) {
      ctx.logger.warn({ user: userId, requestId: request.id }, 'FQDN confirmation refused: wrong FQDN typed');
      await refuse(
        `That is not the FQDN of PBX ${request.pbx}; nothing was run. Type ${opened.fqdn} exactly, or Cancel.`,
      );
      return;
    }
    // The same durable claim as the buttons': Cancel, a second submission or another replica run nothing more.
    const claimed = await claimOnce(ctx, `confirm:${request.id}`);
    if (claimed !== 'first') {
      await refuse(claimed === 'duplicate' ? ALREADY_ANSWERED : STORE_UNAVAILABLE);
      return;
    }
    await ack();
    const target: ReplyTarget = {
      client,
      userId,
      channel: request.channel,
      ...(meta.responseUrl ? { responseUrl: meta.responseUrl } : {}),
    };
    await runConfirmed(ctx, target, opened);
  });
}
