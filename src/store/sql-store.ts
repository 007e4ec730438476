import type { Logger } from 'pino';
import { SqlApprovalBook } from './approval-book';
import * as audit from './audit-log';
import { type Db, num, str } from './db';
import { causeText, StoreOpenError } from './errors';
import { JobTable } from './job-table';
import * as mcu from './mcu-records';
import { migrate } from './migrations';
import { APPROVAL_RETENTION_MS, MCU_RETENTION_MS, type PruneCounts, type PruneOptions } from './retention';
import { ScheduleBook } from './schedule-book';
import type { Sealer } from './sealer';
import type { AuditBegin, AuditFilter, AuditFinish, AuditRow, McuDecision, McuRecord, Store } from './types';
import { WatchBook } from './watch-book';

/** Expired claims are swept every this many claims, so the table stays as small as the live windows. */
const CLAIM_PRUNE_EVERY = 200;

/** The one Store implementation; the back ends differ only in their Db. */
export class SqlStore implements Store {
  readonly approvals: SqlApprovalBook;
  readonly jobTable: JobTable;
  readonly schedules: ScheduleBook;
  readonly watches: WatchBook;
  private claimsSincePrune = 0;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly sealer: Sealer,
  ) {
    this.approvals = new SqlApprovalBook(db, now, sealer);
    this.jobTable = new JobTable(db);
    this.schedules = new ScheduleBook(db);
    this.watches = new WatchBook(db);
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.db.kind;
  }

  /** A schema that cannot be created or updated (no CREATE right, a clashing table) is a StoreOpenError. */
  async migrate(): Promise<number[]> {
    try {
      return await migrate(this.db, this.logger, undefined, this.now);
    } catch (err) {
      throw new StoreOpenError(
        `The ${this.db.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'} database could not be migrated: ` +
          `${causeText(err)}. Check that the DATABASE_URL user may create tables there, and that the database ` +
          '(or schema) is not used by another application.',
        { cause: err },
      );
    }
  }

  async schemaVersion(): Promise<number | undefined> {
    let rows: Record<string, unknown>[];
    try {
      rows = await this.db.all('SELECT MAX(version) AS version FROM schema_migrations');
    } catch {
      // No ledger: a database the bot never started on (or another application's).
      return undefined;
    }
    return num(rows[0]?.version);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  auditBegin(row: AuditBegin): Promise<void> {
    return audit.auditBegin(this.db, row);
  }

  async auditFinish(requestId: string, fin: AuditFinish): Promise<void> {
    const completed = await audit.auditFinish(this.db, requestId, fin);
    if (!completed) {
      this.logger.warn(
        { requestId, outcome: fin.outcome },
        'audit finish for a row that was never begun or is already finished; left unchanged',
      );
    }
  }

  auditList(filter: AuditFilter): Promise<AuditRow[]> {
    return audit.auditList(this.db, filter);
  }

  auditStream(filter: { since?: number }): AsyncIterable<AuditRow> {
    return audit.auditStream(this.db, filter);
  }

  /**
   * One statement decides: the insert wins for a new key, the conditional update wins for an expired one, and a
   * live claim makes it touch nothing. Both databases serialize conflicting upserts on the key.
   */
  async claim(key: string, windowMs: number, now: number): Promise<boolean> {
    await this.maybePruneClaims(now);
    const won = await this.db.run(
      `INSERT INTO claims (key, expires_at) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at
       WHERE claims.expires_at <= ?`,
      [key, now + windowMs, now],
    );
    return won === 1;
  }

  mcuGet(key: string): Promise<McuRecord | undefined> {
    return mcu.mcuGet(this.db, key);
  }

  mcuGetByAnnouncement(announcementId: string): Promise<McuRecord | undefined> {
    return mcu.mcuGetByAnnouncement(this.db, announcementId);
  }

  mcuPut(rec: McuRecord): Promise<McuRecord> {
    return mcu.mcuPut(this.db, rec, this.now());
  }

  mcuClaimDecision(key: string, by: string, now: number, staleMs?: number): Promise<boolean> {
    return mcu.mcuClaimDecision(this.db, key, by, now, staleMs);
  }

  mcuRecordDecision(key: string, decision: McuDecision): Promise<void> {
    return mcu.mcuRecordDecision(this.db, key, decision);
  }

  mcuReleaseDecision(key: string): Promise<void> {
    return mcu.mcuReleaseDecision(this.db, key);
  }

  /** A token sealed with another key (another BOT_STATE_KEY or client secret) is as good as none. */
  async catalogueGet(pbx: string): Promise<{ version: string; catalogue: string } | undefined> {
    const [row] = await this.db.all('SELECT version, catalogue FROM pbx_catalogues WHERE pbx = ?', [pbx]);
    const version = str(row?.version);
    const catalogue = str(row?.catalogue);
    return version !== undefined && catalogue !== undefined ? { version, catalogue } : undefined;
  }

  async cataloguePut(pbx: string, version: string, catalogue: string): Promise<void> {
    await this.db.run(
      `INSERT INTO pbx_catalogues (pbx, version, catalogue, read_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (pbx) DO UPDATE SET version = excluded.version, catalogue = excluded.catalogue,
       read_at = excluded.read_at`,
      [pbx, version, catalogue, this.now()],
    );
  }

  async tokenGet(client: string): Promise<{ token: string; expiresAt: number } | undefined> {
    const row = await this.tokenRow(client);
    const sealed = str(row?.token);
    const token = sealed === undefined ? undefined : this.sealer.open(sealed);
    const expiresAt = num(row?.expires_at);
    return token !== undefined && expiresAt !== undefined ? { token, expiresAt } : undefined;
  }

  async tokenPut(client: string, token: string, expiresAt: number): Promise<void> {
    await this.db.run(
      `INSERT INTO api_tokens (client, token, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (client) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at`,
      [client, this.sealer.seal(token), expiresAt],
    );
  }

  /** Each seal differs, so the stored text is compared, not the token: a newer one stored meanwhile survives. */
  async tokenDrop(client: string, token: string): Promise<void> {
    const sealed = str((await this.tokenRow(client))?.token);
    if (sealed === undefined) return;
    const stored = this.sealer.open(sealed);
    if (stored !== undefined && stored !== token) return;
    await this.db.run('DELETE FROM api_tokens WHERE client = ? AND token = ?', [client, sealed]);
  }

  /** Same shape as claim: free, expired or already ours wins; someone else's live lease touches nothing. */
  async tokenLease(client: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
    const won = await this.db.run(
      `INSERT INTO token_leases (client, holder, lease_until) VALUES (?, ?, ?)
       ON CONFLICT (client) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
       WHERE token_leases.lease_until <= ? OR token_leases.holder = excluded.holder`,
      [client, holder, now + leaseMs, now],
    );
    return won === 1;
  }

  async tokenRelease(client: string, holder: string): Promise<void> {
    await this.db.run('DELETE FROM token_leases WHERE client = ? AND holder = ?', [client, holder]);
  }

  async prune(options: PruneOptions): Promise<PruneCounts> {
    const { now } = options;
    const audit =
      options.auditRetentionMs === undefined
        ? 0
        : await this.db.run('DELETE FROM audit_log WHERE at < ?', [now - options.auditRetentionMs]);
    // Rows put before seen_at existed count from the first prune that meets them.
    await this.db.run('UPDATE mcu_announcements SET seen_at = ? WHERE seen_at IS NULL', [now]);
    return {
      audit,
      approvals: await this.approvals.prune(now, now - APPROVAL_RETENTION_MS),
      claims: await this.db.run('DELETE FROM claims WHERE expires_at <= ?', [now]),
      mcu: await this.db.run('DELETE FROM mcu_announcements WHERE seen_at < ?', [now - MCU_RETENTION_MS]),
      tokens: await this.db.run('DELETE FROM api_tokens WHERE expires_at <= ?', [now]),
      leases: await this.db.run('DELETE FROM token_leases WHERE lease_until <= ?', [now]),
    };
  }

  private async tokenRow(client: string) {
    const rows = await this.db.all('SELECT token, expires_at FROM api_tokens WHERE client = ?', [client]);
    return rows[0];
  }

  private async maybePruneClaims(now: number): Promise<void> {
    this.claimsSincePrune += 1;
    if (this.claimsSincePrune < CLAIM_PRUNE_EVERY) return;
    this.claimsSincePrune = 0;
    await this.db.run('DELETE FROM claims WHERE expires_at <= ?', [now]);
  }
}
