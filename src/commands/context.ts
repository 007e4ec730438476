import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { OperationCatalogue } from '../api/catalogue';
import type { McuDesk } from '../mcu/desk';
import type { GroupDirectory, PermissionPolicy } from '../permissions';
import type { ApprovalBook, Pipeline } from '../pipeline';
import type { Store } from '../store';
import type { WriteEcho } from '../watch/write-echo';
import type { FormSeal } from './form-seal';
import type { ResultPages } from './result-pages';
import type { Scheduler } from './schedule';

/** What every listener needs; built once in app.ts, and narrowed to one PBX per request by `onPbx`. */
export interface BotContext {
  /** The PBX this request talks to. */
  pbx: string;
  /** That PBX's own catalogue: what its 3CX version offers. */
  catalogue: OperationCatalogue;
  /** Every PBX of the bot, and which channel talks to which. */
  pbxs: PbxDirectory;
  /** Each PBX's MCU desk. */
  mcuDesks: ReadonlyMap<string, McuDesk>;
  pipeline: Pipeline;
  policy: PermissionPolicy;
  groups: GroupDirectory;
  mcu: McuDesk;
  pages: ResultPages;
  approvals: ApprovalBook;
  /** Exactly-once claims and the audit trail (`/3cx audit`). */
  store: Store;
  logger: Logger;
  newRequestId: () => string;
  /** Seals what a form carries through Slack, so a submission runs only what the bot put there. */
  forms: FormSeal;
  /** `/3cx schedule`: commands run later by the job queue. */
  scheduler: Scheduler;
  /** Thread replies with the PBX's own before → after under the bot's write confirmations. */
  echo?: WriteEcho;
  /** The IANA zone shown times are read in (`TZ`); UTC when unset. */
  timeZone?: string;
  /** BOT_CONFIG channels.approvals: where approval requests are posted, when set. */
  approvalsChannel?: string;
  /** The clock claims are taken by; tests move it. */
  now?: () => number;
}

export const newRequestId = (): string => randomUUID();

/** The PBXs as the listeners see them: names, labels, bindings; the clients stay in the pipeline. */
export interface PbxDirectory {
  /** Every PBX name, in the order of the configuration. */
  names(): string[];
  /** The configured spelling of a name typed in any case; undefined when there is no such PBX. */
  find(name: string): string | undefined;
  /** The PBX a channel is bound to by `channels.pbx`, if any. */
  boundTo(channel: string): string | undefined;
  /** What `fleet status` and the picker show of a PBX besides its name. */
  describe(name: string): PbxDescription | undefined;
}

export interface PbxDescription {
  name: string;
  labels: Record<string, string | number | boolean>;
  /** `up` once its OpenAPI document or a first call answered; `down` while start-up could not reach it. */
  state: 'up' | 'down' | 'unknown';
  /** Why it is down, in a sentence. */
  reason?: string;
  /** The 3CX version its own OpenAPI document gives, once read. */
  version?: string;
}

/** The context of the PBX a form or a button names; undefined when the bot has no PBX of that name. */
export function onNamedPbx(ctx: BotContext, name: string | undefined): BotContext | undefined {
  const found = name === undefined ? undefined : ctx.pbxs.find(name);
  return found === undefined ? undefined : onPbx(ctx, found);
}

/**
 * The same context, speaking to one PBX: its name, its catalogue as it is now (a PBX first reached after start
 * brings its own then), its MCU desk.
 */
export function onPbx(ctx: BotContext, pbx: string): BotContext {
  const catalogue = ctx.pipeline.catalogueOf(pbx);
  if (pbx === ctx.pbx && catalogue === ctx.catalogue) return ctx;
  const mcu = ctx.mcuDesks.get(pbx);
  return { ...ctx, pbx, catalogue, ...(mcu ? { mcu } : {}) };
}

/** Where a reply goes back to: the invoker in a channel, through response_url when Slack gave one. */
export interface ReplyTarget {
  client: WebClient;
  userId: string;
  channel: string;
  responseUrl?: string;
}
