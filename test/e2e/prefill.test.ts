import { postSigned } from '../../src/demo/slack/bot-client';
import { blockActionsBody, viewSubmissionBody } from '../../src/demo/slack/signing';
import { answerQuestion } from '../support/confirm';
import type { RecordedCall } from '../support/slack-stand-in';
import { SIGNING_SECRET, sharedTestBot } from './harness';
import { type Filled, fillView } from './view-state';

/**
 * Update forms over the real receiver (issue 14, items 2 and 4): the form opens at once with a wait, then shows the
 * object's values as the simulator holds them; a submit that changes nothing sends nothing; a submit that changes
 * something shows before → after first, and only Confirm writes; a list that would lose members needs its choice.
 */

const CONFIG = `
roles:
  admin: { allow: ["*"] }
members:
  U0ADMIN: admin
`;

type Obj = Record<string, unknown>;

interface Element {
  type: string;
  action_id: string;
  initial_value?: string;
  initial_option?: { value: string; text: { type: string; text: string } };
  initial_options?: { value: string; text: { type: string; text: string } }[];
}

interface View {
  type: string;
  title: { text: string };
  submit?: { text: string };
  external_id?: string;
  blocks: { type: string; block_id?: string; element?: Element; text?: { text: string } }[];
  private_metadata: string;
  callback_id: string;
}

const t = sharedTestBot({ config: CONFIG });

const viewOf = (call: RecordedCall) => (call.body as { view: View }).view;
const inputsOf = (view: View) => view.blocks.filter((b) => b.type === 'input');
const element = (view: View, blockId: string) => view.blocks.find((b) => b.block_id === blockId)?.element;
const writes = () => t.xapiRequests().filter((r) => r.method !== 'GET');
const user = (id: number) => t.sim.state.users.find((u) => u.Id === id) as Obj;

/** The command's form as views.open showed it, and as views.update filled it in. */
async function openPrefilled(text: string): Promise<{ opened: RecordedCall; view: View }> {
  const { status } = await t.command(text);
  expect(status).toBe(200);
  const opened = await t.slack.waitFor('views.open');
  const updated = await t.slack.waitFor('views.update');
  return { opened, view: viewOf(updated) };
}

async function submitForm(view: View, values: Record<string, Filled>) {
  return t.submit(view.private_metadata, fillView(view, values));
}

/** The preview that replaces the wait pushed by a submission. */
async function previewAfter(res: { json?: unknown }): Promise<View> {
  const pushed = (res.json as { response_action: string; view: View }).view;
  expect((res.json as { response_action: string }).response_action).toBe('push');
  expect(pushed.external_id).toMatch(/^preview-/);
  const call = await t.slack.waitFor(
    (c) =>
      c.method === 'views.update' && (c.body as { external_id?: string }).external_id === pushed.external_id,
  );
  return viewOf(call);
}

async function confirm(preview: View, values: Record<string, Filled> = {}, viewId = 'V0PREVIEW') {
  const body = viewSubmissionBody({
    userId: 'U0ADMIN',
    callbackId: preview.callback_id,
    viewId,
    privateMetadata: preview.private_metadata,
    stateValues: fillView(preview, values),
  });
  return postSigned(t.url, body, { secret: SIGNING_SECRET });
}

async function pressMoreFields(view: View, filled: Record<string, Filled> = {}): Promise<View> {
  const body = blockActionsBody({
    userId: 'U0ADMIN',
    actionId: 'more_fields',
    blockId: 'more_fields',
    value: 'more',
    view: {
      id: 'V0FIRSTPAGE',
      callbackId: 'op_modal',
      privateMetadata: view.private_metadata,
      stateValues: fillView(view, filled),
    },
  });
  expect((await postSigned(t.url, body, { secret: SIGNING_SECRET })).status).toBe(200);
  const pushed = await t.slack.waitFor('views.push');
  const id = (pushed.answer as { view: { id: string } }).view.id;
  return viewOf(await t.slack.waitFor((c) => c.method === 'views.update' && c.body.view_id === id));
}

/** What an input shows, as text: the value Slack would send back untouched. */
function shown(el: Element | undefined): string | undefined {
  return el?.initial_value ?? el?.initial_option?.value;
}

describe('an update form shows today’s values', () => {
  it('opens with a wait before any 3CX call, then views.update fills each field with the simulator’s value', async () => {
    const { opened, view } = await openPrefilled('api Users.UpdateUser Id=1');
    const wait = viewOf(opened);
    expect(inputsOf(wait)).toEqual([]);
    expect(wait.submit).toBeUndefined();
    expect(JSON.stringify(wait.blocks)).toContain('Reading today');
    expect(t.xapiRequests().filter((r) => r.at < opened.at)).toEqual([]);

    const zoe = user(1);
    expect(view.callback_id).toBe('op_modal');
    expect(view.submit?.text).toBe('Review changes');
    for (const field of ['FirstName', 'LastName', 'Number', 'EmailAddress', 'Mobile', 'OutboundCallerID']) {
      const value = zoe[field];
      if (value === '' || value === null || value === undefined)
        expect(shown(element(view, `body:${field}`))).toBeUndefined();
      else expect(shown(element(view, `body:${field}`))).toBe(String(value));
    }
    for (const field of ['Enabled', 'VMEnabled', 'RecordCalls'])
      expect(shown(element(view, `body:${field}`))).toBe(String(zoe[field]));
    expect(shown(element(view, 'body:Language'))).toBe(String(zoe.Language));
    // The department picker shows the current department by name.
    const group = t.sim.state.groups.find((g) => g.Id === zoe.PrimaryGroupId) as Obj;
    const picker = element(view, 'body:PrimaryGroupId');
    expect(picker?.type).toBe('external_select');
    expect(picker?.initial_option?.value).toBe(String(zoe.PrimaryGroupId));
    expect(picker?.initial_option?.text.text).toContain(String(group.Name));
    // Secrets are not put in a form Slack shows.
    expect(shown(element(view, 'body:VMPIN'))).toBeUndefined();
    expect(JSON.stringify(t.slack.calls)).not.toContain(String(zoe.VMPIN));
    // The read went through the pipeline as the person: audited.
    const [row] = await t.store.auditList({ limit: 5, operation: 'Users.GetUser' });
    expect(row).toMatchObject({ userId: 'U0ADMIN', outcome: 'done' });
  });

  it('`user 101 set` with no fields: the reference is resolved once the form is open, and the form carries its Id', async () => {
    const { view } = await openPrefilled('user 101 set');
    const sean = t.sim.state.users.find((u) => u.Number === '101') as Obj;
    expect(shown(element(view, 'body:FirstName'))).toBe(sean.FirstName);
    expect(JSON.parse(view.private_metadata).args).toEqual({ Id: String(sean.Id) });
  });

  it('a read that fails: the form says why instead of showing empty inputs', async () => {
    t.sim.addFault({ path: '/xapi/v1/Users(1)', method: 'GET', status: 500, times: 5 });
    const { view } = await openPrefilled('api Users.UpdateUser Id=1');
    expect(inputsOf(view)).toEqual([]);
    expect(view.title.text).toBe('Could not read it');
    expect(writes()).toEqual([]);
  });

  it('a reference that matches nobody: the form says so, with a did-you-mean', async () => {
    const { view } = await openPrefilled('user zzqx set');
    expect(inputsOf(view)).toEqual([]);
    expect(JSON.stringify(view.blocks)).toContain('No user matches');
  });
});

describe('a submit that changes nothing', () => {
  it('sends nothing to 3CX and says so', async () => {
    const { view } = await openPrefilled('api Users.UpdateUser Id=1');
    t.sim.clearLog();
    const res = await submitForm(view, {});
    const answer = res.json as { response_action: string; view: View };
    expect(answer.response_action).toBe('push');
    expect(answer.view.title.text).toBe('Nothing to change');
    expect(JSON.stringify(answer.view.blocks)).toContain('nothing was sent to 3CX');
    await t.bot.idle();
    expect(t.xapiRequests()).toEqual([]);
    expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('typing the same value again is no change either; the "More fields" page is prefilled too', async () => {
    const { view } = await openPrefilled('api Users.UpdateUser Id=1');
    const more = await pressMoreFields(view, { 'body:FirstName': String(user(1).FirstName) });
    expect(shown(element(more, 'body:DisplayName'))).toBe(user(1).DisplayName);
    t.sim.clearLog();
    const res = await submitForm(more, {});
    expect((res.json as { view: View }).view.title.text).toBe('Nothing to change');
    await t.bot.idle();
    expect(writes()).toEqual([]);
  });
});

describe('the changes, before they run', () => {
  it('shows each change before → after; nothing reaches 3CX before Confirm, which sends only the changes, once', async () => {
    const { view } = await openPrefilled('api Users.UpdateUser Id=1');
    const res = await submitForm(view, { 'body:FirstName': 'Zoe', 'body:Enabled': 'false' });
    const preview = await previewAfter(res);
    const text = JSON.stringify(preview.blocks);
    expect(text).toContain('*First Name*: Zoë → Zoe');
    expect(text).toContain('*Enabled*: yes → no');
    expect(text).toContain('2 changes to user Zoë Müller (100)');
    expect(preview.submit?.text).toBe('Confirm');
    await t.bot.idle();
    expect(writes()).toEqual([]);

    expect((await confirm(preview)).json).toEqual({ response_action: 'clear' });
    const post = await t.channelPost('C0OPS');
    expect(post).toContain('Updated user Zoë Müller (100)');
    expect(post).toContain('First Name: Zoë → Zoe');
    await confirm(preview, {}, 'V0PREVIEW2');
    await t.bot.idle();
    expect(writes().map((r) => [r.method, r.path, r.body])).toEqual([
      ['PATCH', '/xapi/v1/Users(1)', { FirstName: 'Zoe', Enabled: false, Id: 1 }],
    ]);
  });

  it('a value 3CX would refuse is shown under its field, and no preview is made', async () => {
    const { view } = await openPrefilled('api Users.UpdateUser Id=1');
    const res = await submitForm(view, { 'body:EmailAddress': 'zoe(at)example' });
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: { 'body:EmailAddress': expect.stringMatching(/^Email address must be an email address/) },
    });
  });

  it('a field someone changed on the PBX after the preview: Confirm sends nothing and says why', async () => {
    const { view } = await openPrefilled('api Users.UpdateUser Id=1');
    const preview = await previewAfter(await submitForm(view, { 'body:FirstName': 'Zoe' }));
    user(1).FirstName = 'Zoey';
    await confirm(preview);
    const said = await t.slack.waitFor('chat.postEphemeral');
    expect(JSON.stringify(said.body)).toContain('changed on the PBX since the preview');
    expect(writes()).toEqual([]);
  });
});

describe('replacing a whole list', () => {
  it('form: the preview names who would go, and Confirm sends nothing until “Replace the whole list” is ticked', async () => {
    const { view } = await openPrefilled('ring-group 700 set');
    const more = await pressMoreFields(view);
    const members = JSON.parse(shown(element(more, 'body:Members')) ?? '[]') as Obj[];
    expect(members.map((m) => m.Number)).toEqual(['100', '114', '138']);
    const kept = JSON.stringify([members[0]]);
    const preview = await previewAfter(await submitForm(more, { 'body:Members': kept }));
    const text = JSON.stringify(preview.blocks);
    expect(text).toContain('removes Hiroshi Ivanova (114), Kwame Taylor (138)');
    expect(text).toContain('keeps Zoë Müller (100)');
    expect(element(preview, 'replace_list')?.type).toBe('checkboxes');

    const refused = await confirm(preview);
    expect(refused.json).toEqual({
      response_action: 'errors',
      errors: { replace_list: expect.stringContaining('Nothing was sent') },
    });
    await t.bot.idle();
    expect(writes()).toEqual([]);

    await confirm(preview, { replace_list: true }, 'V0PREVIEW3');
    const post = await t.channelPost('C0OPS');
    expect(post).toContain('removed Hiroshi Ivanova (114), Kwame Taylor (138)');
    expect(writes().map((r) => [r.method, r.path, (r.body as Obj).Members])).toEqual([
      ['PATCH', '/xapi/v1/RingGroups(1)', [members[0]]],
    ]);
  });

  it('command: api Queues.UpdateQueue Id=1 {"Agents":[]} names the agents who would go and asks first', async () => {
    const agents = ["Seán O'Brien (101)", 'Dmitri Ivanova (103)', 'Siobhán Quintero (115)'];
    const { replyId } = await t.command('api Queues.UpdateQueue Id=1 {"Agents":[]}');
    const asked = await t.reply(replyId);
    expect(asked).toContain('confirm_run');
    expect(asked).toContain('Sales Queue (800)');
    for (const name of agents) expect(asked).toContain(name);
    await t.bot.idle();
    expect(writes()).toEqual([]);

    const { replyId: question } = await t.command('api Queues.UpdateQueue Id=1 {"Agents":[]}');
    await answerQuestion(t, question);
    const post = await t.channelPost('C0OPS');
    expect(post).toContain("removed Seán O'Brien (101)");
    expect(writes().map((r) => [r.method, r.path, r.body])).toEqual([
      ['PATCH', '/xapi/v1/Queues(1)', { Agents: [] }],
    ]);
  });

  it('command: a list that only grows loses nobody and runs at once', async () => {
    const current = t.sim.state.queues.find((q) => q.Id === 1) as Obj;
    const agents = [...((current.Agents as Obj[]) ?? []), { Number: '102' }];
    const { replyId } = await t.command(`api Queues.UpdateQueue Id=1 ${JSON.stringify({ Agents: agents })}`);
    await t.channelPost('C0OPS');
    expect(JSON.stringify(t.slack.responses(replyId))).not.toContain('confirm_run');
    expect(writes()).toHaveLength(1);
  });
});
