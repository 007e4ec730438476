import { Xapi } from '../simulator/helpers';
import { sharedTestBot } from './harness';

/**
 * The member columns of a list, end to end: `groups`, `ring-groups` and `queues` typed in Slack, the `$expand` the
 * simulator received (navigation properties come only when asked, as on a real 3CX), and each row's cell against
 * the members the simulator itself serves for that object.
 */

type Obj = Record<string, unknown>;
const t = sharedTestBot();

const ask = async (text: string) => t.reply((await t.command(text)).replyId);
/** What reached the PBX and was answered (the bot's retry after a 401 our own token caused is the one that counts). */
const lists = (operationKey: string) =>
  t.xapiRequests().filter((r) => r.operationKey === operationKey && r.status === 200);

/** The members of every object of a set as the simulator answers a full `$expand`: the truth the cells show. */
async function membersOf(set: string, nav: string): Promise<Obj[]> {
  // A token of its own each time: the simulator keeps one token per client, and the bot's replaces it.
  const value = await new Xapi(t.sim).list(`/${set}?$expand=${nav}`);
  t.sim.requests.length = 0;
  return value;
}

/** `5: Daniel Doyle (104)`: how the row of an object with these members begins (a group member's name is MemberName). */
function cellStart(members: Obj[]): string {
  const first = members[0];
  if (!first) return 'none';
  const name = String(first.MemberName ?? first.Name);
  return `${members.length}: ${name} (${String(first.Number)})`;
}

/** The table line of the object with this number. */
function lineOf(text: string, number: unknown): string {
  const line = text.split('\\n').find((l) => l.startsWith(`${String(number)} `));
  if (!line) throw new Error(`no row for ${String(number)} in ${text}`);
  return line;
}

it('`groups` shows each group’s member count and first names, expanded on the PBX', async () => {
  const groups = await membersOf('Groups', 'Members');
  expect(groups.some((g) => (g.Members as Obj[]).length > 1)).toBe(true);
  const text = await ask('groups');
  for (const g of groups) {
    const members = g.Members as Obj[];
    expect(lineOf(text, g.Number)).toContain(cellStart(members));
    if (members.length > 1) expect(lineOf(text, g.Number)).toContain('…');
  }
  const [list] = lists('Groups.ListGroup');
  expect(list?.query.$expand).toBe('Members($select=Number,Name,MemberName)');
  expect(list?.query.$top).toBe('100');
});

it('`departments` is the same list, and a member added shows up in the count', async () => {
  const group = (await membersOf('Groups', 'Members')).find((g) => g.IsDefault !== true) as Obj;
  const before = group.Members as Obj[];
  const outsider = (t.sim.state.users as Obj[]).find(
    (u) => !before.some((m) => m.Number === u.Number),
  ) as Obj;
  await t.command(`group "${String(group.Name)}" members add ${String(outsider.Number)}`);
  await t.channelPost('C0OPS');
  const text = await ask('departments');
  expect(lineOf(text, group.Number)).toContain(`${before.length + 1}: `);
});

it('`ring-groups` and `queues` show members and agents by name, from the simulator’s data', async () => {
  const ringGroups = await membersOf('RingGroups', 'Members');
  const rgText = await ask('ring-groups');
  for (const rg of ringGroups) expect(lineOf(rgText, rg.Number)).toContain(cellStart(rg.Members as Obj[]));
  expect(lists('RingGroups.ListRingGroup')[0]?.query.$expand).toBe('Members($select=Number,Name)');

  const queues = await membersOf('Queues', 'Agents');
  const qText = await ask('queues');
  for (const q of queues) expect(lineOf(qText, q.Number)).toContain(cellStart(q.Agents as Obj[]));
  expect(lists('Queues.ListQueue')[0]?.query.$expand).toBe('Agents($select=Number,Name)');
});

it('a typed $expand is sent as typed, and users are listed and resolved without one', async () => {
  await ask('groups $expand=Members');
  expect(lists('Groups.ListGroup')[0]?.query.$expand).toBe('Members');
  t.sim.requests.length = 0;
  await ask('users');
  expect(lists('Users.ListUser')[0]?.query.$expand).toBeUndefined();
  const user = (t.sim.state.users as Obj[])[0] as Obj;
  t.sim.requests.length = 0;
  await ask(`user ${String(user.EmailAddress)}`);
  const resolution = lists('Users.ListUser');
  expect(resolution.length).toBeLessThanOrEqual(2);
  for (const r of resolution) {
    expect(r.query.$expand).toBeUndefined();
    expect(Number(r.query.$top)).toBeLessThanOrEqual(50);
  }
});
