import type { ApprovalBook } from '../pipeline/approvals';
import type { JobTable } from './job-table';
import type { PruneCounts, PruneOptions } from './retention';
import type { ScheduleBook } from './schedule-book';
import type { WatchBook } from './watch-book';

/**
 * The bot's durable state: the audit trail, exactly-once claims, two-person approvals, MCU announcements and the
 * shared 3CX token (sealed, as are waiting approvals: see sealer.ts). One interface, a SQLite and a PostgreSQL back end; several bot processes may share one
 * PostgreSQL database, so every "only one may" rule is a single atomic statement, never read-then-write.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies missing migrations; answers the versions this call applied (empty when already current). */
  migrate(): Promise<number[]>;
  /** The newest migration applied, without applying any; undefined when the database has none of the bot's tables. */
  schemaVersion(): Promise<number | undefined>;
  close(): Promise<void>;

  /** Written before the 3CX call. A row begun and never finished stays visibly unfinished. */
  auditBegin(row: AuditBegin): Promise<void>;
  /** Completes a row once; a second finish for the same request changes nothing. */
  auditFinish(requestId: string, fin: AuditFinish): Promise<void>;
  /** Newest first. */
  auditList(filter: AuditFilter): Promise<AuditRow[]>;
  /** Oldest first, read page by page, for export. */
  auditStream(filter: { since?: number }): AsyncIterable<AuditRow>;

  /** The first caller of a key within its window gets true, every later one false, across processes. */
  claim(key: string, windowMs: number, now: number): Promise<boolean>;

  approvals: ApprovalBook;
  /** The SQLite job queue's table (src/jobs); with PostgreSQL, pg-boss keeps its own. */
  jobTable: JobTable;
  /** Scheduled commands (`/3cx schedule`). */
  schedules: ScheduleBook;
  /** Watches, their alert state, and the change-feed entries already posted. */
  watches: WatchBook;

  mcuGet(key: string): Promise<McuRecord | undefined>;
  /** A button click carries the announcement id, not the key. */
  mcuGetByAnnouncement(announcementId: string): Promise<McuRecord | undefined>;
  /**
   * Inserts, or updates the request snapshot, channel and ts, and answers the record as stored. The first put
   * fixes the announcement id (two processes announcing at once end up with one id, the winner's: use the
   * answer). Absent channel/ts keep their stored value, and decision state changes only through the
   * mcu*Decision methods, so a stale copy written back cannot undo a decision.
   */
  mcuPut(rec: McuRecord): Promise<McuRecord>;
  /**
   * True for the one clicker who may call 3CX now; a claim older than `staleMs` (default two minutes) is taken
   * as abandoned.
   */
  mcuClaimDecision(key: string, by: string, now: number, staleMs?: number): Promise<boolean>;
  /** The first recorded decision stands. */
  mcuRecordDecision(key: string, decision: McuDecision): Promise<void>;
  /** After a failed 3CX call, so someone can try again. */
  mcuReleaseDecision(key: string): Promise<void>;

  /** The catalogue a PBX's own OpenAPI document gave when it was last read (JSON text), if any. */
  catalogueGet(pbx: string): Promise<{ version: string; catalogue: string } | undefined>;
  cataloguePut(pbx: string, version: string, catalogue: string): Promise<void>;
  tokenGet(client: string): Promise<{ token: string; expiresAt: number } | undefined>;
  tokenPut(client: string, token: string, expiresAt: number): Promise<void>;
  /** Drops the stored token only if it is still `token`, so a newer one fetched meanwhile survives. */
  tokenDrop(client: string, token: string): Promise<void>;
  /** True when this holder may fetch a new token now: no other holder has an unexpired lease. */
  tokenLease(client: string, holder: string, now: number, leaseMs: number): Promise<boolean>;
  tokenRelease(client: string, holder: string): Promise<void>;

  /**
   * Applies every table's retention (see retention.ts) and drops the bodies of approvals that expired undecided.
   * Idempotent, so every process sharing the database may run it.
   */
  prune(options: PruneOptions): Promise<PruneCounts>;
}

export type AuditOutcome = 'done' | 'failed' | 'invalid' | 'denied' | 'needs_approval' | 'interrupted';

export interface AuditBegin {
  requestId: string;
  at: number;
  userId: string;
  teamId?: string;
  channel: string;
  pbx: string;
  operation: string;
  /** Already masked: stored exactly as given. */
  params: unknown;
  body?: unknown;
  source: string;
  /** Who approved it under a two-person rule: known before the call, so even an unfinished row names them. */
  approvedBy?: string;
  /** The object it was about, by name (`user Nina Novak (125)`), when the command named one. */
  subject?: string;
}

export interface AuditFinish {
  at: number;
  outcome: AuditOutcome;
  httpStatus?: number;
  errorKind?: string;
  errorCode?: string;
  durationMs?: number;
  approvedBy?: string;
}

export interface AuditFilter {
  limit: number;
  userId?: string;
  /** `*` matches any run of characters, e.g. `Services.*`; case does not matter. */
  operation?: string;
  since?: number;
}

export interface AuditRow extends AuditBegin {
  finishedAt?: number;
  outcome?: AuditOutcome;
  httpStatus?: number;
  errorKind?: string;
  errorCode?: string;
  durationMs?: number;
  approvedBy?: string;
}

export interface McuDecision {
  by: string;
  verdict: 'approved' | 'rejected';
  at: number;
}

export interface McuRecord {
  /** `pbx|McuId|RequestExpiration|Operation`. */
  key: string;
  announcementId: string;
  pbx: string;
  /** The request as the PBX reported it. */
  request: unknown;
  channel?: string;
  ts?: string;
  decidingBy?: string;
  decidingAt?: number;
  decision?: McuDecision;
}
