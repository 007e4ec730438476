import { defaultCatalogue } from '../../src/api/catalogue';
import type { XapiClient } from '../../src/api/client';
import { silentLogger } from '../../src/logging';
import { PermissionPolicy, parseBotConfig } from '../../src/permissions';
import {
  type AuditSink,
  MemoryApprovalBook,
  type OperationRequest,
  type Outcome,
  Pipeline,
} from '../../src/pipeline';

/** The pipeline on its own: a client stand-in in place of the PBX, an audit sink that records what it was told. */

const CONFIG = parseBotConfig(
  `
roles:
  admin: { allow: ["*"] }
members:
  U0ADMIN: admin
`,
  'test',
);

function recordingAudit() {
  const begun: string[] = [];
  const finished: { id: string; kind: Outcome['kind'] }[] = [];
  const sink: AuditSink = {
    async begin(request) {
      begun.push(request.id);
    },
    async finish(request, outcome) {
      finished.push({ id: request.id, kind: outcome.kind });
    },
  };
  return { sink, begun, finished };
}

function pipelineWith(call: XapiClient['call'], audit: AuditSink): Pipeline {
  const client = { pbx: 'default', call } as unknown as XapiClient;
  return new Pipeline({
    catalogue: defaultCatalogue(),
    clients: new Map([['default', client]]),
    policy: new PermissionPolicy(CONFIG),
    groups: { groupsOf: async () => ({ groups: [] }) },
    approvals: new MemoryApprovalBook(),
    audit,
    logger: silentLogger(),
  });
}

const request = (id: string, key = 'Services.Restart'): OperationRequest => ({
  id,
  pbx: 'default',
  key,
  args: {},
  ...(key === 'Services.Restart' ? { body: { options: { ServiceNames: ['3CXQueueManager01'] } } } : {}),
  requester: { userId: 'U0ADMIN' },
  channel: 'C0OPS',
  source: 'command',
});

describe('a client that throws something other than an XapiError', () => {
  it('still finishes the audit row and answers an outcome that says the change may have been applied', async () => {
    const audit = recordingAudit();
    const pipeline = pipelineWith(async () => {
      throw new Error('Cannot read properties of undefined (reading "status")');
    }, audit.sink);
    const outcome = await pipeline.run(request('r1'));
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.fateUnknown).toBe(true);
    expect(audit.begun).toEqual(['r1']);
    expect(audit.finished).toEqual([{ id: 'r1', kind: 'failed' }]);
    // Nothing is left looking as if it were still running: shutdown has nothing to interrupt.
    expect(await pipeline.interruptRunning()).toEqual([]);
  });

  it('answers a read the same way, without claiming a change', async () => {
    const audit = recordingAudit();
    const pipeline = pipelineWith(async () => {
      throw new TypeError('boom');
    }, audit.sink);
    const outcome = await pipeline.run(request('r2', 'SystemStatus.GetSystemStatus'));
    expect(outcome.kind).toBe('failed');
    expect(audit.finished).toEqual([{ id: 'r2', kind: 'failed' }]);
  });
});
