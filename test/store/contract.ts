import { MIGRATIONS, type Store, type StoreOptions } from '../../src/store';
import { coordinationContract } from './contract-coordination';
import { secretsContract } from './contract-secrets';

/**
 * What every Store back end must do, registered once per back end by sqlite.test.ts and postgres.test.ts. Tests
 * that need a second process use `peer()`: another Store on the same database, with its own connections.
 */

export interface StoreHarness {
  /** A fresh, empty database (its own file, schema or memory), not migrated. */
  open(options?: StoreOptions): Promise<Store>;
  /** Another Store on the database of the latest open(); absent where there is no such thing (`:memory:`). */
  openPeer?(options?: StoreOptions): Promise<Store>;
  /** Everything the latest open()'s database holds, as a copy of it would (file bytes, or every row as text). */
  rawText?(): Promise<string>;
}

export interface ContractContext {
  /** A fresh database, migrated. */
  fresh(options?: StoreOptions): Promise<Store>;
  /** A second process on the same database, or the same store where the back end has no such thing. */
  peer(store: Store, options?: StoreOptions): Promise<Store>;
  hasPeers: boolean;
  rawText?: () => Promise<string>;
}

/** As every process of one deployment derives the same key, so do a test's store and its peers. */
const withKey = (options: StoreOptions = {}): StoreOptions => ({ stateKey: 'contract-test-key', ...options });

export function storeContract(harness: StoreHarness): void {
  const opened: Store[] = [];
  const track = (store: Store): Store => {
    opened.push(store);
    return store;
  };
  const ctx: ContractContext = {
    hasPeers: harness.openPeer !== undefined,
    ...(harness.rawText ? { rawText: harness.rawText } : {}),
    async fresh(options) {
      const store = track(await harness.open(withKey(options)));
      await store.migrate();
      return store;
    },
    async peer(store, options) {
      if (!harness.openPeer) return store;
      const other = track(await harness.openPeer(withKey(options)));
      await other.migrate();
      return other;
    },
  };

  afterEach(async () => {
    const closing = opened.splice(0);
    await Promise.all(closing.map((s) => s.close()));
  });

  describe('migrations', () => {
    const all = MIGRATIONS.map((m) => m.version);

    it('answers the schema version without migrating', async () => {
      const store = track(await harness.open());
      expect(await store.schemaVersion()).toBeUndefined();
      await store.migrate();
      expect(await store.schemaVersion()).toBe(Math.max(...all));
    });

    it('applies every migration once, in order, and nothing the second time', async () => {
      const store = track(await harness.open());
      expect(await store.migrate()).toEqual(all);
      await store.auditBegin(beginRow('r1', 1000));
      expect(await store.migrate()).toEqual([]);
      expect(await store.auditList({ limit: 10 })).toHaveLength(1);
    });

    const concurrently = harness.openPeer ? it : it.skip;
    concurrently(
      'three processes migrating at once apply each migration exactly once between them',
      async () => {
        const first = track(await harness.open());
        const openPeer = harness.openPeer;
        if (!openPeer) throw new Error('unreachable: the test is skipped without peers');
        const others = [track(await openPeer()), track(await openPeer())];
        const applied = await Promise.all([first, ...others].map((s) => s.migrate()));
        expect(applied.flat().sort((a, b) => a - b)).toEqual(all);
        for (const store of [first, ...others]) expect(await store.migrate()).toEqual([]);
      },
    );
  });

  describe('audit', () => {
    it('shows a begun row as unfinished until it is finished, and finishes it once', async () => {
      const store = await ctx.fresh();
      await store.auditBegin(beginRow('r1', 1000, { teamId: 'T1' }));
      const [open] = await store.auditList({ limit: 10 });
      expect(open).toEqual(beginRow('r1', 1000, { teamId: 'T1' }));
      expect(open?.finishedAt).toBeUndefined();
      expect(open?.outcome).toBeUndefined();

      await store.auditFinish('r1', { at: 1500, outcome: 'done', httpStatus: 204, durationMs: 480 });
      await store.auditFinish('r1', { at: 9999, outcome: 'failed', errorKind: 'timeout' });
      const [done] = await store.auditList({ limit: 10 });
      expect(done).toEqual({
        ...beginRow('r1', 1000, { teamId: 'T1' }),
        finishedAt: 1500,
        outcome: 'done',
        httpStatus: 204,
        durationMs: 480,
      });
    });

    it('records failures with kind, status, 3CX code and approver', async () => {
      const store = await ctx.fresh();
      await store.auditBegin(beginRow('r1', 1000));
      await store.auditFinish('r1', {
        at: 1100,
        outcome: 'failed',
        httpStatus: 400,
        errorKind: 'pbx',
        errorCode: 'Invalid',
        durationMs: 100,
        approvedBy: 'U0ADMIN',
      });
      const [row] = await store.auditList({ limit: 1 });
      expect(row).toMatchObject({
        outcome: 'failed',
        httpStatus: 400,
        errorKind: 'pbx',
        errorCode: 'Invalid',
      });
      expect(row).toMatchObject({ durationMs: 100, approvedBy: 'U0ADMIN' });
    });

    it('stores masked parameters and bodies exactly as given', async () => {
      const store = await ctx.fresh();
      const params = { Name: "Support's level", Password: '••••', nested: { list: [1, 'two', null] } };
      const body = { licenseParams: { CompanyName: 'Acme — ünïcode', Secret: '••••' } };
      await store.auditBegin({ ...beginRow('r1', 1000), params, body });
      await store.auditBegin({ ...beginRow('r2', 1001), params: {} });
      const rows = await store.auditList({ limit: 10 });
      expect(rows[1]).toMatchObject({ params, body });
      expect(rows[0]?.params).toEqual({});
      expect(rows[0]).not.toHaveProperty('body');
    });

    it('refuses a second begin for the same request rather than auditing it twice', async () => {
      const store = await ctx.fresh();
      await store.auditBegin(beginRow('r1', 1000));
      // Not `rejects.toThrow()`: the SQLite driver's errors come from another realm than jest's Error.
      const second = await store.auditBegin(beginRow('r1', 2000)).then(
        () => 'stored',
        () => 'refused',
      );
      expect(second).toBe('refused');
      expect((await store.auditList({ limit: 10 })).map((r) => r.at)).toEqual([1000]);
    });

    it('lists newest first, filtered by user, operation glob, since and limit', async () => {
      const store = await ctx.fresh();
      await store.auditBegin(beginRow('a', 1000, { userId: 'U1', operation: 'Services.Restart' }));
      await store.auditBegin(beginRow('b', 2000, { userId: 'U2', operation: 'Services.ListServiceInfo' }));
      await store.auditBegin(
        beginRow('c', 3000, { userId: 'U1', operation: 'SystemStatus.GetSystemStatus' }),
      );
      await store.auditBegin(beginRow('d', 4000, { userId: 'U1', operation: 'ServicesX_Restart' }));
      const ids = async (filter: Parameters<Store['auditList']>[0]) =>
        (await store.auditList(filter)).map((r) => r.requestId);

      expect(await ids({ limit: 10 })).toEqual(['d', 'c', 'b', 'a']);
      expect(await ids({ limit: 2 })).toEqual(['d', 'c']);
      expect(await ids({ limit: 10, userId: 'U1' })).toEqual(['d', 'c', 'a']);
      expect(await ids({ limit: 10, operation: 'Services.*' })).toEqual(['b', 'a']);
      expect(await ids({ limit: 10, operation: 'services.restart' })).toEqual(['a']);
      expect(await ids({ limit: 10, operation: '*_*' })).toEqual(['d']);
      expect(await ids({ limit: 10, since: 2000 })).toEqual(['d', 'c', 'b']);
      expect(await ids({ limit: 10, userId: 'U1', operation: 'S*', since: 2000 })).toEqual(['d', 'c']);
    });

    it('streams oldest first across pages, ties included, with since', async () => {
      const store = await ctx.fresh();
      const count = 2500;
      // Three rows per millisecond, written out of order, so page boundaries fall inside ties.
      const rows = Array.from({ length: count }, (_, i) =>
        beginRow(`r${String(i).padStart(5, '0')}`, Math.floor(i / 3)),
      );
      for (let i = 0; i < rows.length; i += 50) {
        await Promise.all(
          rows
            .slice(i, i + 50)
            .reverse()
            .map((r) => store.auditBegin(r)),
        );
      }
      const seen: string[] = [];
      let last = -1;
      for await (const row of store.auditStream({})) {
        expect(row.at).toBeGreaterThanOrEqual(last);
        last = row.at;
        seen.push(row.requestId);
      }
      expect(seen).toEqual(rows.map((r) => r.requestId));

      const since: string[] = [];
      for await (const row of store.auditStream({ since: 700 })) since.push(row.requestId);
      expect(since).toEqual(rows.filter((r) => r.at >= 700).map((r) => r.requestId));

      // Paged, not a snapshot: a row written while the export is under way, after the current page, still shows.
      const lazily: string[] = [];
      for await (const row of store.auditStream({ since: 100 })) {
        if (lazily.length === 0) await store.auditBegin(beginRow('z-late', 10_000));
        lazily.push(row.requestId);
      }
      expect(lazily.at(-1)).toBe('z-late');
    });
  });

  describe('claim', () => {
    it('gives a key to exactly one of 50 concurrent callers, and again once its window has passed', async () => {
      const store = await ctx.fresh();
      const other = await ctx.peer(store);
      const race = (now: number) =>
        Promise.all(
          Array.from({ length: 50 }, (_, i) => (i % 2 ? other : store).claim('slack:retry:abc', 1000, now)),
        );
      expect((await race(10_000)).filter(Boolean)).toHaveLength(1);
      expect((await race(10_999)).filter(Boolean)).toHaveLength(0);
      expect((await race(11_000)).filter(Boolean)).toHaveLength(1);
      expect(await store.claim('another key', 1000, 11_000)).toBe(true);
    });

    it('keeps working after pruning many expired claims', async () => {
      const store = await ctx.fresh();
      for (let i = 0; i < 450; i++) expect(await store.claim(`k${i}`, 10, i)).toBe(true);
      expect(await store.claim('k449', 10, 450)).toBe(false);
      expect(await store.claim('k0', 10, 450)).toBe(true);
    });
  });

  coordinationContract(ctx);
  secretsContract(ctx);
}

export function beginRow(
  requestId: string,
  at: number,
  overrides: { userId?: string; operation?: string; teamId?: string } = {},
) {
  return {
    requestId,
    at,
    userId: overrides.userId ?? 'U1',
    ...(overrides.teamId !== undefined ? { teamId: overrides.teamId } : {}),
    channel: 'C1',
    pbx: 'default',
    operation: overrides.operation ?? 'Services.Restart',
    params: { ServiceNames: ['3CXPhoneSystem'] },
    source: 'command',
  };
}
