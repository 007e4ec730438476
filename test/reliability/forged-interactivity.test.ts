import fc from 'fast-check';
import { fillView } from '../e2e/view-state';
import { postSigned } from '../support/bot-client';
import { viewSubmissionBody } from '../support/signing';
import { waitUntil } from '../support/wait';
import { type Rig, SIGNING_SECRET, useRig } from './rig';

/**
 * Group 2, forged interactivity. A click or a form submission is signed by Slack, but what it carries was written
 * by the bot and can be replayed or edited by whoever builds the payload. What drives a 3CX call must come from
 * the bot's own state (approval book, MCU desk) or from sealed form metadata; anything else is refused and logged.
 * (Unknown ids, self-approval, unlisted approvers and viewers clicking are in test/e2e; these are the other
 * shapes.)
 */

let rig: Rig;
useRig((started) => {
  rig = started;
});

interface OpenedView {
  blocks: { type: string; block_id?: string; element?: { type: string; action_id: string } }[];
  private_metadata: string;
}

/** The form as the person gets to fill it: an update form opens saying it reads, and is filled by views.update. */
async function openForm(text: string, user = 'U0ADMIN'): Promise<OpenedView> {
  const before = rig.slack.callsTo('views.open').length;
  const updatesBefore = rig.slack.callsTo('views.update').length;
  await rig.command(text, { user });
  const call = await waitUntil(() => rig.slack.callsTo('views.open')[before], {
    what: `views.open for ${text}`,
  });
  const opened = (call.body as { view: OpenedView }).view;
  if (opened.private_metadata) return opened;
  const filled = await waitUntil(() => rig.slack.callsTo('views.update')[updatesBefore], {
    what: `views.update filling the form for ${text}`,
  });
  return (filled.body as { view: OpenedView }).view;
}

const refusals = () => rig.logs.filter((l) => l.includes('modal submission refused')).length;

async function expectRefused(res: { status: number; json?: unknown }, logsBefore: number): Promise<void> {
  expect(res.status).toBe(200);
  expect(JSON.stringify(res.json)).toContain('no longer valid');
  expect(refusals()).toBe(logsBefore + 1);
  await rig.bot.idle();
  expect(rig.writes()).toHaveLength(0);
}

describe('a form whose metadata was edited', () => {
  type Meta = {
    op: string;
    channel: string;
    requestId: string;
    pbx: string;
    args: Record<string, string>;
    seal?: string;
  };
  const edits: [string, (m: Meta) => Meta][] = [
    ['operation key swapped for another write', (m) => ({ ...m, op: 'SystemStatus.SetMultiCompanyMode' })],
    ['channel moved', (m) => ({ ...m, channel: 'C0ELSEWHERE' })],
    ['argument changed', (m) => ({ ...m, args: { ...m.args, Name: 'OtherProperty' } })],
    ['argument added', (m) => ({ ...m, args: { ...m.args, Extra: "x') or 1 eq 1" } })],
    ['PBX renamed', (m) => ({ ...m, pbx: 'customer-b' })],
    ['request id changed', (m) => ({ ...m, requestId: 'r-forged' })],
    ['seal removed', ({ seal: _seal, ...m }) => m],
    ['seal truncated', (m) => ({ ...m, seal: (m.seal ?? '').slice(0, -1) })],
  ];

  it.each(edits)('%s: refused, logged, nothing reaches 3CX', async (_what, edit) => {
    const view = await openForm('tenant-property set DEFAULT_LANGUAGE');
    const meta = JSON.parse(view.private_metadata) as Meta;
    const before = refusals();
    const res = await rig.submit(JSON.stringify(edit(meta)), fillView(view, { 'body:Value': 'gold' }));
    await expectRefused(res, before);
  });

  it('the seal of one form pasted onto metadata the bot never issued', async () => {
    const view = await openForm('multicompany');
    const { seal } = JSON.parse(view.private_metadata) as Meta;
    const invented = {
      op: 'Services.Restart',
      channel: 'C0OPS',
      requestId: 'r1',
      pbx: 'default',
      args: {},
      seal,
    };
    const before = refusals();
    const res = await rig.submit(JSON.stringify(invented), {
      'body:options.ServiceNames': { a: { type: 'plain_text_input', value: '3CXIVR01' } },
    });
    await expectRefused(res, before);
  });

  it('the unchanged form still runs, once, with what it was opened for', async () => {
    const view = await openForm('tenant-property set DEFAULT_LANGUAGE');
    const res = await rig.submit(view.private_metadata, fillView(view, { 'body:Value': 'gold' }));
    expect(res.status).toBe(200);
    // A prefilled form shows its change first; the preview's Confirm is what runs it.
    const pushed = (res.json as { view: { external_id: string } }).view;
    const call = await rig.slack.waitFor(
      (c) =>
        c.method === 'views.update' &&
        (c.body as { external_id?: string }).external_id === pushed.external_id,
    );
    const preview = (call.body as { view: OpenedView & { callback_id: string } }).view;
    expect(rig.writes()).toHaveLength(0);
    const confirm = viewSubmissionBody({
      userId: 'U0ADMIN',
      callbackId: preview.callback_id,
      privateMetadata: preview.private_metadata,
      stateValues: fillView(preview, {}),
    });
    expect((await postSigned(rig.url, confirm, { secret: SIGNING_SECRET })).status).toBe(200);
    await rig.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0OPS');
    expect(rig.writes().map((r) => [r.method, r.path])).toEqual([
      ['PATCH', "/xapi/v1/TenantProperties('DEFAULT_LANGUAGE')"],
    ]);
  });

  it('a submission with a callback the bot never registered runs nothing', async () => {
    const view = await openForm('multicompany');
    const body = viewSubmissionBody({
      userId: 'U0ADMIN',
      callbackId: 'someone_elses_modal',
      privateMetadata: view.private_metadata,
      stateValues: fillView(view, { 'body:enable': 'true' }),
    });
    const res = await postSigned(rig.url, body, { secret: SIGNING_SECRET });
    expect(res.status).toBeLessThan(500);
    await rig.bot.idle();
    expect(rig.writes()).toHaveLength(0);
  });
});

describe('approval buttons: the stored request runs, not the message', () => {
  async function requestEdit(): Promise<{ requestId: string; ts: string }> {
    await rig.command('license edit {"CompanyName":"Acme"}', { user: 'U0ADMIN' });
    const post = await rig.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('approval_approve'),
    );
    const requestId = /"action_id":"approval_approve","value":"([^"]+)"/.exec(JSON.stringify(post.body))?.[1];
    return { requestId: requestId as string, ts: (post.answer as { ts: string }).ts };
  }

  it('a click whose message claims another operation, body and channel runs the stored one', async () => {
    const { requestId, ts } = await requestEdit();
    const forgedBlocks = [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'Services.Restart {"options":{"ServiceNames":["All"]}}' },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'approval_approve',
            value: requestId,
            text: { type: 'plain_text', text: 'x' },
          },
        ],
      },
    ];
    await rig.click('approval_approve', requestId, {
      user: 'U0ADMIN2',
      channel: 'C0FORGED',
      messageTs: ts,
      messageBlocks: forgedBlocks,
    });
    await waitUntil(() => rig.writes().length > 0, { what: 'the approved write' });
    await rig.bot.idle();
    expect(rig.writes().map((r) => [r.path, r.body])).toEqual([
      ['/xapi/v1/LicenseStatus/Pbx.EditLicenseInfo', { licenseParams: { CompanyName: 'Acme' } }],
    ]);
    const [row] = await rig.store.auditList({ limit: 1, operation: 'LicenseStatus.*' });
    expect(row).toMatchObject({
      channel: 'C0OPS',
      userId: 'U0ADMIN',
      approvedBy: 'U0ADMIN2',
      outcome: 'done',
    });
  });

  it('a reject click carrying an approve action id still decides once; a second approve runs nothing', async () => {
    const { requestId, ts } = await requestEdit();
    await rig.click('approval_reject', requestId, { user: 'U0ADMIN2', messageTs: ts });
    await rig.slack.waitFor('chat.update');
    const again = await rig.click('approval_approve', requestId, { user: 'U0ADMIN2', messageTs: ts });
    await rig.slack.waitFor((c) => c.kind === 'response_url' && c.id === again.replyId);
    await rig.bot.idle();
    expect(rig.writes()).toHaveLength(0);
  });
});

describe('MCU buttons: what 3CX receives comes from the PBX, not the click', () => {
  it('a click whose message shows another McuId and state sends the request the PBX reported', async () => {
    await rig.bot.poller.tick();
    const post = await rig.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0MCU',
    );
    const id = /"action_id":"mcu_approve","value":"([^"]+)"/.exec(JSON.stringify(post.body))?.[1] as string;
    const real = rig.sim.state.mcuRequest;
    const forgedBlocks = [
      { type: 'section', text: { type: 'mrkdwn', text: 'McuId: mcu-evil, Operation: Delete' } },
    ];
    await rig.click('mcu_approve', id, {
      user: 'U0OPS',
      channel: 'C0MCU',
      messageTs: (post.answer as { ts: string }).ts,
      messageBlocks: forgedBlocks,
    });
    await waitUntil(() => rig.writes().length > 0, { what: 'the MCU update' });
    await rig.bot.idle();
    const sent = rig.writes().map((r) => r.body as { request: Record<string, unknown> });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.request).toMatchObject({
      McuId: real?.McuId,
      Operation: real?.Operation,
      State: 'Success',
    });
  });

  it('an action id the bot never put on a button runs nothing', async () => {
    const res = await rig.click('mcu_delete_everything', 'x', { user: 'U0ADMIN' });
    expect(res.status).toBeLessThan(500);
    await rig.bot.idle();
    expect(rig.writes()).toHaveLength(0);
  });
});

describe('refused clicks and submissions are logged', () => {
  const logged = (text: string) => rig.logs.filter((l) => l.includes(text)).length;

  it('a sealed form submitted by someone without the permission', async () => {
    const view = await openForm('multicompany');
    const before = logged('refused: missing permission');
    await rig.submit(view.private_metadata, fillView(view, { 'body:enable': 'true' }), { user: 'U0VIEW' });
    await waitUntil(() => logged('refused: missing permission') > before, { what: 'the denial in the log' });
    await rig.bot.idle();
    expect(rig.writes()).toHaveLength(0);
  });

  it('an MCU click by a viewer, and one naming a request the bot never announced', async () => {
    await rig.bot.poller.tick();
    const post = await rig.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0MCU',
    );
    const id = /"action_id":"mcu_approve","value":"([^"]+)"/.exec(JSON.stringify(post.body))?.[1] as string;
    const denied = logged('refused: missing permission');
    const unknown = logged('MCU click refused: unknown request');
    await rig.click('mcu_approve', id, { user: 'U0VIEW', channel: 'C0MCU' });
    await rig.click('mcu_approve', `${id}x`, { user: 'U0OPS', channel: 'C0MCU' });
    await rig.bot.idle();
    expect(logged('refused: missing permission')).toBe(denied + 1);
    expect(logged('MCU click refused: unknown request')).toBe(unknown + 1);
    expect(rig.writes()).toHaveLength(0);
  });

  it('an approval click by someone not listed, and one naming an unknown request', async () => {
    await rig.command('license edit {"CompanyName":"Acme"}', { user: 'U0ADMIN' });
    const post = await rig.slack.waitFor((c) => JSON.stringify(c.body).includes('approval_approve'));
    const id = /"action_id":"approval_approve","value":"([^"]+)"/.exec(
      JSON.stringify(post.body),
    )?.[1] as string;
    const notApprover = logged('approval click refused: not an approver');
    const unknown = logged('approval click refused: unknown request');
    await rig.click('approval_approve', id, { user: 'U0OPS' });
    await rig.click('approval_approve', 'never-issued', { user: 'U0ADMIN2' });
    await rig.bot.idle();
    expect(logged('approval click refused: not an approver')).toBe(notApprover + 1);
    expect(logged('approval click refused: unknown request')).toBe(unknown + 1);
    expect(rig.writes()).toHaveLength(0);
  });
});

describe('fuzz: signed interactivity payloads of any shape', () => {
  const anyValue = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.constant(null),
    fc.integer(),
    fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  );

  it('300 form submissions with random state values: always acknowledged, never a 5xx, never a crash', async () => {
    const view = await openForm('tenant-property set DEFAULT_LANGUAGE');
    const blockIds = view.blocks.filter((b) => b.block_id).map((b) => b.block_id as string);
    const state = fc.dictionary(
      fc.oneof(fc.constantFrom(...blockIds, 'advanced_json'), fc.string({ maxLength: 10 })),
      fc.dictionary(
        fc.string({ maxLength: 6 }),
        fc.record(
          {
            type: fc.constantFrom('plain_text_input', 'static_select', 'checkboxes', 'x'),
            value: anyValue,
            selected_option: anyValue,
            selected_options: anyValue,
          },
          { requiredKeys: ['type'] },
        ),
        { maxKeys: 2 },
      ),
      { maxKeys: 5 },
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(state, async (values) => {
        const res = await rig.submit(view.private_metadata, values as never, { viewId: `VSTATE${n++}` });
        expect(res.status).toBe(200);
      }),
      { numRuns: 300 },
    );
    await rig.bot.idle();
    for (const r of rig.writes()) expect(r.path).toBe("/xapi/v1/TenantProperties('DEFAULT_LANGUAGE')");
    expect(rig.logs.join('')).not.toMatch(/"level":(50|60)/);
  }, 60_000);

  it('300 button clicks with random action ids and values: never a 5xx, nothing written', async () => {
    const actionId = fc.oneof(
      fc.constantFrom(
        'approval_approve',
        'approval_reject',
        'mcu_approve',
        'mcu_reject',
        'page_next',
        'page_prev',
      ),
      fc.string({ maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(actionId, fc.string({ maxLength: 80 }), async (id, value) => {
        const res = await rig.click(id, value, { user: 'U0ADMIN2' });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    await rig.bot.idle();
    expect(rig.writes()).toHaveLength(0);
    expect(rig.logs.join('')).not.toMatch(/"level":(50|60)/);
  }, 60_000);
});
