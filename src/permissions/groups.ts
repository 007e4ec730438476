import type { Logger } from 'pino';

/**
 * Resolves Slack user groups (S…) named in BOT_CONFIG to their members. No request ever waits on Slack for this:
 * Slack gives 3 s to acknowledge, and `usergroups.users.list` alone can take longer. Members are read at start and
 * refreshed in the background when they are older than the time limit; a lookup answers from what is known at
 * that moment. Workspaces on the free plan cannot list user groups (`plan_upgrade_required`): then only user ids
 * count, and we say so.
 */

export interface GroupMembersSource {
  /** Slack `usergroups.users.list`; rejects with an error whose `data.error` is Slack's error code. */
  membersOf(groupId: string): Promise<string[]>;
}

export interface GroupLookup {
  groups: string[];
  /** Set when some groups could not be counted, so a denial can explain why a group membership did not count. */
  unavailable?: string;
}

/** Members older than this are read again (in the background; the old ones are used meanwhile). */
export const GROUP_MEMBERS_TTL_MS = 5 * 60_000;
/**
 * After this long without a good read (Slack failing on every refresh), the last known members are no longer
 * trusted: someone removed from the group must not keep its rights while Slack is unwell.
 */
export const GROUP_MEMBERS_STALE_LIMIT_MS = 30 * 60_000;
/** A failed read is tried again after this, doubling up to the maximum. */
export const GROUP_RETRY_MIN_MS = 5_000;
export const GROUP_RETRY_MAX_MS = 5 * 60_000;

const UNAVAILABLE_CODES: Record<string, string> = {
  plan_upgrade_required: 'this Slack workspace plan has no user groups, so only user ids in BOT_CONFIG count',
  missing_scope: 'the Slack app lacks the usergroups:read scope, so only user ids in BOT_CONFIG count',
  not_allowed_token_type: 'the bot token cannot read user groups, so only user ids in BOT_CONFIG count',
};

export interface GroupDirectoryOptions {
  ttlMs?: number;
  staleLimitMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
  now?: () => number;
}

interface Entry {
  members?: Set<string>;
  loadedAt?: number;
  failures: number;
  lastError?: string;
  loading?: Promise<void>;
  retry?: NodeJS.Timeout;
}

export class GroupDirectory {
  private readonly entries = new Map<string, Entry>();
  private unavailable: { reason: string; until: number } | undefined;
  private stopped = false;
  private readonly ttlMs: number;
  private readonly staleLimitMs: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: GroupMembersSource,
    private readonly groupIds: readonly string[],
    private readonly logger: Logger,
    options: GroupDirectoryOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? GROUP_MEMBERS_TTL_MS;
    this.staleLimitMs = options.staleLimitMs ?? GROUP_MEMBERS_STALE_LIMIT_MS;
    this.retryMinMs = options.retryMinMs ?? GROUP_RETRY_MIN_MS;
    this.retryMaxMs = options.retryMaxMs ?? GROUP_RETRY_MAX_MS;
    this.now = options.now ?? Date.now;
    for (const id of groupIds) this.entries.set(id, { failures: 0 });
  }

  /** At start: the first read of every group begins now, so members are known by the time people ask. */
  start(): void {
    this.stopped = false;
    for (const id of this.groupIds) this.refreshIfDue(id);
  }

  stop(): void {
    this.stopped = true;
    for (const entry of this.entries.values()) {
      if (entry.retry) clearTimeout(entry.retry);
      delete entry.retry;
    }
  }

  /** Resolves when no read is in flight (tests, and anyone who would rather wait than answer from the cache). */
  async settled(): Promise<void> {
    for (;;) {
      const loading = [...this.entries.values()].flatMap((e) => (e.loading ? [e.loading] : []));
      if (loading.length === 0) return;
      await Promise.all(loading);
    }
  }

  /** The members of a group as last read (none before the first good read). */
  knownMembers(groupId: string): string[] {
    return [...(this.entries.get(groupId)?.members ?? [])];
  }

  /** Never waits on Slack: answers from what is known now, and starts a read of whatever is due. */
  async groupsOf(userId: string): Promise<GroupLookup> {
    if (this.groupIds.length === 0) return { groups: [] };
    const now = this.now();
    for (const id of this.groupIds) this.refreshIfDue(id);
    if (this.unavailable) return { groups: [], unavailable: this.unavailable.reason };
    const groups: string[] = [];
    const notes: string[] = [];
    for (const id of this.groupIds) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      const fresh = entry.loadedAt !== undefined && now - entry.loadedAt <= this.staleLimitMs;
      if (entry.members && fresh) {
        if (entry.members.has(userId)) groups.push(id);
      } else notes.push(this.whyNot(id, entry));
    }
    return notes.length > 0 ? { groups, unavailable: notes.join('; ') } : { groups };
  }

  private whyNot(id: string, entry: Entry): string {
    const error = entry.lastError ? ` (Slack said ${entry.lastError})` : '';
    if (entry.members) {
      const minutes = Math.round(this.staleLimitMs / 60_000);
      return (
        `the members of user group ${id} could not be read from Slack for over ${minutes} minutes${error}, so ` +
        'membership through it does not count until Slack answers again'
      );
    }
    if (entry.failures > 0)
      return `the members of user group ${id} could not be read from Slack yet${error}; the bot keeps trying, so try again in a minute`;
    return `the members of user group ${id} are still being read from Slack; try again in a few seconds`;
  }

  private refreshIfDue(id: string): void {
    const entry = this.entries.get(id);
    if (!entry || this.stopped || entry.loading || entry.retry) return;
    const now = this.now();
    if (this.unavailable && this.unavailable.until > now) return;
    if (entry.loadedAt !== undefined && now - entry.loadedAt < this.ttlMs) return;
    this.load(id, entry);
  }

  private load(id: string, entry: Entry): void {
    entry.loading = this.source
      .membersOf(id)
      .then(
        (members) => {
          entry.members = new Set(members);
          entry.loadedAt = this.now();
          entry.failures = 0;
          delete entry.lastError;
          this.unavailable = undefined;
        },
        (err: unknown) => this.failed(id, entry, err),
      )
      .finally(() => {
        delete entry.loading;
      });
  }

  private failed(id: string, entry: Entry, err: unknown): void {
    const code = slackErrorCode(err);
    if (code === 'no_such_subteam') {
      // An answer, not an outage: the group does not exist (a typo in BOT_CONFIG, or deleted), so it has no members.
      if (entry.loadedAt === undefined)
        this.logger.warn({ groupId: id }, 'BOT_CONFIG names a user group that Slack does not know');
      entry.members = new Set();
      entry.loadedAt = this.now();
      entry.failures = 0;
      return;
    }
    const reason = code ? UNAVAILABLE_CODES[code] : undefined;
    if (reason) {
      if (!this.unavailable) this.logger.warn({ code }, `User groups unavailable: ${reason}.`);
      this.unavailable = { reason, until: this.now() + this.ttlMs };
      return;
    }
    entry.failures++;
    entry.lastError = code ?? (err as Error | undefined)?.message ?? String(err);
    const delay = Math.min(this.retryMaxMs, this.retryMinMs * 2 ** (entry.failures - 1));
    this.logger.warn(
      { groupId: id, err: entry.lastError, retryInMs: delay, known: entry.members !== undefined },
      'Could not read user group members; trying again in the background',
    );
    if (this.stopped) return;
    entry.retry = setTimeout(() => {
      delete entry.retry;
      if (!this.stopped) this.load(id, entry);
    }, delay);
    entry.retry.unref();
  }
}

function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
