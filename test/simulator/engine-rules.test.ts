import { errorOf, useSimulator } from './helpers';

/** 3CX's rules: one extension number space, unique names, required properties, alternate keys. */
describe('3CX rules on the entity sets', () => {
  const box = useSimulator();

  it.each([
    ['Groups', { Name: 'Taken number group', Number: '100' }],
    ['Queues', { Name: 'Taken number queue', Number: '100' }],
    ['RingGroups', { Name: 'Taken number ring group', Number: '100' }],
    ['Receptionists', { Name: 'Taken number IVR', Number: '100' }],
    ['Fax', { Number: '100' }],
    ['Parkings', { Number: '100' }],
    ['ServicePrincipals', { Number: '100' }],
    ['Users', { FirstName: 'Second', Number: '100' }],
  ])('refuses extension 100 (a user’s) for one of %s with 409', async (set, body) => {
    const res = await box.xapi.request('POST', `/${set}`, body);
    expect(res.status).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: '409', target: 'Number' });
    const owner = box.sim.state.users.find((u) => u.Number === '100');
    expect(errorOf(res).message).toContain(
      `ALREADY_IN_USE: Number '100' is already in use by Users 100 ${String(owner?.DisplayName)}`,
    );
    const holders = box.sim.state.sets[set]?.filter((r) => r.Number === '100') ?? [];
    expect(holders).toHaveLength(set === 'Users' ? 1 : 0);
  });

  it('refuses a PATCH that takes another kind’s number, and allows keeping one’s own', async () => {
    const queue = box.sim.state.queues[0] as Record<string, unknown>;
    const taken = await box.xapi.request('PATCH', `/Queues(${String(queue.Id)})`, { Number: '700' });
    expect(taken.status).toBe(409);
    expect(errorOf(taken).message).toContain('RingGroups');
    const same = await box.xapi.request('PATCH', `/Queues(${String(queue.Id)})`, { Number: queue.Number });
    expect(same.status).toBe(204);
  });

  it('hands out the first free extension, the one GetFirstAvailableExtensionNumber names, across kinds', async () => {
    const first = await box.xapi.get('/Users/Pbx.GetFirstAvailableExtensionNumber()');
    const free = (first.body as { Number: string }).Number;
    const taken = new Set(Object.values(box.sim.state.sets).flatMap((rows) => rows.map((r) => r.Number)));
    expect(taken.has(free)).toBe(false);
    for (let n = 100; n < Number(free); n++) expect(taken.has(String(n))).toBe(true);
    const ring = await box.xapi.request('POST', '/RingGroups', { Name: 'Night desk' });
    expect(ring.body).toMatchObject({ Number: free });
    const second = await box.xapi.get('/Users/Pbx.GetFirstAvailableExtensionNumber()');
    expect(second.body).toMatchObject({ Number: String(Number(free) + 1) });
    const fax = await box.xapi.request('POST', '/Fax', {});
    expect(fax.body).toMatchObject({ Number: String(Number(free) + 1) });
  });

  it.each([
    ['Groups', 'Sales'],
    ['Queues', 'Sales Queue'],
    ['RingGroups', 'Reception'],
  ])('keeps names unique in %s', async (set, name) => {
    const res = await box.xapi.request('POST', `/${set}`, { Name: name });
    expect(res.status).toBe(409);
    expect(errorOf(res)).toMatchObject({ target: 'Name', message: expect.stringContaining(`'${name}'`) });
  });

  it('requires the properties 3CX requires, naming them', async () => {
    const user = await box.xapi.request('POST', '/Users', { LastName: 'Nobody' });
    expect(user.status).toBe(400);
    expect(errorOf(user)).toMatchObject({
      target: 'FirstName',
      message: expect.stringContaining('FirstName'),
    });
    const property = await box.xapi.request('POST', '/TenantProperties', { Value: 'x' });
    expect(property.status).toBe(400);
    expect(errorOf(property).target).toBe('Name');
  });

  it('reads by the alternate key Number on every set that declares it', async () => {
    for (const set of ['Users', 'Queues', 'RingGroups', 'Trunks', 'Fax', 'Parkings', 'Receptionists']) {
      const row = box.sim.state.sets[set]?.[1] ?? box.sim.state.sets[set]?.[0];
      const res = await box.xapi.get(`/${set}(Number='${String(row?.Number)}')`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ Id: row?.Id, Number: row?.Number });
    }
    const missing = await box.xapi.get("/Users(Number='999')");
    expect(missing.status).toBe(404);
    expect(errorOf(missing).message).toBe("Users(Number='999') does not exist.");
  });

  it('finds a renumbered extension by its new number only', async () => {
    expect((await box.xapi.request('PATCH', '/Users(2)', { Number: '150' })).status).toBe(204);
    expect((await box.xapi.get("/Users(Number='150')")).body).toMatchObject({ Id: 2 });
    expect((await box.xapi.get("/Users(Number='101')")).status).toBe(404);
    expect((await box.xapi.request('POST', '/Parkings', { Number: '101' })).status).toBe(201);
  });
});
