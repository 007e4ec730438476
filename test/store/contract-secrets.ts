import type { Store } from '../../src/store';
import { beginRow, type ContractContext } from './contract';
import { pendingApproval } from './contract-coordination';

const PASSWORD = 'smtp-Pa55-zq9X';
const TOKEN = 'eyJ-bearer-token-Kq7W';
const DAY = 86_400_000;

/** With a secret in the body, as a probe found one in an approval row (the audit row showed ••••). */
function secretApproval(id: string, expiresAt: number) {
  const approval = pendingApproval(id, expiresAt);
  approval.request.key = 'Defs.UpdateSmtp';
  approval.request.args = { Password: PASSWORD };
  approval.request.body = { smtp: { Host: 'mail.example.com', Password: PASSWORD } };
  return approval;
}

/** Secrets at rest and retention: what a copy of the database holds, and for how long. */
export function secretsContract(ctx: ContractContext): void {
  describe('secrets at rest', () => {
    const readsRaw = ctx.rawText ? it : it.skip;

    readsRaw(
      'keeps neither a waiting approval’s password nor the 3CX token readable in the database',
      async () => {
        const store = await ctx.fresh({ stateKey: 'client-secret' });
        const pending = secretApproval('req-1', Date.now() + 60_000);
        await store.approvals.open(pending);
        await store.tokenPut('https://pbx|bot', TOKEN, Date.now() + 3_600_000);
        // Both still work for the bot itself.
        expect(await store.approvals.get('req-1')).toEqual(pending);
        expect((await store.tokenGet('https://pbx|bot'))?.token).toBe(TOKEN);

        const raw = await (ctx.rawText as () => Promise<string>)();
        expect(raw).toContain('req-1');
        expect(raw).not.toContain(PASSWORD);
        expect(raw).not.toContain(TOKEN);
      },
    );

    it('shares the token with a process holding the same key, and with no one else', async () => {
      const store = await ctx.fresh({ stateKey: 'client-secret' });
      await store.tokenPut('api', TOKEN, Date.now() + 3_600_000);
      const sameKey = await ctx.peer(store, { stateKey: 'client-secret' });
      expect((await sameKey.tokenGet('api'))?.token).toBe(TOKEN);
      if (!ctx.hasPeers) return;
      const otherKey = await ctx.peer(store, { stateKey: 'another secret' });
      // Unreadable counts as absent: that process fetches its own.
      expect(await otherKey.tokenGet('api')).toBeUndefined();
    });

    it('drops a tokenDrop’d token although each seal of it differs', async () => {
      const store = await ctx.fresh({ stateKey: 'k' });
      await store.tokenPut('api', TOKEN, Date.now() + 3_600_000);
      await store.tokenDrop('api', 'some other token');
      expect((await store.tokenGet('api'))?.token).toBe(TOKEN);
      await store.tokenDrop('api', TOKEN);
      expect(await store.tokenGet('api')).toBeUndefined();
    });

    it('keeps no body of an approval once it is decided', async () => {
      const store = await ctx.fresh({ stateKey: 'k' });
      await store.approvals.open(secretApproval('req-1', Date.now() + 60_000));
      const decided = await store.approvals.decide('req-1', 'U0ADMIN', 'approved', true);
      // The decider still gets the whole request, to run it.
      expect(decided).toMatchObject({
        kind: 'decided',
        approval: { request: { args: { Password: PASSWORD } } },
      });
      const after = await store.approvals.get('req-1');
      expect(after?.decision?.by).toBe('U0ADMIN');
      expect(after?.request).toMatchObject({
        id: 'req-1',
        key: 'Defs.UpdateSmtp',
        requester: { userId: 'U0ASKER' },
      });
      expect(after?.request.args).toEqual({});
      expect(after?.request.body).toBeUndefined();
      expect(JSON.stringify(after)).not.toContain(PASSWORD);
    });

    it('drops the body of an approval nobody decided once it has expired, at the next prune', async () => {
      let now = 1_000_000;
      const store = await ctx.fresh({ stateKey: 'k', now: () => now });
      await store.approvals.open(secretApproval('req-1', now + 60_000));
      await store.approvals.open(secretApproval('req-2', now + 600_000));
      now += 60_000;
      await store.prune({ now });
      const expired = await store.approvals.get('req-1');
      expect(expired?.request.id).toBe('req-1');
      expect(JSON.stringify(expired)).not.toContain(PASSWORD);
      // The one still waiting keeps its body, to be run when approved.
      expect((await store.approvals.get('req-2'))?.request.args).toEqual({ Password: PASSWORD });
    });
  });

  describe('retention', () => {
    const seed = async (store: Store, now: number) => {
      await store.auditBegin(beginRow('old', now - 400 * DAY));
      await store.auditBegin(beginRow('recent', now - 2 * DAY));
      await store.claim('old-claim', 1_000, now - 10_000);
      await store.claim('live-claim', 60_000, now);
      await store.approvals.open(pendingApproval('old-approval', now - 100 * DAY));
      await store.approvals.open(pendingApproval('live-approval', now + 60_000));
      await store.tokenPut('expired', 'tok-a', now - 1);
      await store.tokenPut('live', 'tok-b', now + 3_600_000);
      await store.tokenLease('expired', 'p1', now - 10_000, 1_000);
      await store.mcuPut({ key: 'k1', announcementId: 'a1', pbx: 'default', request: { McuId: 'm1' } });
    };

    it('keeps audit rows forever by default and prunes every other table to its bound', async () => {
      const now = Date.now();
      const store = await ctx.fresh();
      await seed(store, now);
      await store.prune({ now });
      expect((await store.auditList({ limit: 10 })).map((r) => r.requestId)).toEqual(['recent', 'old']);
      expect(await store.approvals.get('old-approval')).toBeUndefined();
      expect(await store.approvals.get('live-approval')).toBeDefined();
      expect(await store.tokenGet('expired')).toBeUndefined();
      expect((await store.tokenGet('live'))?.token).toBe('tok-b');
      // The expired claim and lease are gone, so they are free again; the live claim is not.
      expect(await store.claim('live-claim', 60_000, now)).toBe(false);
      expect(await store.tokenLease('expired', 'p2', now, 1_000)).toBe(true);
      expect(await store.mcuGet('k1')).toBeDefined();
      // MCU announcements are kept for a fixed time after they were last seen.
      await store.prune({ now: now + 400 * DAY });
      expect(await store.mcuGet('k1')).toBeUndefined();
    });

    it('drops audit rows older than the configured retention, and only those', async () => {
      const now = Date.now();
      const store = await ctx.fresh();
      await seed(store, now);
      const pruned = await store.prune({ now, auditRetentionMs: 30 * DAY });
      expect((await store.auditList({ limit: 10 })).map((r) => r.requestId)).toEqual(['recent']);
      expect(pruned.audit).toBe(1);
    });
  });
}
