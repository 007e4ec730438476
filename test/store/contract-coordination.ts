import type { PendingApproval } from '../../src/pipeline/approvals';
import type { OperationRequest } from '../../src/pipeline/types';
import { createTokenSource, type McuRecord } from '../../src/store';
import type { ContractContext } from './contract';

/** The "only one may" parts of the contract: approvals, MCU decisions, the shared token. */
export function coordinationContract(ctx: ContractContext): void {
  describe('approvals', () => {
    it('stores the whole request and decides once, refusing the requester and unlisted people', async () => {
      const store = await ctx.fresh();
      const book = store.approvals;
      expect(await book.get('nope')).toBeUndefined();
      expect(await book.decide('nope', 'U0ADMIN', 'approved', true)).toEqual({ kind: 'unknown' });

      const pending = pendingApproval('req-1', Date.now() + 60_000);
      await book.open(pending);
      expect(await book.get('req-1')).toEqual(pending);

      const self = await book.decide('req-1', 'U0ASKER', 'approved', true);
      expect(self).toMatchObject({ kind: 'not_approver', reason: 'self' });
      const unlisted = await book.decide('req-1', 'U0OTHER', 'approved', false);
      expect(unlisted).toMatchObject({ kind: 'not_approver', reason: 'not_listed' });

      const decided = await book.decide('req-1', 'U0ADMIN', 'rejected', true);
      expect(decided).toMatchObject({
        kind: 'decided',
        approval: { decision: { by: 'U0ADMIN', verdict: 'rejected' } },
      });
      const again = await book.decide('req-1', 'U0ADMIN2', 'approved', true);
      expect(again).toMatchObject({
        kind: 'already',
        approval: { decision: { by: 'U0ADMIN', verdict: 'rejected' } },
      });

      // Re-opening the same id (a retry) must not wipe the decision.
      await book.open(pending);
      expect((await book.get('req-1'))?.decision?.by).toBe('U0ADMIN');
    });

    it('lets exactly one of 50 concurrent approvers decide', async () => {
      const store = await ctx.fresh();
      const other = await ctx.peer(store);
      await store.approvals.open(pendingApproval('req-1', Date.now() + 60_000));
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          (i % 2 ? other : store).approvals.decide('req-1', `U${i}`, 'approved', true),
        ),
      );
      const decided = results.filter((r) => r.kind === 'decided');
      expect(decided).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'already')).toHaveLength(49);
      const winner = decided[0]?.kind === 'decided' ? decided[0].approval.decision?.by : undefined;
      expect((await store.approvals.get('req-1'))?.decision?.by).toBe(winner);
    });

    it('refuses a decision once the approval has expired', async () => {
      let now = 1_000_000;
      const store = await ctx.fresh({ now: () => now });
      await store.approvals.open(pendingApproval('req-1', now + 60_000));
      now += 60_000;
      const result = await store.approvals.decide('req-1', 'U0ADMIN', 'approved', true);
      expect(result).toMatchObject({ kind: 'expired' });
      expect((await store.approvals.get('req-1'))?.decision).toBeUndefined();
    });
  });

  describe('MCU announcements', () => {
    const key = 'default|mcu-1|2030-01-01T00:00:00Z|Start';
    const record = (over: Partial<McuRecord> = {}): McuRecord => ({
      key,
      announcementId: 'ann-1',
      pbx: 'default',
      request: { McuId: 'mcu-1', State: 'Pending', Operation: 'Start' },
      ...over,
    });

    it('upserts without losing the announcement id, channel, ts or decision', async () => {
      const store = await ctx.fresh();
      expect(await store.mcuGet(key)).toBeUndefined();
      expect(await store.mcuPut(record())).toEqual(record());
      await store.mcuPut(record({ channel: 'C0MCU', ts: '1700000000.000100' }));
      await store.mcuRecordDecision(key, { by: 'U1', verdict: 'approved', at: 5 });
      const stored = await store.mcuPut(
        record({ announcementId: 'ann-2', request: { McuId: 'mcu-1', State: 'Success' } }),
      );
      const expected = record({
        channel: 'C0MCU',
        ts: '1700000000.000100',
        request: { McuId: 'mcu-1', State: 'Success' },
        decision: { by: 'U1', verdict: 'approved', at: 5 },
      });
      expect(stored).toEqual(expected);
      expect(await store.mcuGet(key)).toEqual(expected);
      expect(await store.mcuGetByAnnouncement('ann-1')).toEqual(expected);
      expect(await store.mcuGetByAnnouncement('ann-2')).toBeUndefined();
    });

    it('lets one of 50 concurrent clickers decide, again after a release, and none after a decision', async () => {
      const store = await ctx.fresh();
      const other = await ctx.peer(store);
      await store.mcuPut(record());
      const race = () =>
        Promise.all(
          Array.from({ length: 50 }, (_, i) => (i % 2 ? other : store).mcuClaimDecision(key, `U${i}`, 1000)),
        );
      expect((await race()).filter(Boolean)).toHaveLength(1);
      expect((await store.mcuGet(key))?.decidingAt).toBe(1000);
      expect((await race()).filter(Boolean)).toHaveLength(0);

      await store.mcuReleaseDecision(key);
      expect((await store.mcuGet(key))?.decidingBy).toBeUndefined();
      expect((await race()).filter(Boolean)).toHaveLength(1);

      await store.mcuRecordDecision(key, { by: 'U7', verdict: 'rejected', at: 2000 });
      await store.mcuRecordDecision(key, { by: 'U8', verdict: 'approved', at: 3000 });
      const decided = await store.mcuGet(key);
      expect(decided?.decision).toEqual({ by: 'U7', verdict: 'rejected', at: 2000 });
      expect(decided?.decidingBy).toBeUndefined();
      await store.mcuReleaseDecision(key);
      expect((await race()).filter(Boolean)).toHaveLength(0);
      expect(await store.mcuClaimDecision('unknown key', 'U1', 1000)).toBe(false);
    });

    it('takes a claim abandoned for two minutes as free', async () => {
      const store = await ctx.fresh();
      await store.mcuPut(record());
      expect(await store.mcuClaimDecision(key, 'U1', 1000)).toBe(true);
      expect(await store.mcuClaimDecision(key, 'U2', 1000 + 119_999)).toBe(false);
      expect(await store.mcuClaimDecision(key, 'U2', 1000 + 120_000)).toBe(true);
      expect((await store.mcuGet(key))?.decidingBy).toBe('U2');
    });

    it('waits as long as it is told before taking a claim as abandoned', async () => {
      const store = await ctx.fresh();
      await store.mcuPut(record());
      expect(await store.mcuClaimDecision(key, 'U1', 1000, 630_000)).toBe(true);
      expect(await store.mcuClaimDecision(key, 'U2', 1000 + 629_999, 630_000)).toBe(false);
      expect(await store.mcuClaimDecision(key, 'U2', 1000 + 630_000, 630_000)).toBe(true);
    });
  });

  describe('shared token', () => {
    it('puts, gets, replaces and drops only the token it names', async () => {
      const store = await ctx.fresh();
      expect(await store.tokenGet('api')).toBeUndefined();
      await store.tokenPut('api', 't1', 5000);
      await store.tokenPut('api', 't2', 6000);
      expect(await store.tokenGet('api')).toEqual({ token: 't2', expiresAt: 6000 });
      await store.tokenDrop('api', 't1');
      expect(await store.tokenGet('api')).toEqual({ token: 't2', expiresAt: 6000 });
      await store.tokenDrop('api', 't2');
      expect(await store.tokenGet('api')).toBeUndefined();
    });

    it('leases to one holder at a time until the lease expires or is released', async () => {
      const store = await ctx.fresh();
      const other = await ctx.peer(store);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).tokenLease('api', `h${i}`, 1000, 500)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const holder = `h${results.indexOf(true)}`;
      const rival = holder === 'h0' ? 'h1' : 'h0';
      expect(await store.tokenLease('api', holder, 1200, 500)).toBe(true);
      expect(await store.tokenLease('api', rival, 1699, 500)).toBe(false);
      expect(await store.tokenLease('other-client', rival, 1699, 500)).toBe(true);
      expect(await store.tokenLease('api', rival, 1700, 500)).toBe(true);
      await store.tokenRelease('api', holder);
      expect(await store.tokenLease('api', holder, 1800, 500)).toBe(false);
      await store.tokenRelease('api', rival);
      expect(await store.tokenLease('api', holder, 1800, 500)).toBe(true);
    });
  });

  describe('createTokenSource', () => {
    it('fetches once for 20 concurrent callers spread over 3 processes', async () => {
      const first = await ctx.fresh();
      const stores = [first, await ctx.peer(first), await ctx.peer(first)];
      let fetches = 0;
      const fetchToken = async () => {
        fetches += 1;
        await sleep(50);
        return { token: `tok-${fetches}`, expiresAt: Date.now() + 3_600_000 };
      };
      const sources = stores.map((store, i) =>
        createTokenSource(store, 'api', fetchToken, { holder: `p${i}`, pollMs: 10 }),
      );
      const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => sources[i % 3]?.getToken()));
      expect(fetches).toBe(1);
      expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    });

    it('replaces a token within a minute of expiry', async () => {
      let now = 1_000_000;
      const store = await ctx.fresh();
      let fetches = 0;
      const source = createTokenSource(
        store,
        'api',
        async () => {
          fetches += 1;
          return { token: `tok-${fetches}`, expiresAt: now + 120_000 };
        },
        { holder: 'p1', now: () => now, pollMs: 10 },
      );
      expect(await source.getToken()).toBe('tok-1');
      now += 59_999;
      expect(await source.getToken()).toBe('tok-1');
      now += 1;
      expect(await source.getToken()).toBe('tok-2');
      expect(await store.tokenGet('api')).toEqual({ token: 'tok-2', expiresAt: now + 120_000 });
    });

    it('after invalidate fetches anew, but never drops a newer token another process stored', async () => {
      const store = await ctx.fresh();
      let fetches = 0;
      const fetchToken = async () => {
        fetches += 1;
        return { token: `tok-${fetches}`, expiresAt: Date.now() + 3_600_000 };
      };
      const a = createTokenSource(store, 'api', fetchToken, { holder: 'a', pollMs: 10 });
      const b = createTokenSource(await ctx.peer(store), 'api', fetchToken, { holder: 'b', pollMs: 10 });
      expect(await a.getToken()).toBe('tok-1');
      expect(await b.getToken()).toBe('tok-1');
      a.invalidate('tok-1');
      expect(await a.getToken()).toBe('tok-2');
      // b got a 401 for the old token too: the newer one must survive, and b must pick it up.
      b.invalidate('tok-1');
      expect(await b.getToken()).toBe('tok-2');
      expect(fetches).toBe(2);
      expect((await store.tokenGet('api'))?.token).toBe('tok-2');
    });

    it('passes a failed fetch to every waiting caller and lets the next call try again', async () => {
      const store = await ctx.fresh();
      let fetches = 0;
      const source = createTokenSource(
        store,
        'api',
        async () => {
          fetches += 1;
          if (fetches === 1) throw new Error('bad credentials');
          return { token: 'tok', expiresAt: Date.now() + 3_600_000 };
        },
        { holder: 'p1', pollMs: 10 },
      );
      const first = await Promise.allSettled([source.getToken(), source.getToken()]);
      expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(await store.tokenGet('api')).toBeUndefined();
      // The lease went back, so another process would not have to wait for it to run out.
      expect(await store.tokenLease('api', 'someone else', Date.now(), 1000)).toBe(true);
      await store.tokenRelease('api', 'someone else');
      expect(await source.getToken()).toBe('tok');
      expect(fetches).toBe(2);
    });

    it('replaces a short-lived token it fetched at half-life rather than on every call', async () => {
      let now = 1_000_000;
      const store = await ctx.fresh();
      let fetches = 0;
      const source = createTokenSource(
        store,
        'api',
        async () => {
          fetches += 1;
          return { token: `tok-${fetches}`, expiresAt: now + 10_000 };
        },
        { holder: 'p1', now: () => now, pollMs: 10 },
      );
      expect(await source.getToken()).toBe('tok-1');
      now += 4_999;
      expect(await source.getToken()).toBe('tok-1');
      now += 1;
      expect(await source.getToken()).toBe('tok-2');
    });

    it('takes over a lease its holder abandoned, and gives up when a live one outlasts the wait', async () => {
      const store = await ctx.fresh();
      const fetchToken = async () => ({ token: 'tok', expiresAt: Date.now() + 3_600_000 });
      expect(await store.tokenLease('api', 'crashed', Date.now(), 150)).toBe(true);
      const heir = createTokenSource(store, 'api', fetchToken, { holder: 'heir', leaseMs: 1000, pollMs: 10 });
      expect(await heir.getToken()).toBe('tok');

      expect(await store.tokenLease('other', 'busy', Date.now(), 60_000)).toBe(true);
      const waiter = createTokenSource(store, 'other', fetchToken, { holder: 'w', pollMs: 10, waitMs: 100 });
      await expect(waiter.getToken()).rejects.toMatchObject({ code: 'token_wait_timeout' });
    });
  });
}

export function pendingApproval(id: string, expiresAt: number): PendingApproval {
  const request: OperationRequest = {
    id,
    pbx: 'default',
    key: 'Services.Restart',
    args: { Force: 'true' },
    body: { options: { ServiceNames: ['3CXPhoneSystem', "O'Brien"] } },
    requester: { userId: 'U0ASKER', teamId: 'T1', name: 'Asker' },
    channel: 'C1',
    source: 'command',
  };
  return { request, approvers: ['U0ADMIN', 'S0NOC'], expiresAt };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
