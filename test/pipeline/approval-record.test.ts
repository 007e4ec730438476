import { defaultCatalogue } from '../../src/api/catalogue';
import type { XapiClient } from '../../src/api/client';
import { silentLogger } from '../../src/logging';
import { PermissionPolicy, parseBotConfig } from '../../src/permissions';
import { type AuditSink, MemoryApprovalBook, type OperationRequest, Pipeline } from '../../src/pipeline';

/**
 * The pipeline verifies a decided approval itself, from the record: a caller that says "approved" without a
 * decision on record, with a record of another request, or with an approver whose role does not allow the operation,
 * runs nothing. The MCU poller's reads are audited like any read.
 */

const CONFIG = parseBotConfig(
  `
roles:
  admin: { allow: ["*"] }
  viewer: { allow: [read] }
members:
  U0ADMIN: admin
  U0OPS: admin
  U0VIEW: viewer
approvals:
  - operations: ["Services.Restart"]
    approvers: [U0ADMIN, U0VIEW]
`,
  'test',
);

function setUp() {
  const calls: string[] = [];
  const audited: { id: string; source: string; key: string }[] = [];
  const client = {
    pbx: 'default',
    call: async (op: { key: string }) => {
      calls.push(op.key);
      return {
        operation: op,
        status: 204,
        data: undefined,
        durationMs: 1,
        attempts: 1,
        method: 'POST',
        path: '/',
      };
    },
  } as unknown as XapiClient;
  const audit: AuditSink = {
    async begin(request, key) {
      audited.push({ id: request.id, source: request.source, key });
    },
    async finish() {},
  };
  const approvals = new MemoryApprovalBook();
  const pipeline = new Pipeline({
    catalogue: defaultCatalogue(),
    clients: new Map([['default', client]]),
    policy: new PermissionPolicy(CONFIG),
    groups: { groupsOf: async () => ({ groups: [] }) },
    approvals,
    audit,
    logger: silentLogger(),
  });
  return { pipeline, approvals, calls, audited };
}

const restart = (id: string, user = 'U0OPS'): OperationRequest => ({
  id,
  pbx: 'default',
  key: 'Services.Restart',
  args: {},
  body: { options: { ServiceNames: ['3CXQueueManager01'] } },
  requester: { userId: user },
  channel: 'C0OPS',
  source: 'button',
});

it('runs an approved request only when the decision on record holds up', async () => {
  const { pipeline, approvals, calls } = setUp();
  const asked = await pipeline.run(restart('r1'));
  expect(asked.kind).toBe('needs_approval');
  expect(calls).toEqual([]);

  // "Approved" with nothing decided yet: refused, nothing sent.
  const early = await pipeline.run(restart('r1'), { approval: { kind: 'book', requestId: 'r1' } });
  expect(early).toMatchObject({ kind: 'invalid', issues: [{ field: 'approval' }] });
  expect(calls).toEqual([]);

  // A decision of another request does not carry over.
  await pipeline.run(restart('r2'));
  await approvals.decide('r2', 'U0ADMIN', 'approved', true);
  const borrowed = await pipeline.run(restart('r1'), { approval: { kind: 'book', requestId: 'r2' } });
  expect(borrowed).toMatchObject({ kind: 'invalid', issues: [{ field: 'approval' }] });
  expect(calls).toEqual([]);

  // A listed approver whose role does not allow the operation: the decision does not count.
  await approvals.decide('r1', 'U0VIEW', 'approved', true);
  const weak = await pipeline.run(restart('r1'), { approval: { kind: 'book', requestId: 'r1' } });
  expect(weak).toMatchObject({ kind: 'invalid' });
  expect(weak.kind === 'invalid' && weak.issues[0]?.message).toContain(
    'holds no role that allows Services.Restart',
  );
  expect(calls).toEqual([]);

  // The real thing: a listed approver with a role, on record for this very request.
  await pipeline.run(restart('r3'));
  await approvals.decide('r3', 'U0ADMIN', 'approved', true);
  const ran = await pipeline.run(restart('r3'), { approval: { kind: 'book', requestId: 'r3' } });
  expect(ran.kind).toBe('done');
  expect(calls).toEqual(['Services.Restart']);
});

it('audits the reads the bot makes by itself (the MCU poller) like any read, and refuses a write', async () => {
  const { pipeline, calls, audited } = setUp();
  const read: OperationRequest = {
    id: 'p1',
    pbx: 'default',
    key: 'ConferenceSettings.GetMCURequestStatus',
    args: {},
    requester: { userId: 'mcu-poller' },
    channel: 'C0MCU',
    source: 'poller',
  };
  expect((await pipeline.readAsBot(read)).kind).toBe('done');
  expect(audited).toEqual([{ id: 'p1', source: 'poller', key: 'ConferenceSettings.GetMCURequestStatus' }]);
  const write = await pipeline.readAsBot({ ...restart('p2'), source: 'poller' });
  expect(write.kind).toBe('invalid');
  expect(calls).toEqual(['ConferenceSettings.GetMCURequestStatus']);
});
