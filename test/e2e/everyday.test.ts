import { sharedTestBot } from './harness';

/**
 * The everyday grammar, end to end: what was typed, what reached 3CX (the simulator's log), what the person or
 * the channel saw. Names are looked up in the simulator's state rather than assumed, so new seed data keeps it true.
 */

const t = sharedTestBot();

type Obj = Record<string, unknown>;
const users = () => t.sim.state.users as Obj[];
const queues = () => t.sim.state.queues as Obj[];
const ask = async (text: string, user?: string) =>
  t.reply((await t.command(text, user ? { user } : {})).replyId);
const xapi = (method?: string) => t.xapiRequests().filter((r) => !method || r.method === method);
/** The first user whose last name no other user shares. */
function uniqueUser(): Obj {
  const all = users();
  const u = all.find((x) => all.filter((y) => y.LastName === x.LastName).length === 1 && x.Enabled !== false);
  if (!u) throw new Error('the simulator has no user with a unique last name');
  return u;
}
const agentsSent = () => ((xapi('PATCH')[0]?.body ?? {}) as { Agents: Obj[] }).Agents;
const name = (u: Obj) => `${String(u.FirstName)} ${String(u.LastName)}`;

describe('users: list and find', () => {
  it('`users` is a paged table with number, name, email and state', async () => {
    const text = await ask('users');
    const first = users()[0] as Obj;
    expect(text).toContain('Number');
    expect(text).toContain('Email');
    expect(text).toContain(String(first.Number));
    expect(text).toContain(String(first.EmailAddress));
    expect(text).toMatch(/registered|disabled/);
    const [list] = xapi('GET');
    expect(list?.operationKey).toBe('Users.ListUser');
    expect(list?.query.$top).toBe('100');
  });

  it('`users <word>` asks the PBX to filter, case-insensitively', async () => {
    const u = uniqueUser();
    const text = await ask(`users ${String(u.LastName).toUpperCase()}`);
    expect(text).toContain(String(u.EmailAddress));
    const filter = xapi('GET')[0]?.query.$filter ?? '';
    expect(filter).toContain('contains(tolower(LastName)');
  });
});

describe('user <ref>', () => {
  it('by extension number: a card by name and number', async () => {
    const u = uniqueUser();
    const text = await ask(`user ${String(u.Number)}`);
    expect(text).toContain(`User ${name(u)} (${String(u.Number)})`);
    expect(text).toContain(String(u.EmailAddress));
    expect(text).not.toContain('[1 item');
  });

  it('by id:, by email, by part of a name, without accents', async () => {
    const u = uniqueUser();
    expect(await ask(`user id:${String(u.Id)}`)).toContain(`${name(u)} (${String(u.Number)})`);
    expect(await ask(`user ${String(u.EmailAddress).toUpperCase()}`)).toContain(
      `${name(u)} (${String(u.Number)})`,
    );
    const accented = users().find(
      (x) =>
        String(x.FirstName).normalize('NFD') !== String(x.FirstName) &&
        users().filter((y) => y.FirstName === x.FirstName).length === 1,
    );
    if (accented) {
      const plain = String(accented.FirstName)
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
      expect(await ask(`user ${plain}`)).toContain(`${name(accented)} (${String(accented.Number)})`);
    }
  });

  it('never pages the whole list: one request, at most 11 rows asked for', async () => {
    const u = uniqueUser();
    t.sim.requests.length = 0;
    await ask(`user ${String(u.LastName)}`);
    const lists = xapi('GET').filter((r) => r.operationKey === 'Users.ListUser');
    expect(lists).toHaveLength(1);
    expect(Number(lists[0]?.query.$top)).toBeLessThanOrEqual(50);
  });

  it('several matches: a choice of buttons, each running the command with that Id', async () => {
    const first = 'Samwise';
    for (const [last, number] of [
      ['Gamgee', '931'],
      ['Brandybuck', '932'],
    ]) {
      await t.command(`user add first=${first} last=${last} number=${number}`);
    }
    await t.channelPost('C0OPS', 1);
    const text = await ask(`user ${first.toLowerCase()}`);
    expect(text).toContain('Several users match');
    const pick = /"action_id":"entity_pick_0","value":"([^"]+)"/.exec(text)?.[1];
    expect(pick).toMatch(/^user id:\d+$/);
    const click = await t.click('entity_pick_0', pick as string);
    expect(await t.reply(click.replyId)).toContain(first);
  });

  it('none: did-you-mean over the nearest names', async () => {
    const u = uniqueUser();
    const typo = `${String(u.LastName).slice(0, -1)}x`;
    const text = await ask(`user ${typo}zz`);
    expect(text).toContain('No user matches');
    expect(xapi('GET').length).toBeLessThanOrEqual(2);
  });
});

describe('writes', () => {
  it('`user <ref> set email=…` sends only that field and names the object in the channel', async () => {
    const u = { ...uniqueUser() };
    await t.command(`user ${String(u.Number)} set email=new.address@example.com`);
    const post = await t.channelPost('C0OPS');
    expect(post).toContain(`Updated user ${name(u)} (${String(u.Number)})`);
    expect(post).toContain(`EmailAddress: ${String(u.EmailAddress)} → new.address@example.com`);
    const patch = xapi('PATCH')[0];
    expect(patch?.body).toEqual({ EmailAddress: 'new.address@example.com' });
    expect(patch?.path).toBe(`/xapi/v1/Users(${String(u.Id)})`);
    const [row] = await t.store.auditList({ limit: 1, operation: 'Users.UpdateUser' });
    expect(row).toMatchObject({
      operation: 'Users.UpdateUser',
      params: { Id: u.Id },
      subject: `user ${name(u)} (${String(u.Number)})`,
    });
  });

  it('an unknown field gets did-you-mean and the list of fields; nothing is sent', async () => {
    const u = uniqueUser();
    const text = await ask(`user ${String(u.Number)} set emial=x@example.com`);
    expect(text).toContain('Did you mean `email`');
    expect(xapi('PATCH')).toHaveLength(0);
  });

  it('`user add` with fields creates and shows the new number and Id', async () => {
    await t.command('user add first=Nina last=Novak number=925 email=nina.novak@example.com');
    const post = await t.channelPost('C0OPS');
    expect(post).toMatch(/Created user Nina Novak \(925\), Id \d+/);
    expect(xapi('POST')[0]?.body).toMatchObject({ FirstName: 'Nina', LastName: 'Novak', Number: '925' });
  });

  it('`user <ref> delete` asks first, by name; only the asker confirms, once', async () => {
    const u = uniqueUser();
    const text = await ask(`user ${String(u.Number)} delete`);
    expect(text).toContain(`Delete user ${name(u)} (${String(u.Number)})`);
    expect(xapi('DELETE')).toHaveLength(0);
    const value = JSON.parse(
      `"${/"action_id":"confirm_run","value":"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? ''}"`,
    ) as string;
    const other = await t.click('confirm_run', value, { user: 'U0ADMIN2' });
    expect(await t.reply(other.replyId)).toContain('Only the person who asked');
    await t.click('confirm_run', value);
    const post = await t.channelPost('C0OPS');
    expect(post).toContain(`Deleted user ${name(u)} (${String(u.Number)})`);
    const again = await t.click('confirm_run', value);
    expect(await t.reply(again.replyId)).toContain('already answered');
    expect(xapi('DELETE')).toHaveLength(1);
  });
});

describe('member lists', () => {
  it('queue agents add keeps the others and names who was added', async () => {
    const q = queues()[0] as Obj;
    const before = (q.Agents as Obj[]).map((a) => a.Number);
    const outsider = users().find((u) => !before.includes(u.Number)) as Obj;
    await t.command(`queue ${String(q.Number)} agents add ${String(outsider.Number)}`);
    const post = await t.channelPost('C0OPS');
    expect(post).toContain(`Added ${name(outsider)} (${String(outsider.Number)}) to the agents of queue`);
    const sent = agentsSent().map((a) => a.Number);
    expect(sent).toEqual([...before, outsider.Number]);
  });

  it('remove takes one out and keeps the rest', async () => {
    const q = queues()[0] as Obj;
    const agents = q.Agents as Obj[];
    const gone = agents[0] as Obj;
    await t.command(`queue ${String(q.Number)} agents remove ${String(gone.Number)}`);
    await t.channelPost('C0OPS');
    const sent = agentsSent().map((a) => a.Number);
    expect(sent).toEqual(agents.slice(1).map((a) => a.Number));
  });
});
