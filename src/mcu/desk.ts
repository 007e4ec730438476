import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { XapiClient } from '../api/client';
import type { ReplyTarget } from '../commands/context';
import { replyInChannel, replyPrivately, slackError } from '../commands/reply';
import type { OperationRequest, Pipeline, Requester } from '../pipeline';
import { MCU_DECIDING_STALE_MS, type McuRecord, type Store } from '../store';
import {
  decisionNotice,
  errorMessage,
  failureMessage,
  type McuSnapshot,
  mcuMessage,
  mention,
} from '../views/replies';

/**
 * The MCU approval desk: announces a Pending MCU request once, and turns an Approve/Reject click into exactly one
 * UpdateMCURequestStatus call. What is sent to 3CX comes from the request as the PBX reported it, never from the
 * button's payload. Announcements and decisions live in the store, so a restart (or a second replica) neither
 * announces a request again nor forgets who decided it.
 */

const UNREACHABLE = Symbol('store unreachable');

/** Only one process posts a new announcement; if its post fails, another may try after this long. */
const ANNOUNCE_CLAIM_MS = 5 * 60_000;

const READ = 'ConferenceSettings.GetMCURequestStatus';
const UPDATE = 'ConferenceSettings.UpdateMCURequestStatus';

const snapshotShape = z
  .object({
    McuId: z.string().nullable().optional(),
    Operation: z.string().nullable().optional(),
    State: z.string().nullable().optional(),
    RequestExpiration: z.string().nullable().optional(),
    ErrorMessage: z.string().nullable().optional(),
  })
  .loose();

interface Announcement {
  key: string;
  id: string;
  request: McuSnapshot;
  channel?: string;
  ts?: string;
  deciding?: string;
  decision?: { by: string; verdict: 'approved' | 'rejected'; at: number };
}

export interface McuDeskOptions {
  pbx: string;
  client: XapiClient;
  pipeline: Pipeline;
  store: Store;
  slack: WebClient;
  channel?: string;
  logger: Logger;
  newRequestId: () => string;
  now?: () => number;
  /** THREECX_TIMEOUT_MS: how long the decision's 3CX call may take, so its claim is not taken as abandoned. */
  callTimeoutMs?: number;
}

export class McuDesk {
  private readonly now: () => number;
  /**
   * A decision's call may take the 3CX timeout four times over: a token, the call, and after a 401 a new token and
   * the one retry. A claim is taken as abandoned only a minute after that, and never sooner than the store's
   * default.
   */
  private readonly decidingStaleMs: number;

  constructor(private readonly options: McuDeskOptions) {
    this.now = options.now ?? Date.now;
    this.decidingStaleMs = Math.max(MCU_DECIDING_STALE_MS, 4 * (options.callTimeoutMs ?? 0) + 60_000);
  }

  /** One poll: read the current request and announce it in the MCU channel if it is Pending and new. */
  async poll(): Promise<void> {
    const channel = this.options.channel;
    if (!channel) return;
    const answer = await this.options.client.call(READ);
    const snapshot = toSnapshot(answer.data);
    if (snapshot?.State !== 'Pending' || !snapshot.McuId) return;
    const ann = await this.remember(snapshot);
    if (ann.ts || ann.decision) return;
    const store = this.options.store;
    if (!(await store.claim(`mcu-announce:${ann.key}`, ANNOUNCE_CLAIM_MS, this.now()))) return;
    const target: ReplyTarget = { client: this.options.slack, userId: '', channel };
    const ts = await replyInChannel(target, this.render(ann), this.options.logger);
    if (ts) await store.mcuPut({ ...toRecord(ann, this.options.pbx), channel, ts });
  }

  /** `/3cx mcu`: the current request, to the invoker, read with the invoker's own permission. */
  async showTo(target: ReplyTarget, requester: Requester): Promise<void> {
    const outcome = await this.options.pipeline.run(this.request(requester, target.channel, READ, undefined));
    if (outcome.kind !== 'done') {
      if (outcome.kind === 'failed' || outcome.kind === 'invalid' || outcome.kind === 'denied') {
        await replyPrivately(target, failureMessage(outcome), this.options.logger);
      }
      return;
    }
    const snapshot = toSnapshot(outcome.result.data);
    if (!snapshot?.McuId) {
      await replyPrivately(
        target,
        mcuMessage({ announcementId: '', pbx: this.options.pbx, request: emptySnapshot() }),
        this.options.logger,
      );
      return;
    }
    const ann = await this.remember(snapshot);
    await replyPrivately(target, this.render(ann), this.options.logger);
  }

  async decide(input: {
    announcementId: string;
    verdict: 'approved' | 'rejected';
    clicker: Requester;
    target: ReplyTarget;
    messageTs?: string;
  }): Promise<void> {
    const { target, clicker, verdict } = input;
    const log = this.options.logger;
    const store = this.options.store;
    const rec = await this.fromStore(target, () => store.mcuGetByAnnouncement(input.announcementId));
    if (rec === UNREACHABLE) return;
    const ann = rec ? fromRecord(rec) : undefined;
    if (!ann) {
      log.warn(
        { user: clicker.userId, announcementId: input.announcementId },
        'MCU click refused: unknown request',
      );
      await replyPrivately(
        target,
        errorMessage(
          'This MCU request is not known to the bot any more; run /3cx mcu to see the current one.',
        ),
        log,
      );
      return;
    }
    const probe = this.request(clicker, target.channel, UPDATE, undefined);
    const resolved = this.options.pipeline.resolve(probe);
    if (!resolved.ok) return;
    const denied = await this.options.pipeline.authorize(probe, resolved.operation);
    if (denied) {
      await replyPrivately(target, failureMessage(denied), log);
      return;
    }
    if (ann.decision) {
      await replyPrivately(target, decisionNotice(ann.decision), log);
      return;
    }
    // Under a two-person rule (say `approvals: [{operations: [write], …}]`) the PBX is the one asking and the
    // click is the second person's decision, so only a listed approver may make it; it then runs as approved.
    const rule = await this.options.pipeline.approverOf(probe, resolved.operation);
    if (rule && !rule.isApprover) {
      log.warn({ user: clicker.userId, announcementId: ann.id }, 'MCU click refused: not a listed approver');
      const who = rule.approvers.map(mention).join(', ');
      await replyPrivately(
        target,
        errorMessage(
          `${UPDATE} needs a second person under the approvals of BOT_CONFIG: only ${who} may decide MCU ` +
            'requests. Nothing was sent to 3CX.',
        ),
        log,
      );
      return;
    }
    const expires = ann.request.RequestExpiration ? Date.parse(ann.request.RequestExpiration) : Number.NaN;
    if (Number.isFinite(expires) && expires <= this.now()) {
      await this.refresh(ann, input, true);
      await replyPrivately(
        target,
        errorMessage(
          `This MCU request expired at ${ann.request.RequestExpiration}; nothing was sent to 3CX.`,
        ),
        log,
      );
      return;
    }
    const claimed = await this.fromStore(target, () =>
      store.mcuClaimDecision(ann.key, clicker.userId, this.now(), this.decidingStaleMs),
    );
    if (claimed === UNREACHABLE) return;
    if (!claimed) {
      const now = await this.fromStore(target, () => store.mcuGet(ann.key));
      if (now === UNREACHABLE) return;
      if (now?.decision) await replyPrivately(target, decisionNotice(now.decision), log);
      else
        await replyPrivately(
          target,
          errorMessage(`<@${now?.decidingBy ?? 'someone'}> is deciding this request right now.`),
          log,
        );
      return;
    }
    const who = clicker.name ? `${clicker.name} (${clicker.userId})` : clicker.userId;
    const body = {
      request: {
        ...ann.request,
        State: verdict === 'approved' ? 'Success' : 'Failure',
        ErrorMessage: verdict === 'rejected' ? `Rejected in Slack by ${who}` : null,
      },
    };
    let outcome: Awaited<ReturnType<Pipeline['run']>>;
    try {
      outcome = await this.options.pipeline.run(
        this.request(clicker, target.channel, UPDATE, body),
        rule ? { approvedBy: clicker.userId } : {},
      );
    } catch (err) {
      await this.options.store.mcuReleaseDecision(ann.key).catch(() => {});
      throw err;
    }
    if (outcome.kind === 'done') {
      ann.decision = { by: clicker.userId, verdict, at: this.now() };
      // 3CX has the decision now: a store that cannot record it must not keep the clicker from learning so.
      await this.options.store.mcuRecordDecision(ann.key, ann.decision).catch((err: unknown) => {
        log.error({ err, announcementId: ann.id }, 'MCU decision sent to 3CX but not recorded in the store');
      });
      await this.refresh(ann, input, false);
      return;
    }
    await this.options.store.mcuReleaseDecision(ann.key).catch((err: unknown) => {
      log.error({ err, announcementId: ann.id }, 'MCU decision claim could not be released');
    });
    if (outcome.kind === 'failed' || outcome.kind === 'invalid' || outcome.kind === 'denied') {
      await replyPrivately(target, failureMessage(outcome), log);
    }
  }

  /** A store step before anything reaches 3CX; when it fails the clicker is told, and nothing is sent. */
  private async fromStore<T>(target: ReplyTarget, step: () => Promise<T>): Promise<T | typeof UNREACHABLE> {
    try {
      return await step();
    } catch (err) {
      this.options.logger.error({ err, user: target.userId }, 'MCU click: the store could not be reached');
      const text =
        'The bot cannot reach its database, so this MCU request could not be decided; nothing was sent to 3CX. ' +
        'Try again in a minute; if it persists, ask an admin to check DATABASE_URL and the database server.';
      await replyPrivately(target, errorMessage(text), this.options.logger);
      return UNREACHABLE;
    }
  }

  private request(requester: Requester, channel: string, key: string, body: unknown): OperationRequest {
    const request: OperationRequest = {
      id: this.options.newRequestId(),
      pbx: this.options.pbx,
      key,
      args: {},
      requester,
      channel,
      source: 'button',
    };
    if (body !== undefined) request.body = body;
    return request;
  }

  /** Stores the request as last seen (the first sighting fixes the announcement id) and answers what is stored. */
  private async remember(snapshot: McuSnapshot): Promise<Announcement> {
    const pbx = this.options.pbx;
    const key = `${pbx}|${snapshot.McuId}|${snapshot.RequestExpiration ?? ''}|${snapshot.Operation ?? ''}`;
    const known = await this.options.store.mcuGet(key);
    // A decided request keeps the snapshot it was decided on.
    if (known?.decision) return fromRecord(known);
    const stored = await this.options.store.mcuPut({
      key,
      announcementId: known?.announcementId ?? randomUUID(),
      pbx,
      request: snapshot,
    });
    return fromRecord(stored);
  }

  private render(ann: Announcement, expired = false) {
    return mcuMessage({
      announcementId: ann.id,
      pbx: this.options.pbx,
      request: ann.request,
      ...(ann.decision ? { decision: ann.decision } : {}),
      ...(expired ? { expired } : {}),
    });
  }

  /** Replaces the buttons with the outcome: in the channel announcement, and in the message that was clicked. */
  private async refresh(
    ann: Announcement,
    input: { target: ReplyTarget; messageTs?: string },
    expired: boolean,
  ): Promise<void> {
    const message = this.render(ann, expired);
    let updated = false;
    if (ann.channel && ann.ts) {
      updated = await this.options.slack.chat
        .update({ channel: ann.channel, ts: ann.ts, text: message.text, blocks: message.blocks })
        .then(() => true)
        .catch((err: unknown) => {
          this.options.logger.warn({ err: slackError(err) }, 'could not update the MCU announcement');
          return false;
        });
    }
    const clickedElsewhere = !(ann.ts && input.messageTs === ann.ts && input.target.channel === ann.channel);
    // When the announcement could not be updated, the clicker still learns the outcome, privately.
    if ((clickedElsewhere && input.target.responseUrl) || !updated)
      await replyPrivately(input.target, message, this.options.logger, clickedElsewhere);
    // A decision is a write: when no channel announcement carries it (decided from a private `/3cx mcu`), the
    // channel where the button was clicked gets the record instead.
    if (!ann.ts && !expired && input.target.channel)
      await replyInChannel(input.target, message, this.options.logger);
  }
}

function fromRecord(rec: McuRecord): Announcement {
  const ann: Announcement = {
    key: rec.key,
    id: rec.announcementId,
    request: toSnapshot(rec.request) ?? emptySnapshot(),
  };
  if (rec.channel) ann.channel = rec.channel;
  if (rec.ts) ann.ts = rec.ts;
  if (rec.decidingBy) ann.deciding = rec.decidingBy;
  if (rec.decision) ann.decision = rec.decision;
  return ann;
}

function toRecord(ann: Announcement, pbx: string): McuRecord {
  return { key: ann.key, announcementId: ann.id, pbx, request: ann.request };
}

function toSnapshot(data: unknown): McuSnapshot | undefined {
  const parsed = snapshotShape.safeParse(data);
  if (!parsed.success) return undefined;
  const d = parsed.data;
  return {
    McuId: d.McuId ?? null,
    Operation: d.Operation ?? null,
    State: d.State ?? null,
    RequestExpiration: d.RequestExpiration ?? null,
    ErrorMessage: d.ErrorMessage ?? null,
  };
}

function emptySnapshot(): McuSnapshot {
  return { McuId: null, Operation: null, State: null, RequestExpiration: null, ErrorMessage: null };
}
