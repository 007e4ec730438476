import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { OperationRequest, Outcome, Pipeline } from '../pipeline';
import { MCU_DECIDING_STALE_MS, type McuRecord, type Store } from '../store';
import type { McuSnapshot } from '../views/replies';

/**
 * The PBX side of MCU approvals: reads the current MCU request (through the pipeline, audited like any read),
 * remembers each request in the store (the first sighting fixes its announcement id) and hands a new Pending one
 * to `announce` once. Clicks and `/3cx mcu` are answered by commands/mcu-decision.ts.
 */

export const MCU_READ = 'ConferenceSettings.GetMCURequestStatus';
export const MCU_UPDATE = 'ConferenceSettings.UpdateMCURequestStatus';

/** Only one process posts a new announcement; if its post fails, another may try after this long. */
const ANNOUNCE_CLAIM_MS = 5 * 60_000;
/** The poller's identity in the audit trail. */
export const MCU_POLLER = 'mcu-poller';

const snapshotShape = z
  .object({
    McuId: z.string().nullable().optional(),
    Operation: z.string().nullable().optional(),
    State: z.string().nullable().optional(),
    RequestExpiration: z.string().nullable().optional(),
    ErrorMessage: z.string().nullable().optional(),
  })
  .loose();

export interface Announcement {
  key: string;
  id: string;
  request: McuSnapshot;
  channel?: string;
  ts?: string;
  deciding?: string;
  /** While later than now, the claim is held for a decision whose 3CX call's fate is unknown. */
  decidingAt?: number;
  decision?: { by: string; verdict: 'approved' | 'rejected'; at: number };
}

export interface McuDeskOptions {
  pbx: string;
  pipeline: Pipeline;
  store: Store;
  channel?: string;
  logger: Logger;
  newRequestId: () => string;
  now?: () => number;
  /** THREECX_TIMEOUT_MS: how long the decision's 3CX call may take, so its claim is not taken as abandoned. */
  callTimeoutMs?: number;
  /** Posts a new Pending request in `channel`; answers the message ts. */
  announce?: (ann: Announcement, channel: string) => Promise<string | undefined>;
}

export class McuDesk {
  readonly pbx: string;
  readonly channel: string | undefined;
  readonly now: () => number;
  /**
   * A decision's call may take the 3CX timeout four times over: a token, the call, and after a 401 a new token and
   * the one retry. A claim is taken as abandoned only a minute after that, and never sooner than the store's
   * default.
   */
  readonly decidingStaleMs: number;

  constructor(private readonly options: McuDeskOptions) {
    this.pbx = options.pbx;
    this.channel = options.channel;
    this.now = options.now ?? Date.now;
    this.decidingStaleMs = Math.max(MCU_DECIDING_STALE_MS, 4 * (options.callTimeoutMs ?? 0) + 60_000);
  }

  /** One poll: read the current request and announce it in the MCU channel if it is Pending and new. */
  async poll(): Promise<void> {
    const channel = this.options.channel;
    if (!channel || !this.options.announce) return;
    const snapshot = await this.reread();
    if (snapshot?.State !== 'Pending' || !snapshot.McuId) return;
    const ann = await this.remember(snapshot);
    if (ann.ts || ann.decision) return;
    const store = this.options.store;
    if (!(await store.claim(`mcu-announce:${ann.key}`, ANNOUNCE_CLAIM_MS, this.now()))) return;
    const ts = await this.options.announce(ann, channel);
    if (ts) await store.mcuPut({ ...toRecord(ann, this.pbx), channel, ts });
  }

  /** The request as the PBX reports it now, read by the bot itself; undefined when the read failed. */
  async reread(): Promise<McuSnapshot | undefined> {
    const outcome = await this.options.pipeline.readAsBot(
      this.request({ userId: MCU_POLLER }, '', MCU_READ, undefined, 'poller'),
    );
    if (outcome.kind !== 'done') {
      if (outcome.kind === 'failed') throw outcome.error;
      this.options.logger.warn({ outcome: outcome.kind }, 'MCU request could not be read');
      return undefined;
    }
    return toSnapshot(outcome.result.data);
  }

  /** The current request read with a person's own permission (`/3cx mcu`). */
  readFor(requester: OperationRequest['requester'], channel: string): Promise<Outcome> {
    return this.options.pipeline.run(this.request(requester, channel, MCU_READ, undefined, 'command'));
  }

  request(
    requester: OperationRequest['requester'],
    channel: string,
    key: string,
    body: unknown,
    source: OperationRequest['source'] = 'button',
  ): OperationRequest {
    const request: OperationRequest = {
      id: this.options.newRequestId(),
      pbx: this.pbx,
      key,
      args: {},
      requester,
      channel,
      source,
    };
    if (body !== undefined) request.body = body;
    return request;
  }

  /** Stores the request as last seen (the first sighting fixes the announcement id) and answers what is stored. */
  async remember(snapshot: McuSnapshot): Promise<Announcement> {
    const key = `${this.pbx}|${snapshot.McuId}|${snapshot.RequestExpiration ?? ''}|${snapshot.Operation ?? ''}`;
    const known = await this.options.store.mcuGet(key);
    // A decided request keeps the snapshot it was decided on.
    if (known?.decision) return fromRecord(known);
    const stored = await this.options.store.mcuPut({
      key,
      announcementId: known?.announcementId ?? randomUUID(),
      pbx: this.pbx,
      request: snapshot,
    });
    return fromRecord(stored);
  }
}

export function fromRecord(rec: McuRecord): Announcement {
  const ann: Announcement = {
    key: rec.key,
    id: rec.announcementId,
    request: toSnapshot(rec.request) ?? emptySnapshot(),
  };
  if (rec.channel) ann.channel = rec.channel;
  if (rec.ts) ann.ts = rec.ts;
  if (rec.decidingBy) ann.deciding = rec.decidingBy;
  if (rec.decidingAt !== undefined) ann.decidingAt = rec.decidingAt;
  if (rec.decision) ann.decision = rec.decision;
  return ann;
}

function toRecord(ann: Announcement, pbx: string): McuRecord {
  return { key: ann.key, announcementId: ann.id, pbx, request: ann.request };
}

export function toSnapshot(data: unknown): McuSnapshot | undefined {
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

export function emptySnapshot(): McuSnapshot {
  return { McuId: null, Operation: null, State: null, RequestExpiration: null, ErrorMessage: null };
}
