import { userMessage } from '../../src/api/errors';
import type { Outcome } from '../../src/pipeline/types';
import {
  approvalDecidedMessage,
  approvalRequestMessage,
  confirmationMessage,
  decisionNotice,
  errorMessage,
  failureMessage,
  infoMessage,
  type McuSnapshot,
  mcuMessage,
  type SlackMessage,
} from '../../src/views/replies';
import {
  allText,
  buttons,
  done,
  expectWithinLimits,
  failed,
  HEADLINE,
  op,
  request,
  xapiError,
} from './replies-fixtures';

describe('confirmationMessage', () => {
  it.each(HEADLINE)(
    'confirms $key: who, what, which PBX, masked arguments, outcome, duration',
    ({ key, masked }) => {
      const m = confirmationMessage(done(key, masked));
      const text = allText(m);
      expect(text).toContain('<@U0ALICE>');
      expect(text).toContain(key);
      expect(text).toContain('acme-pbx');
      expect(text).toContain('Done (HTTP 204)');
      expect(text).toContain('312 ms');
      expectWithinLimits(m);
    },
  );

  it('shows parameters compactly and the body as inline JSON', () => {
    const entry = HEADLINE[1] as (typeof HEADLINE)[number];
    const m = confirmationMessage(done(entry.key, entry.masked));
    const text = allText(m);
    expect(text).toContain('Name=SupportLevel');
    expect(text).toContain('{\\"Name\\":\\"SupportLevel\\",\\"Value\\":\\"gold\\"');
  });

  it.each(HEADLINE)(
    'reports a failed $key with the one error sentence and the time taken',
    ({ key, masked }) => {
      const error = xapiError();
      const m = confirmationMessage(failed(key, masked, error));
      expect(allText(m)).toContain(
        `Failed: ${userMessage(error)}`.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      );
      expect(allText(m)).toContain('1.5 s');
      expect(allText(m)).not.toContain('replies-fixtures');
      expectWithinLimits(m);
    },
  );

  it('shows the masked body, never the request body that may hold secrets', () => {
    const masked = { params: { Id: 12 }, body: { AuthPassword: '••••', FirstName: 'Ann' } };
    const outcome = done('Users.UpdateUser', masked, undefined, 204, {
      AuthPassword: 'hunter2',
      FirstName: 'Ann',
    });
    expect((outcome.request.body as { AuthPassword: string }).AuthPassword).toBe('hunter2');
    const text = allText(confirmationMessage(outcome));
    expect(text).not.toContain('hunter2');
    expect(text).toContain('••••');
  });

  it('cuts a 3,000-character parameter value to fit', () => {
    const long = 'x'.repeat(3000);
    const m = confirmationMessage(
      done('TenantProperties.UpdateProperty', { params: { Name: long }, body: { Name: long, Value: long } }),
    );
    expectWithinLimits(m);
    expect(allText(m)).toContain('…');
  });
});

describe('failureMessage', () => {
  it('words a 3CX failure with userMessage alone, naming the operation and PBX, never a stack', () => {
    const error = xapiError({ kind: 'timeout', method: 'POST', timeoutMs: 10_000 });
    const m = failureMessage(failed('Services.Restart', { params: {} }, error));
    const text = allText(m);
    expect(text).toContain(userMessage(error).replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(text).toContain('Services.Restart');
    expect(text).toContain('acme-pbx');
    expect(text).not.toContain('replies-fixtures');
    expectWithinLimits(m);
  });

  it('lists each validation issue and the suggestions', () => {
    const m = failureMessage({
      kind: 'invalid',
      request: request('Services.Restrat'),
      issues: [
        { field: 'key', message: 'There is no operation Services.Restrat' },
        { field: 'enable', message: 'enable: expected on/off' },
      ],
      suggestions: ['Services.Restart'],
    });
    const section = m.blocks[0];
    const text = section?.type === 'section' ? (section.text?.text ?? '') : '';
    expect(text).toContain('• There is no operation Services.Restrat');
    expect(text).toContain('• enable: expected on/off');
    expect(text).toContain('Did you mean `Services.Restart`?');
  });

  it('keeps hundreds of issues within the limits', () => {
    const issues = Array.from({ length: 300 }, (_, i) => ({
      field: `f${i}`,
      message: `f${i}: ${'bad '.repeat(200)}`,
    }));
    expectWithinLimits(
      failureMessage({
        kind: 'invalid',
        request: request('Users.UpdateUser'),
        operation: op('Users.UpdateUser'),
        issues,
      }),
    );
  });

  it('names the missing permission, how to get it, and the note', () => {
    const m = failureMessage({
      kind: 'denied',
      request: request('Services.Restart'),
      operation: op('Services.Restart'),
      missing: 'Services.Restart',
      note: 'Your Slack user groups could not be read.',
    });
    expect(m.text).toContain('You may not run Services.Restart on acme-pbx.');
    expect(m.text).toContain('ask an admin to give you a role that allows it in BOT_CONFIG');
    expect(allText(m)).toContain('Your Slack user groups could not be read.');
  });

  it('has plain error and info messages', () => {
    expect(errorMessage('Expected on/off, got "maybe".').text).toBe('Expected on/off, got "maybe".');
    expect(infoMessage('Waiting for an approver.').blocks).toHaveLength(1);
    expectWithinLimits(errorMessage('z'.repeat(5000)));
    expectWithinLimits(infoMessage(''));
  });
});

describe('approvals', () => {
  const entry = HEADLINE[3] as (typeof HEADLINE)[number];
  const expiresAt = Date.UTC(2026, 10, 22, 12, 30);
  const needs: Extract<Outcome, { kind: 'needs_approval' }> = {
    kind: 'needs_approval',
    request: request(
      entry.key,
      {},
      { options: { ServiceNames: ['3CXQueueManager'] }, AdminPassword: 'hunter2' },
    ),
    operation: op(entry.key),
    approvers: ['U0ADMIN', 'S0NOC'],
    expiresAt,
    maskedArgs: {
      params: {},
      body: { options: { ServiceNames: ['3CXQueueManager'] }, AdminPassword: '••••' },
    },
  };

  it('asks the approvers in the channel with Approve/Reject buttons carrying only the request id', () => {
    const m = approvalRequestMessage(needs);
    const text = allText(m);
    expect(text).toContain('<@U0ALICE>');
    expect(text).toContain('<@U0ADMIN>');
    expect(text).toContain('<!subteam^S0NOC>');
    expect(text).toContain(`<!date^${expiresAt / 1000}^{date_short_pretty} {time}|2026-11-22T12:30:00.000Z>`);
    expect(text).toContain('3CXQueueManager');
    expect(text).not.toContain('hunter2');
    expect(buttons(m)).toEqual([
      expect.objectContaining({ action_id: 'approval_approve', style: 'primary', value: 'req-1' }),
      expect.objectContaining({ action_id: 'approval_reject', style: 'danger', value: 'req-1' }),
    ]);
    expectWithinLimits(m);
  });

  it('does not list the requester among those who may decide', () => {
    const own = { ...needs, approvers: ['U0ALICE', 'U0ADMIN'] };
    const m = approvalRequestMessage(own);
    // In the JSON of the blocks the line ends at an escaped newline.
    expect(allText(m)).toContain('*Approvers:* <@U0ADMIN>\\n');
    expect(m.text).toMatch(/waiting for <@U0ADMIN>$/);
  });

  it.each(['approved', 'rejected', 'expired'] as const)(
    'replaces the buttons with the decision when %s',
    (verdict) => {
      const result = verdict === 'approved' ? confirmationMessage(done(entry.key, entry.masked)) : undefined;
      const m = approvalDecidedMessage({
        request: needs.request,
        operationKey: entry.key,
        verdict,
        ...(verdict === 'expired' ? {} : { by: 'U0ADMIN' }),
        at: expiresAt,
        ...(result ? { result } : {}),
      });
      expect(buttons(m)).toHaveLength(0);
      const text = allText(m);
      expect(text).not.toContain('hunter2');
      if (verdict === 'approved') expect(text).toContain('Done (HTTP 204)');
      else expect(text).toContain('Nothing was run');
      if (verdict !== 'expired') expect(text).toContain('by <@U0ADMIN> at <!date^');
      expectWithinLimits(m);
    },
  );

  it('keeps a decided message within the limits even with a huge embedded result', () => {
    const result: SlackMessage = {
      text: 'big',
      blocks: Array.from({ length: 60 }, () => ({ type: 'divider' as const })),
    };
    const m = approvalDecidedMessage({
      request: needs.request,
      operationKey: entry.key,
      verdict: 'approved',
      by: 'U0ADMIN',
      at: 0,
      result,
    });
    expectWithinLimits(m);
    expect(m.blocks[0]?.type).toBe('header');
  });

  it('tells a late clicker who decided first and when', () => {
    const m = decisionNotice({ by: 'U0BOB', verdict: 'approved', at: expiresAt });
    expect(m.text).toMatch(/^Already approved by <@U0BOB> at <!date\^/);
  });
});

describe('mcuMessage', () => {
  const pending: McuSnapshot = {
    McuId: 'mcu-7',
    Operation: 'Add',
    State: 'Pending',
    RequestExpiration: '2026-11-22T10:00:00Z',
    ErrorMessage: null,
  };

  it('offers Approve/Reject while a request is pending', () => {
    const m = mcuMessage({ announcementId: 'ann-1', pbx: 'acme-pbx', request: pending });
    expect(buttons(m)).toEqual([
      expect.objectContaining({ action_id: 'mcu_approve', style: 'primary', value: 'ann-1' }),
      expect.objectContaining({ action_id: 'mcu_reject', style: 'danger', value: 'ann-1' }),
    ]);
    expect(allText(m)).toContain('mcu-7');
    expectWithinLimits(m);
  });

  it('shows who decided and when, without buttons', () => {
    const at = Date.UTC(2026, 10, 22, 9, 0);
    const m = mcuMessage({
      announcementId: 'ann-1',
      pbx: 'acme-pbx',
      request: pending,
      decision: { by: 'U0BOB', verdict: 'rejected', at },
    });
    expect(buttons(m)).toHaveLength(0);
    expect(allText(m)).not.toContain('Pending');
    expect(allText(m)).toContain(
      `Rejected by <@U0BOB> at <!date^${at / 1000}^{date_short_pretty} {time}|2026-11-22T09:00:00.000Z>`,
    );
    const refused = mcuMessage({
      announcementId: 'ann-1',
      pbx: 'acme-pbx',
      request: pending,
      decision: { by: 'U0BOB', verdict: 'approved', at, failed: 'The PBX is unreachable' },
    });
    expect(allText(refused)).toContain('The PBX is unreachable');
  });

  it('says when the request expired', () => {
    const m = mcuMessage({ announcementId: 'ann-1', pbx: 'acme-pbx', request: pending, expired: true });
    expect(buttons(m)).toHaveLength(0);
    expect(allText(m)).toContain('Expired at <!date^');
  });

  it('says when nothing is waiting', () => {
    const none = { McuId: null, Operation: null, State: null, RequestExpiration: null, ErrorMessage: null };
    expect(mcuMessage({ announcementId: '', pbx: 'acme-pbx', request: none }).text).toBe(
      'No MCU request is waiting.',
    );
    expect(
      mcuMessage({ announcementId: 'a', pbx: 'acme-pbx', request: { ...pending, State: 'Success' } }).text,
    ).toBe('No MCU request is waiting.');
  });
});
