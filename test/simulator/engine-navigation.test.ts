import { errorOf, useSimulator } from './helpers';

type Row = Record<string, unknown>;

describe('navigation properties', () => {
  const box = useSimulator();

  it('leaves navigation properties out of rows unless expanded', async () => {
    const [queue] = await box.xapi.list('/Queues');
    expect(queue).not.toHaveProperty('Agents');
    expect(queue).not.toHaveProperty('Managers');
    const [user] = await box.xapi.list('/Users?$top=1');
    expect(user).not.toHaveProperty('Groups');
    expect(user).toHaveProperty('FirstName');
  });

  it('expands with nested $select and $filter', async () => {
    const queues = await box.xapi.list('/Queues?$expand=Agents($select=Number,Name)');
    const agents = queues[0]?.Agents as Row[];
    expect(agents.length).toBeGreaterThan(0);
    for (const agent of agents) expect(Object.keys(agent).sort()).toEqual(['Name', 'Number']);
    const second = ((queues[0]?.Agents ?? []) as Row[])[1]?.Number as string;
    const filtered = await box.xapi.get(
      `/Queues(${String(queues[0]?.Id)})?$expand=Agents($filter=Number eq '${second}')`,
    );
    expect((filtered.body as { Agents: Row[] }).Agents.map((a) => a.Number)).toEqual([second]);
  });

  it('refuses an unknown navigation property with 400 naming the ones there are', async () => {
    const res = await box.xapi.get('/Queues?$expand=NoSuchNav');
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({
      target: '$expand',
      message: expect.stringContaining('Agents, Groups, Managers'),
    });
    expect((await box.xapi.get('/Queues?$expand=Agents($select=Nope)')).status).toBe(400);
  });

  it('answers the navigation paths of the document with the live list', async () => {
    const agents = await box.xapi.list('/Queues(1)/Agents');
    const seeded = ((box.sim.state.queues[0]?.Agents ?? []) as Row[]).map((a) => a.Number);
    expect(seeded.length).toBeGreaterThan(0);
    expect(agents.map((a) => a.Number)).toEqual(seeded);
    expect((await box.xapi.get('/Queues(999)/Agents')).status).toBe(404);
  });

  it('follows a rename and a delete of a user into every list', async () => {
    // Someone who is both an agent of a queue and a member of a ring group, if the company has one.
    const queues = box.sim.state.queues;
    const rings = box.sim.state.ringGroups;
    const inRing = new Set(rings.flatMap((r) => (r.Members as Row[]).map((m) => m.Number)));
    const queue = queues.find((q) => (q.Agents as Row[]).some((a) => inRing.has(a.Number))) ?? queues[0];
    const agent = (((queue?.Agents ?? []) as Row[]).find((a) => inRing.has(a.Number)) ??
      ((queue?.Agents ?? []) as Row[])[0]) as Row;
    const user = box.sim.state.users.find((u) => u.Number === agent.Number) as Row;
    const ring = rings.find((r) => (r.Members as Row[]).some((m) => m.Number === user.Number));
    const userPath = `/Users(${String(user.Id)})`;
    const agentsPath = `/Queues(${String(queue?.Id)})/Agents`;

    expect((await box.xapi.request('PATCH', userPath, { DisplayName: 'Renamed Person' })).status).toBe(204);
    expect((await box.xapi.list(agentsPath)).find((a) => a.Number === user.Number)?.Name).toBe(
      'Renamed Person',
    );
    if (ring) {
      const members = await box.xapi.list(`/RingGroups(${String(ring.Id)})/Members`);
      expect(members.find((m) => m.Number === user.Number)?.Name).toBe('Renamed Person');
    }

    expect((await box.xapi.request('DELETE', userPath)).status).toBe(204);
    expect((await box.xapi.list(agentsPath)).map((a) => a.Number)).not.toContain(user.Number);
    if (ring) {
      const members = await box.xapi.list(`/RingGroups(${String(ring.Id)})/Members`);
      expect(members.map((m) => m.Number)).not.toContain(user.Number);
    }
    // The number is free again, and a newcomer on it does not inherit the old memberships.
    expect((await box.xapi.request('POST', '/Users', { FirstName: 'New', Number: user.Number })).status).toBe(
      201,
    );
    expect((await box.xapi.list(agentsPath)).map((a) => a.Number)).not.toContain(user.Number);
  });

  it('lists a group’s members from the users who name it, and a user’s groups by their current names', async () => {
    const users = box.sim.state.users.filter((u) => (u.Groups as Row[]).some((g) => g.GroupId === 2));
    const members = await box.xapi.list('/Groups(2)/Members');
    expect(members.map((m) => m.Number).sort()).toEqual(users.map((u) => u.Number).sort());
    expect((await box.xapi.request('PATCH', '/Groups(2)', { Name: 'Sales EMEA' })).status).toBe(204);
    const user = users[0] as Row;
    const groups = await box.xapi.list(`/Users(${String(user.Id)})/Groups`);
    expect(groups.map((g) => g.Name)).toEqual(['Sales EMEA']);
    expect((await box.xapi.request('DELETE', '/Groups(2)')).status).toBe(204);
    expect(await box.xapi.list(`/Users(${String(user.Id)})/Groups`)).toEqual([]);
  });

  it('shows a PATCHed member list, replaced whole, in the next read', async () => {
    const body = { Agents: [{ Number: '104' }, { Number: '105' }] };
    expect((await box.xapi.request('PATCH', '/Queues(2)', body)).status).toBe(204);
    const agents = await box.xapi.list('/Queues(2)/Agents');
    expect(agents.map((a) => [a.Number, a.Name])).toEqual([
      ['104', box.sim.state.users[4]?.DisplayName],
      ['105', box.sim.state.users[5]?.DisplayName],
    ]);
  });
});
