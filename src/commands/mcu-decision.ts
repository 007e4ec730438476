import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { type Announcement, emptySnapshot, fromRecord, MCU_UPDATE, toSnapshot } from '../mcu/desk';
import { approverRefusal, type Outcome, type Requester } from '../pipeline';
import { decisionNotice, errorMessage, failureMessage, type McuSnapshot, mcuMessage } from '../views/replies';
import { type BotContext, onPbx, type ReplyTarget } from './context';
import { replyInChannel, replyPrivately, slackError } from './reply';
import { fromStore, UNREACHABLE } from './store-step';

/**
 * Approve/Reject on an MCU request and `/3cx mcu`: a click becomes at most one UpdateMCURequestStatus call. What
 * is sent comes from the request as the PBX reported it, never from the button. A call whose fate is unknown
 * (no answer came) keeps its claim: nobody decides again until a re-read of the PBX shows how it ended, or the
 * request expires.
 */

/** How long an unknown-fate claim is held when the request names no parseable expiry. */
const UNKNOWN_HOLD_MS = 24 * 60 * 60_000;

export interface McuClick {
  announcementId: string;
  verdict: 'approved' | 'rejected';
  clicker: Requester;
  target: ReplyTarget;
  messageTs?: string | undefined;
}

/** What the poller hands over: posts a new Pending request in the MCU channel. */
export function mcuAnnouncer(client: WebClient, logger: Logger, pbx: string) {
  return (ann: Announcement, channel: string): Promise<string | undefined> =>
    replyInChannel({ client, userId: '', channel }, render(pbx, ann), logger);
}

/** `/3cx mcu`: the current request, to the invoker, read with the invoker's own permission. */
export async function showMcu(ctx: BotContext, target: ReplyTarget, requester: Requester): Promise<void> {
  const desk = ctx.mcu;
  const outcome = await desk.readFor(requester, target.channel);
  if (outcome.kind !== 'done') {
    if (outcome.kind === 'failed' || outcome.kind === 'invalid' || outcome.kind === 'denied')
      await replyPrivately(target, failureMessage(outcome), ctx.logger);
    return;
  }
  const snapshot = toSnapshot(outcome.result.data);
  if (!snapshot?.McuId) {
    await replyPrivately(
      target,
      mcuMessage({ announcementId: '', pbx: desk.pbx, request: emptySnapshot() }),
      ctx.logger,
    );
    return;
  }
  await replyPrivately(target, render(desk.pbx, await desk.remember(snapshot)), ctx.logger);
}

export async function decideMcu(anyPbx: BotContext, input: McuClick): Promise<void> {
  const { target, clicker, verdict } = input;
  const { logger: log, store } = anyPbx;
  const rec = await fromStore(
    anyPbx,
    target,
    { log: 'MCU click: the store could not be reached', decided: 'this MCU request' },
    () => store.mcuGetByAnnouncement(input.announcementId),
  );
  if (rec === UNREACHABLE) return;
  // The request names its PBX: the decision goes to that PBX's desk, whichever channel the card is in.
  const ctx = rec && anyPbx.mcuDesks.has(rec.pbx) ? onPbx(anyPbx, rec.pbx) : anyPbx;
  const desk = ctx.mcu;
  if (!rec) {
    log.warn(
      { user: clicker.userId, announcementId: input.announcementId },
      'MCU click refused: unknown request',
    );
    const text = 'This MCU request is not known to the bot any more; run /3cx mcu to see the current one.';
    await replyPrivately(target, errorMessage(text), log);
    return;
  }
  const ann = fromRecord(rec);
  const probe = desk.request(clicker, target.channel, MCU_UPDATE, undefined);
  const resolved = ctx.pipeline.resolve(probe);
  if (!resolved.ok) return;
  const denied = await ctx.pipeline.authorize(probe, resolved.operation);
  if (denied) {
    await replyPrivately(target, failureMessage(denied), log);
    return;
  }
  if (ann.decision) {
    await replyPrivately(target, decisionNotice(ann.decision), log);
    return;
  }
  // Under a two-person rule (say `approvals: [{operations: [write], …}]`) the PBX is the one asking and the
  // click is the second person's decision, so only a listed approver with a role for it may make it.
  const rule = ctx.pipeline.approvalRuleFor(resolved.operation, desk.pbx);
  if (rule) {
    const may = await ctx.pipeline.mayApprove(clicker.userId, rule.approvers, resolved.operation, desk.pbx);
    if (!may.ok) {
      log.warn({ user: clicker.userId, announcementId: ann.id }, 'MCU click refused: not an approver');
      const why =
        may.reason === 'not_listed'
          ? `${MCU_UPDATE} needs a second person under the approvals of BOT_CONFIG: only ${rule.approvers.map((id) => `<@${id}>`).join(', ')} may decide MCU requests. Nothing was sent to 3CX.`
          : approverRefusal(may, clicker.userId);
      await replyPrivately(target, errorMessage(why), log);
      return;
    }
  }
  const expires = expiryOf(ann.request);
  if (expires !== undefined && expires <= desk.now()) {
    await refresh(ctx, ann, input, true);
    const text = `This MCU request expired at ${ann.request.RequestExpiration}; nothing was sent to 3CX.`;
    await replyPrivately(target, errorMessage(text), log);
    return;
  }
  const claimed = await fromStore(
    ctx,
    target,
    { log: 'MCU click: the store could not be reached', decided: 'this MCU request' },
    () => store.mcuClaimDecision(ann.key, clicker.userId, desk.now(), desk.decidingStaleMs),
  );
  if (claimed === UNREACHABLE) return;
  if (!claimed) return heldByAnother(ctx, ann, input);
  // A claim taken over from someone (a process stopped mid-call) may hide a call that reached 3CX: look first.
  if (ann.deciding && (await settledOnPbx(ctx, ann, input, ann.deciding))) return;
  const who = clicker.name ? `${clicker.name} (${clicker.userId})` : clicker.userId;
  const body = {
    request: {
      ...ann.request,
      State: verdict === 'approved' ? 'Success' : 'Failure',
      ErrorMessage: verdict === 'rejected' ? `Rejected in Slack by ${who}` : null,
    },
  };
  let outcome: Outcome;
  try {
    outcome = await ctx.pipeline.run(
      desk.request(clicker, target.channel, MCU_UPDATE, body),
      rule ? { approval: { kind: 'claim', claimKey: ann.key } } : {},
    );
  } catch (err) {
    await store.mcuReleaseDecision(ann.key).catch(() => {});
    throw err;
  }
  if (outcome.kind === 'done') {
    ann.decision = { by: clicker.userId, verdict, at: desk.now() };
    // 3CX has the decision now: a store that cannot record it must not keep the clicker from learning so.
    await store.mcuRecordDecision(ann.key, ann.decision).catch((err: unknown) => {
      log.error({ err, announcementId: ann.id }, 'MCU decision sent to 3CX but not recorded in the store');
    });
    await refresh(ctx, ann, input, false);
    return;
  }
  if (outcome.kind === 'failed' && outcome.fateUnknown) {
    await holdUnknown(ctx, ann, clicker.userId);
    if (await settledOnPbx(ctx, ann, input, clicker.userId)) return;
    const text =
      `3CX did not answer the ${verdict === 'approved' ? 'approval' : 'rejection'} in time, so it may still be ` +
      'applying. Nobody can decide this request again until the PBX shows how it ended (the bot reads it again ' +
      'on the next click) or it expires.';
    await replyPrivately(target, errorMessage(`${failureMessage(outcome).text}\n${text}`), log);
    return;
  }
  await store.mcuReleaseDecision(ann.key).catch((err: unknown) => {
    log.error({ err, announcementId: ann.id }, 'MCU decision claim could not be released');
  });
  if (outcome.kind === 'failed' || outcome.kind === 'invalid' || outcome.kind === 'denied')
    await replyPrivately(target, failureMessage(outcome), log);
}

/** Someone else holds the claim: deciding now, or a decision whose fate is unknown. The PBX says which. */
async function heldByAnother(ctx: BotContext, ann: Announcement, input: McuClick): Promise<void> {
  const now = await fromStore(
    ctx,
    input.target,
    { log: 'MCU click: the store could not be reached', decided: 'this MCU request' },
    () => ctx.store.mcuGet(ann.key),
  );
  if (now === UNREACHABLE) return;
  if (now?.decision) {
    await replyPrivately(input.target, decisionNotice(now.decision), ctx.logger);
    return;
  }
  const holder = now?.decidingBy ?? 'someone';
  if (await settledOnPbx(ctx, ann, input, holder)) return;
  const unknown = now?.decidingAt !== undefined && now.decidingAt > ctx.mcu.now();
  const text = unknown
    ? `<@${holder}> decided this request first, but 3CX did not answer, so the first decision may still be applying. Nothing was sent to 3CX; try again in a minute (the bot reads the PBX again first).`
    : `<@${holder}> is deciding this request right now; the first decision may still be applying. Nothing was sent to 3CX.`;
  await replyPrivately(input.target, errorMessage(text), ctx.logger);
}

/**
 * Re-reads the PBX: when the request it shows has ended (Success or Failure), that is recorded as `by`'s decision
 * and shown, and the answer is true. False while it is still Pending, or when it cannot be read.
 */
async function settledOnPbx(
  ctx: BotContext,
  ann: Announcement,
  input: McuClick,
  by: string,
): Promise<boolean> {
  let current: McuSnapshot | undefined;
  try {
    current = await ctx.mcu.reread();
  } catch (err) {
    ctx.logger.warn({ err, announcementId: ann.id }, 'MCU request could not be read again');
    return false;
  }
  const same = current?.McuId === ann.request.McuId && current?.Operation === ann.request.Operation;
  if (!current || !same || (current.State !== 'Success' && current.State !== 'Failure')) return false;
  ann.decision = { by, verdict: current.State === 'Success' ? 'approved' : 'rejected', at: ctx.mcu.now() };
  await ctx.store.mcuRecordDecision(ann.key, ann.decision).catch((err: unknown) => {
    ctx.logger.error({ err, announcementId: ann.id }, 'MCU outcome read from the PBX but not recorded');
  });
  await refresh(ctx, ann, input, false);
  if (by !== input.clicker.userId)
    await replyPrivately(input.target, decisionNotice(ann.decision), ctx.logger);
  return true;
}

/**
 * Keeps the claim past the stale limit: renewed as of the request's expiry, so it is taken as abandoned only
 * after that. (The store's claim is a compare-and-set on its time; a later time is what "held" means.)
 */
async function holdUnknown(ctx: BotContext, ann: Announcement, by: string): Promise<void> {
  const until = expiryOf(ann.request) ?? ctx.mcu.now() + UNKNOWN_HOLD_MS;
  await ctx.store
    .mcuClaimDecision(ann.key, by, Math.max(until, ctx.mcu.now() + 1), 0)
    .catch((err: unknown) => {
      ctx.logger.error(
        { err, announcementId: ann.id },
        'MCU claim of an unknown-fate decision could not be held',
      );
    });
}

function expiryOf(request: McuSnapshot): number | undefined {
  const ms = request.RequestExpiration ? Date.parse(request.RequestExpiration) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

function render(pbx: string, ann: Announcement, expired = false) {
  return mcuMessage({
    announcementId: ann.id,
    pbx,
    request: ann.request,
    ...(ann.decision ? { decision: ann.decision } : {}),
    ...(expired ? { expired } : {}),
  });
}

/** Replaces the buttons with the outcome: in the channel announcement, and in the message that was clicked. */
async function refresh(
  ctx: BotContext,
  ann: Announcement,
  input: { target: ReplyTarget; messageTs?: string | undefined },
  expired: boolean,
): Promise<void> {
  const message = render(ctx.mcu.pbx, ann, expired);
  let updated = false;
  if (ann.channel && ann.ts) {
    updated = await input.target.client.chat
      .update({ channel: ann.channel, ts: ann.ts, text: message.text, blocks: message.blocks })
      .then(() => true)
      .catch((err: unknown) => {
        ctx.logger.warn({ err: slackError(err) }, 'could not update the MCU announcement');
        return false;
      });
  }
  const clickedElsewhere = !(ann.ts && input.messageTs === ann.ts && input.target.channel === ann.channel);
  // When the announcement could not be updated, the clicker still learns the outcome, privately.
  if ((clickedElsewhere && input.target.responseUrl) || !updated)
    await replyPrivately(input.target, message, ctx.logger, clickedElsewhere);
  // A decision is a write: when no channel announcement carries it (decided from a private `/3cx mcu`), the
  // channel where the button was clicked gets the record instead.
  if (!ann.ts && !expired && input.target.channel) await replyInChannel(input.target, message, ctx.logger);
}
