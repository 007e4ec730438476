import type { Outcome } from '../../src/pipeline/types';
import { openStore, type Store, StoreAuditSink } from '../../src/store';
import { pendingApproval } from './contract-coordination';

/** The pipeline's view of the audit trail, on the in-memory store: Outcome in, row out. */

// The outcomes are built by hand; only the fields the sink reads are filled in.
const outcome = (fields: Record<string, unknown>) => fields as unknown as Outcome;

describe('StoreAuditSink', () => {
  let store: Store;
  let now = 1_000;
  const request = pendingApproval('req-1', 1_000_000).request;
  const masked = { params: { Password: '••••' }, body: { options: { ServiceNames: ['A'] } } };

  beforeEach(async () => {
    store = await openStore('sqlite::memory:', { now: () => now });
    await store.migrate();
  });
  afterEach(() => store.close());

  it('writes the row before the call and completes a success with status and duration', async () => {
    const sink = new StoreAuditSink(store, { now: () => now });
    await sink.begin(request, 'Services.Restart', masked);
    expect(await store.auditList({ limit: 1 })).toEqual([
      {
        requestId: 'req-1',
        at: 1_000,
        userId: 'U0ASKER',
        teamId: 'T1',
        channel: 'C1',
        pbx: 'default',
        operation: 'Services.Restart',
        params: masked.params,
        body: masked.body,
        source: 'command',
      },
    ]);
    now = 1_250;
    await sink.finish(request, outcome({ kind: 'done', request, result: { status: 204, durationMs: 240 } }));
    const [row] = await store.auditList({ limit: 1 });
    expect(row).toMatchObject({ finishedAt: 1_250, outcome: 'done', httpStatus: 204, durationMs: 240 });
    expect(row).not.toHaveProperty('approvedBy');
  });

  it('records a failure with its kind, HTTP status and 3CX code, and who approved it', async () => {
    now = 5_000;
    const sink = new StoreAuditSink(store, { now: () => now });
    await sink.begin(request, 'Services.Restart', { params: {} }, 'U0ADMIN');
    await sink.finish(
      request,
      outcome({
        kind: 'failed',
        request,
        error: { kind: 'pbx', status: 400, code: 'Invalid' },
        durationMs: 90,
      }),
    );
    const [row] = await store.auditList({ limit: 1 });
    expect(row).toMatchObject({
      outcome: 'failed',
      errorKind: 'pbx',
      httpStatus: 400,
      errorCode: 'Invalid',
      durationMs: 90,
      approvedBy: 'U0ADMIN',
    });
    expect(row).not.toHaveProperty('body');
  });

  it('names the approver of a row that never finished, or was cut off at shutdown', async () => {
    const sink = new StoreAuditSink(store, { now: () => now });
    await sink.begin(request, 'Services.Restart', { params: {} }, 'U0ADMIN');
    expect((await store.auditList({ limit: 1 }))[0]).toMatchObject({ approvedBy: 'U0ADMIN' });
    await sink.interrupt(request);
    const [row] = await store.auditList({ limit: 1 });
    expect(row).toMatchObject({ outcome: 'interrupted', approvedBy: 'U0ADMIN' });
  });

  it('records other outcomes by their kind alone', async () => {
    const sink = new StoreAuditSink(store, { now: () => now });
    await sink.begin(request, 'Services.Restart', { params: {} });
    await sink.finish(request, outcome({ kind: 'denied', request, missing: 'Services.Restart' }));
    const [row] = await store.auditList({ limit: 1 });
    expect(row?.outcome).toBe('denied');
    expect(row).not.toHaveProperty('httpStatus');
  });
});
