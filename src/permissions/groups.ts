import type { Logger } from 'pino';

/**
 * Resolves Slack user groups (S…) named in BOT_CONFIG to their members, cached for a while. Workspaces on the free
 * plan cannot list user groups (`plan_upgrade_required`): then only user ids count, and we say so once.
 */

export interface GroupMembersSource {
  /** Slack `usergroups.users.list`; rejects with an error whose `data.error` is Slack's error code. */
  membersOf(groupId: string): Promise<string[]>;
}

export interface GroupLookup {
  groups: string[];
  /** Set when groups could not be read, so a denial can explain why a group membership did not count. */
  unavailable?: string;
}

const UNAVAILABLE_CODES: Record<string, string> = {
  plan_upgrade_required: 'this Slack workspace plan has no user groups, so only user ids in BOT_CONFIG count',
  missing_scope: 'the Slack app lacks the usergroups:read scope, so only user ids in BOT_CONFIG count',
  not_allowed_token_type: 'the bot token cannot read user groups, so only user ids in BOT_CONFIG count',
};

interface Entry {
  members: Set<string>;
  expires: number;
}

export class GroupDirectory {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry | undefined>>();
  private unavailable: { reason: string; until: number } | undefined;

  constructor(
    private readonly source: GroupMembersSource,
    private readonly groupIds: readonly string[],
    private readonly logger: Logger,
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async groupsOf(userId: string): Promise<GroupLookup> {
    if (this.groupIds.length === 0) return { groups: [] };
    if (this.unavailable && this.unavailable.until > this.now()) {
      return { groups: [], unavailable: this.unavailable.reason };
    }
    const entries = await Promise.all(
      this.groupIds.map((id) => this.entry(id).then((e) => [id, e] as const)),
    );
    const groups = entries.filter(([, e]) => e?.members.has(userId)).map(([id]) => id);
    return this.unavailable ? { groups, unavailable: this.unavailable.reason } : { groups };
  }

  private entry(groupId: string): Promise<Entry | undefined> {
    const cached = this.cache.get(groupId);
    if (cached && cached.expires > this.now()) return Promise.resolve(cached);
    let pending = this.inflight.get(groupId);
    if (!pending) {
      pending = this.load(groupId, cached).finally(() => this.inflight.delete(groupId));
      this.inflight.set(groupId, pending);
    }
    return pending;
  }

  private async load(groupId: string, stale: Entry | undefined): Promise<Entry | undefined> {
    try {
      const entry = {
        members: new Set(await this.source.membersOf(groupId)),
        expires: this.now() + this.ttlMs,
      };
      this.cache.set(groupId, entry);
      this.unavailable = undefined;
      return entry;
    } catch (err) {
      const code = slackErrorCode(err);
      const reason = code ? UNAVAILABLE_CODES[code] : undefined;
      if (reason) {
        if (!this.unavailable) this.logger.warn({ code }, `User groups unavailable: ${reason}.`);
        this.unavailable = { reason, until: this.now() + this.ttlMs };
        return undefined;
      }
      // A passing Slack hiccup: keep the last known members rather than lock people out, and do not ask again
      // on every command while Slack is unwell.
      this.logger.warn(
        { groupId, err: code ?? (err as Error).message },
        'Could not refresh user group members',
      );
      const kept = {
        members: stale?.members ?? new Set<string>(),
        expires: this.now() + Math.min(this.ttlMs, 30_000),
      };
      this.cache.set(groupId, kept);
      return kept;
    }
  }
}

function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
