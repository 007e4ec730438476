import { answerQuestion, confirmValue } from '../support/confirm';
import { type SlackStandIn, startSlackStandIn } from '../support/slack-stand-in';
import { waitUntil } from '../support/wait';
import { startTestBot, type TestBot } from './harness';

/**
 * The everyday grammar's harder corners, end to end: a Slack mention resolved through users.info, a member list
 * someone else changed meanwhile, the confirmation of a DELETE typed with `api`, and Cancel.
 */

type Obj = Record<string, unknown>;
let slack: SlackStandIn;
let t: TestBot;
beforeAll(async () => {
  slack = await startSlackStandIn({
    users: { U0NINA: { name: 'nina', real_name: 'Nina', email: 'NINA.NOVAK@example.com' } },
  });
  t = await startTestBot({ slackStandIn: slack });
});
afterAll(async () => {
  await t.close();
  await slack.close();
});
beforeEach(() => {
  t.sim.reset();
  t.slack.clear();
});

const ask = async (text: string) => t.reply((await t.command(text)).replyId);
const users = () => t.sim.state.users as Obj[];

it('a Slack mention is the 3CX user with that person’s email', async () => {
  await t.command('user add first=Nina last=Novak number=925 email=nina.novak@example.com');
  await t.channelPost('C0OPS');
  const text = await ask('user <@U0NINA|nina>');
  expect(text).toContain('User Nina Novak (925)');
  expect(t.slack.callsTo('users.info').map((c) => c.body.user)).toContain('U0NINA');
});

it('a mention whose Slack profile has no email says why and what to type instead', async () => {
  const text = await ask('user <@U0NOMAIL>');
  expect(text).toContain('users:read.email');
  expect(text).toContain('extension number');
});

it('refuses with "the list changed meanwhile" when a re-read differs, and sends nothing', async () => {
  const q = (t.sim.state.queues as Obj[])[0] as Obj;
  const agents = q.Agents as Obj[];
  const outsider = users().find((u) => !agents.some((a) => a.Number === u.Number)) as Obj;
  // The first read saw one more agent than the re-read: someone removed them in between.
  t.sim.addFault({
    method: 'GET',
    path: `/xapi/v1/Queues(${String(q.Id)})`,
    status: 200,
    body: { ...q, Agents: [...agents, { Id: 999, Name: 'Gone Meanwhile', Number: '999' }] },
    times: 1,
  });
  const text = await ask(`queue ${String(q.Number)} agents add ${String(outsider.Number)}`);
  expect(text).toContain('The list changed meanwhile, try again');
  expect(t.xapiRequests().filter((r) => r.method === 'PATCH')).toHaveLength(0);
});

it('adding someone already there changes nothing and says so', async () => {
  const q = (t.sim.state.queues as Obj[])[0] as Obj;
  const agent = (q.Agents as Obj[])[0] as Obj;
  const text = await ask(`queue ${String(q.Number)} agents add ${String(agent.Number)}`);
  expect(text).toContain('Nothing to change');
  expect(t.xapiRequests().filter((r) => r.method === 'PATCH')).toHaveLength(0);
});

it('`api Users.DeleteUser` asks first too; Cancel sends nothing', async () => {
  const u = users()[3] as Obj;
  const { replyId } = await t.command(`api Users.DeleteUser Id=${String(u.Id)}`);
  const cancel = await answerQuestion(t, replyId, { button: 'confirm_cancel' });
  expect(cancel.question).toContain(
    `Delete user ${String(u.FirstName)} ${String(u.LastName)} (${String(u.Number)})`,
  );
  expect(await t.reply(cancel.replyId)).toContain('Cancelled');
  expect(t.xapiRequests().filter((r) => r.method === 'DELETE')).toHaveLength(0);
  // The question is answered once: Confirm after Cancel runs nothing.
  const value = confirmValue(JSON.parse(cancel.question)) as string;
  const late = await t.click('confirm_run', value);
  expect(await t.reply(late.replyId)).toContain('already answered');
  expect(t.xapiRequests().filter((r) => r.method === 'DELETE')).toHaveLength(0);
});

it('a confirmation button altered in Slack is refused', async () => {
  const { replyId } = await t.command('multicompany on');
  const question = await t.slack.waitFor((c) => c.kind === 'response_url' && c.id === replyId);
  const value = JSON.parse(confirmValue(question.body) as string) as { args: { body: string } };
  value.args.body = '{"enable":false}';
  const click = await t.click('confirm_run', JSON.stringify(value));
  expect(await t.reply(click.replyId)).toContain('not made by the bot');
  expect(t.xapiRequests()).toHaveLength(0);
});

it('a viewer is refused before being asked to confirm', async () => {
  const text = await t.reply(
    (await t.command(`user ${String((users()[0] as Obj).Number)} delete`, { user: 'U0VIEW' })).replyId,
  );
  expect(text).toContain('You may not run Users.DeleteUser');
  expect(text).not.toContain('confirm_run');
});

it('`user add` with no fields opens the create form', async () => {
  await t.command('user add');
  const open = await t.slack.waitFor('views.open');
  expect(JSON.stringify(open.body)).toContain('Users.CreateUser');
  expect(t.xapiRequests()).toHaveLength(0);
});

it('`<entity> <ref> --json` shows 3CX’s raw answer', async () => {
  const u = users()[0] as Obj;
  const text = await ask(`user ${String(u.Number)} --json`);
  // A whole 3CX user is long: it comes as a file in the person's direct messages (DESIGN §4), or inline when short.
  if (text.includes('is in your direct messages')) {
    const file = await waitUntil(() => slack.files().find((f) => f.completed), { what: 'the JSON file' });
    expect(file.filename).toMatch(/\.json$/);
    expect(file.bytes?.toString('utf8')).toContain(String(u.EmailAddress));
  } else {
    expect(text).toContain('```');
    expect(text).toContain(String(u.EmailAddress));
  }
});

it('ring group and group members: add keeps the others, remove names who left', async () => {
  const rg = (t.sim.state.ringGroups as Obj[]).find(
    (g) => Array.isArray(g.Members) && g.Members.length > 0,
  ) as Obj;
  const before = (rg.Members as Obj[]).map((m) => m.Number);
  const group = (t.sim.state.groups as Obj[]).find((g) => g.IsDefault !== true) as Obj;
  // Someone in neither: adding them changes both lists.
  const inGroup = (u: Obj) =>
    Array.isArray(u.Groups) && (u.Groups as Obj[]).some((g) => g.GroupId === group.Id);
  const outsider = users().find((u) => !before.includes(u.Number) && !inGroup(u)) as Obj;
  await t.command(`ring-group ${String(rg.Number)} members add ${String(outsider.Number)}`);
  expect(await t.channelPost('C0OPS')).toContain(`Added ${String(outsider.FirstName)}`);
  const sent = ((t.xapiRequests().find((r) => r.method === 'PATCH')?.body ?? {}) as { Members: Obj[] })
    .Members;
  expect(sent.map((m) => m.Number)).toEqual([...before, outsider.Number]);

  await t.command(`group "${String(group.Name)}" members add ${String(outsider.Number)}`);
  expect(await t.channelPost('C0OPS', 1)).toContain(`to the members of group ${String(group.Name)}`);
  await t.command(`department "${String(group.Name)}" members remove ${String(outsider.Number)}`);
  expect(await t.channelPost('C0OPS', 2)).toContain(`Removed ${String(outsider.FirstName)}`);
});
