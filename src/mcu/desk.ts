import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { XapiClient } from '../api/client';
import type { ReplyTarget } from '../commands/context';
import { replyInChannel, replyPrivately, slackError } from '../commands/reply';
import type { OperationRequest, Pipeline, Requester } from '../pipeline';
import { decisionNotice, errorMessage, failureMessage, type McuSnapshot, mcuMessage } from '../views/replies';

/**
 * The MCU approval desk: announces a Pending MCU request once, and turns an Approve/Reject click into exactly one
 * UpdateMCURequestStatus call. What is sent to 3CX comes from the request as the PBX reported it, never from the
 * button's payload.
 */

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
  id: string;
  request: McuSnapshot;
  channel?: string;
  ts?: string;
  deciding?: string;
  decision?: { by: string; verdict: 'approved' | 'rejected'; at: number; failed?: string };
}

export interface McuDeskOptions {
  pbx: string;
  client: XapiClient;
  pipeline: Pipeline;
  slack: WebClient;
  channel?: string;
  logger: Logger;
  newRequestId: () => string;
  now?: () => number;
}

export class McuDesk {
  private readonly announcements = new Map<string, Announcement>();
  private readonly byRequest = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly options: McuDeskOptions) {
    this.now = options.now ?? Date.now;
  }

  /** One poll: read the current request and announce it in the MCU channel if it is Pending and new. */
  async poll(): Promise<void> {
    const channel = this.options.channel;
    if (!channel) return;
    const answer = await this.options.client.call(READ);
    const snapshot = toSnapshot(answer.data);
    if (snapshot?.State !== 'Pending' || !snapshot.McuId) return;
    const ann = this.remember(snapshot);
    if (ann.ts || ann.decision) return;
    ann.channel = channel;
    const target: ReplyTarget = { client: this.options.slack, userId: '', channel };
    ann.ts = await replyInChannel(target, this.render(ann), this.options.logger);
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
    const ann = this.remember(snapshot);
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
    const ann = this.announcements.get(input.announcementId);
    if (!ann) {
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
    if (ann.deciding) {
      await replyPrivately(
        target,
        errorMessage(`<@${ann.deciding}> is deciding this request right now.`),
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
    ann.deciding = clicker.userId;
    const who = clicker.name ? `${clicker.name} (${clicker.userId})` : clicker.userId;
    const body = {
      request: {
        ...ann.request,
        State: verdict === 'approved' ? 'Success' : 'Failure',
        ErrorMessage: verdict === 'rejected' ? `Rejected in Slack by ${who}` : null,
      },
    };
    const outcome = await this.options.pipeline.run(this.request(clicker, target.channel, UPDATE, body));
    ann.deciding = undefined;
    if (outcome.kind === 'done') {
      ann.decision = { by: clicker.userId, verdict, at: this.now() };
      await this.refresh(ann, input, false);
      return;
    }
    if (outcome.kind === 'failed' || outcome.kind === 'invalid' || outcome.kind === 'denied') {
      await replyPrivately(target, failureMessage(outcome), log);
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

  private remember(snapshot: McuSnapshot): Announcement {
    const key = `${snapshot.McuId}|${snapshot.RequestExpiration ?? ''}|${snapshot.Operation ?? ''}`;
    const known = this.byRequest.get(key);
    const existing = known ? this.announcements.get(known) : undefined;
    if (existing) {
      if (!existing.decision) existing.request = snapshot;
      return existing;
    }
    const ann: Announcement = { id: randomUUID(), request: snapshot };
    this.announcements.set(ann.id, ann);
    this.byRequest.set(key, ann.id);
    return ann;
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
    if (ann.channel && ann.ts) {
      await this.options.slack.chat
        .update({ channel: ann.channel, ts: ann.ts, text: message.text, blocks: message.blocks })
        .catch((err: unknown) =>
          this.options.logger.warn({ err: slackError(err) }, 'could not update the MCU announcement'),
        );
    }
    const clickedElsewhere = !(ann.ts && input.messageTs === ann.ts && input.target.channel === ann.channel);
    if (clickedElsewhere && input.target.responseUrl)
      await replyPrivately(input.target, message, this.options.logger, true);
  }
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
