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

/** What every listener needs; built once in app.ts. */
export interface BotContext {
  pbx: string;
  catalogue: OperationCatalogue;
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

/** Where a reply goes back to: the invoker in a channel, through response_url when Slack gave one. */
export interface ReplyTarget {
  client: WebClient;
  userId: string;
  channel: string;
  responseUrl?: string;
}
