import { postSigned } from '../../src/demo/slack/bot-client';
import { blockActionsBody, blockSuggestionBody } from '../../src/demo/slack/signing';
import { SIGNING_SECRET, sharedTestBot } from './harness';
import { type Filled, fillView, inputBlockIds } from './view-state';

/**
 * Forms a person can fill, over the real receiver: the create-user form in the order people fill it, its "More
 * fields" page pushed and sent with the first, pickers answered from the PBX, values checked under their field,
 * and a service name the PBX does not have refused before anyone is asked to approve it.
 */

const CONFIG = `
roles:
  admin: { allow: ["*"] }
members:
  U0ADMIN: admin
  U0BOSS: admin
approvals:
  - operations: ["Services.Restart"]
    approvers: [U0BOSS]
`;

interface View {
  id?: string;
  blocks: { type: string; block_id?: string; element?: { type: string; action_id: string } }[];
  private_metadata: string;
  callback_id: string;
}

const t = sharedTestBot({ config: CONFIG });

async function openForm(text: string): Promise<View> {
  const { status } = await t.command(text);
  expect(status).toBe(200);
  return ((await t.slack.waitFor('views.open')).body as { view: View }).view;
}

async function pressMoreFields(view: View, filled: Record<string, Filled>): Promise<View> {
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
  return ((await t.slack.waitFor('views.push')).body as { view: View }).view;
}

async function suggestions(view: View, blockId: string, typed: string) {
  const body = blockSuggestionBody({
    userId: 'U0ADMIN',
    blockId,
    value: typed,
    view: { id: 'V0PICKER', privateMetadata: view.private_metadata },
  });
  const res = await postSigned(t.url, body, { secret: SIGNING_SECRET });
  expect(res.status).toBe(200);
  return res.json as { options: { text: { text: string }; value: string }[] };
}

const xapi = (method: string, path: string) =>
  t.xapiRequests().filter((r) => r.method === method && r.path === `/xapi/v1${path}`);

describe('the create-user form', () => {
  it('asks first for what people fill first, and a first name lands in First Name', async () => {
    const view = await openForm('api Users.CreateUser');
    expect(inputBlockIds(view).slice(0, 4)).toEqual([
      'body:FirstName',
      'body:LastName',
      'body:Number',
      'body:EmailAddress',
    ]);
    expect(JSON.stringify(view.blocks)).toContain('More fields (');
    expect(JSON.stringify(view.blocks)).not.toContain('Click-to-call ID');
    const res = await t.submit(
      view.private_metadata,
      fillView(view, { 'body:FirstName': 'Nina', 'body:LastName': 'Novak', 'body:Number': '150' }),
    );
    expect(res.status).toBe(200);
    await t.channelPost('C0OPS');
    const [created] = xapi('POST', '/Users');
    expect(created?.body).toMatchObject({ FirstName: 'Nina', LastName: 'Novak', Number: '150' });
    expect(created?.body).not.toHaveProperty('ClickToCallId');
  });

  it('"More fields" pushes a second page, and its submission carries the first page with it', async () => {
    const first = await openForm('api Users.CreateUser');
    const more = await pressMoreFields(first, { 'body:FirstName': 'Omar', 'body:Number': '151' });
    const moreIds = inputBlockIds(more);
    expect(moreIds).toContain('body:DisplayName');
    expect(moreIds).not.toContain('body:FirstName');
    const res = await t.submit(
      more.private_metadata,
      fillView(more, { 'body:DisplayName': 'Omar at the desk' }),
    );
    expect(res.json).toEqual({ response_action: 'clear' });
    await t.channelPost('C0OPS');
    expect(xapi('POST', '/Users').map((r) => r.body)).toEqual([
      expect.objectContaining({ FirstName: 'Omar', Number: '151', DisplayName: 'Omar at the desk' }),
    ]);
  });

  it('values are checked like 3CX checks them, each under its field, named by its label', async () => {
    const view = await openForm('api Users.CreateUser');
    const res = await t.submit(
      view.private_metadata,
      fillView(view, {
        'body:FirstName': 'Ann',
        'body:EmailAddress': 'ann(at)example',
        'body:Number': '12a',
      }),
    );
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: {
        'body:EmailAddress': expect.stringMatching(
          /^Email address must be an email address like ann@example\.com/,
        ),
        'body:Number': expect.stringMatching(/^Number must be an extension number of 3 to 4 digits/),
      },
    });
    expect(xapi('POST', '/Users')).toHaveLength(0);
  });
});

describe('pickers', () => {
  it('the user to update is picked from the PBX as the person types: $filter with contains, and $top', async () => {
    const view = await openForm('api Users.UpdateUser');
    expect(view.blocks.find((b) => b.block_id === 'param:Id')?.element?.type).toBe('external_select');
    const answer = await suggestions(view, 'param:Id', 'priya');
    expect(answer.options.length).toBeGreaterThan(0);
    expect(answer.options.length).toBeLessThanOrEqual(100);
    expect(answer.options[0]?.text.text).toMatch(/Priya/);
    const [read] = xapi('GET', '/Users');
    expect(read?.query.$filter).toContain("contains(tolower(FirstName),'priya')");
    expect(Number(read?.query.$top)).toBeLessThanOrEqual(100);
  });

  it('a PBX too slow for Slack’s 3 s gets a hint instead of nothing', async () => {
    const view = await openForm('api Users.UpdateUser');
    t.sim.addFault({ path: '/xapi/v1/Users', method: 'GET', latencyMs: 4_000, times: 1 });
    const answer = await suggestions(view, 'param:Id', 'ben');
    expect(answer.options).toEqual([
      {
        text: expect.objectContaining({ text: expect.stringMatching(/slow to answer/) }),
        value: 'hint:none',
      },
    ]);
  });
});

describe('a service name the PBX does not have', () => {
  it('is refused with did-you-mean before any confirmation or approval', async () => {
    const { replyId } = await t.command('services restart 3CXQueueManager');
    const reply = await t.reply(replyId);
    expect(reply).toContain('did you mean 3CXQueueManager01?');
    expect(reply).not.toContain('confirm_run');
    expect(xapi('POST', '/Services/Pbx.Restart')).toHaveLength(0);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
    // The PBX's own list was read, by name, before anything else.
    expect(xapi('GET', '/Services')[0]?.query.$filter).toBe("Name eq '3CXQueueManager'");
  });
});
